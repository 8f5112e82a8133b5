"""Small pieces of HTML text shared by the report's modules: escaping, percentages, names cut short, tints.

Examples
--------
>>> esc("<5%>"), pct(0.1234), plural(1, "unit"), plural(2, "unit"), share(None)
('&lt;5%&gt;', '12.3%', '1 unit', '2 units', '—')
"""

from __future__ import annotations

from html import escape

#: The highlight behind a unit's text: its colour mixed with this much white.
TINT = 0.72


def tint(colour: str, white: float = TINT) -> str:
    """``colour`` mixed with ``white`` parts of white.

    >>> tint("#000000", 0.5)
    '#808080'
    """
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb)


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lum = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    y = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2]
    return "#000" if (y + 0.05) / 0.05 >= 1.05 / (y + 0.05) else "#fff"


def pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f}%"


def plural(count: int, noun: str) -> str:
    """``1 unit``, ``2 units``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def esc(value) -> str:
    return escape(str(value), quote=True)


def short(name: str, n: int = 40) -> str:
    """``name`` cut in the middle to ``n`` characters, keeping its end (a part's name).

    >>> short("baoshan-district-2021-2022-development-plan-report:review", 30)
    'baoshan-distric…-report:review'
    """
    if len(name) <= n:
        return name
    tail = (n - 1) // 2
    return name[: n - 1 - tail] + "…" + name[-tail:]


def share(x, digits: int = 1) -> str:
    """A share in percent, or ``—`` when it was not measured."""
    return "—" if x is None else pct(x, digits)
