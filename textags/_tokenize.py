"""Tokenizing: the module-level analyzers the model's features are built from.

Every analyzer is a plain module-level function (or a ``functools.partial``
of one), so a fitted pipeline pickles, and the numpy predictor in
:mod:`textags._model` calls the very same functions.  A model input is the
unit's text, optionally followed by ``CONTEXT_SEP`` and the heading it sits
under.

Words come from jieba -- the reference -- or, when the optional ``rjieba``
(jieba-rs, extra ``fast``) is installed, from rjieba, which gives jieba's
tokens on the whole corpus (tested) about fifteen times faster and without
jieba's dictionary load (``benchmarks/breakdown.py``).  A user dictionary of policy terms is a
parameter (``userdict``), never global state: each distinct dictionary gets
its own ``jieba.Tokenizer``, created and loaded on first use.

Examples
--------
>>> char_ngrams("抓经济。", ngram_range=(1, 2))
['抓', '经', '济', '抓经', '经济']
>>> words("坚持党管武装", userdict=("党管武装",))
['w:坚持', 'w:党管武装']
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

#: Separates a unit's text from its context (its heading) in a model input.
CONTEXT_SEP = "\x1f"

_TOKENIZERS: dict[tuple[str, ...], object] = {}
_LOCK = threading.Lock()
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")


def join_context(text: str, context: str = "") -> str:
    """Model input for a unit and its heading.

    >>> join_context("成效显著。", "四、抓安全")
    '成效显著。\\x1f四、抓安全'
    """
    return f"{text}{CONTEXT_SEP}{context}" if context else text


def split_context(doc: str) -> tuple[str, str]:
    """Inverse of :func:`join_context`."""
    text, _, context = doc.partition(CONTEXT_SEP)
    return text, context


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Text as the features see it: NFKC, footnote markers out, every number as ``0``.

    >>> normalize("税收５.60亿元¹")
    '税收0亿元'
    """
    text = _SUPERSCRIPT.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return _DIGITS.sub("0", text)


_HAS_ALNUM = re.compile(r"[^\W_]")
#: ASCII punctuation next to an ASCII letter, digit or punctuation: where jieba-rs may differ.
_ASCII_PUNCT_NEAR = re.compile(r"[!-/:-@\[-`{-~][!-~]|[A-Za-z0-9][!-/:-@\[-`{-~]")
#: How jieba's HMM pass splits a run that is not Chinese (jieba.finalseg's re_skip).
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def is_word(tok: str) -> bool:
    """Whether a token is a word (holds a letter or digit), not punctuation or space.

    >>> is_word("税收"), is_word("0"), is_word("。")
    (True, True, False)
    """
    return tok.isalnum() or _HAS_ALNUM.search(tok) is not None


class _RustJieba:
    """rjieba (jieba-rs) cutting the way jieba does.

    jieba-rs keeps an ASCII run with inner punctuation (``0-0``, ``PM_0``) as
    one token where jieba's HMM pass splits it around letters and numbers;
    that is the only difference on the whole corpus, and it is undone here
    with jieba's own pattern (``tests/test_tokenize.py``).
    """

    def __init__(self, module):
        self._cut = module.cut

    def lcut(self, text: str) -> list[str]:
        toks = self._cut(text)
        if not _ASCII_PUNCT_NEAR.search(text):
            return toks
        out = []
        for tok in toks:
            if len(tok) > 1 and tok.isascii() and not tok.isalnum():
                out.extend(x for x in _JIEBA_SKIP.split(tok) if x)
            else:
                out.append(tok)
        return out


def backend() -> str:
    """The tokenizer in use: ``rjieba`` when installed (and not disabled), else ``jieba``.

    Set ``TEXTAGS_TOKENIZER=jieba`` to use the reference jieba.
    """
    if os.environ.get("TEXTAGS_TOKENIZER", "").lower() == "jieba":
        return "jieba"
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


