"""Property tests of cleaning and segmentation on arbitrary text (hypothesis)."""

from __future__ import annotations

import warnings
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textags._clean import SUPERSCRIPTS, clean
from textags._segment import segment

# the characters that make the cleaner work: Chinese text, sentence ends,
# heading numerals, markdown and HTML markup, footnote digits, odd spaces
ALPHABET = st.sampled_from(
    list("经济民生安全党建治理其他一二三四五六七八九十是第、，。！？；：“”（）《》()!?;:.-—*#<>/|\t \u3000\n\n\n")
    + list("0123456789")
    + list(SUPERSCRIPTS)
    + [
        "**",
        "# ",
        "<sup>1</sup>",
        "<b>",
        "</b>",
        "---\n",
        "\u200b",
        "&amp;",
        "Public domain\n",
        "来源：",
        "附件",
        "\r\n",
        "\ufeff",
    ]
)
TEXTS = st.lists(ALPHABET, max_size=300).map("".join) | st.text(max_size=300)

PROPERTY_SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_FROM_SUP = str.maketrans(SUPERSCRIPTS, "0123456789")


def visible(s: str) -> Counter:
    return Counter(ch for ch in s.translate(_FROM_SUP) if not ch.isspace())


def quiet_segment(text: str):
    """segment(), with the warning about over-long units silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return segment(text)


@PROPERTY_SETTINGS
@given(TEXTS)
def test_segmentation_never_raises_and_offsets_cover_the_text(text):
    doc = quiet_segment(text)
    pos = 0
    for i, u in enumerate(doc.units):
        assert u.index == i
        assert pos <= u.start < u.end <= len(doc.text)
        assert doc.text[u.start : u.end] == u.text
        assert doc.text[pos : u.start].strip() == ""  # only whitespace between units
        pos = u.end
    assert doc.text[pos:].strip() == ""


@PROPERTY_SETTINGS
@given(TEXTS)
def test_no_visible_character_is_lost(text):
    doc = quiet_segment(text)
    kept = visible("".join(u.text for u in doc.units)) + visible("".join(r.text for r in doc.removed))
    assert not (visible(text) - kept), "characters of the input are neither in a unit nor listed as removed"


@PROPERTY_SETTINGS
@given(TEXTS)
def test_cleaning_is_idempotent(text):
    once = clean(text).text
    assert clean(once).text == once


@PROPERTY_SETTINGS
@given(TEXTS)
def test_the_invisible_characters_found_are_those_of_the_definition(text):
    """normalize's quick search (printable pieces skipped) finds what asking every character finds."""
    from textags._markup import _hidden_in, _invisible

    assert sorted(_hidden_in(text)) == sorted(ch for ch in set(text) if _invisible(ch))


def test_every_invisible_code_point_is_one_the_quick_search_looks_at():
    """No character _invisible takes out is printable or among the spaces set aside before the search."""
    import sys

    from textags._markup import _PRINTABLE_TO_US, _invisible

    missed = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if _invisible(chr(c)) and (chr(c).isprintable() or chr(c) in _PRINTABLE_TO_US)
    ]
    assert missed == []
