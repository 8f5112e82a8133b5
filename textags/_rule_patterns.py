"""The line rules' patterns joined into two alternations, so a line none of them fits is known in two searches.

:func:`textags._line_rules.classify` tries the rules that read a pattern
only on a line in which one of the alternations finds something; on the
other lines (most body lines) only the rules that read no pattern can take
it, and they are the ones tried.
"""

from __future__ import annotations

import re

from ._clean_patterns import CleanConfig

__all__ = ["quick_patterns"]


def quick_patterns(cfg: CleanConfig) -> tuple[re.Pattern, re.Pattern] | None:
    """:func:`_patterned` of ``cfg``, joined once per config object (the last 16 are kept).

    >>> from textags._clean_patterns import DEFAULT_CONFIG
    >>> starts, anywhere = quick_patterns(DEFAULT_CONFIG)
    >>> bool(starts.match("一、总体要求")), bool(starts.match("全年新增就业岗位356个。"))
    (True, False)
    """
    known = _BY_ID.get(id(cfg))
    if known is not None and known[0] is cfg:  # by identity: no hashing of all the config's fields
        return known[1]
    found = _patterned(cfg)
    _BY_ID[id(cfg)] = (cfg, found)
    if len(_BY_ID) > 16:
        del _BY_ID[next(iter(_BY_ID))]  # the oldest
    return found


#: Configurations met, by identity (each kept alive by its entry, so its id is not reused).
_BY_ID: dict[int, tuple] = {}


def _patterned(cfg: CleanConfig) -> tuple[re.Pattern, re.Pattern] | None:
    """Two patterns, one to match at a line's start and one to search it, that find something in every line
    a pattern of the patterned line rules finds something in (:data:`textags._line_rules.UNPATTERNED_RULES`
    are the others): their alternations.

    None when the patterns cannot be joined (back-references, inline flags, group names used twice).
    """
    starts = [
        cfg.rule_line_pattern,
        cfg.annex_pattern,
        cfg.numbered_note_pattern,
        cfg.md_note_pattern,
        cfg.glossary_start_pattern,
        cfg.glossary_entry_pattern,
        *cfg.footnote_patterns,
        cfg.table_caption_pattern,
        *(p for p, _ in cfg.heading_patterns),
        cfg.headline_pattern,
    ]
    # a furniture pattern anchored at the start is searched for at the start only: it joins the first
    anchored = [p for p in cfg.furniture_patterns if p.pattern.startswith("^") and not p.flags & re.MULTILINE]
    starts += anchored
    anywhere = [p for p in cfg.furniture_patterns if p not in anchored]
    try:
        return re.compile("|".join(map(_scoped, starts))), re.compile("|".join(map(_scoped, anywhere)))
    except (ValueError, re.error):
        return None


_SCOPED_FLAGS = {
    re.IGNORECASE: "i",
    re.MULTILINE: "m",
    re.DOTALL: "s",
}  # not VERBOSE: a comment could run past the group


def _scoped(p: re.Pattern) -> str:
    """``p`` as a group of an alternation, its flags scoped to it; ValueError where that could change what it finds.

    >>> _scoped(re.compile("^abc$", re.IGNORECASE))
    '(?i:^abc$)'
    """
    extra = p.flags & ~re.UNICODE
    if not p.flags & re.UNICODE or extra & ~sum(_SCOPED_FLAGS) or re.search(r"\\\d|\(\?P=|\(\?[aiLmsux]+\)", p.pattern):
        raise ValueError(f"pattern {p.pattern!r} cannot join an alternation")
    flags = "".join(letter for flag, letter in _SCOPED_FLAGS.items() if extra & flag)
    return f"(?{flags}:{p.pattern})"
