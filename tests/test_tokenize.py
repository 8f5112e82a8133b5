"""Tokenizing: the fast tokenizer gives jieba's tokens; analyzers are module-level and pickle."""

from __future__ import annotations

import pickle
from functools import partial

import pytest
from conftest import corpus_files

import textags
from textags import _tokenize as tokenize


def test_analyzers_pickle():
    a = partial(tokenize.words, userdict=("党管武装",), ngram_range=(1, 2))
    assert pickle.loads(pickle.dumps(a))("坚持党管武装") == a("坚持党管武装")


def test_a_user_dictionary_is_a_parameter_not_global_state():
    assert tokenize.cut("坚持党管武装", ("党管武装",)) == ["坚持", "党管武装"]
    assert "党管武装" not in tokenize.cut("坚持党管武装")


def test_rjieba_splits_ascii_runs_like_jieba():
    rjieba = pytest.importorskip("rjieba")
    fast = tokenize._RustJieba(rjieba)
    texts = ["高速0-0公里，0G-A段", "2008--2010年", "增长0%……", "PM_0浓度", "0.EFlops:是", "......", "a  b"]
    # a whole report's units cut as one string (what tagging does), and a text holding the join's \x00
    for text in [*texts, "\n".join(texts), "x\x00y-0 0-0\x00"]:
        assert fast.lcut(text) == tokenize.tokenizer(("x",)).lcut(text), text


@pytest.mark.slow
def test_rjieba_gives_jiebas_tokens_on_the_whole_corpus():
    """Every unit of every report of the corpus: the same words from both tokenizers."""
    rjieba = pytest.importorskip("rjieba")
    import jieba

    fast = tokenize._RustJieba(rjieba)
    ref = jieba.Tokenizer()
    n = 0
    for path in corpus_files("national") + corpus_files("provincial-2025"):
        for u in textags.load(path).units:
            text = tokenize.normalize(u.text)
            assert fast.lcut(text) == ref.lcut(text), (path.name, u.index)
            n += 1
    assert n > 40_000


@pytest.mark.slow
def test_cutting_a_whole_report_at_once_gives_each_unit_its_own_tokens():
    """One tokenizer call per report (what tagging does) equals one call per unit, on every report."""
    n = 0
    for path in corpus_files("national") + corpus_files("provincial-2025"):
        texts = [u.text for u in textags.load(path).units]
        assert tokenize.cut_many(texts) == [tokenize.cut(t) for t in texts], path.name
        assert tokenize.char_strings(texts) == [tokenize.char_string(t) for t in texts], path.name
        n += len(texts)
    assert n > 40000


@pytest.mark.parametrize("backend", ["jieba", "default"])
def test_cutting_many_texts_at_once_keeps_their_bounds(monkeypatch, backend):
    if backend == "jieba":
        monkeypatch.setenv("TEXTAGS_TOKENIZER", "jieba")
    texts = [
        "（一）坚持稳中求进工作总基调。",
        "",
        "全年完成区级税收5.60亿元，增长12.3%。",
        "PM2.5浓度0-0微克/立方米",
        "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
        "，。",
        "扫黑除恶",
    ]
    want_words = [tokenize.cut(t) for t in texts]
    want_chars = [tokenize.char_string(t) for t in texts]

    def one_by_one(*args):
        raise AssertionError("these texts should be cut in one call, not one by one")

    with monkeypatch.context() as m:
        m.setattr(tokenize, "cut", one_by_one)
        m.setattr(tokenize, "char_string", one_by_one)
        assert tokenize.cut_many(texts) == want_words
        assert tokenize.char_strings(texts) == want_chars
    # a text holding a line break or a carriage return is cut on its own, with the same result
    odd = ["第一行\n第二行", "抓经济\r", "促发展"]
    assert tokenize.cut_many(odd) == [tokenize.cut(t) for t in odd]
    assert tokenize.char_strings(odd) == [tokenize.char_string(t) for t in odd]


def test_fast_nfkc_equals_unicodedata_on_every_report():
    import unicodedata

    for path in corpus_files("national") + corpus_files("provincial-2025") + corpus_files("street"):
        text = "\n".join(u.text for u in textags.load(path).units)
        assert tokenize.nfkc_lines(text) == unicodedata.normalize("NFKC", text), path.name


# characters NFKC changes or composes: fullwidth forms, the ideographic space, circled and Roman
# numerals, combining marks, Hangul jamo, compatibility ideographs; and line breaks between them
_NFKC_HARD = "".join(map(chr, [*range(0xFF00, 0xFF70), 0x3000, 0x2460, 0x2161, 0x0301, 0x0308, 0x0327, 0x1100]))
_NFKC_HARD += "\u1161\u11a8\uac00\uf900\u2126\u00c5\u212b\u0041\u0065\u3099\u304b\n\r\u2028 税收增长。，"


@pytest.mark.parametrize("seed", range(3))
def test_fast_nfkc_equals_unicodedata_on_random_text(seed):
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(st.text(alphabet=st.sampled_from(_NFKC_HARD) | st.characters(), max_size=60 + 20 * seed))
    def check(text):
        assert tokenize.nfkc_lines(text) == unicodedata.normalize("NFKC", text)

    check()


def test_the_fullwidth_shortcut_is_what_nfkd_gives():
    import unicodedata

    for code in [*range(0xFF01, 0xFF5F), 0x3000]:
        ch = chr(code)
        want = unicodedata.normalize("NFKD", ch)
        assert tokenize.nfkc_lines(ch) == unicodedata.normalize("NFKC", ch)
        assert len(want) == 1 and ord(want) == (0x20 if code == 0x3000 else code - 0xFEE0)
