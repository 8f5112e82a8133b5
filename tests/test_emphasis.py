"""Emphasis arithmetic: shares sum to 1, intervals contain the point, other apart; parts; compare."""

from __future__ import annotations

import pytest
from conftest import STREET

import textags
from textags._codebook import DOMAINS
from textags._compare import compare
from textags._document import Document, Tag, Unit
from textags._emphasis import MEASURES, emphasis
from textags._parts import split_parts


def tagged(labels):
    text = "".join(f"第{i}句话。" for i in range(len(labels)))
    units, pos = [], 0
    for i, lab in enumerate(labels):
        t = f"第{i}句话。"
        probs = {d: (0.8 if d == lab else 0.04) for d in (*DOMAINS, "other")}
        units.append(Unit(i, pos, pos + len(t), t, "body", (), Tag(lab, 0.8, probs)))
        pos += len(t)
    return Document(text, tuple(units), name="t")


def test_shares_sum_to_one_and_other_is_apart():
    e = emphasis(tagged(["economy"] * 3 + ["party"] + ["other"] * 4))
    for m in MEASURES:
        assert sum(e.shares[m].values()) == pytest.approx(1, abs=1e-12)
    assert e.shares["units"]["economy"] == 0.75 and e.shares["units"]["party"] == 0.25
    assert e.other_units == 4 and e.units == 4


def test_intervals_contain_the_point_estimate():
    e = emphasis(tagged(["economy", "livelihood", "safety", "party", "governance", "economy", "other"] * 5))
    for m in MEASURES:
        for d in DOMAINS:
            assert e.low[m][d] <= e.shares[m][d] <= e.high[m][d]


def test_bootstrap_is_reproducible_and_narrows_with_more_units():
    small = emphasis(tagged(["economy", "party"] * 5), random_state=1)
    again = emphasis(tagged(["economy", "party"] * 5), random_state=1)
    large = emphasis(tagged(["economy", "party"] * 200), random_state=1)
    assert small.low == again.low
    assert (large.high["units"]["economy"] - large.low["units"]["economy"]) < (
        small.high["units"]["economy"] - small.low["units"]["economy"]
    )


def test_char_and_prob_measures_weigh_as_documented():
    e = emphasis(tagged(["economy", "party"]))
    assert e.shares["chars"]["economy"] == pytest.approx(0.5, abs=0.01)
    # each unit gives 0.8 to its label and 0.04 to every other one
    assert e.shares["probs"]["economy"] == pytest.approx(0.84 / (2 * 0.84 + 3 * 0.08), abs=1e-3)


def test_untagged_documents_are_refused():
    with pytest.raises(ValueError, match="not tagged"):
        emphasis(textags.segment("税收增长。"))


def test_json_summary_maps_each_domain_to_its_share():
    d = emphasis(tagged(["economy", "party", "other"])).to_dict()
    assert set(d["emphasis"]) == set(DOMAINS)
    assert sum(d["emphasis"].values()) == pytest.approx(1)
    assert d["n_other"] == 1


def test_review_and_plan_parts_are_found_in_the_district_report():
    doc = textags.load(STREET[0])  # the district report: 执行情况 and 主要目标和任务
    parts = split_parts(doc)
    assert any(u.coded for u in parts["review"]) and any(u.coded for u in parts["plan"])
    assert parts["plan"][0].text.startswith("二、2022年")


def test_a_plan_titled_report_is_all_plan():
    doc = textags.load(STREET[2])  # 友谊路街道 2022 年工作要点
    parts = split_parts(doc)
    assert not parts["review"] and len(parts["plan"]) == len(doc.units)


def test_compare_returns_rows_for_pandas(small_model):
    docs = [small_model.tag(textags.load(p)) for p in STREET[1:3]]
    rows = compare(docs, by="document", n_boot=100)
    assert {r["group"] for r in rows} == {p.stem for p in STREET[1:3]}
    assert {"measure", "domain", "share", "low", "high", "n_domain", "n_units", "n_other"} <= set(rows[0])
    by_year = compare(docs, by="year", n_boot=50)
    assert {r["group"] for r in by_year} == {"2021", "2022"}
