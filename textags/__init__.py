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
from .inputs import load
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
