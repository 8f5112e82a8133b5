"""Label sheets saved as Excel workbooks.

A researcher filling ``queue.csv`` in Excel may save the sheet as a
workbook: an ``.xlsx`` workbook is read with the optional ``openpyxl``
(``pip install "textags[xlsx]"``) or refused with a message that says how
to save it as CSV.  (Labels written as the codebook's Chinese names or in
any case are read by :meth:`textags._codebook.Codebook.label_id`.)

Examples
--------
>>> is_workbook("queue.xlsx", b""), is_workbook("queue.csv", b"doc,index")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterator

from ._errors import TextagsError

#: How a workbook's file starts (a zip archive) and the suffixes of Excel files.
WORKBOOK_MAGIC = b"PK\x03\x04"
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def is_workbook(path: str, data: bytes) -> bool:
    """Whether a labelled file is an Excel workbook (by its suffix or its first bytes)."""
    return (
        path.lower().endswith(EXCEL_SUFFIXES) or data.startswith(WORKBOOK_MAGIC) or data.startswith(b"\xd0\xcf\x11\xe0")
    )


def workbook_rows(path: str, check=None) -> Iterator[tuple[int, dict]]:
    """(row number, row) pairs of the first sheet of an ``.xlsx`` workbook, its first row the header.

    Needs ``openpyxl`` (``pip install "textags[xlsx]"``); without it, or for
    an old ``.xls`` file, the error says to save the sheet as CSV UTF-8.
    ``check(columns, path)`` is called with the header's column names.
    """
    advice = "Excel workbook: save as CSV UTF-8 (File > Save As > CSV UTF-8)"
    if path.lower().endswith(".xls"):
        raise TextagsError(f"is an old {advice}", path)
    try:
        import openpyxl
    except ImportError:
        raise TextagsError(f'is an {advice}, or pip install "textags[xlsx]" to read workbooks', path) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TextagsError(f"cannot be read as an {advice} ({type(exc).__name__})", path) from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise TextagsError("is empty; a labelled sheet needs a header row", path)
        names = [str(h or "").strip().lower() for h in header]
        if check is not None:
            check(names, path)
        for n, values in enumerate(rows, 2):
            cells = ["" if v is None else _text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            yield n, dict(zip(names, cells))
    finally:
        book.close()


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
