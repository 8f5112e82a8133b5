"""Carrying what an earlier cleaning pass found into the result of a later one, and placing invisible characters."""

from __future__ import annotations

import bisect

from ._blocks import Block, Cleaned
from ._removal import Removal

#: How many blocks ahead :func:`carry` looks for the next earlier block.
CARRY_AHEAD = 8


def carry(prev: Cleaned, nxt: Cleaned) -> Cleaned:
    """``nxt`` with the kinds and removals of ``prev``, the pass before it.

    A later pass only joins lines of the earlier one (and may move a note
    after its paragraph), so every earlier block is found inside a later one,
    in order: each is looked for from where the one before it was found, a few
    blocks ahead at most, so the work grows with the text.
    """
    kinds = {}
    for b in prev.blocks:
        kinds.setdefault(b.text, b)
    new_offsets = nxt.offsets()
    same: dict[int, Block] = {}  # later block -> the earlier block that is all of it
    exact: dict[str, int] = {}
    for j, nb in enumerate(nxt.blocks):
        exact.setdefault(nb.text, j)
    where = []  # for each earlier block: its offset in the new text
    j = k = 0  # where the last earlier block ended: block j, offset k
    for b in prev.blocks:
        pos, found = -1, None
        if b.text:
            for jj in range(j, min(j + CARRY_AHEAD, len(nxt.blocks))):
                hit = nxt.blocks[jj].text.find(b.text, k if jj == j else 0)
                if hit >= 0:
                    found = (jj, hit)
                    break
            if found is None and b.text in exact:  # a note moved after its paragraph
                pos = new_offsets[exact[b.text]]
        if found is not None:
            pos = new_offsets[found[0]] + found[1]
            moved = found[0] > j and k < len(nxt.blocks[j].text) and nxt.blocks[found[0]].text == b.text
            if not moved:  # (a note moved past the rest of block j leaves the place where it is)
                j, k = found[0], found[1] + len(b.text)
            if found[1] == 0 and len(b.text) == len(nxt.blocks[found[0]].text):
                same.setdefault(found[0], b)
        where.append(pos)
    blocks = [same.get(j) or kinds.get(b.text, b) for j, b in enumerate(nxt.blocks)]
    prev_offsets = prev.offsets()
    removed = list(nxt.removed)
    end = max(len(nxt.text) - 1, 0)
    for r in prev.removed:
        i = max(bisect.bisect_right(prev_offsets, r.offset) - 1, 0)
        base = where[i] if prev.blocks and where[i] >= 0 else end
        removed.append(Removal(min(base + r.offset - prev_offsets[i] if prev.blocks else 0, end), r.text, r.reason))
    removed.sort(key=lambda r: r.offset)
    return Cleaned(tuple(blocks), tuple(removed))


def place_invisible(inv, normalized: str, blocks: list[Block]) -> list[Removal]:
    """Removals for the invisible characters that :func:`normalize` took out.

    Their offsets are into the normalized text; cleaning joins lines and moves
    footnotes after their paragraph, so in the cleaned text the place is
    approximate (kept within its bounds).  What was removed is exact.
    """
    last = max(sum(len(b.text) + 1 for b in blocks) - 1, 0)
    return [Removal(min(off, last), t, why) for off, t, why in inv]
