"""The naive peer of the benchmarks: what a researcher writes by hand in an afternoon.

A regex sentence split, ``jieba.lcut`` as the TfidfVectorizer tokenizer, a
logistic regression, the fitted pipeline saved with joblib; tagging loads it
and writes one JSON line per sentence.  Trained on the same labelled corpus
as textags, so the two do the same job.

    python benchmarks/peer_naive.py train MODEL.joblib
    python benchmarks/peer_naive.py tag MODEL.joblib FILE... -o OUT.jsonl
"""

from __future__ import annotations

import csv
import glob
import json
import re
import sys
from pathlib import Path

import jieba

SPLIT = re.compile(r"(?<=[。！？；!?;])")


def jieba_tokenize(text):  # module level, so the pipeline pickles
    return jieba.lcut(text)


def train(out: str) -> None:
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
    pipe = make_pipeline(
        TfidfVectorizer(tokenizer=jieba_tokenize, token_pattern=None), LogisticRegression(max_iter=1000)
    )
    pipe.fit(texts, labels)
    joblib.dump(pipe, out)


def tag(model: str, files: list[str], out: str) -> None:
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


if __name__ == "__main__":
    sys.modules.setdefault("peer_naive", sys.modules[__name__])
    if sys.argv[1] == "train":
        train(sys.argv[2])
    else:
        o = sys.argv.index("-o")
        tag(sys.argv[2], sys.argv[3:o], sys.argv[o + 1])
