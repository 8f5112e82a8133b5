"""Explanation terms a reader can read: whole words of the sentence, no lone characters or number placeholders.

The model weighs character n-grams as well as words, and every number is
read as ``0``, so the terms that pushed a sentence towards its label include
pieces such as ``济`` (of 经济) or ``0 年`` (of 2022 年).  They weigh, but
they tell a reader nothing.  :func:`readable_terms` keeps the terms that are
whole words of the sentence -- one word, or two or three words in a row --
and drops the rest.  The HTML report and ``textags explain`` show these.

Examples
--------
>>> readable_terms([("济", 0.43), ("经济", 0.4), ("0 年", 0.2), ("加快 推进", 0.15)], "2022 年加快推进经济发展")
(('经济', 0.4), ('加快 推进', 0.15))
"""

from __future__ import annotations

from collections.abc import Sequence

from ._tokenize import cut, split_context

#: How many times more terms to ask the model for than are shown, so enough whole words are left.
OVERSAMPLE = 4


def _runs(words: Sequence[str], longest: int = 3) -> set[str]:
    """Every run of one to ``longest`` consecutive words, joined without spaces."""
    return {"".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}


def is_readable(term: str, runs: set[str]) -> bool:
    """Whether ``term`` is whole words of the sentence (``runs``: :func:`_runs` of its words).

    >>> runs = _runs(["加快", "推进", "经济", "发展"])
    >>> is_readable("推进 经济", runs), is_readable("济发", runs), is_readable("展", runs)
    (True, False, False)
    """
    parts = term.split()
    joined = "".join(parts)
    if len(joined) < 2 or any(ch.isdigit() for ch in joined):
        return False
    return joined in runs


def readable_terms(terms: Sequence[tuple[str, float]], text: str, k: int | None = None, userdict=()) -> tuple:
    """The ``terms`` (name, weight) that are whole words of ``text`` (or of its heading), at most ``k``."""
    sentence, heading = split_context(text)
    runs = _runs(cut(sentence, tuple(userdict))) | _runs(cut(heading, tuple(userdict)))
    out = tuple((t, w) for t, w in terms if is_readable(t, runs))
    return out if k is None else out[:k]


def explain(model, text: str, context: str = "", terms: int = 10, *, rules: bool = True):
    """``model.explain`` with its terms whole words of the sentence or heading (:func:`readable_terms`).

    >>> import textags
    >>> tag = explain(textags.load_model(), "全力推动经济发展稳进提质。", terms=3)
    >>> tag.label, all(len(t.replace(" ", "")) > 1 for t, _ in tag.terms)
    ('economy', True)
    """
    import dataclasses

    from ._tokenize import join_context

    tag = model.explain(text, context, terms * OVERSAMPLE, rules=rules)
    userdict = tuple(getattr(model.scorer, "params", {}).get("userdict") or ())
    kept = readable_terms(tag.terms, join_context(text, context), terms, userdict)
    return dataclasses.replace(tag, terms=kept)
