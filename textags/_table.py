"""Plain-text tables that fit the terminal: cells wrap whole, CJK characters count two columns.

:func:`format_table` lays records out in aligned columns no wider than
``width`` display columns; a cell too long for its column wraps onto more
lines -- between words, after ``-``/``:``/``/``, or between CJK characters,
never inside a Latin word where it can be avoided -- so no text is cut.
:func:`tag_table` is the table of ``textags tag``: the document's tagged
units, the label and, where the neighbours changed it, the label of the
sentence ``alone``; a mark on units below :data:`LOW_CONFIDENCE`; and a note
where units were set aside by cleaning, so the index never jumps silently.

Examples
--------
>>> print(format_table([{"label": "economy", "text": "税收增长，财政收入稳步提高。"}], width=24), end="")
label    text
-------  ---------------
economy  税收增长，财政
         收入稳步提高。
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Sequence

from ._clean import display_width

#: Below this confidence a unit is marked in the table (``?`` after the number).
LOW_CONFIDENCE = 0.5
#: The width of a table that is not printed on a terminal.
DEFAULT_WIDTH = 100
#: A column is never made narrower than this many display columns.
MIN_COLUMN = 6

_GAP = "  "
# a break is allowed after these (and between any two wide characters)
_BREAK_AFTER = " -–:/_,;"
# never at the start of a line: closing punctuation goes with the character before it
_NO_START = "，。、；：？！）》」』”’%…,.;:?!)]}"


def terminal_width(width: int | None = None, stream=None) -> int:
    """The width to print to: ``width`` if given, else the terminal's (``COLUMNS`` first), else 100.

    >>> terminal_width(72)
    72
    """
    if width:
        return width
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    stream = sys.stdout if stream is None else stream
    try:
        if stream.isatty():
            return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


def _wide(ch: str) -> bool:
    return display_width(ch) > 1


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: after a space or separator, and around wide characters."""
    out: list[str] = []
    cur = ""
    for ch in text:
        if cur and (_wide(ch) or _wide(cur[-1])) and ch not in _NO_START:
            out.append(cur)
            cur = ""
        cur += ch
        if ch in _BREAK_AFTER:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` display columns, broken only where a line may break.

    A piece longer than a whole line (a long Latin word) is the only thing
    ever split inside.  Nothing is dropped: the lines joined give ``text``
    back, less the spaces at the breaks.

    >>> wrap("坚持党管武装，有效落实民兵整组任务。", 12)
    ['坚持党管武', '装，有效落实', '民兵整组任', '务。']
    >>> wrap("a long-standing plan", 10)
    ['a long-', 'standing', 'plan']
    """
    width = max(1, width)
    lines: list[str] = []
    cur, cur_w = "", 0
    for piece in _pieces(text):
        w = display_width(piece)
        if cur and cur_w + display_width(piece.rstrip()) > width:
            lines.append(cur.rstrip())
            cur, cur_w = "", 0
            piece = piece.lstrip()
            w = display_width(piece)
        while w > width:  # a piece wider than a line: split it by characters
            head, head_w = "", 0
            for ch in piece:
                if head and head_w + display_width(ch) > width:
                    break
                head += ch
                head_w += display_width(ch)
            lines.append(head)
            piece = piece[len(head) :]
            w = display_width(piece)
        cur += piece
        cur_w += w
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}" if value == value else "nan"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return re.sub(r"\s+", " ", str(value))


def _min_width(cells: list[str], header: str) -> int:
    """The narrowest a column can be without breaking a word of its cells or its header."""
    return max(MIN_COLUMN, *(display_width(p.strip()) for c in [header, *cells] for p in _pieces(c)))


def column_widths(naturals: Sequence[int], minimums: Sequence[int], width: int) -> list[int]:
    """Column widths that fit ``width`` (with two spaces between columns).

    Every column keeps at least its unbroken words (``minimums``); the room
    left is shared in proportion to what each column would need beyond that,
    so a long text column gets most of it.

    >>> column_widths([10, 40, 5], [6, 10, 5], 40)
    [8, 23, 5]
    >>> column_widths([10, 20, 5], [6, 10, 5], 60)
    [10, 20, 5]
    """
    room = width - len(_GAP) * (len(naturals) - 1)
    if sum(naturals) <= room:
        return list(naturals)
    floors = [min(m, n) for m, n in zip(minimums, naturals)]
    while sum(floors) > room and max(floors) > MIN_COLUMN:  # unbroken words do not fit: break the longest
        i = floors.index(max(floors))
        floors[i] -= 1
    need = [n - f for n, f in zip(naturals, floors)]
    spare = max(0, room - sum(floors))
    shares = [spare * k / sum(need) for k in need]
    widths = [f + int(x) for f, x in zip(floors, shares)]
    for i in sorted(range(len(widths)), key=lambda k: int(shares[k]) - shares[k])[: room - sum(widths)]:
        widths[i] += 1
    return widths


def format_table(
    records: Sequence[dict],
    columns: Sequence[str] | None = None,
    *,
    width: int | None = None,
    right: Sequence[str] = (),
) -> str:
    """An aligned plain-text table no wider than ``width`` (default: :func:`terminal_width`).

    Cells too long for their column wrap onto more lines (see :func:`wrap`);
    numbers print with two decimals; ``right`` names columns aligned right.

    Examples
    --------
    >>> print(format_table([{"domain": "economy", "share": 0.5}, {"domain": "party", "share": 0.25}], width=40), end="")
    domain   share
    -------  -----
    economy  0.50
    party    0.25
    """
    records = list(records)
    if not records:
        return ""
    width = terminal_width(width)
    columns = list(columns or records[0].keys())
    cells = [[_cell(r.get(c)) for c in columns] for r in records]
    naturals = [max(display_width(c), *(display_width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    # right-aligned columns (numbers) are never broken
    minimums = [naturals[i] if c in right else _min_width([row[i] for row in cells], c) for i, c in enumerate(columns)]
    widths = column_widths(naturals, minimums, width)

    def rows_of(row, align) -> list[str]:
        wrapped = [wrap(v, w) for v, w in zip(row, widths)]
        return [
            _GAP.join(
                _pad(x[k] if k < len(x) else "", w, right=align and c in right)
                for x, w, c in zip(wrapped, widths, columns)
            ).rstrip()
            for k in range(max(len(x) for x in wrapped))
        ]

    lines = [*rows_of(columns, False), _GAP.join("-" * w for w in widths)]
    for row in cells:
        lines.extend(rows_of(row, True))
    return "\n".join(lines) + "\n"


def write_table(records: Sequence[dict], out, columns: Sequence[str] | None = None, *, width: int | None = None):
    """Write :func:`format_table` to the text stream ``out``."""
    out.write(format_table(records, columns, width=terminal_width(width, out)))


def confidence_text(confidence: float) -> str:
    """Confidence with two decimals, and ``?`` below :data:`LOW_CONFIDENCE`.

    >>> confidence_text(0.7965), confidence_text(0.45), confidence_text(1.0)
    ('0.80', '0.45?', '1.00')
    """
    return f"{confidence:.2f}" + ("?" if confidence < LOW_CONFIDENCE else "")


def _set_aside_row(run: list[dict]) -> dict:
    kinds: dict[str, int] = {}
    for r in run:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    first, last = run[0]["index"], run[-1]["index"]
    what = ", ".join(f"{n} {k}" for k, n in kinds.items())
    return {
        "index": f"{first}" if first == last else f"{first}–{last}",
        "label": "",
        "alone": "",
        "conf": "",
        "text": f"· set aside by cleaning: {what} (--all lists them)",
    }


def tag_rows(records: Sequence[dict], show_set_aside: bool = False) -> tuple[list[dict], dict]:
    """The rows of :func:`tag_table` and counts for its header and footer."""
    rows: list[dict] = []
    run: list[dict] = []
    counts = {"units": 0, "low": 0, "changed": 0, "rule": 0, "set_aside": {}}
    for r in records:
        if r.get("label") is None:  # set aside by cleaning (footnote, table, furniture)
            counts["set_aside"][r["kind"]] = counts["set_aside"].get(r["kind"], 0) + 1
            if show_set_aside:
                rows.append(
                    {"index": r["index"], "label": f"[{r['kind']}]", "alone": "", "conf": "", "text": r["text"]}
                )
            else:
                run.append(r)
            continue
        if run:
            rows.append(_set_aside_row(run))
            run = []
        counts["units"] += 1
        low = r["confidence"] < LOW_CONFIDENCE
        changed = r.get("alone") is not None and r["alone"] != r["label"]
        counts["low"] += low
        counts["changed"] += changed
        counts["rule"] += bool(r.get("rule"))
        text = r["text"] if r.get("kind") != "heading" else f"# {r['text']}"
        rows.append(
            {
                "index": r["index"],
                "label": r["label"] + (" (rule)" if r.get("rule") else ""),
                "alone": r["alone"] if changed else "",
                "conf": confidence_text(r["confidence"]),
                "text": text,
            }
        )
    if run:
        rows.append(_set_aside_row(run))
    return rows, counts


def tag_table(records: Sequence[dict], *, width: int | None = None, show_set_aside: bool = False) -> str:
    """The table of one document's tagged units (records of :func:`textags._records.unit_records`).

    One row per heading (``#``) and sentence: its index, label, ``alone``
    (the label of the sentence on its own, shown only where the neighbours
    changed it), confidence (two decimals, ``?`` below 0.5) and its whole
    text, wrapped to ``width``.  A run of units set aside by cleaning is one
    row saying how many and of what kind (``show_set_aside`` lists them).

    >>> recs = [
    ...     {"doc": "d", "index": 0, "kind": "body", "text": "税收增长。", "label": "economy", "confidence": 0.7965},
    ...     {"doc": "d", "index": 1, "kind": "footnote", "text": "①注释"},
    ...     {"doc": "d", "index": 2, "kind": "body", "text": "就业稳定。", "label": "livelihood",
    ...      "confidence": 0.45, "alone": "economy"},
    ... ]
    >>> print(tag_table(recs, width=60), end="")
    d: 2 units tagged; 1 set aside by cleaning (1 footnote)
    index  label       alone    conf   text
    -----  ----------  -------  -----  -------------------------
        0  economy              0.80   税收增长。
        1                              · set aside by cleaning:
                                       1 footnote (--all lists
                                       them)
        2  livelihood  economy  0.45?  就业稳定。
    ? confidence below 0.5: 1 of 2 units
    alone: the label of the sentence on its own, where its
    neighbours changed it (1)
    """
    records = list(records)
    if not records:
        return ""
    width = terminal_width(width)
    rows, counts = tag_rows(records, show_set_aside)
    aside = counts["set_aside"]
    n_aside = sum(aside.values())
    head = f"{records[0]['doc']}: {counts['units']} units tagged"
    if n_aside:
        head += f"; {n_aside} set aside by cleaning (" + ", ".join(f"{n} {k}" for k, n in aside.items()) + ")"
    columns = ["index", "label", "alone", "conf", "text"]
    if not counts["changed"]:
        columns.remove("alone")
    notes = []
    if counts["low"]:
        notes.append(f"? confidence below {LOW_CONFIDENCE:g}: {counts['low']} of {counts['units']} units")
    if counts["changed"]:
        notes.append(
            f"alone: the label of the sentence on its own, where its neighbours changed it ({counts['changed']})"
        )
    if counts["rule"]:
        notes.append(f"(rule): settled by a codebook rule, see textags._rules ({counts['rule']})")
    body = format_table(rows, columns, width=width, right=("index",))
    foot = "".join(line + "\n" for note in notes for line in wrap(note, width))
    return "\n".join(wrap(head, width)) + "\n" + body + foot
