"""What cleaning took out of a line: the one data type the cleaning modules make.

It lives apart from :mod:`textags._document` so that cleaning needs nothing of the document model
above it (``Document`` holds these; the cleaner only makes them).

Examples
--------
>>> from textags._removal import Removal
>>> Removal(offset=4, text="**", reason="markup")
Removal(offset=4, text='**', reason='markup')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Removal"]


@dataclass(frozen=True)
class Removal:
    """A piece of markup or a footnote marker that cleaning took out.

    ``offset`` is the position in the cleaned text where it stood, so nothing
    is deleted silently.
    """

    offset: int
    text: str
    reason: str
