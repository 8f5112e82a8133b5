"""n-grams as integers: where they start, and their columns in a model's vocabulary.

A :class:`~textags._model.Scorer` builds the features of a whole batch of
units at once.  Every n-gram of the batch -- of characters or of words -- is
written as one integer (its items' codes in a fixed base), and all of them
are looked up together in a :class:`HashIndex` of the vocabulary's integers:
an open-addressing hash table probed with numpy, one vectorised probe per
round.  No n-gram crosses from one unit into the next.

Examples
--------
>>> index = CharIndex(["经", "济", "经济", "发展"])
>>> index.lookup(["抓经济", "促发展"], 1, 2)  # (unit, column) of 经, 济, 经济 and 发展
(array([0, 0, 0, 1]), array([0, 1, 2, 3]))
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat

import numpy as np

#: Multiplier of the table's hash (Knuth's multiplicative hashing with the golden ratio).
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


class HashIndex:
    """A map from distinct non-negative integer codes to columns, looked up a whole array at a time.

    Open addressing with linear probing in a table at most a quarter full,
    so a lookup takes one or two probes on average; each round of probes is
    one numpy operation over all keys still searching.

    >>> index = HashIndex(np.array([7, 70, 700], dtype=np.uint64), np.array([0, 1, 2]))
    >>> index.get(np.array([700, 5, 7], dtype=np.uint64))
    array([ 2, -1,  0])
    """

    def __init__(self, codes: np.ndarray, cols: np.ndarray):
        codes = np.asarray(codes, dtype=np.uint64)
        cols = np.asarray(cols, dtype=np.int64)
        bits = max(int(4 * len(codes)).bit_length(), 4)
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self._keys = np.zeros(1 << bits, dtype=np.uint64)
        self._cols = np.full(1 << bits, -1, dtype=np.int64)  # -1: an empty slot
        slot = self._slot(codes)
        waiting = np.arange(len(codes))
        while len(waiting):
            at = slot[waiting]
            free = self._cols[at] < 0
            # of the codes aiming at one free slot, the first takes it; the others move on
            taken, first = np.unique(at[free], return_index=True)
            placed = waiting[free][first]
            self._keys[taken] = codes[placed]
            self._cols[taken] = cols[placed]
            done = np.zeros(len(codes), dtype=bool)
            done[placed] = True
            waiting = waiting[~done[waiting]]
            slot[waiting] = (slot[waiting] + 1) & self._mask

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return ((keys * _GOLDEN) >> self._shift).astype(np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, -1 where the key is not in the index."""
        keys = np.asarray(keys, dtype=np.uint64)
        slot = self._slot(keys)
        col = self._cols[slot]
        hit = (col >= 0) & (self._keys[slot] == keys)
        out = np.where(hit, col, -1)
        searching = np.flatnonzero((col >= 0) & ~hit)
        while len(searching):
            at = (slot[searching] + 1) & self._mask
            slot[searching] = at
            col = self._cols[at]
            hit = (col >= 0) & (self._keys[at] == keys[searching])
            out[searching[hit]] = col[hit]
            searching = searching[(col >= 0) & ~hit]
        return out


