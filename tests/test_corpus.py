"""Every report of the corpus through the commands, with the shipped model: tag, summarize, explain."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from conftest import STREET, corpus_files

import textags
from textags._codebook import DOMAINS, LABELS

LOCAL = {p.stem for p in corpus_files("local")}
REPORTS = [*STREET, *corpus_files("national"), *corpus_files("provincial-2025"), *corpus_files("local")]


def test_the_corpus_has_all_its_reports():
    assert len(REPORTS) == 87 + 214  # and the 214 local report openings (#22)


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    from textags.cli import main

    out = tmp_path_factory.mktemp("corpus") / "tags.jsonl"
    assert main(["tag", *map(str, REPORTS), "--format", "jsonl", "--jobs", "2", "-o", str(out)]) == 0
    by_doc = defaultdict(list)
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        by_doc[rec["doc"]].append(rec)
    return by_doc


def test_every_report_is_tagged_unit_by_unit(tagged):
    assert list(tagged) == [p.stem for p in REPORTS]  # in the order given
    for doc, recs in tagged.items():
        assert len(recs) > (3 if doc in LOCAL else 10), doc  # the local reports are openings (~750 characters)
        assert [r["index"] for r in recs] == sorted(r["index"] for r in recs)
        for r in recs:
            assert r["label"] in LABELS and set(r["probs"]) == set(LABELS)
            assert abs(sum(r["probs"].values()) - 1) < 1e-3 and r["confidence"] == r["probs"][r["label"]]
            assert r["alone"] in LABELS


def test_the_codebook_rules_settle_exactly_the_units_they_name(tagged):
    from textags._rules import rule_of

    named = {(doc, r["index"]): rule_of(r["text"]) for doc, recs in tagged.items() for r in recs}
    settled = {(doc, r["index"]): r.get("rule") for doc, recs in tagged.items() for r in recs}
    assert settled == named
    notes = [key for key, rule in settled.items() if rule == "responsibility-note"]
    assert {doc for doc, _ in notes} == {"baoshan-youyilu-2022-work-plan"} and len(notes) == 17


def test_every_report_is_summarized(run_cli, tmp_path):
    out = tmp_path / "summary.json"
    code, _, err = run_cli("summarize", *REPORTS, "--format", "json", "-o", out)
    assert code == 0, err
    summaries = json.loads(out.read_text(encoding="utf-8"))
    assert [s["doc"] for s in summaries] == [p.stem for p in REPORTS]
    for s in summaries:
        assert set(s["emphasis"]) == set(DOMAINS)
        # an opening whose units are all `other` (title block, salutation, preamble) has no emphasis: null, not 0
        if not s["n_units"]:
            assert set(s["emphasis"].values()) == {None}
            continue
        assert abs(sum(s["emphasis"].values()) - 1) < 1e-9
        assert all(s["low"][d] <= s["emphasis"][d] <= s["high"][d] for d in DOMAINS)


@pytest.mark.parametrize("report", [STREET[0], REPORTS[10], REPORTS[-1]], ids=lambda p: p.stem)
def test_a_sentence_of_each_level_is_explained(run_cli, report):
    sentence = next(u.text for u in textags.load(report).units if u.kind == "body")
    code, out, err = run_cli("explain", sentence, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["label"] in LABELS and result["terms"]
