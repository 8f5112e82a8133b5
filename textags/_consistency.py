"""Consistency of labels: the same or nearly the same wording labelled differently.

A labelled corpus drifts: a sentence that recurs from year to year, or from
report to report, gets one label here and another there, and a decision
settled for one unit is not carried to its siblings.  :func:`consistency_groups`
finds such cases in any labelled data: it groups the rows whose texts are
identical or near-identical once punctuation, digits, whitespace and letter
case are folded (:func:`fold`), and lists the groups whose labels differ,
worst first.

Near-identical means a Jaccard similarity of the folded texts' character
3-grams of at least ``threshold`` (0.9 by default).  Candidates come from
MinHash signatures and locality-sensitive hashing (bands of the signature as
bucket keys), and each candidate pair is then checked exactly, so the work
grows with the number of rows, not with its square.  A pair at or above the
threshold is missed only if no band of their signatures agrees; the band
width is chosen so that this chance is at most 1 in 10,000 (:func:`band_width`).

A group whose every row carries a note is *settled*: someone wrote down why
its labels differ.  Settled groups are listed after the unsettled ones (or
left out, with ``settled=False``).

Examples
--------
>>> from textags._labels import LabelledUnit as U
>>> rows = [U("a", 3, "社会组织、人道救助、志愿服务、公益慈善健康发展。", "governance"),
...         U("b", 7, "社会组织、人道救助、志愿服务、公益慈善健康发展", "livelihood"),
...         U("c", 1, "全年新增就业1200人。", "livelihood")]
>>> [(g.kind, [r.doc for r in g.rows], g.labels) for g in consistency_groups(rows)]
[('identical', ['a', 'b'], {'governance': 1, 'livelihood': 1})]
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._labels import LabelledUnit

#: Characters in a shingle.
SHINGLE = 3
#: MinHash signature length; it is split into bands of equal width for the buckets.
NUM_PERM = 128
#: The highest chance to miss a pair at the threshold that the band width is chosen for.
MAX_MISS = 1e-4

_DIGITS = re.compile(r"\d+")


def fold(text: str) -> str:
    """The text as compared: width and case folded, punctuation and whitespace out, digit runs as ``#``.

    >>> fold("全年开展监督检查 150 次，处理１２人。")
    '全年开展监督检查#次处理#人'
    """
    text = unicodedata.normalize("NFKC", text).lower()
    kept = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSZC")
    return _DIGITS.sub("#", kept)


def shingles(folded: str, k: int = SHINGLE) -> set[str]:
    """The character ``k``-grams of a folded text (the whole text when shorter).

    >>> sorted(shingles("城镇化率"))
    ['城镇化', '镇化率']
    """
    if len(folded) <= k:
        return {folded} if folded else set()
    return {folded[i : i + k] for i in range(len(folded) - k + 1)}


def jaccard(a: set, b: set) -> float:
    """Jaccard similarity of two sets (1.0 for two empty sets).

    >>> jaccard({"ab", "bc"}, {"bc", "cd"})
    0.3333333333333333
    """
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


class _MinHasher:
    """MinHash signatures of shingle sets, from a fixed seed (the same on every run)."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = 20261127):
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, 2**32, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, 2**32, size=num_perm, dtype=np.uint64)

    def signature(self, grams: set[str]) -> np.ndarray:
        h = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))
        # (a*x + b) mod 2^32 for every hash function and shingle; the minimum per function
        mixed = (h[:, None] * self.a[None, :] + self.b[None, :]) & np.uint64(0xFFFFFFFF)
        return mixed.min(axis=0)


