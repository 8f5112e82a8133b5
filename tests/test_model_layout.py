"""The model and learning rooms: modules of one job, no import cycle, one feature spec, one settling step."""

from __future__ import annotations

import ast

import numpy as np
import pytest
from conftest import ROOT

PACKAGE = ROOT / "textags"

#: the modules of the model and learning rooms
ROOMS = (
    "_evaluation",
    "_examples",
    "_features",
    "_format",
    "_persist",
    "_postprocess",
    "_queue",
    "_rows",
    "_scorer",
    "_tagger",
    "_trained",
    "_training",
    "_calibration",
    "_classifier",
    "_folds",
    "learn",
    "_model",
    "_modelcheck",
    "_neighbours",
    "_rules",
    "_saving",
)


def imports_of(name: str) -> set[str]:
    """The textags modules ``name`` imports anywhere in its code, lazy imports inside functions included."""
    out = set()
    for node in ast.walk(ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out.update([node.module.split(".")[0]] if node.module else [a.name for a in node.names])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "textags":
            out.add(node.module.split(".")[1] if "." in node.module else "__init__")
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("textags."))
    return {m if (PACKAGE / f"{m}.py").exists() else "__init__" for m in out}


@pytest.mark.parametrize("name", ROOMS)
def test_each_module_of_the_rooms_is_under_400_lines(name):
    assert len((PACKAGE / f"{name}.py").read_text(encoding="utf-8").splitlines()) <= 400


def test_the_rooms_import_no_cycle_and_not_the_package_root():
    graph = {m: imports_of(m) & set(ROOMS) for m in ROOMS}
    assert not [m for m in ROOMS if "__init__" in imports_of(m)]
    done: set[str] = set()

    def visit(m, path):
        assert m not in path, " -> ".join([*path, m])
        if m in done:
            return
        for n in sorted(graph[m]):
            visit(n, [*path, m])
        done.add(m)

    for m in ROOMS:
        visit(m, [])


def test_the_graph_reader_sees_lazy_imports():
    assert "_trained" in imports_of("_rows")  # imported inside sequences()
    assert "_saving" in imports_of("_trained")  # imported inside Model.save()


def test_folds_count_from_the_feature_spec_without_building_a_pipeline(monkeypatch):
    from textags import _folds as folds
    from textags._tagger import Tagger

    def refuse(self):
        raise AssertionError("folds built a Tagger pipeline")

    monkeypatch.setattr(Tagger, "build_pipeline", refuse)
    params = {"word_ngrams": (1, 2), "char_ngrams": (1, 3), "context": True, "context_weight": 0.25, "min_df": 1}
    from textags._tokenize import join_context

    blocks = folds.count_blocks([join_context("抓经济。", "一、发展"), join_context("抓安全。", "二、平安")], params)
    assert [(m, w) for _, m, w in blocks] == [(1, None), (1, None), (1, 0.25)]


def test_the_card_stores_the_feature_spec_and_loading_reads_it(small_model_dir):
    import json

    from textags._features import FeatureSpec
    from textags._model import load_model

    card = json.loads((small_model_dir / "card.json").read_text(encoding="utf-8"))
    spec = FeatureSpec.from_card(card)
    assert card["features"] == spec.to_card() and spec == FeatureSpec.from_params(card["params"])
    assert load_model(small_model_dir).scorer.spec == spec


def test_the_shipped_card_names_its_feature_blocks():
    from textags._model import load_model

    model = load_model()
    assert [b["name"] for b in model.card["features"]] == [b.name for b in model.scorer.blocks]


def test_word_terms_carry_the_named_prefix():
    from textags import _tokenize as tokenize
    from textags._features import HEADING_PREFIX, WORD_PREFIX

    assert all(t.startswith(WORD_PREFIX) for t in tokenize.words("推进垃圾分类。"))
    assert all(t.startswith(HEADING_PREFIX) for t in tokenize.context_words(tokenize.join_context("好。", "抓安全")))


def test_tagging_settles_a_document_once(small_model, monkeypatch):
    """Alone and mixed from one call of the one settling step."""
    from textags import _trained

    calls = []
    real = _trained.postprocess

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(_trained, "postprocess", counting)
    tags = small_model.tag_texts(["坚持党管武装。", "（由王主任牵头实施）", "推进垃圾分类。"], neighbours=True)
    assert len(calls) == 1
    assert tags[1].rule == "responsibility-note" and tags[0].alone is not None


def test_evaluation_and_cross_validation_settle_through_the_same_step(small_model, street_rows, monkeypatch):
    from textags import _evaluation

    calls = []
    real = _evaluation.postprocess

    def counting(*args, **kwargs):
        calls.append(kwargs.get("neighbours", True))
        return real(*args, **kwargs)

    monkeypatch.setattr(_evaluation, "postprocess", counting)
    rows = [r for r in street_rows if r.doc in {street_rows[0].doc, street_rows[-1].doc}]
    _evaluation.evaluate_model(small_model, rows)
    _evaluation.cross_val_proba(rows, params={"min_df": 1})
    assert len(calls) == 4


def test_the_rules_apply_only_when_other_is_a_label():
    from textags._postprocess import postprocess

    p = np.array([[0.9, 0.1]])
    assert postprocess(p, ["（由王主任牵头实施）"], ["economy", "party"], {"rules": True}).rules == [None]
    assert postprocess(p, ["（由王主任牵头实施）"], ["economy", "other"], {"rules": True}).rules == [
        "responsibility-note"
    ]
