"""Reading and checking labelled files.

A labelled file holds one row per unit, with the columns ``doc``, ``index``,
``text`` and ``label`` (and optionally ``reviewed``, ``coder``, ``note``).
CSV (UTF-8, with or without the BOM Excel writes, any line ends) and JSONL
(one object per line) are both read; in CSV, the apostrophe textags puts
before a cell that a spreadsheet would run as a formula is taken off again
(:mod:`textags._formulas`).  A row whose ``label`` is empty is an
unlabelled row: it is skipped and counted, never guessed.

Examples
--------
>>> import io
>>> rows, skipped = read_labelled_text("doc,index,text,label\\nd,0,坚持党管武装。,party\\nd,1,各位代表：,\\n", "x.csv")
>>> [(r.text, r.label) for r in rows], skipped
([('坚持党管武装。', 'party')], 1)
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ._codebook import codebook_of
from ._doctable import decode
from ._errors import TextagsError
from ._formulas import restored

REQUIRED_COLUMNS = ("doc", "index", "text", "label")
OPTIONAL_COLUMNS = ("reviewed", "coder", "note", "kind", "section", "file")
_TRUE = {"1", "true", "yes", "y", "t", "reviewed"}


@dataclass(frozen=True)
class LabelledUnit:
    """One labelled row: a unit of a document and its label."""

    doc: str
    index: int
    text: str
    label: str
    reviewed: bool = True
    coder: str = ""
    note: str = ""
    section: str = ""
    path: str = ""
    line: int = 0
    #: the report file the unit was read from (the ``file`` column that ``textags label`` writes), if given
    file: str = ""


def _check_columns(columns: Iterable[str], path: str, line: int = 1, what: str = "column") -> None:
    """Raise for the required columns (or JSON fields) that ``columns`` lacks."""
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        needs = "a labelled file needs the columns" if what == "column" else "each object needs"
        raise TextagsError(
            f"missing {what} {', '.join(repr(c) for c in missing)}; {needs} " + ", ".join(REQUIRED_COLUMNS), path, line
        )


def _rows(text: str, path: str) -> Iterator[tuple[int, dict]]:
    """(line number, row) pairs of a CSV or JSONL text."""
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TextagsError(
                    f"not a JSON object ({exc.msg}); each line must be one JSON object", path, n
                ) from None
            if not isinstance(row, dict):
                raise TextagsError("not a JSON object; each line must be one JSON object", path, n)
            _check_columns(row.keys(), path, n, "field")
            yield n, row
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise TextagsError("is empty; a labelled file needs a header row", path) from None
    except csv.Error as exc:
        raise TextagsError(f"is not valid CSV ({exc}); save it as CSV UTF-8", path, 1) from None
    header = [h.strip().lstrip("\ufeff").lower() for h in header]
    _check_columns(header, path)
    try:
        for row in reader:
            n = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise TextagsError(f"has {len(row)} fields where the header has {len(header)}; check quoting", path, n)
            yield n, dict(zip(header, map(restored, row)))
    except csv.Error as exc:
        raise TextagsError(f"is not valid CSV ({exc}); save it as CSV UTF-8", path, reader.line_num) from None


def read_labelled_text(
    text: str, path: str = "<text>", *, strict: bool = True, codebook=None
) -> tuple[list[LabelledUnit], int]:
    """Parse a labelled file's text; return its labelled rows and the count of empty labels.

    With ``strict``, the first problem raises :class:`TextagsError` naming
    ``path`` and the line; :func:`check_files` collects all problems instead.
    Labels are those of ``codebook`` (:class:`textags._codebook.Codebook`;
    default the six-label codebook).
    """
    return _labelled(_rows(text, path), path, strict, codebook)


def _file_rows(path: str) -> Iterator[tuple[int, dict]]:
    """(line, row) pairs of a labelled file: CSV, JSONL or an Excel workbook (:mod:`textags._sheets`)."""
    from ._sheets import is_workbook, workbook_rows

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TextagsError(f"cannot be read ({exc.strerror})", path) from None
    if is_workbook(path, data):
        return workbook_rows(path, _check_columns)
    return _rows(decode(data, path), path)


def _labelled(pairs, path: str, strict: bool, codebook=None) -> tuple[list[LabelledUnit], int]:
    rows: list[LabelledUnit] = []
    skipped = 0
    for n, row in pairs:
        label = str(row.get("label") or "").strip()
        if not label or str(row.get("note") or "").startswith(UNLINKED):
            skipped += 1
            continue
        try:
            unit = _unit(row, path, n, codebook)
        except TextagsError:
            if strict:
                raise
            continue
        rows.append(unit)
    return rows, skipped


def _unit(row: dict, path: str, n: int, codebook=None) -> LabelledUnit:
    cb = codebook_of(codebook)
    given = str(row.get("label") or "").strip()
    label = cb.label_id(given)
    if label is None:
        raise TextagsError(f"unknown label {given!r}; use one of {cb.label_help()}", path, n)
    text = str(row.get("text") or "")
    if not text.strip():
        raise TextagsError("empty text; every labelled row needs the unit's text", path, n)
    doc = str(row.get("doc") or "").strip()
    if not doc:
        raise TextagsError("empty doc; every row needs the id of its document", path, n)
    try:
        index = int(str(row.get("index")).strip())
    except ValueError:
        raise TextagsError(f"index {row.get('index')!r} is not a whole number", path, n) from None
    reviewed = row.get("reviewed")
    reviewed_raw = "1" if reviewed is None else str(reviewed).strip().lower()
    return LabelledUnit(
        doc=doc,
        index=index,
        text=text,
        label=label,
        reviewed=reviewed_raw in _TRUE,
        coder=str(row.get("coder") or ""),
        note=str(row.get("note") or ""),
        section=str(row.get("section") or ""),
        path=path,
        line=n,
        file=str(Path(path).parent / row["file"]) if str(row.get("file") or "").strip() else "",
    )


def labelled_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """The labelled files named by ``paths``; a directory gives its .csv and .jsonl files."""
    out: list[str] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix.lower() in (".csv", ".jsonl", ".xlsx") and q.is_file())
            if not found:
                raise TextagsError("has no .csv, .jsonl or .xlsx labelled files", str(p))
            out.extend(str(q) for q in found)
        elif p.exists():
            out.append(str(p))
        else:
            raise TextagsError("no such file or directory; check the path", str(p))
    return out


def read_labelled(paths: Iterable[str | os.PathLike], codebook=None) -> tuple[list[LabelledUnit], int]:
    """Read labelled files (or directories of them); stop at the first problem.

    Returns the rows and the number of rows skipped for an empty label.
    Labels are those of ``codebook`` (default the six-label codebook).
    """
    rows: list[LabelledUnit] = []
    skipped = 0
    for path in labelled_files(paths):
        r, s = _labelled(_file_rows(path), path, True, codebook)
        rows.extend(r)
        skipped += s
    if not rows:
        raise TextagsError(
            "no labelled rows found (every label empty?); fill the label column", ", ".join(map(str, paths))
        )
    return rows, skipped


#: The start of the note of a row :func:`textags._relink.relink_file` could not place: kept, but not read for training.
UNLINKED = "[unlinked]"


# --------------------------------------------------------------------------
# checking


@dataclass(frozen=True)
class Problem:
    """One problem found by :func:`check_files`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def check_files(
    paths: Iterable[str | os.PathLike], documents: dict | None = None, raw_root: str | None = None, codebook=None
) -> list[Problem]:
    """Check labelled files and list every problem found.

    Checks: missing columns, unknown labels, empty text, rows that are not
    whole, a unit labelled twice with different labels, and -- when the
    document is known from ``documents`` (``data/documents.csv``) -- a unit
    whose text no longer matches what the segmenter gives for its document.

    Parameters
    ----------
    paths : files or directories
    documents : dict, optional
        ``{doc id: file path}`` of the source reports.
    """
    problems: list[Problem] = []
    seen: dict[tuple[str, int], LabelledUnit] = {}
    by_doc: dict[str, list[LabelledUnit]] = {}
    try:
        files = labelled_files(paths)
    except TextagsError as exc:
        return [Problem(exc.path or "", 0, exc.message)]
    for path in files:
        try:
            rows = list(_file_rows(path))
        except TextagsError as exc:
            problems.append(Problem(path, exc.line or 0, exc.message))
            continue
        for n, row in rows:
            if not str(row.get("label") or "").strip():
                continue
            if str(row.get("note") or "").startswith(UNLINKED):
                problems.append(Problem(path, n, "row is unlinked: " + str(row["note"])[len(UNLINKED) :].strip()))
                continue
            try:
                unit = _unit(row, path, n, codebook)
            except TextagsError as exc:
                problems.append(Problem(path, n, exc.message))
                continue
            key = (unit.doc, unit.index)
            other = seen.get(key)
            if other is not None:
                if other.label != unit.label:
                    problems.append(
                        Problem(
                            path,
                            n,
                            f"unit {unit.doc}#{unit.index} is labelled {unit.label!r} here and {other.label!r} at "
                            + (f"line {other.line}" if other.path == path else f"{other.path}:{other.line}")
                            + "; keep one label",
                        )
                    )
                continue
            seen[key] = unit
            by_doc.setdefault(unit.doc, []).append(unit)
    if documents:
        problems.extend(_check_texts(by_doc, documents))
    return problems


def _check_texts(by_doc: dict[str, list[LabelledUnit]], documents: dict) -> list[Problem]:
    from ._readers import read
    from ._segment import segment

    problems = []
    for doc, units in by_doc.items():
        source = documents.get(doc)
        if source is None:
            continue
        segmented = segment(read(source), name=doc)
        texts = {u.index: u.text for u in segmented.units}
        for unit in units:
            got = texts.get(unit.index)
            if got != unit.text:
                what = "no unit" if got is None else f"the unit {got[:30]!r}"
                problems.append(
                    Problem(
                        unit.path,
                        unit.line,
                        f"text no longer matches the segmenter: {doc}#{unit.index} is {what}; relabel the document",
                    )
                )
    return problems
