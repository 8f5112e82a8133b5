"""The label set, and reading and checking labelled files.

A labelled file holds one row per unit, with the columns ``doc``, ``index``,
``text`` and ``label`` (and optionally ``reviewed``, ``coder``, ``note``).
CSV (UTF-8, with or without the BOM Excel writes, any line ends) and JSONL
(one object per line) are both read; in CSV, the apostrophe textags puts
before a cell that a spreadsheet would run as a formula is taken off again
(:mod:`textags.formulas`).  A row whose ``label`` is empty is an
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

from .errors import TextagsError
from .formulas import neutral, restored

#: The six labels of the codebook, in their fixed order.
LABELS = ("economy", "livelihood", "safety", "party", "governance", "other")
#: The five policy domains: every label but ``other``.
DOMAINS = LABELS[:5]
#: Chinese names of the labels.
LABEL_NAMES_ZH = {
    "economy": "经济发展",
    "livelihood": "民生保障",
    "safety": "平安安全",
    "party": "党的建设",
    "governance": "城市治理",
    "other": "其他",
}

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


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise TextagsError(f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8", path) from None


def read_labelled_text(text: str, path: str = "<text>", *, strict: bool = True) -> tuple[list[LabelledUnit], int]:
    """Parse a labelled file's text; return its labelled rows and the count of empty labels.

    With ``strict``, the first problem raises :class:`TextagsError` naming
    ``path`` and the line; :func:`check_files` collects all problems instead.
    """
    return _labelled(_rows(text, path), path, strict)


def _file_rows(path: str) -> Iterator[tuple[int, dict]]:
    """(line, row) pairs of a labelled file: CSV, JSONL or an Excel workbook (:mod:`textags.sheets`)."""
    from .sheets import is_workbook, workbook_rows

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TextagsError(f"cannot be read ({exc.strerror})", path) from None
    if is_workbook(path, data):
        return workbook_rows(path)
    return _rows(_decode(data, path), path)


def _labelled(pairs, path: str, strict: bool) -> tuple[list[LabelledUnit], int]:
    rows: list[LabelledUnit] = []
    skipped = 0
    for n, row in pairs:
        label = str(row.get("label") or "").strip()
        if not label or str(row.get("note") or "").startswith(UNLINKED):
            skipped += 1
            continue
        try:
            unit = _unit(row, path, n)
        except TextagsError:
            if strict:
                raise
            continue
        rows.append(unit)
    return rows, skipped


def _unit(row: dict, path: str, n: int) -> LabelledUnit:
    from .sheets import label_help, label_id

    given = str(row.get("label") or "").strip()
    label = label_id(given)
    if label is None:
        raise TextagsError(f"unknown label {given!r}; use one of {label_help()}", path, n)
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


def read_labelled(paths: Iterable[str | os.PathLike]) -> tuple[list[LabelledUnit], int]:
    """Read labelled files (or directories of them); stop at the first problem.

    Returns the rows and the number of rows skipped for an empty label.
    """
    rows: list[LabelledUnit] = []
    skipped = 0
    for path in labelled_files(paths):
        r, s = _labelled(_file_rows(path), path, True)
        rows.extend(r)
        skipped += s
    if not rows:
        raise TextagsError(
            "no labelled rows found (every label empty?); fill the label column", ", ".join(map(str, paths))
        )
    return rows, skipped


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
    paths: Iterable[str | os.PathLike], documents: dict | None = None, raw_root: str | None = None
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
                unit = _unit(row, path, n)
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
    from .readers import read
    from .segment import segment

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


def documents_table(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Read ``data/documents.csv``: ``{id: row}``, with ``path`` resolved against ``raw/`` beside it."""
    path = Path(path)
    if path.is_dir():
        raise TextagsError("is a directory; give a documents table (CSV) like data/documents.csv", str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TextagsError(f"cannot be read ({exc.strerror}); check the path", str(path)) from None
    reader = csv.DictReader(io.StringIO(_decode(data, str(path)), newline=""))
    if not {"id", "file"} <= set(reader.fieldnames or ()):
        raise TextagsError(
            "needs the columns id and file; give a documents table like data/documents.csv", str(path), 1
        )
    rows = {}
    for row in reader:
        row = dict(row)
        row["path"] = str(path.parent / "raw" / (row["file"] or ""))
        rows[row["id"]] = row
    return rows


# --------------------------------------------------------------------------
# relinking after a change of segmentation


def relink_rows(rows: list[dict], units) -> tuple[list[dict], list[dict]]:
    """Move labelled rows to the units that now carry their text.

    ``rows`` are one document's rows (dicts with ``index`` and ``text``) and
    ``units`` its current units.  Each row goes to a unit with exactly its
    text, the nearest in order; rows whose text no unit has any more are
    returned apart, to be labelled again.

    >>> from textags import segment
    >>> doc = segment("各位代表：\\n税收增长。\\n就业稳定。")
    >>> moved, lost = relink_rows([{"index": "0", "text": "税收增长。"}, {"index": "1", "text": "已删除。"}], doc.units)
    >>> [r["index"] for r in moved], [r["text"] for r in lost]
    ([1], ['已删除。'])
    """
    by_text: dict[str, list[int]] = {}
    for u in units:
        by_text.setdefault(u.text, []).append(u.index)
    moved, lost, used = [], [], set()
    shift = 0
    for row in sorted(rows, key=lambda r: int(r["index"])):
        old = int(row["index"])
        candidates = [i for i in by_text.get(row["text"], []) if i not in used]
        if not candidates:
            lost.append(row)
            continue
        new = min(candidates, key=lambda i: (abs(i - (old + shift)), i))
        shift = new - old
        used.add(new)
        moved.append({**row, "index": new})
    return moved, lost


#: The start of the note of a row :func:`relink_file` could not place: kept, but not read for training.
UNLINKED = "[unlinked]"


def unlinked(row: dict) -> dict:
    """``row`` kept with its label, its note marked :data:`UNLINKED` (its text matches no unit any more).

    >>> unlinked({"index": "3", "text": "旧句。", "label": "party", "note": "见附件"})["note"]
    '[unlinked] its text matches no unit of the document any more; give it the index of its new unit (and remove this mark) or delete the row | 见附件'
    """
    note = str(row.get("note") or "")
    if note.startswith(UNLINKED):
        return dict(row)
    mark = f"{UNLINKED} its text matches no unit of the document any more; give it the index of its new unit (and remove this mark) or delete the row"
    return {**row, "note": f"{mark} | {note}" if note else mark}


def relink_file(path: str | os.PathLike, documents: dict) -> tuple[int, list[dict]]:
    """Relink one labelled CSV file in place (atomically); return rows kept and rows that matched no unit.

    No row is ever dropped: a row whose text no unit carries any more keeps
    its label and index, its note marked :data:`UNLINKED`, and is skipped
    when labelled files are read until someone places it again.  A UTF-8
    BOM at the start of the file is kept.
    """
    from .atomic import atomic_open
    from .readers import read
    from .segment import segment

    path = Path(path)
    raw = path.read_bytes()
    text = _decode(raw, str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f.lstrip("\ufeff") for f in (reader.fieldnames or [])]
    reader.fieldnames = fields
    _check_columns(fields, str(path))
    rows = [{k: restored(v) if isinstance(v, str) else v for k, v in r.items()} for r in reader]
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    out, lost_all = [], []
    for doc, doc_rows in by_doc.items():
        if doc not in documents:
            out.extend(doc_rows)
            continue
        units = segment(read(documents[doc]), name=doc).units
        moved, lost = relink_rows(doc_rows, units)
        kinds = {u.index: u for u in units}
        for r in moved:
            u = kinds[r["index"]]
            if "kind" in r:
                r["kind"] = u.kind
            if "section" in r:
                r["section"] = " > ".join(u.section)
        out.extend(moved)
        out.extend(unlinked(r) for r in lost)
        lost_all.extend(lost)
    if lost_all and "note" not in fields:
        fields.append("note")
    out.sort(key=lambda r: (r["doc"], int(r["index"])))
    with atomic_open(path, "w", encoding="utf-8", newline="") as fh:
        if raw.startswith(b"\xef\xbb\xbf"):
            fh.write("\ufeff")  # kept, so Excel still reads the file as UTF-8
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n", restval="")
        w.writeheader()
        w.writerows({k: neutral(v) for k, v in r.items()} for r in out)
    return len(out), lost_all
