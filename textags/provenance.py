"""What is known about a document: level, region and year, from ``data/documents.csv`` or its name.

Examples
--------
>>> info_from_name("gwr-1985")
{'year': '1985', 'level': 'national'}
>>> info_from_name("baoshan-youyilu-2022-work-plan")
{'year': '2022', 'level': 'street'}
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[0-9]\d)(?!\d)")
_LEVELS = (
    (re.compile(r"gwr|national|国务院|全国"), "national"),
    (re.compile(r"prov|province|省|自治区"), "province"),
    (re.compile(r"district|区政府|county|县"), "district"),
    (re.compile(r"street|街道|town|镇|jiedao|youyilu|jingansi"), "street"),
)


def info_from_name(name: str) -> dict[str, str]:
    """Year and level guessed from a file or document name."""
    out = {}
    m = _YEAR.search(name)
    if m:
        out["year"] = m.group(1)
    for pat, level in _LEVELS:
        if pat.search(name):
            out["level"] = level
            break
    return out


@lru_cache(maxsize=4)
def _table(path: str) -> dict:
    rows = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            rows[row["id"]] = row
            rows[Path(row["file"]).stem] = row
    return rows


def bundled_documents_csv() -> Path | None:
    """The documents table of the bundled reports: installed (``textags/reports``) or of a source checkout."""
    here = Path(__file__).resolve().parent
    for p in (here / "reports" / "documents.csv", here.parent / "data" / "documents.csv"):
        if p.exists():
            return p
    return None


def doc_info(doc, documents_csv: str | Path | None = None) -> dict[str, str]:
    """``year``, ``level`` and ``region`` of a document, from the table or its name."""
    info = {k: str(v) for k, v in dict(doc.meta).items() if k in ("year", "level", "region")}
    table_path = documents_csv or bundled_documents_csv()
    if table_path is not None:
        row = _table(str(table_path)).get(doc.name)
        if row:
            return {"year": row["year"], "level": row["level"], "region": row["region"], **info}
    return {**info_from_name(doc.name), **info}
