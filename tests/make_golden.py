"""Regenerate the golden segmentation files: the four street/district reports and ten local reports.

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
from textags._records import unit_record  # noqa: E402

STREET = ROOT / "data" / "raw" / "street"
LOCAL = ROOT / "data" / "raw" / "local"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"

#: Local reports (web pages of every level and shape) with golden files; none is held out
#: (data/heldout-local.json).  Each was read unit by unit: docs/coding-notes/golden-review.md.
LOCAL_GOLDEN = (
    "p004-street-wuxi-huazhuang-2022",  # disclosure page: breadcrumb, dateline, metadata table
    "p006-street-ningbo-dongliu-2023",  # pipe metadata table; the whole report on one line
    "p010-district-beijing-chaoyang-2021-2021",  # breadcrumb, blank lines between paragraphs
    "p015-district-chengdu-chenghua-2023",  # forum repost: user panel
    "q080-district-ningbo-haishu-2023",  # news page: menu, headline, image file name
    "p066-town-yishui-shagou-2021",  # letter-spaced metadata table in pipes
    "q008-town-zengcheng-zhengguo-2024",  # disclosure site name, metadata, print/font tools
    "q064-town-gutian-pinghu-2023",  # document-sharing site details; PDF hard wraps
    "q017-county-chuxiong-shuangbai-2020",  # repost with a duplicated dateline
    "p095-city-hainan-zhou-qinghai-2023",  # aggregator menu, blank lines, letter-spaced title
)


def main() -> None:
    for path in [*sorted(STREET.iterdir()), *(LOCAL / f"{stem}.txt" for stem in LOCAL_GOLDEN)]:
        doc = textags.load(path)
        out = GOLDEN / (path.stem + ".jsonl")
        with open(out, "w", encoding="utf-8") as fh:
            for u in doc.units:
                record = {k: v for k, v in unit_record(doc, u).items() if k != "doc"}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(out, len(doc.units))


if __name__ == "__main__":
    main()
