"""Label sheets as people fill them: labels in any case or as the codebook's Chinese names, and Excel workbooks.

A researcher filling ``queue.csv`` in Excel may write ``Economy`` or the
codebook's own name ``经济发展`` (:data:`textags.labels.LABEL_NAMES_ZH`) in
the ``label`` column, and may save the sheet as a workbook.  Labels are
read as the English ids (:func:`label_id`); an ``.xlsx`` workbook is read
with the optional ``openpyxl`` (``pip install "textags[xlsx]"``) or refused
with a message that says how to save it as CSV.

Examples
--------
>>> label_id("Economy"), label_id(" 经济发展 "), label_id("党建"), label_id("economics")
('economy', 'economy', 'party', None)
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import TextagsError
from .labels import LABEL_NAMES_ZH, LABELS

#: Chinese names people write for the labels: the codebook's, and its short forms.
ZH_NAMES = {
    **{zh: lab for lab, zh in LABEL_NAMES_ZH.items()},
    "经济": "economy",
    "民生": "livelihood",
    "安全": "safety",
    "平安": "safety",
    "党建": "party",
    "治理": "governance",
    "其它": "other",
}

#: How a workbook's file starts (a zip archive) and the suffixes of Excel files.
WORKBOOK_MAGIC = b"PK\x03\x04"
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def label_id(text: str) -> str | None:
    """The label id a person meant: an id in any case, or a Chinese name; None if neither."""
    t = str(text).strip()
    if t.lower() in LABELS:
        return t.lower()
    return ZH_NAMES.get(t.replace(" ", ""))


def label_help() -> str:
    """The accepted labels, for an error message."""
    return ", ".join(f"{lab} ({LABEL_NAMES_ZH[lab]})" for lab in LABELS)


def is_workbook(path: str, data: bytes) -> bool:
    """Whether a labelled file is an Excel workbook (by its suffix or its first bytes)."""
    return (
        path.lower().endswith(EXCEL_SUFFIXES) or data.startswith(WORKBOOK_MAGIC) or data.startswith(b"\xd0\xcf\x11\xe0")
    )


def workbook_rows(path: str) -> Iterator[tuple[int, dict]]:
    """(row number, row) pairs of the first sheet of an ``.xlsx`` workbook, its first row the header.

    Needs ``openpyxl`` (``pip install "textags[xlsx]"``); without it, or for
    an old ``.xls`` file, the error says to save the sheet as CSV UTF-8.
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
        from .labels import _check_columns

        _check_columns(names, path)
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
