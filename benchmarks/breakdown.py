"""Where the time of tagging the corpus goes, stage by stage, in one process.

    python benchmarks/breakdown.py [--corpus ../shared/corpus]

Prints the seconds (the shortest of three runs; jieba's steps run once; the
n-gram lookups are built before any clock) spent reading and segmenting, cutting words (rjieba and,
for comparison, jieba), building features, scoring, finding each unit's top
terms, all of tagging (those, the codebook rules and the neighbours), and making and writing the
records (and the JSON lines that `textags tag` writes straight from the units), for all reports
of the corpus (the files `benchmarks/bench.py` times);
then the start of a fresh Python process that imports numpy and rjieba.
"""

from __future__ import annotations

import argparse
import glob
import io
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import textags  # noqa: E402
from textags import _tokenize as tokenize  # noqa: E402
from textags._model import load_model  # noqa: E402
from textags._output import write_jsonl  # noqa: E402
from textags._records import unit_json_lines, unit_records  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    corpus = Path(args.corpus) if Path(args.corpus).is_dir() else ROOT / "data" / "raw"
    files = sorted(glob.glob(str(corpus / "*" / "*.txt")) + glob.glob(str(corpus / "street" / "*.md")))
    model = load_model()
    model.tag_texts(["热身。", "预热"])  # build the n-gram lookups before any clock
    scorer = model.scorer

    def clock(label, fn, times=3):
        """Run ``fn`` ``times`` times; print the shortest time (the least disturbed by other load)."""
        best = float("inf")
        for _ in range(times):
            t = time.perf_counter()
            out = fn()
            best = min(best, time.perf_counter() - t)
        print(f"{label:<44}{best:6.2f} s")
        return out

    print(f"{len(files)} files; tokenizer {tokenize.backend()}")
    docs = clock("read, clean and segment", lambda: [textags.load(f) for f in files])
    texts = [[u.text for u in d.coded_units] for d in docs]
    raw = [d.text for d in docs]
    import jieba
    import rjieba  # noqa: F401 (the comparison needs both)

    jieba.setLogLevel(60)
    ref = jieba.Tokenizer()
    clock("jieba: load its dictionary", lambda: ref.lcut("测试"), times=1)
    clock("jieba: cut the whole corpus", lambda: [ref.lcut(t) for t in raw], times=1)
    fast = tokenize._RustJieba(rjieba)
    clock("rjieba: cut the whole corpus", lambda: [fast.lcut(t) for t in raw])
    feats = clock("build feature vectors (words cut in it)", lambda: [scorer.batch_features(x) for x in texts])
    probs = clock("score", lambda: [scorer.scores(f, len(x)) for f, x in zip(feats, texts)])
    clock("top terms of every unit", lambda: [scorer.batch_top_terms(f, p.argmax(1), 5) for f, p in zip(feats, probs)])
    tagged = clock("Model.tag (rules and neighbours included)", lambda: [model.tag(d) for d in docs])
    records = clock("records of every unit", lambda: [unit_records(d, coded_only=True) for d in tagged])
    clock("JSON lines of every record (json module)", lambda: [write_jsonl(r, io.StringIO()) for r in records])
    # what `textags tag --format jsonl` does instead of the two steps above
    clock("JSON lines straight from the units", lambda: [unit_json_lines(d, coded_only=True) for d in tagged])

    # what any tagger in Python spends on this corpus, whatever its own code: starting the
    # interpreter with numpy and rjieba, cutting the words, and writing one JSON line per unit
    probe = [sys.executable, "-c", "import numpy, rjieba"]
    starts = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(probe, check=True)
        starts.append(time.perf_counter() - t)
    print(f"{'a fresh python importing numpy and rjieba':<44}{statistics.median(starts):6.2f} s (median of 5)")


if __name__ == "__main__":
    main()
