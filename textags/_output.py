"""Writing records: JSONL, CSV (UTF-8 with BOM, for Excel), TSV, and tables aligned for CJK text.

Records are plain dicts.  Writers take an open text stream, so output can go
to standard output or, through :func:`open_output`, to a file written
atomically.

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> write_table([{"label": "economy", "text": "税收增长"}, {"label": "party", "text": "党建"}], out)
>>> print(out.getvalue(), end="")
label    text
-------  --------
economy  税收增长
party    党建
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from ._clean import display_width
from ._formulas import neutral


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else "nan"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    return str(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` display columns (wide characters count 2)."""
    return text + " " * max(0, width - display_width(text))


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` display columns, with … when cut."""
    if display_width(text) <= width:
        return text
    out, w = [], 0
    for ch in text:
        cw = display_width(ch)
        if w + cw > width - 1:
            break
        out.append(ch)
        w += cw
    return "".join(out) + "…"


def write_table(
    records: Sequence[dict], out: IO[str], columns: Sequence[str] | None = None, max_width: int = 60
) -> None:
    """An aligned plain-text table; wide (CJK) characters count as two columns."""
    records = list(records)
    if not records:
        return
    columns = list(columns or records[0].keys())
    cells = [[truncate(_cell(r.get(c)), max_width) for c in columns] for r in records]
    widths = [max(display_width(c), *(display_width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    out.write("  ".join(pad(c, w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(pad(v, w) for v, w in zip(row, widths)).rstrip() + "\n")


#: ``json.dumps(r, ensure_ascii=False)`` without building an encoder for every record.
_JSON = json.JSONEncoder(ensure_ascii=False)


def write_jsonl(records: Iterable[dict], out: IO[str]) -> None:
    """One JSON object per line, UTF-8 text (not escaped)."""
    encode = _JSON.encode
    out.write("".join([encode(r) + "\n" for r in records]))


def write_csv(
    records: Iterable[dict], out: IO[str], columns: Sequence[str] | None = None, bom: bool = True, header: bool = True
) -> None:
    """CSV with a header; nested values as JSON.  A BOM first, so Excel reads UTF-8.

    Text cells that a spreadsheet would run as a formula get a leading ``'``
    (see :mod:`textags._formulas`); numbers stay numbers.
    """
    records = iter(records)
    first = next(records, None)
    if first is None:
        return
    columns = list(columns or first.keys())
    if bom:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    if header:
        w.writerow(columns)
    for r in [first, *records]:
        w.writerow(
            [
                _cell(r.get(c))
                if isinstance(r.get(c), (dict, list, tuple, float))
                else ("" if r.get(c) is None else neutral(r.get(c)))
                for c in columns
            ]
        )


def write_tsv(records: Iterable[dict], out: IO[str], columns: Sequence[str] | None = None) -> None:
    """Tab-separated values with a header; tabs and newlines in values become spaces."""
    records = iter(records)
    first = next(records, None)
    if first is None:
        return
    columns = list(columns or first.keys())
    out.write("\t".join(columns) + "\n")
    for r in [first, *records]:
        out.write("\t".join(_tsv_cell(r.get(c)) for c in columns) + "\n")


def _tsv_cell(value) -> str:
    """A TSV cell: numbers as :func:`_cell` writes them, text neutralised as in :func:`write_csv`."""
    return _cell(value) if isinstance(value, (int, float)) else neutral(_cell(value))


def records_text(records: Sequence[dict], format: str = "jsonl", columns: Sequence[str] | None = None) -> str:
    """Records as JSON lines, or as CSV rows without BOM or header (``columns``: as in :func:`write_csv`).

    >>> records_text([{"label": "economy", "text": "税收增长"}])
    '{"label": "economy", "text": "税收增长"}\\n'
    >>> records_text([{"label": "economy", "text": "税收增长"}], "csv")
    'economy,税收增长\\r\\n'
    """
    buf = io.StringIO()
    if format == "jsonl":
        write_jsonl(records, buf)
    elif format == "csv":
        write_csv(records, buf, columns, bom=False, header=False)
    else:
        raise ValueError(f"format must be jsonl or csv, not {format!r}")
    return buf.getvalue()


def write_csv_header(out: IO[str], columns: Sequence[str], bom: bool = True) -> None:
    """The first line of :func:`write_csv` (after its BOM), for rows written by :func:`records_text`."""
    if bom:
        out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerow(columns)


@contextlib.contextmanager
def open_output(path: str | None, force: bool = False, newline: str | None = None) -> Iterator[IO[str]]:
    """Standard output for None or ``-``; else a file written atomically, refused if it exists."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    from ._atomic import atomic_open, check_writable

    check_writable(path, force)
    with atomic_open(path, "w", encoding="utf-8", newline=newline) as fh:
        yield fh
