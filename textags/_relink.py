"""Relinking labelled rows after a change of segmentation: each row moves to the unit that now carries its text.

No row is ever dropped: a row whose text no unit carries any more keeps its
label and index, its note marked :data:`textags._labels.UNLINKED`.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ._doctable import decode
from ._formulas import neutral, restored
from ._labels import UNLINKED, _check_columns


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
    from ._atomic import atomic_open
    from ._readers import read
    from ._segment import segment

    path = Path(path)
    raw = path.read_bytes()
    text = decode(raw, str(path))
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
