"""n-gram lookups: the hash index, the token stream, and the grouping and ordering helpers of the scorer."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import STREET

import textags
from textags import _tokenize as tokenize
from textags._model import _by_unit_then_descending, _distinct, context_of
from textags._ngrams import HashIndex, WordIndex


def test_hash_index_finds_every_code_and_nothing_else():
    rng = np.random.default_rng(0)
    codes = np.unique(rng.integers(0, 2**62, 5000).astype(np.uint64))
    index = HashIndex(codes, np.arange(len(codes)) * 3)
    absent = np.setdiff1d(rng.integers(0, 2**62, 5000).astype(np.uint64), codes)
    keys = np.concatenate([codes, absent])
    got = index.get(keys)
    assert (got[: len(codes)] == np.arange(len(codes)) * 3).all()
    assert (got[len(codes) :] == -1).all()


def test_hash_index_with_colliding_codes():
    # codes that differ only in their high bits share a slot: every one is still found, after probing
    codes = (np.arange(64, dtype=np.uint64) << np.uint64(58)) | np.uint64(5)
    index = HashIndex(codes, np.arange(64))
    assert index.get(codes).tolist() == list(range(64))
    assert index.get(codes + np.uint64(1)).tolist() == [-1] * 64
    assert HashIndex(np.zeros(0, dtype=np.uint64), np.zeros(0)).get(codes).tolist() == [-1] * 64


def test_word_lookup_from_the_token_stream_equals_the_lookup_of_token_lists(small_model):
    scorer = small_model.scorer
    terms = scorer.blocks[0].terms.tolist()
    assert terms[0].startswith("w:")
    index = WordIndex(terms)
    for path in STREET:
        texts = [u.text for u in textags.load(path).coded_units]
        stream = tokenize.cut_joined(texts)
        got = index.lookup_stream(stream, len(texts), tokenize.is_word, tokenize.SEPARATOR, 1, 2)
        want = index.lookup(tokenize.cut_many(texts), 1, 2)
        assert got is not None and len(got[0]) > 1000
        assert sorted(zip(*map(np.ndarray.tolist, got))) == sorted(zip(*map(np.ndarray.tolist, want)))
    # a stream that does not hold a separator between every two texts is refused
    assert index.lookup_stream(["税收", "增长"], 2, tokenize.is_word, tokenize.SEPARATOR, 1, 2) is None


def test_distinct_is_numpys_unique():
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 500, 3000)
    uniq, counts = _distinct(keys)
    want = np.unique(keys, return_counts=True)
    assert (uniq == want[0]).all() and (counts == want[1]).all()
    uniq, inverse = _distinct(keys, inverse=True)
    assert (uniq[inverse] == keys).all() and (uniq == want[0]).all()


def test_order_by_unit_then_value_then_name_is_lexsorts():
    rng = np.random.default_rng(2)
    unit = rng.integers(0, 40, 4000)
    value = rng.integers(1, 6, 4000) / 4.0  # many ties within a unit
    name = rng.permutation(4000)
    got = _by_unit_then_descending(unit, value, name, 40)
    assert (got == np.lexsort((name, -value, unit))).all()


def test_ties_are_ordered_by_the_names_themselves_when_ids_follow_no_order():
    rng = np.random.default_rng(3)
    chars = list("经济民生安全治理党建发展 ab")
    names = np.array(list(dict.fromkeys("".join(rng.choice(chars, 3)) for _ in range(4000)))[:1500], dtype=object)
    unit = rng.integers(0, 20, 1500)
    value = rng.integers(1, 4, 1500) / 2.0  # many ties within a unit
    name = rng.permutation(1500)  # ids in no order of the names
    rank = np.argsort(np.argsort(names.astype(str)))  # each name's place in code point order
    got = _by_unit_then_descending(unit, value, name, 20, names)
    assert (got == np.lexsort((rank[name], -value, unit))).all()


@pytest.mark.parametrize("k", [1, 3, 5])
def test_near_top_keeps_exactly_the_values_at_least_each_units_kth_largest(k):
    from textags._scorer import _near_top

    rng = np.random.default_rng(k)
    unit = rng.integers(0, 60, 3000)
    unit[unit == 7] = 8  # a unit with no values at all
    value = rng.integers(1, 8, 3000) / 4.0  # many ties, at the edge too
    got = _near_top(unit, value, 60, k)
    for u in range(60):
        mine = value[unit == u]
        edge = np.sort(mine)[::-1][k - 1] if len(mine) > k else -np.inf
        assert (got[unit == u] == (mine >= edge)).all()


def _plain_top_terms(scorer, text, context, label, k):
    """A unit's strongest terms computed the plain way: one dict of names, summed and sorted."""
    feats = scorer.batch_features([tokenize.join_context(text, context)])
    mean = scorer.coef.mean(axis=0)
    names = scorer.names()
    total: dict[str, float] = {}
    for col, val in zip(feats.col.tolist(), feats.val.tolist()):
        total[names[col]] = total.get(names[col], 0.0) + val * (scorer.coef[label, col] - mean[col])
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((n, round(t, 4)) for n, t in ranked[:k] if t > 0)


@pytest.mark.parametrize("k", [1, 5, 12])
def test_top_terms_of_a_batch_equal_those_found_one_unit_at_a_time(small_model, k):
    scorer = small_model.scorer
    units = textags.load(STREET[0]).coded_units
    docs = [tokenize.join_context(u.text, context_of(u)) for u in units]
    feats = scorer.batch_features(docs)
    best = scorer.scores(feats, len(docs)).argmax(axis=1)
    got = scorer.batch_top_terms(feats, best, k)
    want = [_plain_top_terms(scorer, u.text, context_of(u), b, k) for u, b in zip(units, best.tolist())]
    assert got == want
    assert sum(len(t) for t in got) >= 0.9 * len(units) * min(k, 3)  # most units have k terms
    # a word and the same characters as an n-gram are one name, their pushes summed
    shared = scorer._name_ids()[2]
    assert shared.any()