class DirectIndex:
    """A map from small non-negative integer codes to columns: one array, indexed by the code.

    For single characters, whose codes (code points) are few and small.

    >>> index = DirectIndex(np.array([7, 70, 700], dtype=np.uint64), np.array([0, 1, 2]))
    >>> index.get(np.array([700, 5, 7, 10**6], dtype=np.uint64))
    array([ 2, -1,  0, -1])
    """

    def __init__(self, codes: np.ndarray, cols: np.ndarray):
        codes = np.asarray(codes, dtype=np.int64)
        self._cols = np.full(int(codes.max(initial=-1)) + 2, -1, dtype=np.int64)  # the last: any code beyond
        self._cols[codes] = np.asarray(cols, dtype=np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, -1 where the key is not in the index."""
        beyond = len(self._cols) - 1
        return self._cols[np.minimum(np.asarray(keys, dtype=np.uint64), beyond).astype(np.int64)]


def ngram_starts(lengths: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Where the n-grams of concatenated units start, and their unit: none crosses into the next unit.

    ``lengths`` are the units' lengths (in items: characters or tokens).

    >>> ngram_starts(np.array([3, 1, 2]), 2)
    (array([0, 1, 4]), array([0, 0, 2]))
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    left = np.repeat(np.cumsum(lengths), lengths) - np.arange(int(lengths.sum()))  # items to the unit's end
    start = np.flatnonzero(left >= n)
    return start, np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)[start]


def ngrams_in(
    flat: np.ndarray, lengths: np.ndarray, tables: dict[int, HashIndex], lo: int, hi: int, base: int
) -> tuple[np.ndarray, np.ndarray]:
    """(unit, col) of the n-grams of ``flat`` items (``lengths`` per unit; -1 unknown) found in ``tables``.

    An n-gram's code is its items' codes written in base ``base``; an n-gram
    with an unknown item is in no table.
    """
    units, cols = [], []
    if len(flat):
        lengths = np.asarray(lengths, dtype=np.int64)
        left = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(flat))  # items to the unit's end
        unit_of = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        known_item = flat >= 0
        every_known = bool(known_item.all())  # characters: always
        items = np.maximum(flat, 0).astype(np.uint64)
        key = known = None
        for n in range(1, hi + 1):
            # the codes of the n-grams starting at each item, from those of the (n-1)-grams: slices, no gathers
            key = items if n == 1 else key[:-1] * np.uint64(base) + items[n - 1 :]
            if not every_known:
                known = known_item if n == 1 else known[:-1] & known_item[n - 1 :]
            if n < lo or n not in tables:
                continue
            start = np.flatnonzero(left >= n)  # n-grams within their unit (as ngram_starts(lengths, n))
            if not every_known:
                start = start[known[start]]
            col = tables[n].get(key[start])
            found = col >= 0
            units.append(unit_of[start[found]])
            cols.append(col[found])
    if not units:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(units), np.concatenate(cols)


class CharIndex:
    """A block's character n-grams as integer codes (code points, 21 bits each)."""

    def __init__(self, terms: Sequence[str]):
        self.tables: dict[int, HashIndex] = {}
        arr = np.array(list(terms), dtype=str)
        width = max(arr.dtype.itemsize // 4, 1)
        cps = np.frombuffer(np.ascontiguousarray(arr.astype(f"<U{width}")).tobytes(), dtype=np.uint32)
        cps = cps.reshape(len(arr), width).astype(np.uint64)
        lengths = np.count_nonzero(cps, axis=1)
        for n in np.unique(lengths).tolist():
            cols = np.flatnonzero(lengths == n)
            codes = np.zeros(len(cols), dtype=np.uint64)
            for k in range(n):
                codes = (codes << np.uint64(21)) | cps[cols, k]
            self.tables[n] = DirectIndex(codes, cols) if n == 1 else HashIndex(codes, cols)

    def lookup(self, chars: Sequence[str], lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """(unit, col) of every n-gram (lo <= n <= hi) of each unit's characters that is in the vocabulary."""
        lengths = np.fromiter((len(c) for c in chars), dtype=np.int64, count=len(chars))
        flat = np.frombuffer("".join(chars).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        return ngrams_in(flat, lengths, self.tables, lo, hi, 1 << 21)

    def lookup_joined(
        self, joined: str, n_units: int, separator: str, lo: int, hi: int
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """As :meth:`lookup`, from the units' characters joined by ``separator`` (None unless it parts ``n_units``).

        >>> CharIndex(["经", "济", "经济", "发展"]).lookup_joined("抓经济\\n促发展", 2, "\\n", 1, 2)
        (array([0, 0, 0, 1]), array([0, 1, 2, 3]))
        """
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        parting = codes == ord(separator)
        kept = ~parting
        lengths = _unit_lengths(parting, kept, n_units)
        return (
            None if lengths is None else ngrams_in(codes[kept].astype(np.int64), lengths, self.tables, lo, hi, 1 << 21)
        )


#: Codes of tokens that are not in a word vocabulary (and of one not met before).
_UNKNOWN, _NOT_A_WORD, _SEPARATOR, _NEW = -1, -2, -3, -4


class WordIndex:
    """A block's word n-grams (``w:a b``) as integer codes of token ids.

    >>> index = WordIndex(["w:税收", "w:增长", "w:税收 增长"])
    >>> index.lookup([["税收", "增长"], ["增长"]], 1, 2)  # the words, then the bigram
    (array([0, 0, 1, 0]), array([0, 1, 1, 2]))
    """

    def __init__(self, terms: Sequence[str]):
        grams = [t[2:].split(" ") for t in terms]
        self.ids = {tok: i for i, tok in enumerate(dict.fromkeys(chain.from_iterable(grams)))}  # first met
        self.size = len(self.ids) + 1
        self._codes = dict(self.ids)  # every token met: its id, or what else it is
        lengths = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
        flat = np.fromiter(map(self.ids.__getitem__, chain.from_iterable(grams)), dtype=np.uint64)
        first = np.cumsum(lengths) - lengths  # where each term's tokens start in ``flat``
        self.tables = {}
        for n in np.unique(lengths).tolist():
            cols = np.flatnonzero(lengths == n)
            codes = np.zeros(len(cols), dtype=np.uint64)
            for k in range(n):  # the tokens' ids written in base ``size``
                codes = codes * np.uint64(self.size) + flat[first[cols] + k]
            self.tables[n] = (DirectIndex if n == 1 else HashIndex)(codes, cols)  # single words: by id

    def lookup(self, tokens: Sequence[Sequence[str]], lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """(unit, col) of every word n-gram of each unit's tokens that is in the vocabulary."""
        get = self.ids.get
        lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
        flat = np.array([get(tok, _UNKNOWN) for toks in tokens for tok in toks], dtype=np.int64)
        return ngrams_in(flat, lengths, self.tables, lo, hi, self.size)

    def lookup_stream(
        self, stream: Sequence[str], n_units: int, is_word, separator: str, lo: int, hi: int
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """As :meth:`lookup`, from the tokens of the units' texts cut as one string joined by ``separator``.

        Tokens that are not words (``is_word`` false) drop out, as
        :func:`textags._tokenize.cut_many` drops them; returns None when the
        stream does not hold ``n_units - 1`` separators.
        """
        codes = self._codes
        if len(codes) > 2_000_000:  # bounded over a long run; a new dict, so no other thread loses its codes
            codes = self._codes = dict(self.ids)
        flat = np.fromiter(map(codes.get, stream, repeat(_NEW)), dtype=np.int64, count=len(stream))
        for at in np.flatnonzero(flat == _NEW).tolist():  # tokens met for the first time
            tok = stream[at]
            code = codes.get(tok)
            if code is None:
                code = codes[tok] = _SEPARATOR if tok == separator else _UNKNOWN if is_word(tok) else _NOT_A_WORD
            flat[at] = code
        kept = flat >= _UNKNOWN
        lengths = _unit_lengths(flat == _SEPARATOR, kept, n_units)
        return None if lengths is None else ngrams_in(flat[kept], lengths, self.tables, lo, hi, self.size)


def _unit_lengths(parting: np.ndarray, kept: np.ndarray, n_units: int) -> np.ndarray | None:
    """How many kept items each unit of a joined stream holds, the units parted where ``parting`` is true.

    None unless the stream parts into ``n_units`` units.

    >>> _unit_lengths(np.array([0, 0, 1, 0], dtype=bool), np.array([1, 0, 0, 1], dtype=bool), 2)
    array([1, 1])
    """
    if int(parting.sum()) != n_units - 1:
        return None
    return np.bincount(np.cumsum(parting)[kept], minlength=n_units)
