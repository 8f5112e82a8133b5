"""Cleaning works in time linear in its input: checked by counting the work, not timing it.

Each test gives a cleaning step 100,000 lines and lets it take at most a fixed
number of steps per line (Python lines and calls, counted by a trace hook, and
built-in calls, counted by a profile hook); the quadratic versions of these
steps take billions and are stopped at the budget, so the test fails at once
instead of hanging.
"""

from __future__ import annotations

import sys

import pytest

from textags._block_marks import mark_footnotes as _mark_footnotes
from textags._carry import carry as _carry
from textags._clean import Block, Cleaned, clean

LINES = 100_000


class Budget:
    """Count function calls while active; raise once more than ``limit`` were made."""

    def __init__(self, limit: int):
        self.limit = limit
        self.calls = 0

    def _count(self) -> None:
        self.calls += 1
        if self.calls > self.limit:
            raise RuntimeError(f"more than {self.limit} steps: not linear")

    def _profile(self, frame, event, arg):
        if event == "c_call":
            self._count()

    def _trace(self, frame, event, arg):
        self._count()  # a call, or a line (each turn of a loop is one)
        return self._trace

    def __enter__(self):
        sys.setprofile(self._profile)
        sys.settrace(self._trace)
        return self

    def __exit__(self, *exc):
        sys.settrace(None)
        sys.setprofile(None)
        return False


def test_the_budget_stops_quadratic_work():
    with pytest.raises(RuntimeError, match="not linear"), Budget(1000):
        for _ in range(100):
            for _ in range(100):
                "ab".find("b")


def test_carry_finds_100000_blocks_in_linear_work():
    # the later pass joined every two lines of the earlier one; each earlier
    # block is found once, from where the one before it ended
    lines = [f"第{i}行，推进老旧小区加装电梯" for i in range(LINES)]
    prev = Cleaned(tuple(Block(t, "body") for t in lines))
    nxt = Cleaned(tuple(Block(a + b, "body") for a, b in zip(lines[0::2], lines[1::2])))
    with Budget(40 * LINES) as budget:
        out = _carry(prev, nxt)
    assert out.text == nxt.text and budget.calls > LINES


def test_carry_keeps_removals_at_their_block_when_a_note_moved():
    prev = clean("科创活力不断激发。启动推进\n\n1 “十个一”：开展一轮大讨论。\n\n科创“十个一”1工作举措。")
    again = clean(prev.text)
    assert _carry(prev, again).text == again.text


def test_footnote_marking_of_50000_notes_in_linear_work():
    # 50,000 paragraphs each followed by its note, numbered 1 to 90 over and over:
    # the old pass looked back over every earlier block for every note; a note
    # whose marker is already there is left alone, so 90 markers are made
    blocks, ids = [], []
    for i in range(LINES // 2):
        n = str(i % 90 + 1)
        blocks.append(Block(f"推进科创{n}工作举措，街道完成加装电梯。", "body"))
        blocks.append(Block(f"{n} 说明：开展一轮大讨论。", "footnote"))
        ids.append((len(blocks) - 1, n))
    with Budget(40 * LINES) as budget:
        out = _mark_footnotes(blocks, ids)
    marked = [
        b.text for b in out if b.kind == "body" and "科创" in b.text and not any(c in "0123456789" for c in b.text)
    ]
    assert len(marked) == 90 and budget.calls > LINES
    assert out[0].text == "推进科创¹工作举措，街道完成加装电梯。"


def test_footnote_marking_skips_a_note_whose_marker_is_there():
    blocks = [Block("推进科创¹工作举措，又见科创1工作。", "body"), Block("1 说明：大讨论。", "footnote")]
    assert _mark_footnotes(blocks, [(1, "1")])[0].text == blocks[0].text


def test_footnote_marking_takes_the_nearest_place_before_the_note():
    blocks = [
        Block("甲科创1工作。", "body"),
        Block("乙科创1工作，丙科创1工作。", "body"),
        Block("1 说明：大讨论。", "footnote"),
        Block("丁科创1工作。", "body"),
    ]
    out = _mark_footnotes(blocks, [(2, "1")])
    assert [b.text for b in out] == ["甲科创1工作。", "乙科创1工作，丙科创¹工作。", "1 说明：大讨论。", "丁科创1工作。"]
