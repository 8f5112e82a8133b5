"""Marks made on assembled blocks: footnote markers as superscript, a report's opening title lines as headings."""

from __future__ import annotations

import re

from ._blocks import Block
from ._clean_patterns import DEFAULT_CONFIG, SUPERSCRIPTS, TO_SUPERSCRIPT, CleanConfig

_SUP_RUN = re.compile(f"[{SUPERSCRIPTS}]+")


def mark_footnotes(
    blocks: list[Block], ids_at: list[tuple[int, str]], cfg: CleanConfig = DEFAULT_CONFIG
) -> list[Block]:
    """Turn the glued digit marker of each numbered footnote into superscript.

    The marker of footnote ``n`` is the last ``n`` glued between Chinese
    characters (not a count, not part of a longer number) in the body blocks
    before the note, searched from the nearest back.  A note whose superscript marker is already present is
    left alone, so the pass is idempotent.

    One scan finds every glued number and every superscript run, so the work
    grows with the text, not with notes times blocks.
    """
    if not ids_at:
        return list(blocks)
    glued: dict[str, list[tuple[int, int, int]]] = {}  # digits -> (block, start, end), in text order
    first_sup: dict[str, int] = {}  # superscript string -> first body block holding it
    for i, b in enumerate(blocks):
        if b.kind != "body":
            continue
        for m in cfg.footnote_marker_pattern.finditer(b.text):
            glued.setdefault(m.group(0), []).append((i, m.start(), m.end()))
        for m in _SUP_RUN.finditer(b.text):
            _note_sups(first_sup, m.group(0), i)
    chars: dict[int, list[str]] = {}  # blocks being edited, as lists of characters
    pushed: dict[str, int] = {}  # per number: how many of its places are before the current note
    open_: dict[str, list[tuple[int, int, int]]] = {}  # per number: places before the note, not yet used
    for at, fid in ids_at:
        sup = fid.translate(TO_SUPERSCRIPT)
        if first_sup.get(sup, at) < at:
            continue
        places, stack = glued.get(fid, ()), open_.setdefault(fid, [])
        k = pushed.get(fid, 0)
        while k < len(places) and places[k][0] < at:
            stack.append(places[k])
            k += 1
        pushed[fid] = k
        if not stack:
            continue
        i, a, e = stack.pop()  # the last place in the nearest block
        text = chars.setdefault(i, list(blocks[i].text))
        text[a:e] = sup
        while a > 0 and text[a - 1] in SUPERSCRIPTS:
            a -= 1
        while e < len(text) and text[e] in SUPERSCRIPTS:
            e += 1
        _note_sups(first_sup, "".join(text[a:e]), i)
    out = list(blocks)
    for i, text in chars.items():
        b = out[i]
        out[i] = Block("".join(text), b.kind, b.level, b.head, b.head_level)
    return out


def _note_sups(first: dict[str, int], run: str, i: int) -> None:
    """Record that body block ``i`` holds every piece of the superscript ``run``."""
    for a in range(len(run)):
        for e in range(a + 1, min(len(run), a + 8) + 1):
            first[run[a:e]] = min(first.get(run[a:e], i), i)


def mark_title(blocks: list[Block], cfg: CleanConfig) -> list[Block]:
    """Make the opening lines of a report that read as a title headings (level 0).

    A title is short, has no sentence end and stands before the first body
    paragraph that has one.
    """
    out = list(blocks)
    for i, b in enumerate(out):
        if b.kind != "body":
            if b.kind == "heading" and b.level > 0:
                break
            continue
        if b.head or len(b.text) > 40 or re.search(f"[{re.escape(cfg.terminals)}，,]", b.text):
            break
        out[i] = Block(b.text, "heading", 0)
    return out
