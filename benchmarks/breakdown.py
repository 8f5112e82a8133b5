"""Where the time of tagging the corpus goes, stage by stage, in one process.

    python benchmarks/breakdown.py [--corpus ../shared/corpus]

Prints the seconds spent reading and segmenting, cutting words (rjieba and,
for comparison, jieba), building features, scoring, and finding each unit's
top terms, for all reports of the corpus.
"""

from __future__ import annotations

import argparse
import glob
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import textags  # noqa: E402
from textags import tokenize  # noqa: E402
from textags.model import load_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    corpus = Path(args.corpus) if Path(args.corpus).is_dir() else ROOT / "data" / "raw"
    files = sorted(glob.glob(str(corpus / "*" / "*.txt")) + glob.glob(str(corpus / "street" / "*.md")))
    model = load_model()
    scorer = model.scorer

    def clock(label, fn):
        t = time.perf_counter()
        out = fn()
        print(f"{label:<44}{time.perf_counter() - t:6.2f} s")
        return out

    print(f"{len(files)} files; tokenizer {tokenize.backend()}")
    docs = clock("read, clean and segment", lambda: [textags.load(f) for f in files])
    texts = [[u.text for u in d.coded_units] for d in docs]
    clock("cut words (cached for the steps below)", lambda: [[tokenize.cut(t) for t in x] for x in texts])
    raw = [d.text for d in docs]
    import jieba
    import rjieba  # noqa: F401 (the comparison needs both)

    jieba.setLogLevel(60)
    ref = jieba.Tokenizer()
    clock("jieba: load its dictionary", lambda: ref.lcut("测试"))
    clock("jieba: cut the whole corpus", lambda: [ref.lcut(t) for t in raw])
    fast = tokenize._RustJieba(rjieba)
    clock("rjieba: cut the whole corpus", lambda: [fast.lcut(t) for t in raw])
    feats = clock("build feature vectors", lambda: [scorer.batch_features(x) for x in texts])
    probs = clock("score", lambda: [scorer.scores(f, len(x)) for f, x in zip(feats, texts)])
    clock("top terms of every unit", lambda: [scorer.batch_top_terms(f, p.argmax(1), 5) for f, p in zip(feats, probs)])


if __name__ == "__main__":
    main()
