"""Codebook rules: responsibility notes and lone list markers are ``other``, whatever the model says."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import numpy as np
import pytest
from conftest import DATA, RAW

from textags import load
from textags._api import tag_lines
from textags._codebook import LABELS
from textags._labels import read_labelled
from textags._model import Model, Scorer
from textags._neighbours import mix
from textags._postprocess import postprocess
from textags._rules import RULES, rule_of
from textags.learn import cross_val_proba, dedupe

WORK_PLAN = RAW / "street" / "baoshan-youyilu-2022-work-plan.txt"


@pytest.mark.parametrize(
    "text, rule",
    [
        ("（由林必德副主任牵头实施）", "responsibility-note"),  # 友谊路街道 2022
        ("（由杨颖副书记、王锁红副书记、陈阳副主任按分工牵头实施）", "responsibility-note"),
        ("第一，", "list-marker"),  # 国务院 1979
        ("第十、", "list-marker"),
        ("三是", "list-marker"),
        ("……。", "no-words"),
        ("• /", "no-words"),
        ("（三）聚焦“三个公共”，治理服务水平持续提升", None),  # a heading: the model decides
        ("第一，努力实现国民经济调整的任务。", None),
        ("加强街道招商队伍人才建设。（由林必德副主任牵头实施）", None),  # a note inside a sentence
        ("（由街道牵头）推进垃圾分类。", None),
    ],
)
def test_rule_of_names_only_units_that_are_nothing_but_a_note_or_a_marker(text, rule):
    assert rule_of(text) == rule


def test_every_labelled_unit_a_rule_names_is_labelled_other():
    rows, _ = read_labelled([DATA / "labelled"])
    named = Counter((rule_of(r.text), r.label) for r in dedupe(rows) if rule_of(r.text))
    assert {rule for rule, _ in named} == {name for name, _ in RULES}  # each rule is met in the data
    # 17 notes of one street work plan; 9 markers of the national reports, 2 of the local openings;
    # 4 units without words of the local openings
    assert named == {("responsibility-note", "other"): 17, ("list-marker", "other"): 11, ("no-words", "other"): 4}


def test_postprocess_leaves_ruled_units_out_of_their_neighbours_context():
    p = np.array([[0.9, 0.1], [0.5, 0.5], [0.2, 0.8]])
    texts = ["税收增长。", "（由王主任牵头实施）", "垃圾分类。"]

    def mixer(q, positions):
        return mix(q, positions, weights=(1.0, 0.5), weight=0.5)

    params = {"rules": True, "neighbours": (1.0, 0.5), "neighbour_weight": 0.5}
    settled = postprocess(p, texts, ["economy", "other"], params)
    out, hits = settled.probs, settled.rules
    assert settled.alone.tolist() == [[0.9, 0.1], [0.0, 1.0], [0.2, 0.8]]  # the rules, before the mix
    assert hits == [None, "responsibility-note", None]
    assert out[1].tolist() == [0.0, 1.0]
    # the first and last units see each other two places away, not the note between them
    np.testing.assert_allclose(out[[0, 2]], mixer(p[[0, 2]], np.array([0, 2])))


def test_tagging_a_work_plan_settles_its_responsibility_notes(small_model):
    assert small_model.scorer.rules  # the default parameters include the rules
    doc = small_model.tag(load(WORK_PLAN))
    bare = small_model.tag(load(WORK_PLAN), rules=False)
    notes = [u for u in doc.coded_units if rule_of(u.text) == "responsibility-note"]
    assert len(notes) == 17
    for u in notes:
        assert (u.tag.label, u.tag.rule, u.tag.confidence, u.tag.terms) == ("other", "responsibility-note", 1.0, ())
    assert all(u.tag.rule is None for u in bare.coded_units)
    others = [u for u in doc.coded_units if not rule_of(u.text)]
    assert all(u.tag.rule is None and u.tag.terms for u in others)


def test_models_without_the_rules_in_their_parameters_never_apply_them(small_model):
    params = {k: v for k, v in small_model.scorer.params.items() if k != "rules"}
    s = small_model.scorer
    old = Model(Scorer(s.labels, s.blocks, s.coef, s.intercept, params), small_model.card)
    assert not old.scorer.rules
    assert old.explain("（由林必德副主任牵头实施）").rule is None
    assert small_model.explain("（由林必德副主任牵头实施）").rule == "responsibility-note"


def test_cli_names_the_rule_and_no_rules_leaves_it_out(run_cli, small_model_dir):
    code, out, _ = run_cli("tag", WORK_PLAN, "--model", small_model_dir, "--format", "jsonl")
    recs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and sum(r.get("rule") == "responsibility-note" for r in recs) == 17
    code, out, _ = run_cli("tag", WORK_PLAN, "--model", small_model_dir, "--format", "jsonl", "--no-rules")
    assert code == 0 and not any("rule" in json.loads(line) for line in out.splitlines())
    code, out, _ = run_cli("tag", WORK_PLAN, "--model", small_model_dir, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert Counter(r["rule"] for r in rows)["responsibility-note"] == 17
    code, out, _ = run_cli("explain", "（由黄永副主任牵头实施）", "--model", small_model_dir, "--format", "json")
    assert code == 0 and json.loads(out)["rule"] == "responsibility-note"


def test_cross_validation_applies_no_rule_for_a_fold_model_without_other(street_rows):
    """As in tagging: a model that never learned "other" cannot be told a unit is "other"."""
    rows = [r for r in street_rows if r.label != "other" or rule_of(r.text)]  # no "other" but the notes
    two = [r for r in rows if r.doc in ("baoshan-youyilu-2022-work-plan", "baoshan-youyilu-2021-work-summary")]
    params = {"neighbour_weight": 0.0, "min_df": 1}
    # the 2022 plan's fold trains on the 2021 summary, left without any "other" unit
    _, with_rules = cross_val_proba(two, params=params)
    _, without = cross_val_proba(two, params=params | {"rules": False})
    np.testing.assert_allclose(with_rules, without)  # neither fold applies a rule...
    assert any(rule_of(r.text) for r in two)  # ...though notes are there


def test_cross_validation_settles_the_notes_a_fold_never_trained_on(street_rows):
    rows = [r for r in street_rows if r.doc in ("baoshan-youyilu-2022-work-plan", "baoshan-youyilu-2021-work-summary")]
    params = {"neighbour_weight": 0.0, "min_df": 1}
    _, with_rules = cross_val_proba(rows, params=params)
    _, without = cross_val_proba(rows, params=params | {"rules": False})
    ruled = np.array([rule_of(r.text) is not None for r in rows])
    assert ruled.sum() == 17
    assert (with_rules[ruled].argmax(1) == LABELS.index("other")).all()
    assert not (without[ruled].argmax(1) == LABELS.index("other")).all()
    np.testing.assert_allclose(with_rules[~ruled], without[~ruled])


def test_evaluate_reports_the_model_alone_with_no_rules(run_cli, tmp_path):
    # leave-one-document-out on two street reports: the notes of one are never seen in training
    data = [DATA / "labelled" / f"baoshan-youyilu-{y}.csv" for y in ("2021-work-summary", "2022-work-plan")]
    code, out, _ = run_cli("evaluate", *data, "--format", "json", "--no-neighbours")
    code2, out2, _ = run_cli("evaluate", *data, "--format", "json", "--no-neighbours", "--no-rules")
    assert code == code2 == 0
    recall = [json.loads(o)["per_label"]["other"]["recall"] for o in (out, out2)]
    assert recall[0] > recall[1]


def test_the_api_tags_a_note_line_by_line(small_model, tmp_path):
    f = tmp_path / "lines.txt"
    f.write_text("加强街道招商队伍人才建设。\n（由林必德副主任牵头实施）\n", encoding="utf-8")
    (recs,) = tag_lines([str(f)], small_model)
    assert [r.get("rule") for r in recs] == [None, "responsibility-note"]


def test_a_model_trained_without_other_tags_notes_by_the_model(street_rows):
    from textags._model import Tagger
    from textags.learn import DEFAULT_PARAMS, inputs

    rows = [r for r in street_rows if r.label != "other"]
    tagger = Tagger(**DEFAULT_PARAMS).fit(inputs(rows), [r.label for r in rows])
    model = Model(tagger.to_scorer(), {})
    tag = model.explain("（由林必德副主任牵头实施）")
    assert "other" not in model.labels and tag.rule is None and tag.label in model.labels
