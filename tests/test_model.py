"""The tagger: pipeline, numpy scorer, saved form, determinism, API."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, STREET

import textags
from textags._errors import TextagsError
from textags._model import SENTENCE_LABELS, SENTENCES, Model, Tagger, load_model, save_model
from textags.learn import fit, inputs


@pytest.fixture(scope="module")
def fitted(street_rows):
    return Tagger(context=True, min_df=1).fit(inputs(street_rows), [r.label for r in street_rows])


def test_numpy_scorer_gives_the_pipelines_probabilities(fitted, street_rows):
    x = inputs(street_rows)[:200]
    np.testing.assert_allclose(fitted.to_scorer().predict_proba(x), fitted.predict_proba(x), rtol=1e-9, atol=1e-12)


def test_fitted_pipeline_pickles_and_predicts_the_same_in_a_fresh_process(fitted, tmp_path, street_rows):
    import joblib

    x = inputs(street_rows)[:50]
    path = tmp_path / "pipeline.joblib"
    joblib.dump(fitted.pipeline_, path)
    expected = fitted.predict_proba(x)
    np.save(tmp_path / "expected.npy", expected)
    (tmp_path / "x.json").write_text(json.dumps(x, ensure_ascii=False), encoding="utf-8")
    code = (
        "import json, joblib, numpy as np, sys\n"
        f"p = joblib.load({str(path)!r})\n"
        f"x = json.load(open({str(tmp_path / 'x.json')!r}, encoding='utf-8'))\n"
        f"np.testing.assert_allclose(p.predict_proba(x), np.load({str(tmp_path / 'expected.npy')!r}), rtol=1e-12)\n"
        "print('same')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "same"
    assert pickle.loads(pickle.dumps(fitted.pipeline_)).predict_proba(x).shape == expected.shape


def test_retraining_on_the_same_data_gives_the_same_model(street_rows, tmp_path):
    a = fit(street_rows, evaluate=False)
    b = fit(street_rows, evaluate=False)
    save_model(a.scorer, a.card, tmp_path / "a")
    save_model(b.scorer, b.card, tmp_path / "b")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(p.name for p in (tmp_path / "b").iterdir())
    for p in (tmp_path / "a").iterdir():
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes()
    assert (tmp_path / "a" / "card.json").read_bytes() == (tmp_path / "b" / "card.json").read_bytes()


def test_unfitted_tagger_says_so():
    with pytest.raises(TextagsError, match="not fitted"):
        Tagger().predict_proba(["税收增长。"])


def test_tagger_checks_its_input():
    with pytest.raises(ValueError, match="label 'econ omy' is not one word"):
        Tagger().fit(["a", "b"], ["economy", "econ omy"])
    with pytest.raises(ValueError, match="two different labels"):
        Tagger().fit(["a", "b"], ["economy", "economy"])


def test_a_saved_model_loads_and_tags_the_same(small_model, small_model_dir):
    loaded = load_model(small_model_dir)
    texts = list(SENTENCES)
    np.testing.assert_allclose(loaded.predict_proba(texts), small_model.predict_proba(texts))
    assert loaded.card["training"]["units"] == small_model.card["training"]["units"]
    assert loaded.card["sha256"]


def test_a_changed_byte_in_the_model_is_refused(small_model_dir, tmp_path):
    import shutil

    d = tmp_path / "tampered"
    shutil.copytree(small_model_dir, d)
    arrays = d / json.loads((d / "card.json").read_text(encoding="utf-8"))["file"]
    data = bytearray(arrays.read_bytes())
    data[len(data) // 2] ^= 0x01
    arrays.write_bytes(bytes(data))
    with pytest.raises(TextagsError, match="does not match the sha256"):
        load_model(d)


def test_a_truncated_model_is_refused(small_model_dir, tmp_path):
    import shutil

    d = tmp_path / "truncated"
    shutil.copytree(small_model_dir, d)
    arrays = d / json.loads((d / "card.json").read_text(encoding="utf-8"))["file"]
    data = arrays.read_bytes()
    arrays.write_bytes(data[: len(data) // 3])
    with pytest.raises(TextagsError, match="changed or damaged"):
        load_model(d)


def test_a_model_of_another_format_says_what_to_do(small_model_dir, tmp_path):
    import shutil

    d = tmp_path / "future"
    shutil.copytree(small_model_dir, d)
    card = json.loads((d / "card.json").read_text(encoding="utf-8"))
    card["format"] = 99
    (d / "card.json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(TextagsError, match="retrain it with `textags train` or upgrade textags"):
        load_model(d)


def test_a_model_made_under_other_library_versions_loads_and_tags_the_same(small_model, small_model_dir, tmp_path):
    """The saved form is plain arrays: the versions in the card do not matter for loading."""
    import shutil

    from textags._modelcheck import card_digest

    d = tmp_path / "old"
    shutil.copytree(small_model_dir, d)
    card = json.loads((d / "card.json").read_text(encoding="utf-8"))
    card["versions"] = {"textags": "0.0.1", "scikit-learn": "1.3.0", "jieba": "0.42.1", "numpy": "1.23.0"}
    card["card_sha256"] = card_digest(card)  # as the older textags would have written it
    (d / "card.json").write_text(json.dumps(card), encoding="utf-8")
    np.testing.assert_allclose(load_model(d).predict_proba(list(SENTENCES)), small_model.predict_proba(list(SENTENCES)))


def test_an_existing_model_is_not_overwritten_without_force(small_model, small_model_dir):
    with pytest.raises(TextagsError, match="already holds a model"):
        small_model.save(small_model_dir)


def test_the_default_model_loads_and_its_card_is_complete():
    m = load_model()
    card = m.card
    assert set(card["labels"]) == {"economy", "livelihood", "safety", "party", "governance", "other"}
    assert {"textags", "scikit-learn", "jieba"} <= set(card["versions"])
    assert len(card["training"]["data_sha256"]) == 64 and len(card["sha256"]) == 64
    assert card["cross_validation"]["method"] == "leave-one-document-out"
    assert (m.scorer.n_features, len(m.labels)) == (m.scorer.coef.shape[1], m.scorer.coef.shape[0])


def test_tag_gives_every_coded_unit_a_full_tag(small_model):
    doc = small_model.tag(textags.load(STREET[1]))
    assert doc.tagged
    for u in doc.coded_units:
        assert u.tag.label in u.tag.probs
        assert set(u.tag.probs) == {"economy", "livelihood", "safety", "party", "governance", "other"}
        assert abs(sum(u.tag.probs.values()) - 1) < 1e-9
        assert u.tag.confidence == max(u.tag.probs.values())
        assert all(w > 0 for _, w in u.tag.terms)
    assert all(u.tag is None for u in doc.units if not u.coded)


def test_tag_reads_each_unit_with_its_neighbours(small_model):
    import numpy as np

    from textags._calibration import calibrate
    from textags._model import context_of
    from textags._neighbours import mix

    assert small_model.scorer.neighbour_weight == 0.5
    doc = small_model.tag(textags.load(STREET[1]))
    alone = small_model.tag(textags.load(STREET[1]), neighbours=False)
    coded = doc.coded_units
    own = small_model.predict_proba([u.text for u in coded], [context_of(u) for u in coded])
    confident = small_model.scorer.params["neighbour_confident"]
    mixed = mix(own, weights=(1.0, 0.5), weight=0.5, confident=confident)
    want = calibrate(mixed, small_model.temperature)  # tags are calibrated
    got = np.array([[u.tag.probs[lab] for lab in small_model.labels] for u in coded])
    assert np.abs(got - want).max() < 1e-12
    assert [u.tag.alone for u in coded] == [small_model.labels[j] for j in own.argmax(axis=1)]
    assert [u.tag.label for u in alone.coded_units] == [u.tag.alone for u in coded]
    assert all(u.tag.alone is None for u in alone.coded_units)
    changed = [u for u in coded if u.tag.label != u.tag.alone]
    assert 0 < len(changed) < len(coded) / 4  # the neighbours decide some units, not most


def test_model_tag_takes_a_document_and_textags_tag_a_path_or_a_text(small_model):
    from_path = textags.tag(STREET[1], model=small_model)
    from_text = textags.tag(text=STREET[1].read_text(encoding="utf-8"), model=small_model)
    from_doc = small_model.tag(textags.load(STREET[1]))
    for not_a_document in (STREET[1], str(STREET[1]), "坚持党管武装。"):
        with pytest.raises(TypeError, match="takes a Document"):
            small_model.tag(not_a_document)
    assert [u.tag.label for u in from_path.coded_units] == [u.tag.label for u in from_text.coded_units]
    assert [u.tag.label for u in from_doc.coded_units] == [u.tag.label for u in from_path.coded_units]


def test_explain_names_the_terms_that_weighed_most(small_model):
    tag = small_model.explain("坚持党管武装，有效落实民兵整组任务。")
    assert tag.label == "party"
    names = [t for t, _ in tag.terms]
    assert any("武装" in t or "民兵" in t or "党" in t for t in names)


def test_textags_tag_uses_the_default_model():
    doc = textags.tag("精准帮扶提供就业岗位 358 个，职业指导 1707 次。")
    assert doc.coded_units[0].tag.label == "livelihood"
    assert isinstance(textags.load_model(), Model)


def test_sentences_fixture_is_consistent():
    assert len(SENTENCES) == len(SENTENCE_LABELS)


def test_tagger_keeps_the_scikit_learn_estimator_contract():
    from sklearn.base import clone

    t = Tagger(C=1.0, word_ngrams=None)
    assert t.get_params(deep=True) == t.get_params(deep=False) == t.get_params()
    c = clone(t)
    assert c is not t and c.get_params() == t.get_params()
    assert t.set_params(C=2.0, min_df=1) is t and (t.C, t.min_df) == (2.0, 1)
    with pytest.raises(ValueError, match="invalid parameters"):
        t.set_params(alpha=1.0)
    assert not [k for k in vars(Tagger()) if k.endswith("_")]  # __init__ learns nothing


def test_tagger_defaults_are_the_trained_defaults():
    from textags.learn import DEFAULT_PARAMS

    assert Tagger().get_params() == DEFAULT_PARAMS
    assert sorted(Tagger().get_params()) == sorted(DEFAULT_PARAMS)
