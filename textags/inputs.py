"""What a caller hands textags, made into a :class:`Document`: a path, a report's text, or a document.

The rule is explicit and never guesses from a string's shape alone:

- a :class:`~textags.document.Document` is used as it is;
- a :class:`os.PathLike` (``pathlib.Path``) is always a file to read;
- a ``str`` is a file only when a file of that name exists, otherwise it is text;
- ``path=`` and ``text=`` say which it is, for those who want no rule at all.

Examples
--------
>>> as_document(text="坚持党管武装。").units[0].text
'坚持党管武装。'
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     doc = as_document("报告全文见附件.docx")  # no such file: the string is text
>>> doc.units[0].text, str(caught[0].message)[:22]
('报告全文见附件.docx', "no file '报告全文见附件.docx'")
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from .document import Document
from .readers import read
from .segment import segment

#: a string longer than this, or with a line break, is never looked up as a file name
MAX_PATH_CHARS = 4096


def load(path, *, name: str | None = None) -> Document:
    """Read a report file and segment it; the document is named after the file.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = p.write_text("坚持党管武装。", encoding="gb18030")
    >>> load(p).name, load(p).units[0].text
    ('plan', '坚持党管武装。')
    """
    path = os.fspath(path)
    text = read(path)
    if name is None:
        name = "stdin" if path == "-" else Path(path).stem
    return segment(text, name=name, path=None if path == "-" else path)


def _is_existing_file(s: str) -> bool:
    if "\n" in s or "\r" in s or not s or len(s) > MAX_PATH_CHARS:
        return False
    try:
        return os.path.isfile(s)
    except (OSError, ValueError):  # a NUL byte, a name too long for the system
        return False


def as_document(doc=None, *, path=None, text: str | None = None) -> Document:
    """A :class:`Document` from a document, a path or a text (see the module's rule).

    Raises
    ------
    TypeError
        Nothing, or more than one of ``doc``, ``path`` and ``text``, or a value
        that is none of a document, a path and a string.
    """
    given = [x is not None for x in (doc, path, text)]
    if sum(given) != 1:
        raise TypeError("give exactly one of a document, path= or text=")
    if path is not None:
        return load(path)
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"text= takes a str, not a {type(text).__name__}")
        return segment(text)
    if isinstance(doc, Document):
        return doc
    if isinstance(doc, os.PathLike):
        return load(doc)
    if isinstance(doc, str):
        if _is_existing_file(doc):
            return load(doc)
        if _looks_like_a_file_name(doc):
            warnings.warn(
                f"no file {doc!r}: tagging the string itself as text; pass path= to read a file",
                UserWarning,
                stacklevel=3,
            )
        return segment(doc)
    raise TypeError(f"cannot tag a {type(doc).__name__}; give a Document, a path or a text")


def _looks_like_a_file_name(s: str) -> bool:
    """A short single line with no sentence punctuation ending in a report file's suffix."""
    return (
        len(s) < 260
        and "\n" not in s
        and not any(ch in s for ch in "。，；：！？")
        and s.lower().endswith((".txt", ".md", ".markdown", ".pdf", ".docx", ".doc"))
    )
