"""Codebook rules: units whose form alone settles their label, whatever the model says.

The codebook (``docs/codebook.md``, section 5, "Decisions on hard cases")
codes these kinds of unit as ``other`` by their form, not their words:

- a **responsibility note** -- a whole unit that only says who leads the
  work above it, ``（由林必德副主任牵头实施）``;
- a **list marker standing alone** -- ``第一，`` or ``三是`` split off as a
  unit of its own;
- a unit **without words** -- only punctuation or symbols (``……``, ``——。``,
  ``★``), no letter, digit or Chinese character: it names no domain.

A model cannot learn them from their words: a note names officials, not a
domain, and appears in few reports (all 17 labelled ones come from one
street work plan, so leave-one-document-out never trains on any), and the
neighbour context pulls it towards the section it closes.  So when a
model's parameters include ``rules`` (the default model's do), a unit that
one of these rules names gets ``other`` with probability 1, keeps that
label whatever its neighbours, and is left out of its neighbours' context.
Its :class:`~textags._document.Tag` names the rule
(:func:`textags._postprocess.postprocess` applies them).  Every labelled unit
these rules name is labelled ``other`` (``tests/test_rules.py``).

Examples
--------
>>> rule_of("（由林必德副主任牵头实施）")
'responsibility-note'
>>> rule_of("第一，") , rule_of("三是"), rule_of("……。")
('list-marker', 'list-marker', 'no-words')
>>> rule_of("（由街道牵头）推进垃圾分类。") is None  # more than a note: the model decides
True
>>> rule_of("（由区公安分局负责打击电信网络诈骗犯罪）") is None  # a sentence in brackets, not a note
True
"""

from __future__ import annotations

import re

#: The rules, in the order they are tried: name, pattern of the whole (stripped) unit.
RULES: tuple[tuple[str, re.Pattern], ...] = (
    (
        "responsibility-note",
        re.compile(r"[（(]由[^（）()]{1,60}?(?:牵头|负责)(?:组织)?(?:实施|落实|推进|完成)?[)）][。；;，,]?"),
    ),
    (
        "list-marker",
        re.compile(
            r"(?:第[一二三四五六七八九十]{1,3}|[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十])[，,、：:。]?"
        ),
    ),
    ("no-words", re.compile(r"[\W_]+")),
)


def rule_of(text: str) -> str | None:
    """The name of the rule that settles ``text``'s label, or None when the model decides."""
    text = text.strip()
    for name, pattern in RULES:
        if pattern.fullmatch(text):
            return name
    return None
