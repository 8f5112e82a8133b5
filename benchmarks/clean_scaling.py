"""Seconds that cleaning takes on 10,000 and 100,000 lines: the work grows linearly.

    python benchmarks/clean_scaling.py [--corpus ../shared/corpus] [--sizes 10000 100000]

Two inputs, each cut to the number of lines asked for:

- ``wrapped``: the street report extracted from a PDF
  (``street/baoshan-youyilu-2021-work-summary.txt``: hard wraps every ~25
  characters, footnotes between the lines of a paragraph, markers glued to
  words), repeated;
- ``notes``: paragraphs each followed by a numbered footnote-like line
  (``推进科创7工作举措，…`` / ``7 说明：…``), numbered 1 to 90 over and over --
  the shape that made footnote marking quadratic (issue 19).

Prints, per input and size, the shortest of ``--runs`` runs of
:func:`textags._clean.clean` and the seconds per 10,000 lines.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textags._clean import clean  # noqa: E402


def inputs(corpus: Path, n: int) -> dict[str, str]:
    wrapped = (corpus / "street" / "baoshan-youyilu-2021-work-summary.txt").read_text("utf-8").splitlines()
    lines = (wrapped * (n // len(wrapped) + 1))[:n]
    notes = []
    for i in range(n // 2):
        k = i % 90 + 1
        notes += [f"推进科创{k}工作举措，街道完成加装电梯。", f"{k} 说明：开展一轮以科创为主题的大讨论。"]
    return {"wrapped": "\n".join(lines), "notes": "\n".join(notes)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    for size in args.sizes:
        for name, text in inputs(Path(args.corpus), size).items():
            best = float("inf")
            for _ in range(args.runs):
                t = time.perf_counter()
                clean(text)
                best = min(best, time.perf_counter() - t)
            print(f"{name:8s} {size:>7,} lines  {best:7.2f} s  ({best / size * 10_000:.2f} s per 10,000 lines)")


if __name__ == "__main__":
    main()
