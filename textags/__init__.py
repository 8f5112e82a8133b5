"""textags: tag the sentences of Chinese government work reports with a policy domain.

The public API, along the data's way::

    read(path)              -> raw text of a .txt/.md/.docx/.pdf report
    segment(text)           -> Document of units (sentences, headings, set-aside pieces)
    load(path)              -> read + segment, named after the file
    load_model(path=None)   -> the shipped default model, or one you trained
    tag(doc_or_text)        -> the document with every unit tagged
    compare(docs)           -> emphasis rows for several documents

Nothing heavy is imported until it is used: no model, dictionary or
scikit-learn at ``import textags``.

Examples
--------
>>> import textags
>>> doc = textags.segment("一、抓党建\\n坚持党管武装，有效落实民兵整组任务。")
>>> [u.kind for u in doc.units]
['heading', 'body']
"""

from __future__ import annotations

from .document import Document, Tag, Unit
from .errors import TextagsError
from .readers import read
from .segment import segment

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Tag",
    "TextagsError",
    "Unit",
    "__version__",
    "compare",
    "load",
    "load_model",
    "plot_compare",
    "read",
    "segment",
    "tag",
]


def load(path, *, name: str | None = None) -> Document:
    """Read a report file and segment it; the document is named after the file.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = p.write_text("坚持党管武装。", encoding="gb18030")
    >>> load(p).name, load(p).units[0].text
    ('plan', '坚持党管武装。')
    """
    import os
    from pathlib import Path

    path = os.fspath(path)
    text = read(path)
    if name is None:
        name = "stdin" if path == "-" else Path(path).stem
    return segment(text, name=name, path=None if path == "-" else path)


def __getattr__(name: str):
    # the heavy parts load on first use
    if name in ("load_model", "tag"):
        from . import model

        return getattr(model, name)
    if name == "compare":
        from .emphasis import compare

        return compare
    if name == "plot_compare":
        from .plot import plot_compare

        return plot_compare
    raise AttributeError(f"module 'textags' has no attribute {name!r}")
