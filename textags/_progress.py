"""Progress of long runs on a terminal: how much is done and about how long is left.

:class:`Progress` writes one line to standard error, rewritten in place,
and only when standard error is a terminal: a run whose output goes to a
file or a pipe (a script, CI) gets nothing extra.

Examples
--------
>>> import io
>>> p = Progress("leave-one-document-out", io.StringIO())  # not a terminal: silent
>>> p(3, 10); p.stream.getvalue()
''
>>> left_text(95)
'about 1 min 35 s left'
"""

from __future__ import annotations

import sys
import time


def left_text(seconds: float) -> str:
    """``about 40 s left``, ``about 2 min 5 s left``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"about {seconds} s left"
    return f"about {seconds // 60} min {seconds % 60} s left"


class Progress:
    """A callable ``progress(done, total)`` that shows ``WHAT: done/total folds, about N s left`` on a terminal."""

    def __init__(self, what: str, stream=None, unit: str = "folds"):
        self.what = what
        self.unit = unit
        self.stream = sys.stderr if stream is None else stream
        self.start = time.monotonic()
        try:
            self.live = bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            self.live = False

    def line(self, done: int, total: int) -> str:
        """The line shown after ``done`` of ``total``."""
        spent = time.monotonic() - self.start
        text = f"{self.what}: {done}/{total} {self.unit}"
        if 0 < done < total:
            text += ", " + left_text(spent / done * (total - done))
        elif done >= total:
            text += f", done in {round(spent)} s"
        return text

    def __call__(self, done: int, total: int) -> None:
        if not self.live:
            return
        self.stream.write("\r\x1b[2K" + self.line(done, total) + ("\n" if done >= total else ""))
        self.stream.flush()
