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

STREET = ROOT / "data" / "raw" / "street"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def main() -> None:
    for path in sorted(STREET.iterdir()):
        doc = textags.load(path)
        out = GOLDEN / (path.stem + ".jsonl")
        with open(out, "w", encoding="utf-8") as fh:
            for u in doc.units:
                fh.write(
                    json.dumps(
                        {
                            "index": u.index,
                            "start": u.start,
                            "end": u.end,
                            "kind": u.kind,
                            "section": list(u.section),
                            "text": u.text,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        print(out, len(doc.units))


if __name__ == "__main__":
    main()
