"""The documents table: read in one place, resolved in one place.

A documents table is a CSV with a ``file`` column naming each report and
any other columns describing it (``id``, ``title``, ``year``, ``level``,
``region`` ...).  It is read by :func:`read_rows` -- UTF-8 with or without
the BOM Excel writes, else GB18030; cells stripped; a ``file`` named twice
refused -- for both of its uses:

- metadata (``summarize``, ``compare``, ``report --documents``): rows
  looked up by a report's path or name (:class:`textags._metadata.DocumentsTable`);
- labelled data (``train``, ``evaluate``, ``audit``, ``data ... --documents``):
  rows by ``id``, the report being ``raw/FILE`` beside the table
  (:func:`documents_table`).

For labelled data the table a user gives **adds to** the bundled one
(``data/documents.csv``): :func:`resolve` reads the bundled table first and
the user's after it, so where both name a document id the user's row wins,
and the bundled reports stay known (a researcher who labels a few reports
of their own and passes their table still trains and checks against the
bundled ones).  A user's table that does not exist is an error, never
silently ignored.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "docs.csv").write_text("id,file,level\\nmine,a.txt,street\\n", encoding="utf-8")
>>> table = resolve(d / "docs.csv")
>>> table["mine"]["path"] == str(d / "raw" / "a.txt"), table["mine"]["level"]
(True, 'street')
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ._errors import TextagsError


def decode(data: bytes, path: str) -> str:
    """A CSV file's bytes as text: UTF-8 (a BOM dropped), else GB18030; else a one-line error naming ``path``."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise TextagsError(f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8", path) from None


def read_rows(path: str | os.PathLike, need: tuple = ("file",), missing: str = "") -> list[dict[str, str]]:
    """The rows of a documents table (cells stripped), with the columns ``need``.

    ``missing`` is the advice when a needed column is absent.  A row with an
    empty ``file`` cell, or naming a file twice, is refused with its line.
    """
    where = str(path)
    p = Path(path)
    if p.is_dir():
        raise TextagsError("is a directory; give a documents table (CSV) like data/documents.csv", where)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        cols = f"columns {' and '.join(need)}" if len(need) > 1 else f"a {need[0]} column"
        raise TextagsError(f"no such documents table; give a CSV with {cols}", where) from None
    except OSError as exc:
        raise TextagsError(f"cannot be read ({exc.strerror}); check the path", where) from None
    reader = csv.DictReader(io.StringIO(decode(data, where), newline=""))
    try:
        fields = [(f or "").strip() for f in reader.fieldnames or ()]
        if not set(need) <= set(fields):
            raise TextagsError(missing or f"needs the columns {' and '.join(need)}", where, 1)
        rows, seen = [], {}
        for row in reader:
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
            if not any(row.values()):
                continue
            if not row.get("file"):
                raise TextagsError("the file cell is empty; name the report", where, reader.line_num)
            if row["file"] in seen:
                raise TextagsError(
                    f"{row['file']} is named twice (first on line {seen[row['file']]}); keep one row per report",
                    where,
                    reader.line_num,
                )
            seen[row["file"]] = reader.line_num
            rows.append(row)
    except csv.Error as exc:
        raise TextagsError(f"cannot be read as a UTF-8 CSV table ({exc}); save it as CSV UTF-8", where) from None
    return rows


def documents_table(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """A documents table by ``id``: ``{id: row}``, each row's ``path`` the report ``raw/FILE`` beside the table."""
    rows = read_rows(
        path, ("id", "file"), "needs the columns id and file; give a documents table like data/documents.csv"
    )
    base = Path(path).parent / "raw"
    return {row["id"]: {**row, "path": str(base / row["file"])} for row in rows}


def resolve(table: str | os.PathLike | None = None) -> dict[str, dict[str, str]]:
    """The documents known for labelled data: the bundled table, then the user's ``table`` (its rows win).

    Raises
    ------
    TextagsError
        When ``table`` is given and cannot be read.
    """
    from ._provenance import bundled_documents_csv

    out: dict[str, dict[str, str]] = {}
    bundled = bundled_documents_csv()
    if bundled is not None:
        out.update(documents_table(bundled))
    if table is not None:
        out.update(documents_table(table))
    return out


def report_paths(table: str | os.PathLike | None = None) -> dict[str, str]:
    """``{id: report path}`` of :func:`resolve`."""
    return {k: v["path"] for k, v in resolve(table).items()}
