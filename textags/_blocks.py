r"""The result of cleaning: :class:`Block` s, one per line of the cleaned text, in :class:`Cleaned`.

Examples
--------
>>> c = Cleaned((Block("标题", "heading"), Block("正文。", "body")))
>>> c.text, c.offsets()
('标题\n正文。', [0, 3])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._removal import Removal


@dataclass(frozen=True)
class Block:
    """One line of the cleaned text.

    ``kind`` is ``body``, ``heading``, ``footnote``, ``table``,
    ``furniture`` or ``gap`` (a gap a reader marked, such as a page with no
    text layer: its text is :data:`~textags._clean_patterns.GAP_MARK`, whitespace that lands in no unit).  ``level`` is a heading's nesting level (0 for a title).
    ``head`` is, for a body block that opens with a heading (a bold lead
    phrase, ``一是…。``), the length of that heading.
    """

    text: str
    kind: str
    level: int = 0
    head: int = 0
    head_level: int = 0


@dataclass(frozen=True)
class Cleaned:
    """The result of :func:`clean`: blocks, their text, and what was taken out."""

    blocks: tuple[Block, ...]
    removed: tuple[Removal, ...] = ()
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "\n".join(b.text for b in self.blocks))

    def offsets(self) -> list[int]:
        """Start offset of every block in :attr:`text`."""
        out, pos = [], 0
        for b in self.blocks:
            out.append(pos)
            pos += len(b.text) + 1
        return out
