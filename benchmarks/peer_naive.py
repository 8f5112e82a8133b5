"""The naive peer of the benchmarks: the hand-written pipeline of ``peer_pipeline.py`` with jieba.

A regex sentence split, ``jieba.lcut`` as the TfidfVectorizer tokenizer, a
logistic regression, the fitted pipeline saved with joblib; tagging loads it
and writes one JSON line per sentence.  Trained on the same labelled corpus
as textags, so the two do the same job.

    python benchmarks/peer_naive.py train MODEL.joblib
    python benchmarks/peer_naive.py tag MODEL.joblib FILE... -o OUT.jsonl
"""

from __future__ import annotations

import jieba
from peer_pipeline import main


def jieba_tokenize(text):  # module level, so the pipeline pickles
    return jieba.lcut(text)


if __name__ == "__main__":
    main("peer_naive", jieba_tokenize)
