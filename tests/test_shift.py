"""Shifts carry 95% intervals in every output; an unmeasured part is —/null/empty, never 0."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import STREET, TESTDATA

import textags
from textags._codebook import DOMAINS
from textags._compare import compare
from textags._document import Document, Tag, Unit
from textags._emphasis import ROW_COLUMNS
from textags._shift import SHIFT_COLUMNS, shift_between

PLAN = STREET[2]  # 友谊路街道 2022 年工作要点: a plan, no review
DISTRICT = STREET[0]  # 宝山区: a review and a plan
REPORTS = TESTDATA / "reports"


def doc(labels, name="t"):
    text = "".join(f"第{i}句。" for i in range(len(labels)))
    units, pos = [], 0
    for i, lab in enumerate(labels):
        t = f"第{i}句。"
        units.append(Unit(i, pos, pos + len(t), t, "body", (), Tag(lab, 0.9, {lab: 0.9, "other": 0.1})))
        pos += len(t)
    return Document(text, tuple(units), name=name)


def test_a_large_shift_is_marked_and_no_shift_is_not():
    a = doc(["economy"] * 40 + ["party"] * 10).units
    b = doc(["economy"] * 10 + ["party"] * 40).units
    s = shift_between(a, b)
    assert s["shift"]["economy"] == pytest.approx(-0.6) and s["differs"]["economy"]
    assert s["low"]["economy"] <= s["shift"]["economy"] <= s["high"]["economy"] < 0
    same = shift_between(a, doc(["economy"] * 40 + ["party"] * 10).units)
    assert not any(same["differs"].values())
    assert same["low"]["economy"] < 0 < same["high"]["economy"]


def test_compare_rows_carry_shifts_from_the_group_before_or_a_baseline():
    docs = [
        doc(["economy"] * 30 + ["party"] * 5, "a"),
        doc(["economy"] * 5 + ["party"] * 30, "b"),
        doc(["party"] * 9, "c"),
    ]
    rows = compare(docs, n_boot=200)
    assert list(rows[0])[-len(ROW_COLUMNS) - len(SHIFT_COLUMNS) :] == [*ROW_COLUMNS, *SHIFT_COLUMNS]
    first = [r for r in rows if r["group"] == "a"]
    assert all(r["shift"] is None and r["shift_from"] is None for r in first)
    b = {r["domain"]: r for r in rows if r["group"] == "b" and r["measure"] == "units"}
    assert b["economy"]["shift_from"] == "a" and b["economy"]["shift_differs"] is True
    assert b["economy"]["shift"] == pytest.approx(5 / 35 - 30 / 35)
    c = {r["domain"]: r for r in compare(docs, n_boot=200, baseline="a") if r["group"] == "c"}
    assert c["party"]["shift_from"] == "a"
    with pytest.raises(ValueError, match="no group 'z'"):
        compare(docs, n_boot=50, baseline="z")


def test_compare_by_part_gives_the_plans_shift_from_the_review(small_model):
    rows = compare([small_model.tag(textags.load(DISTRICT))], by="part", n_boot=100)
    plan = [r for r in rows if r["part"] == "plan"]
    assert plan and all(r["shift_from"].endswith(":review") for r in plan)
    assert all(r["shift_low"] <= r["shift"] <= r["shift_high"] for r in plan if r["shift"] is not None)
    assert all(r["shift"] is None for r in rows if r["part"] != "plan")


def test_compare_outputs_give_the_shift_with_its_interval(run_cli, small_model_dir):
    files = [REPORTS / "national.txt", REPORTS / "report-b.txt", REPORTS / "county.txt"]
    args = ("compare", *files, "--by", "level", "--model", small_model_dir)
    code, out, err = run_cli(*args, "--width", 400)
    assert code == 0, err
    shares, shifts = out.split("\n\n")
    assert shares.splitlines()[0].split() == ["group", *DOMAINS, "n_units", "n_other"]
    assert "shifts from" in shifts and re.search(r"[+-]\d+\.\d +\[[+-]\d+\.\d, [+-]\d+\.\d\]", shifts)
    assert shifts.splitlines()[1].split() == ["group", "from", "domain", "shift_pp", "interval_pp", "differs"]
    assert "-0.0" not in out
    code, out, err = run_cli(*args, "--format", "json")
    rows = json.loads(out)
    with_shift = [r for r in rows if r["shift"] is not None]
    assert with_shift and all(isinstance(r["shift_differs"], bool) for r in with_shift)
    code, out, err = run_cli(*args, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert {"shift", "shift_low", "shift_high", "shift_differs", "n_domain", "n_units", "n_other"} <= set(table[0])
    assert table[0]["shift"] == "" and any(r["shift_low"] for r in table)


def test_an_empty_part_is_a_dash_null_and_empty_never_zero(run_cli, small_model_dir):
    args = ("summarize", PLAN, "--by", "part", "--model", small_model_dir)
    code, out, err = run_cli(*args, "--width", 400)
    assert code == 0, err
    review = next(line for line in out.splitlines() if ":review" in line)
    assert review.count("—") == len(DOMAINS) and "0.0%" not in review
    code, out, err = run_cli(*args, "--format", "json")
    parts = {d["doc"].rsplit(":", 1)[1]: d for d in json.loads(out)}
    assert set(parts["review"]["emphasis"].values()) == {None} and parts["review"]["n_units"] == 0
    assert sum(parts["plan"]["emphasis"].values()) == pytest.approx(1)
    code, out, err = run_cli(*args, "--format", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff"))) if r["doc"].endswith(":review")]
    assert rows and all(r["share"] == r["low"] == r["high"] == "" for r in rows)


def test_summarize_and_compare_tables_have_one_column_order(run_cli, small_model_dir):
    code, s_out, err = run_cli("summarize", PLAN, "--model", small_model_dir, "--width", 400)
    code, c_out, err = run_cli("compare", PLAN, "--model", small_model_dir, "--width", 400)
    assert s_out.splitlines()[0].split()[1:] == c_out.splitlines()[0].split()[1:] == [*DOMAINS, "n_units", "n_other"]


def test_summarize_measure_chooses_the_shares(run_cli, small_model_dir):
    tables = {
        m: run_cli("summarize", DISTRICT, "--measure", m, "--model", small_model_dir)[1]
        for m in ("units", "chars", "probs")
    }
    assert len(set(tables.values())) == 3


def test_the_html_shift_table_has_intervals_and_no_minus_zero(small_model):
    from textags._report import render_report

    page = render_report([small_model.tag(textags.load(DISTRICT))])
    table = page[page.index('<table class="shift">') :]
    table = table[: table.index("</table>")]
    assert "<th>95% interval</th>" in table and "-0.0" not in page
    assert table.count("<tr class=") == len(DOMAINS)
    assert "宝山区" in page[page.index("<h2") : page.index("</h2>")]  # named by its title


def test_charts_show_whole_years_and_mark_shifts(small_model):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from textags._plot import plot_compare, plot_shifts

    docs = [small_model.tag(textags.load(REPORTS / n)) for n in ("national.txt", "report-b.txt", "town.txt")]
    ax = plot_compare(docs, by="year")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024", "2025"]
    ax = plot_shifts(docs, by="year")
    assert "2024 → 2025" in [t.get_text() for t in ax.get_xticklabels()]
    assert len(ax.patches) == len(DOMAINS)
