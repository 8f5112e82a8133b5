"""The rjieba peer of the benchmarks: the hand-written pipeline of ``peer_pipeline.py`` with rjieba.

The same as ``peer_naive.py`` -- regex sentence split, TfidfVectorizer,
logistic regression, joblib, trained on the same labelled corpus -- with
``rjieba.cut`` (jieba-rs, what textags's extra ``fast`` installs) as the
tokenizer: what a user who knows of the fast tokenizer writes.

    python benchmarks/peer_rjieba.py train MODEL.joblib
    python benchmarks/peer_rjieba.py tag MODEL.joblib FILE... -o OUT.jsonl
"""

from __future__ import annotations

import rjieba
from peer_pipeline import main


def rjieba_tokenize(text):  # module level, so the pipeline pickles
    return rjieba.cut(text)


if __name__ == "__main__":
    main("peer_rjieba", rjieba_tokenize)
