"""The hand-written pipeline the peers of the benchmarks share: what a researcher writes in an afternoon.

A regex sentence split, a ``TfidfVectorizer`` whose tokenizer is the peer's
own (``benchmarks/peer_naive.py``: ``jieba.lcut``; ``benchmarks/peer_rjieba.py``:
``rjieba.cut``), a logistic regression, the fitted pipeline saved with joblib;
tagging loads it and writes one JSON line per sentence.  Trained on the same
labelled corpus as textags, so the peers and textags do the same job.

    python benchmarks/PEER.py train MODEL.joblib
    python benchmarks/PEER.py tag MODEL.joblib FILE... -o OUT.jsonl

This module imports neither tokenizer, so each peer pays only for its own.
"""

from __future__ import annotations

import csv
import glob
import json
import re
import sys
from pathlib import Path

SPLIT = re.compile(r"(?<=[。！？；!?;])")


def train(out: str, tokenizer) -> None:
    """Fit the pipeline on ``data/labelled`` with ``tokenizer`` (a module-level function, so it pickles)."""
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts, labels = [], []
    root = Path(__file__).resolve().parent.parent / "data" / "labelled"
    for path in sorted(glob.glob(str(root / "*.csv"))):
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                texts.append(row["text"])
                labels.append(row["label"])
    pipe = make_pipeline(TfidfVectorizer(tokenizer=tokenizer, token_pattern=None), LogisticRegression(max_iter=1000))
    pipe.fit(texts, labels)
    joblib.dump(pipe, out)


def tag(model: str, files: list[str], out: str) -> None:
    """Tag the sentences of ``files`` with the pipeline saved in ``model``; one JSON line each to ``out``."""
    import joblib

    pipe = joblib.load(model)
    with open(out, "w", encoding="utf-8") as fh:
        for path in files:
            text = Path(path).read_text(encoding="utf-8")
            sentences = [s.strip() for line in text.splitlines() for s in SPLIT.split(line) if s.strip()]
            if not sentences:
                continue
            for i, (s, label) in enumerate(zip(sentences, pipe.predict(sentences))):
                fh.write(
                    json.dumps({"doc": Path(path).stem, "index": i, "text": s, "label": label}, ensure_ascii=False)
                    + "\n"
                )


def main(name: str, tokenizer) -> None:
    """The command line of the peer script ``name`` (run as ``__main__``), whose tokenizer is ``tokenizer``."""
    sys.modules.setdefault(name, sys.modules["__main__"])  # the pickled tokenizer names the peer's module
    if sys.argv[1] == "train":
        train(sys.argv[2], tokenizer)
    else:
        o = sys.argv.index("-o")
        tag(sys.argv[2], sys.argv[3:o], sys.argv[o + 1])