def tokenizer(userdict: tuple[str, ...] = ()):
    """The tokenizer for ``userdict``, created on first use.

    rjieba serves the default dictionary when installed (extra ``fast``);
    a user dictionary needs jieba, which loads its dictionary on first use.
    """
    key = ("rjieba",) if not userdict and backend() == "rjieba" else userdict
    tok = _TOKENIZERS.get(key)
    if tok is None:
        with _LOCK:
            tok = _TOKENIZERS.get(key)
            if tok is None:
                if key == ("rjieba",):
                    import rjieba

                    tok = _RustJieba(rjieba)
                else:
                    import logging

                    import jieba

                    logging.getLogger("jieba").setLevel(logging.WARNING)
                    tok = jieba.Tokenizer()
                    for term in userdict:
                        tok.add_word(term)
                _TOKENIZERS[key] = tok
    return tok


@lru_cache(maxsize=8192)
def _cut(text: str, userdict: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in tokenizer(userdict).lcut(normalize(text)) if is_word(t))


def cut(text: str, userdict: tuple[str, ...] = ()) -> list[str]:
    """jieba's words of ``text`` (normalized), punctuation and spaces dropped.

    Results are cached, so cross-validation tokenizes each unit once.

    >>> cut("全年完成区级税收5.60亿元。")
    ['全年', '完成', '区级', '税收', '0', '亿元']
    """
    return list(_cut(text, tuple(userdict)))


#: What joins the texts of a batch normalized and cut as one string (see :func:`batchable`).
SEPARATOR = "\n"


def batchable(texts: Sequence[str]) -> bool:
    """Whether ``texts`` can be normalized and cut as one string (:func:`normalize_many`)."""
    return len(texts) > 1 and not any(SEPARATOR in t or "\r" in t for t in texts)


def normalize_many(texts: Sequence[str]) -> str:
    """:func:`normalize` of each text, joined by line breaks (see :func:`batchable`).

    NFKC, the footnote markers and the number pattern never reach across a
    line break, so this equals joining the texts normalized one by one.

    >>> normalize_many(["税收５.60亿元¹", "ａ"])
    '税收0亿元\\na'
    """
    text = _SUPERSCRIPT.sub("", SEPARATOR.join(texts))
    return _DIGITS.sub("0", nfkc_lines(text))


