"""What textags.tag and load_model are handed: text is never taken for a path, a re-saved model is never stale."""

from __future__ import annotations

import json
import shutil
import warnings

import numpy as np
import pytest
from conftest import STREET

import textags
from textags._errors import TextagsError
from textags._inputs import as_document
from textags._model import load_model

ATTACHMENT = "报告全文见附件.docx"  # a sentence of a report that happens to end like a file name


def test_a_sentence_ending_like_a_file_name_is_text(small_model):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a sentence with 。/，-free text warns only if it looks like a file name
        doc = textags.tag("本报告全文见附件。", model=small_model)
    assert [u.text for u in doc.units] == ["本报告全文见附件。"]
    with pytest.warns(UserWarning, match="no file"):
        doc = textags.tag(ATTACHMENT, model=small_model)
    assert doc.text == ATTACHMENT and doc.coded_units[0].tag is not None


def test_an_existing_file_with_any_suffix_is_read(tmp_path, small_model):
    p = tmp_path / "plan.markdown"
    p.write_text("一、抓党建\n坚持党管武装，有效落实民兵整组任务。\n", encoding="utf-8")
    doc = textags.tag(str(p), model=small_model)
    assert [u.text for u in doc.units] == ["一、抓党建", "坚持党管武装，有效落实民兵整组任务。"]
    assert doc.name == "plan"


def test_path_and_text_keywords_say_which_it_is(tmp_path, small_model):
    p = tmp_path / "a.txt"
    p.write_text("坚持党管武装。", encoding="utf-8")
    assert textags.tag(text=str(p), model=small_model).text == str(p)  # text=: never read
    assert textags.tag(path=p, model=small_model).text == "坚持党管武装。"
    with pytest.raises(TextagsError, match="no such file"):
        textags.tag(path=tmp_path / "missing.txt", model=small_model)
    with pytest.raises(TypeError, match="exactly one"):
        as_document("坚持。", text="坚持。")


def test_the_model_layer_does_not_import_the_package_root():
    import inspect

    from textags import _model as model

    assert "from . import load" not in inspect.getsource(model)


def test_a_model_re_saved_in_the_same_directory_is_reloaded(tmp_path, street_rows):
    from textags.learn import fit

    d = tmp_path / "m"
    fit(street_rows, evaluate=False, params={"C": 10.0}).save(d)
    assert load_model(d).card["params"]["C"] == 10.0
    fit(street_rows, evaluate=False, params={"C": 0.01}).save(d, force=True)
    assert json.loads((d / "card.json").read_text(encoding="utf-8"))["params"]["C"] == 0.01
    assert load_model(d).card["params"]["C"] == 0.01  # not the cached C=10 model


def test_arrays_changed_after_the_first_load_are_detected(tmp_path, small_model_dir):
    d = tmp_path / "m"
    shutil.copytree(small_model_dir, d)
    assert load_model(d) is load_model(d)  # unchanged: served from the cache
    npz = next(d.glob("model-*.npz"))
    with np.load(npz) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["coef"] = arrays["coef"] * 2
    np.savez(npz, **arrays)
    with pytest.raises(TextagsError, match="does not match the sha256"):
        load_model(d)


def test_street_report_path_still_tags(small_model):
    assert textags.tag(STREET[1], model=small_model).tagged
