"""How often the metadata read from a report's text agrees with a table kept by people.

Reads every report named in ``data/documents.csv`` (the bundled reports) and
in ``../shared/corpus/local/SOURCES.csv`` (local reports, as saved from the
web) with :func:`textags._metadata.read_metadata` -- from the text alone,
never the file name -- and compares ``level`` and ``year`` with the tables'
columns.  A value read as ``unknown`` (nothing in the text says it) is
counted apart from a value read wrong.

Run: python benchmarks/metadata_agreement.py [--misses]
"""

from __future__ import annotations

import argparse
import csv
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textags import load  # noqa: E402
from textags._metadata import UNKNOWN, read_metadata  # noqa: E402

TABLES = (
    (ROOT / "data" / "documents.csv", ROOT / "data" / "raw"),
    (ROOT.parent / "shared" / "corpus" / "local" / "SOURCES.csv", ROOT.parent / "shared" / "corpus" / "local"),
)
FIELDS = ("level", "year")


def agreement(table: Path, base: Path) -> tuple[int, dict, list]:
    """Reports read, ``{field: (agree, unknown, wrong)}`` and the wrong values."""
    with open(table, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    counts = {f: [0, 0, 0] for f in FIELDS}
    wrong = []
    for r in rows:
        read = read_metadata(load(base / r["file"]))
        for f in FIELDS:
            if read[f] == r[f]:
                counts[f][0] += 1
            elif read[f] == UNKNOWN:
                counts[f][1] += 1
            else:
                counts[f][2] += 1
                wrong.append((r["file"], f, r[f], read[f], read["title"]))
    return len(rows), {f: tuple(c) for f, c in counts.items()}, wrong


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true", help="list the values read wrong")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    for table, base in TABLES:
        if not table.is_file():
            print(f"{table}: not found, skipped")
            continue
        n, counts, wrong = agreement(table, base)
        print(f"{table.relative_to(ROOT.parent)}: {n} reports")
        for f, (ok, unknown, bad) in counts.items():
            print(f"  {f:5s}  agree {ok}/{n} = {ok / n:.1%}   unknown {unknown}   wrong {bad}")
        if args.misses:
            for file, f, want, got, title in wrong:
                print(f"    {file}: {f} {got} read, table says {want} (title read: {title})")


if __name__ == "__main__":
    main()
