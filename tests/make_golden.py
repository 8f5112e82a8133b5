"""Regenerate the golden segmentation files of the four street/district reports.

Run only after a deliberate change to cleaning or segmentation, then read the
diff unit by unit (``git diff tests/data/golden``) before committing: the
golden files are what a person checked.

    python tests/make_golden.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import textags  # noqa: E402
from textags.records import unit_record  # noqa: E402

STREET = ROOT / "data" / "raw" / "street"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def main() -> None:
    for path in sorted(STREET.iterdir()):
        doc = textags.load(path)
        out = GOLDEN / (path.stem + ".jsonl")
        with open(out, "w", encoding="utf-8") as fh:
            for u in doc.units:
                record = {k: v for k, v in unit_record(doc, u).items() if k != "doc"}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(out, len(doc.units))


if __name__ == "__main__":
    main()
