"""Web-page lines among the classified lines: navigation, metadata and tool lines, and site watermarks.

What a line of a web page looks like is :mod:`textags._web`'s; where such a
line counts (the page's header and footer) and what becomes of it (furniture
that ends the paragraph before it; a metadata table one line) is here.
"""

from __future__ import annotations

from ._clean_patterns import CleanConfig
from ._line_rules import Line
from ._web import forum_panel, is_prose, watermark_at, web_kind


def web_furniture(lines: list[Line], cfg: CleanConfig) -> list[Line]:
    """Mark a web page's navigation, metadata and tool lines as furniture (:mod:`textags._web`).

    The page's header is what comes before the report's first line of prose,
    its footer what comes after the last; metadata and navigation patterns
    apply only there, page-tool lines anywhere.  Consecutive metadata lines
    (a disclosure page's table) become one furniture line, joined by a space.
    """
    first = next((i for i, ln in enumerate(lines) if ln.kind == "body" and is_prose(ln.text)), len(lines))
    last = next(
        (i for i in range(len(lines) - 1, first - 1, -1) if lines[i].kind == "body" and is_prose(lines[i].text)), -1
    )
    # a page's header may carry a line of prose (a site's notice, a news headline): its first lines count too
    opening = [i for i, ln in enumerate(lines) if ln.kind != "blank"][: cfg.web_header_lines]
    first = max(first, opening[-1] + 1 if opening else 0)
    forum = forum_panel([ln.text for ln in lines], first)
    out: list[Line] = []
    prev: Line | None = None  # the last non-blank line so far
    for i, ln in enumerate(lines):
        kind = ""
        if ln.kind in ("body", "heading", "table") and ln.text:
            edge = i < first or i > last
            kind = "nav" if i in forum else web_kind(ln.text, edge, cfg.web_meta_patterns, cfg.web_nav_patterns)
        if not kind:
            out.append(ln)
            if ln.kind != "blank":
                prev = ln
            continue
        if kind == "meta" and prev is not None and prev.meta:
            shift = len(prev.text) + 1
            prev.removed.extend((shift + off, t, why) for off, t, why in ln.removed)
            prev.text = prev.text + " " + ln.text
            continue
        prev = Line(ln.text, "furniture", removed=list(ln.removed), meta=kind == "meta", web=True)
        out.append(prev)
    return out


def split_watermarks(lines: list[Line], cfg: CleanConfig) -> list[Line]:
    """Split a site's watermark off the end of the body and heading lines it is glued to, as furniture."""
    if not cfg.web_watermarks:
        return lines
    out: list[Line] = []
    for ln in lines:
        at = watermark_at(ln.text, cfg.web_watermarks) if ln.kind in ("body", "heading") else -1
        if at < 0:
            out.append(ln)
            continue
        if at > 0 and ln.text[:at].strip():
            kept = [r for r in ln.removed if r[0] <= at]
            out.append(Line(ln.text[:at].rstrip(), ln.kind, ln.level, ln.head, kept, alone=ln.alone))
        moved = [(off - at, t, why) for off, t, why in ln.removed if off > at]
        out.append(Line(ln.text[at:], "furniture", removed=moved, web=True))
    return out
