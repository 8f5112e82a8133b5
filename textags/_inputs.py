"""What a caller hands textags, made into a :class:`Document`: a path, a report's text, or a document.

The rule is explicit and never guesses from a string's shape alone:

- a :class:`~textags._document.Document` is used as it is;
- a :class:`os.PathLike` (``pathlib.Path``) is always a file to read;
- a ``str`` is a file only when a file of that name exists, otherwise it is text;
- ``path=`` and ``text=`` say which it is, for those who want no rule at all.

It also reads the other files a caller hands textags: a file of pre-split
lines (:func:`read_lines`) and a user dictionary (:func:`read_userdict`).

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

from ._document import Document
from ._errors import TextagsError
from ._readers import read
from ._segment import segment

#: a string longer than this, or with a line break, is never looked up as a file name
MAX_PATH_CHARS = 4096


def load(path, *, name: str | None = None) -> Document:
    """Read a report file and segment it; the document is named after the file.

    Parameters
    ----------
    path : str or PathLike
        A .txt, .md, .docx or .pdf report, or ``-`` for standard input.
    name : str, optional
        The document's name; default: the file's name without its suffix.

    Examples
    --------
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


def read_lines(path: str) -> list[str]:
    """The non-empty lines of a text file (or ``-``), each stripped.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "lines.txt"
    >>> _ = p.write_text(" 坚持党管武装。\\n\\n  \\n新增就业岗位358个。", encoding="utf-8")
    >>> read_lines(str(p))
    ['坚持党管武装。', '新增就业岗位358个。']
    """
    from ._readers import decode

    if path == "-":
        from ._limits import read_bounded

        data = read_bounded(path)
        text = decode(data, "<stdin>") if data.strip() else ""
    else:
        text = read(path)
    lines = [ln.strip() for ln in text.splitlines()]
    return [ln for ln in lines if ln]


def read_userdict(path: str) -> list[str]:
    """The distinct terms of a user dictionary: one per non-empty line of a text file."""
    from ._limits import read_bounded
    from ._readers import decode

    data = read_bounded(path)
    try:
        text = decode(data, path) if data.strip() else ""
    except TextagsError:
        raise TextagsError(
            "is not a text file; give the user dictionary as text, one policy term per line", path
        ) from None
    return list(dict.fromkeys(t for t in (ln.strip() for ln in text.splitlines()) if t))