def band_width(threshold: float, num_perm: int = NUM_PERM, max_miss: float = MAX_MISS) -> int:
    """The widest band (rows of the signature) that misses a pair at ``threshold`` with chance <= ``max_miss``.

    A pair of Jaccard similarity ``s`` agrees on a band of width ``r`` with
    chance ``s**r``; with ``num_perm // r`` bands it is missed with chance
    ``(1 - s**r) ** (num_perm // r)``.  Wider bands give fewer candidates.

    >>> band_width(0.9), band_width(0.7), band_width(0.5)
    (4, 2, 2)
    """
    for r in (16, 8, 4, 2, 1):
        if (1 - threshold**r) ** (num_perm // r) <= max_miss:
            return r
    return 1


def candidate_pairs(signatures: Sequence[np.ndarray], bands: int = 16) -> set[tuple[int, int]]:
    """Pairs of items whose signatures agree on at least one band (locality-sensitive hashing).

    >>> s = [np.array([1, 2, 3, 4]), np.array([1, 2, 9, 9]), np.array([5, 6, 7, 8])]
    >>> sorted(candidate_pairs(s, bands=2))
    [(0, 1)]
    """
    pairs: set[tuple[int, int]] = set()
    if not signatures:
        return pairs
    width = len(signatures[0]) // bands
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i, sig in enumerate(signatures):
            buckets[sig[band * width : (band + 1) * width].tobytes()].append(i)
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    return pairs


@dataclass(frozen=True)
class Group:
    """Rows whose folded texts are identical or near-identical, and their labels."""

    rows: tuple[LabelledUnit, ...]
    kind: str  # identical (one folded text) or near (Jaccard >= threshold)
    similarity: float  # the lowest similarity of a joining pair (1.0 for identical)
    labels: dict = field(default_factory=dict)  # label: number of rows

    @property
    def settled(self) -> bool:
        """Every row carries a note (saying why its label differs)."""
        return all(r.note.strip() for r in self.rows)

    @property
    def dissent(self) -> int:
        """Rows that do not carry the group's most common label."""
        return len(self.rows) - max(self.labels.values())


def _union_find(n: int):
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    return find, union


def consistency_groups(
    rows: Iterable[LabelledUnit], *, threshold: float = 0.9, settled: bool = True, stats: dict | None = None
) -> list[Group]:
    """Groups of identical or near-identical units whose labels differ, worst first.

    Parameters
    ----------
    rows : LabelledUnit
        Labelled rows (:func:`textags._labels.read_labelled`).
    threshold : float
        Jaccard similarity of character 3-grams of the folded texts at or above
        which two texts are near-identical; 1.0 keeps identical texts only.
    settled : bool
        Also list the settled groups (every row has a note), after the others.
    stats : dict, optional
        Filled with ``texts`` (distinct folded texts), ``candidates`` and
        ``checked`` (pairs compared exactly).

    Returns
    -------
    list of Group
        Worst first: unsettled before settled, then more rows off the group's
        most common label, then more rows, identical before near.
    """
    rows = [r for r in rows if fold(r.text)]
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_text[fold(r.text)].append(i)
    texts = list(by_text)
    grams = [shingles(t) for t in texts]
    find, union = _union_find(len(texts))
    lowest: dict[int, float] = {}
    candidates: set[tuple[int, int]] = set()
    if threshold < 1.0 and len(texts) > 1:
        hasher = _MinHasher()
        candidates = candidate_pairs([hasher.signature(g) for g in grams], NUM_PERM // band_width(threshold))
        joined = []
        for i, j in candidates:
            sim = jaccard(grams[i], grams[j])
            if sim >= threshold:
                joined.append((i, j, sim))
        for i, j, _ in joined:
            union(i, j)
        for i, _, sim in joined:
            root = find(i)
            lowest[root] = min(lowest.get(root, 1.0), sim)
    if stats is not None:
        stats.update(texts=len(texts), candidates=len(candidates), checked=len(candidates))
    members: dict[int, list[int]] = defaultdict(list)
    for t in range(len(texts)):
        members[find(t)].append(t)
    groups = []
    for root, ts in members.items():
        idx = sorted((i for t in ts for i in by_text[texts[t]]), key=lambda i: (rows[i].doc, rows[i].index))
        labels = Counter(rows[i].label for i in idx)
        if len(labels) < 2:
            continue
        kind = "identical" if len(ts) == 1 else "near"
        groups.append(
            Group(tuple(rows[i] for i in idx), kind, 1.0 if kind == "identical" else lowest[root], dict(labels))
        )
    groups = [g for g in groups if settled or not g.settled]
    groups.sort(key=lambda g: (g.settled, -g.dissent, -len(g.rows), g.kind != "identical", g.rows[0].doc))
    return groups


def group_records(groups: Sequence[Group]) -> list[dict]:
    """One record per row of each group: what ``textags data consistency`` prints.

    >>> from textags._labels import LabelledUnit as U
    >>> g = consistency_groups([U("a", 1, "城镇化率提高。", "economy", path="x.csv", line=2),
    ...                         U("b", 4, "城镇化率提高", "governance", path="y.csv", line=5)])
    >>> [(r["group"], r["file"], r["line"], r["doc"], r["index"], r["label"]) for r in group_records(g)]
    [(1, 'x.csv', 2, 'a', 1, 'economy'), (1, 'y.csv', 5, 'b', 4, 'governance')]
    """
    out = []
    for n, g in enumerate(groups, 1):
        labels = " / ".join(f"{lab} {c}" for lab, c in sorted(g.labels.items(), key=lambda kv: (-kv[1], kv[0])))
        for r in g.rows:
            out.append(
                {
                    "group": n,
                    "match": g.kind,
                    "similarity": round(g.similarity, 3),
                    "labels": labels,
                    "settled": g.settled,
                    "file": r.path,
                    "line": r.line,
                    "doc": r.doc,
                    "index": r.index,
                    "label": r.label,
                    "note": r.note,
                    "text": r.text,
                }
            )
    return out
