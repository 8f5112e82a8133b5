"""The text table: fits the terminal (COLUMNS, --width, 100 off a terminal), wraps whole sentences,
marks low confidence, shows ``alone`` where it differs and says where units were set aside."""

from __future__ import annotations

import json
import re

import pytest
from conftest import RAW, STREET

from textags._clean import display_width
from textags._table import format_table, tag_table, wrap

PLAN = STREET[2]
#: A street report the small model did not train on (it trained on the STREET reports): it is unsure of some units.
UNSEEN = RAW / "local" / "p005-street-jinan-zhongdahuaishu-2022.txt"


def widest(out: str) -> int:
    return max(display_width(line) for line in out.splitlines())


def table_rows(out: str) -> list[tuple[str, str, str]]:
    """(index, conf, whole text) of each row of a `textags tag` table, its wrapped lines joined."""
    lines = out.splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith("index"))
    header = lines[k]
    at = {c: display_width(header[: header.index(c)]) for c in ("index", "conf", "text")}

    def cut(line: str, start: int, end: int | None = None) -> str:
        out, col = [], 0
        for ch in line:
            if col >= start and (end is None or col < end):
                out.append(ch)
            col += display_width(ch)
        return "".join(out).strip()

    rows: list[list[str]] = []
    for line in lines[k + 2 :]:
        if not line.startswith(" ") and not line[:1].isdigit():
            break  # the notes under the table
        index = cut(line, 0, at["conf"] - 2).split()
        if index and re.match(r"^\d", index[0]):
            rows.append([index[0], cut(line, at["conf"], at["text"]), cut(line, at["text"])])
        else:
            rows[-1][2] += cut(line, at["text"])
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("columns", [80, 100])
def test_every_table_fits_the_terminal(run_cli, small_model_dir, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    model = ("--model", small_model_dir)
    for args in (
        ("tag", PLAN, *model),
        ("tag", PLAN, "--all", *model),
        ("summarize", *STREET, *model),
        ("compare", *STREET, *model),
        ("compare", STREET[0], "--by", "part", *model),
        ("explain", "坚持稳中求进总基调，全力推动经济发展稳进提质，加快推进数字化转型，持续增强民生福祉。", *model),
    ):
        code, out, err = run_cli(*args)
        assert code == 0, err
        assert widest(out) <= columns, args
        assert widest(out) > columns - 10, args  # and uses the room it has


def test_off_a_terminal_the_table_is_100_columns_unless_width_says_otherwise(run_cli, small_model_dir, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run_cli("tag", PLAN, "--model", small_model_dir)  # captured: not a terminal
    assert code == 0 and 90 < widest(out) <= 100
    code, out, _ = run_cli("tag", PLAN, "--model", small_model_dir, "--width", "60")
    assert code == 0 and widest(out) <= 60
    code, _, err = run_cli("tag", PLAN, "--model", small_model_dir, "--width", "5")
    assert code == 2 and "--width" in err


def test_the_tag_table_shows_whole_sentences_alone_and_low_confidence(run_cli, small_model_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run_cli("tag", UNSEEN, "--model", small_model_dir)
    _, jsonl, _ = run_cli("tag", UNSEEN, "--model", small_model_dir, "--format", "jsonl")
    recs = [json.loads(x) for x in jsonl.splitlines()]
    rows = [r for r in table_rows(out) if r[1]]  # the tagged units (set-aside rows have no confidence)
    assert [int(r[0]) for r in rows] == [r["index"] for r in recs]
    for (_, conf, text), rec in zip(rows, recs):
        whole = ("# " if rec["kind"] == "heading" else "") + rec["text"]
        assert text.replace(" ", "") == whole.replace(" ", "")  # wrapped, never cut
        assert re.fullmatch(r"\d\.\d\d\??", conf)  # two decimals
        assert conf.endswith("?") == (rec["confidence"] < 0.5)
    low = sum(r["confidence"] < 0.5 for r in recs)
    changed = [r for r in recs if r["alone"] != r["label"]]
    assert low and changed  # the small model is unsure of some units, and the neighbours change some
    assert f"? confidence below 0.5: {low} of {len(recs)} units" in out
    for r in changed:  # the label alone stands next to the label in the unit's row
        line = next(x for x in out.splitlines() if re.match(rf"^ {{0,7}}{r['index']}  ", x))
        assert re.search(rf"\b{r['label']}\s+{r['alone']}\s", line), line


def test_the_tag_table_says_where_units_were_set_aside(run_cli, small_model_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run_cli("tag", PLAN, "--model", small_model_dir)
    _, seg, _ = run_cli("segment", PLAN)
    units = [json.loads(x) for x in seg.splitlines()]
    aside = [u for u in units if u["kind"] not in ("body", "heading")]
    assert aside and f"{len(aside)} set aside by cleaning ({len(aside)} footnote)" in out.replace("\n", " ")
    first = aside[0]["index"]
    line = next(x for x in out.splitlines() if re.match(rf"^ {{0,7}}{first}(–\d+)?  ", x))
    assert "set aside by cleaning" in line and "footnote" in out
    # every index is either a row or inside a set-aside run: no silent jump
    shown = set()
    for index, _, _ in table_rows(out):
        lo, _, hi = index.partition("–")
        shown.update(range(int(lo), int(hi or lo) + 1))
    assert shown == {u["index"] for u in units}


def test_wrap_keeps_every_character_and_the_width():
    text = "实施“十五分钟生活圈”修补计划，逐步构建 a long-standing network of 15-minute circles，完善社区服务。"
    for width in (10, 13, 30):
        lines = wrap(text, width)
        assert all(display_width(x) <= width for x in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(x.startswith(("，", "。", "”")) for x in lines)  # closing punctuation stays behind


def test_tables_of_records_wrap_cells_and_print_two_decimals():
    out = format_table([{"doc": "一份很长的报告名称" * 3, "kappa": 0.95625, "note": "x"}], width=30)
    assert widest(out) <= 30 and "0.96" in out and "0.95625" not in out
    assert tag_table([]) == ""