def nfkc_lines(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, with less work on Chinese text.

    Two steps that cannot change the result come first.  The fullwidth
    ASCII forms (U+FF01-U+FF5E) and the ideographic space (U+3000) -- most of
    what NFKC changes in a report -- are replaced by what they decompose
    into, with numpy: NFKC decomposes them to that anyway.  Then each line
    still in need is normalized on its own: a line break is a starter that
    composes with nothing, so normalization never reaches across it.  Most
    lines then need nothing.  ``tests/test_tokenize.py`` checks the result
    against ``unicodedata`` on the corpus and on random text.

    >>> nfkc_lines("税收５.６０亿元，增长Ⅱ\\n全年　完成")
    '税收5.60亿元,增长II\\n全年 完成'
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    import numpy as np

    code = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    wide = (code >= 0xFF01) & (code <= 0xFF5E)
    code[wide] -= 0xFEE0
    code[code == 0x3000] = 0x20
    text = code.tobytes().decode("utf-32-le")
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "\n".join(
        line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
        for line in text.split("\n")
    )


def cut_many(texts: Sequence[str], userdict: tuple[str, ...] = (), normalized: str | None = None) -> list[list[str]]:
    """:func:`cut` of many texts at once, with one call into the tokenizer.

    The texts are normalized and cut as one string with a line break
    between them (``normalized``, when given, is :func:`normalize_many` of
    them).  A line break is a boundary for jieba and jieba-rs alike: it is
    never inside a token and always a token of its own, so each text gets
    the very tokens :func:`cut` gives it (``tests/test_tokenize.py`` checks
    every unit of the corpus).  Texts that hold a line break or a carriage
    return themselves are cut one by one.

    >>> cut_many(["全年完成区级税收5.60亿元。", "抓经济"])
    [['全年', '完成', '区级', '税收', '0', '亿元'], ['抓', '经济']]
    """
    texts = list(texts)
    if not batchable(texts):
        return [cut(t, userdict) for t in texts]
    out: list[list[str]] = [[]]
    for tok in cut_joined(texts, userdict, normalized):
        if tok == SEPARATOR:
            out.append([])
        elif is_word(tok):
            out[-1].append(tok)
    if len(out) != len(texts):  # a tokenizer that merged a line break: take the safe road
        return [cut(t, userdict) for t in texts]
    return out


def cut_joined(texts: Sequence[str], userdict: tuple[str, ...] = (), normalized: str | None = None) -> list[str]:
    """Every token of batchable ``texts`` normalized and cut as one string, line breaks between them.

    What :func:`cut_many` splits at the line breaks, punctuation and spaces
    still in (``normalized``: as in :func:`cut_many`).

    >>> cut_joined(["税收增长。", "抓经济"])
    ['税收', '增长', '。', '\\n', '抓', '经济']
    """
    joined = normalize_many(texts) if normalized is None else normalized
    return tokenizer(tuple(userdict)).lcut(joined)


def words(doc: str, userdict: tuple[str, ...] = (), ngram_range: tuple[int, int] = (1, 1)) -> list[str]:
    """Word n-gram features of a model input's text part, prefixed ``w:``."""
    text, _ = split_context(doc)
    toks = cut(text, userdict)
    lo, hi = ngram_range
    out = []
    for n in range(lo, hi + 1):
        for i in range(len(toks) - n + 1):
            out.append("w:" + " ".join(toks[i : i + n]))
    return out


_NOT_ALNUM = re.compile(r"[\W_]+")


def char_string(doc: str) -> str:
    """The characters a model input's n-grams are made of: its normalized text, letters and digits only.

    >>> char_string("抓经济，促发展！")
    '抓经济促发展'
    """
    text, _ = split_context(doc)
    return _NOT_ALNUM.sub("", normalize(text))


_NOT_ALNUM_OR_SEP = re.compile(rf"[^\w{re.escape(SEPARATOR)}]+|_+")  # as _NOT_ALNUM, keeping the separator


def char_strings(texts: Sequence[str], normalized: str | None = None) -> list[str]:
    """:func:`char_string` of many texts, normalized in one pass (``normalized``: as in :func:`cut_many`).

    >>> char_strings(["抓经济，促发展！", "税收５亿元"])
    ['抓经济促发展', '税收0亿元']
    """
    texts = list(texts)
    if not batchable(texts):
        return [char_string(t) for t in texts]
    joined = normalize_many(texts) if normalized is None else normalized
    return char_joined(joined).split(SEPARATOR)


def char_joined(normalized: str) -> str:
    """The characters of :func:`normalize_many`'s join that n-grams are made of, the separators kept.

    >>> char_joined(normalize_many(["抓经济，促发展！", "税收５亿元"]))
    '抓经济促发展\\n税收0亿元'
    """
    return _NOT_ALNUM_OR_SEP.sub("", normalized)


def char_ngrams(doc: str, ngram_range: tuple[int, int] = (1, 3)) -> list[str]:
    """Character n-grams of a model input's text part (spaces and punctuation out)."""
    chars = char_string(doc)
    lo, hi = ngram_range
    out = []
    for n in range(lo, hi + 1):
        out.extend(chars[i : i + n] for i in range(len(chars) - n + 1))
    return out


def context_words(doc: str, userdict: tuple[str, ...] = ()) -> list[str]:
    """Word features of a model input's context (its heading), prefixed ``h:``."""
    _, context = split_context(doc)
    if not context:
        return []
    return ["h:" + t for t in cut(context, userdict)]
