"""Records and their JSON lines: the lines written straight from the units equal the records' own."""

from __future__ import annotations

import json
import math

import numpy as np
from conftest import STREET
from hypothesis import given
from hypothesis import strategies as st

from textags import segment
from textags._document import Tag
from textags._output import records_text
from textags._records import rounded, rounded_reprs, unit_json_lines, unit_records

EXCERPT = "一、2021年工作回顾\n全年完成税收收入9.8亿元，同比增长12%。\n加强基层党组织建设。\n二、2022年工作要点\n持续推进“一网统管”。"


def _probs(*values):
    return dict(zip(("economy", "livelihood", "safety", "party", "governance", "other"), values))


def test_rounded_equals_round_near_every_half():
    # values a rounding error either side of k + 1/2 ten-thousandths are where a product can land wrong
    halves = (np.arange(0, 10001) + 0.5) / 1e4
    near = np.concatenate([halves, np.nextafter(halves, 0), np.nextafter(halves, 1)])
    near = np.concatenate([near, np.nextafter(near, 0), np.nextafter(near, 1), -near])
    assert rounded(near) == [round(float(v), 4) for v in near]
    assert rounded_reprs(near).tolist() == [repr(round(float(v), 4)) for v in near]


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=50))
def test_rounded_equals_round_on_any_float(values):
    got, want = rounded(values), [round(v, 4) if math.isfinite(v) else v for v in values]
    assert [repr(x) for x in got] == [repr(x) for x in want]
    assert rounded_reprs(values).tolist() == [repr(x) for x in want]


@given(st.lists(st.integers(0, 10**4), max_size=50), st.sampled_from([-1, 0, 1]))
def test_rounded_reprs_of_numbers_between_0_and_1_are_their_reprs(ks, step):
    # every k / 10**4 a rounding error off: the table's strings, or repr's where it has none
    values = [float(np.nextafter(k / 1e4, step * np.inf)) if step else k / 1e4 for k in ks]
    assert rounded_reprs(values).tolist() == [repr(round(v, 4)) for v in values]
    assert rounded_reprs(np.reshape(values, (-1, 1))).tolist() == [[repr(round(v, 4))] for v in values]


def test_rounded_keeps_the_shape_of_a_matrix():
    assert rounded(np.array([[0.03125, 1 / 3], [2 / 3, 0.99995]])) == [[0.0312, 0.3333], [0.6667, 1.0]]
    assert rounded([]) == []


def test_json_lines_of_an_untagged_document_are_its_records():
    doc = segment(EXCERPT, name="youyilu 2022")
    assert unit_json_lines(doc) == records_text(unit_records(doc))
    assert [json.loads(x)["text"] for x in unit_json_lines(doc).splitlines()][
        1
    ] == "全年完成税收收入9.8亿元，同比增长12%。"


def test_json_lines_of_tags_with_every_field_are_their_records():
    doc = segment(EXCERPT, name='a "quoted"\\name')
    coded = doc.coded_units
    tags = {
        coded[0].index: Tag("other", 0.5, _probs(0.1, 0.1, 0.1, 0.1, 0.1, 0.5)),
        coded[1].index: Tag("economy", 0.812345, _probs(0.812345, 0.03125, 0.1, 0.05, 0.00625, 1e-9), (("税收", 0.3),)),
        coded[2].index: Tag(
            "party", 0.7, _probs(0.1, 0.1, 0.0, 0.7, 0.1, 0.0), (("党组织", 1.2), ("基层", 0.4)), "governance"
        ),
        coded[3].index: Tag("other", 1.0, _probs(0, 0, 0, 0, 0, 1.0), (), None, "responsibility-note"),
    }
    tagged = doc.with_tags(tags)
    for coded_only in (False, True):
        assert unit_json_lines(tagged, coded_only) == records_text(unit_records(tagged, coded_only))
    line = json.loads(unit_json_lines(tagged).splitlines()[2])
    assert line["alone"] == "governance" and line["terms"] == ["党组织", "基层"] and line["probs"]["livelihood"] == 0.1


def test_json_lines_of_nan_or_mixed_label_sets_fall_back_to_the_records():
    doc = segment(EXCERPT)
    coded = doc.coded_units
    nan = doc.with_tags({coded[0].index: Tag("other", math.nan, _probs(*[math.nan] * 6))})
    assert "NaN" in unit_json_lines(nan) and unit_json_lines(nan) == records_text(unit_records(nan))
    mixed = doc.with_tags({coded[0].index: Tag("a", 1.0, {"a": 1.0}), coded[1].index: Tag("b", 1.0, {"b": 1.0})})
    assert unit_json_lines(mixed) == records_text(unit_records(mixed))


def test_json_lines_of_the_tagged_street_reports_are_their_records(small_model):
    import textags

    docs = [small_model.tag(textags.load(p)) for p in STREET]
    units = [u for d in docs for u in d.coded_units]
    assert any(u.tag.alone != u.tag.label for u in units) and any(u.tag.rule for u in units)  # every field met
    for doc in docs:
        for coded_only in (False, True):
            assert unit_json_lines(doc, coded_only) == records_text(unit_records(doc, coded_only))
