"""The label set as data: the default codebook, codebooks of other labels, their colours, and the
summaries, tables, charts and HTML report drawn for any number of labels."""

from __future__ import annotations

import re

import pytest
from conftest import DATA, TESTDATA

from textags._codebook import (
    DEFAULT,
    DEFAULT_COLOURS,
    LABEL_NAMES_ZH,
    LABELS,
    Codebook,
    codebook_of,
    palette,
    read_codebook,
)
from textags._compare import compare
from textags._doctable import resolve
from textags._document import Document, Tag, Unit
from textags._emphasis import emphasis
from textags._emphasis_table import share_table, summary_rows
from textags._errors import TextagsError
from textags._labels import read_labelled, read_labelled_text
from textags._report import render_report
from textags._shift import shift_between

ENV = TESTDATA / "codebook-env"
SEVEN = ("economy", "livelihood", "safety", "party", "governance", "environment", "other")

#: Real sentences of the Baoshan district report (data/raw/street/), with the label each has in
#: tests/data/codebook-env/labelled.csv.
SENTENCES = (
    ("完成挥发性有机物综合治理 65 家，工业企业产业结构调整 51 家。", "environment"),
    ("新建绿地 50 公顷、城市绿道 7 公里、立体绿化 3 万立方米，绿化覆盖率达 39%。", "environment"),
    ("新建美丽街区 20 条段。", "governance"),
    ("18 号线二期正式开工。", "governance"),
    ("“双碳”产业率先布局，参与宝武绿碳私募投资基金设立运行。", "economy"),
    ("完成 500 户老年家庭居家环境适老化改造。", "livelihood"),
    ("新征程上，做好宝山经济社会发展工作。", "other"),
)


def tagged(pairs, labels=SEVEN, name="baoshan") -> Document:
    """A document of ``pairs`` (text, label), each tagged with probabilities over ``labels``."""
    units, text, pos = [], "", 0
    for i, (t, lab) in enumerate(pairs):
        probs = {x: (0.7 if x == lab else 0.3 / (len(labels) - 1)) for x in labels}
        units.append(Unit(i, pos, pos + len(t), t, "body", (), Tag(lab, 0.7, probs)))
        text += t + "\n"
        pos += len(t) + 1
    return Document(text, tuple(units), name=name)


def test_the_default_codebook_is_the_six_labels_with_todays_names_and_colours():
    assert DEFAULT.labels == LABELS and DEFAULT.domains == LABELS[:5] and DEFAULT.other == "other"
    assert DEFAULT.colour_map == DEFAULT_COLOURS
    assert dict(zip(DEFAULT.labels, DEFAULT.names)) == LABEL_NAMES_ZH
    assert DEFAULT_COLOURS["economy"] == "#0072B2" and DEFAULT_COLOURS["other"] == "#999999"
    # a model's card lists its labels sorted; it still gives the default codebook, in its order
    assert codebook_of({"labels": sorted(LABELS)}) is DEFAULT
    assert codebook_of(None) is DEFAULT


@pytest.mark.parametrize("n", [1, 2, 7, 12, 40])
def test_any_number_of_labels_gets_distinct_colours_the_same_every_time(n):
    labels = [f"topic{k}" for k in range(n)] + ["other"]
    colours = palette(labels)
    assert list(colours) == labels
    assert len({c.upper() for c in colours.values()}) == len(labels)
    assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", c) for c in colours.values())
    assert colours["other"] == "#999999"
    assert palette(labels) == colours


def test_default_labels_keep_their_colours_and_names_in_any_codebook():
    cb = read_codebook(ENV / "codebook.csv")
    assert cb.labels == SEVEN and cb.domains == SEVEN[:6] and cb.other == "other"
    for lab in LABELS:
        assert cb.colour(lab) == DEFAULT_COLOURS[lab]
        assert cb.name(lab) == LABEL_NAMES_ZH[lab]
    assert cb.name("environment") == "生态环境"
    assert cb.colour("environment") not in DEFAULT_COLOURS.values()
    assert cb.domains_phrase() == "the six domains"
    assert Codebook.from_dict(cb.to_dict()) == cb


def test_a_derived_codebook_puts_default_labels_first_and_other_last():
    cb = codebook_of({"labels": sorted(SEVEN)})
    assert cb.labels == SEVEN and cb.other == "other"
    no_other = Codebook.of(["a", "b"], other=None)
    assert no_other.domains == ("a", "b") and no_other.other is None


def test_labels_are_read_in_the_codebook_given_and_refused_outside_it():
    text = "doc,index,text,label\nd,0,做精大气污染防治。,生态环境\nd,1,新建美丽街区 20 条段。,Governance\n"
    cb = read_codebook(ENV / "codebook.csv")
    rows, _ = read_labelled_text(text, "x.csv", codebook=cb)
    assert [r.label for r in rows] == ["environment", "governance"]
    with pytest.raises(TextagsError, match=r"x.csv:2: unknown label '生态环境'; use one of economy \(经济发展\)"):
        read_labelled_text(text, "x.csv")
    rows, _ = read_labelled([ENV / "labelled.csv"], codebook=cb)
    assert sum(r.label == "environment" for r in rows) == 48 and len({r.doc for r in rows}) == 3


@pytest.mark.parametrize(
    "content, message",
    [
        ("name\n经济\n", r"codebook.csv:1: has no label column"),
        ("label\neconomy\n", r"names fewer than two labels"),
        ("label,other\na,yes\nb,yes\n", r"marks 2 labels as other"),
        ("label,colour\na,red\nb,\n", r"codebook.csv:2: colour 'red' is not #RRGGBB"),
        ("label\na b\nc\n", r"label 'a b' is not one word"),
        ("label\na\na\n", r"codebook.csv:3: names the label 'a' twice"),
    ],
)
def test_a_bad_codebook_file_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "codebook.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TextagsError, match=message):
        read_codebook(path)


def test_emphasis_shifts_and_tables_carry_a_seventh_label():
    doc = tagged(SENTENCES * 4)
    e = emphasis(doc, n_boot=50, meta={})
    assert e.codebook.labels == SEVEN and e.domains == SEVEN[:6]
    assert set(e.shares["units"]) == set(SEVEN[:6])
    assert e.shares["units"]["environment"] == pytest.approx(2 / 6)  # other is left out of the denominator
    assert e.other_units == 4 and e.counts["environment"] == 8
    assert set(e.to_dict()["intervals"]["units"]) == set(SEVEN[:6])
    assert list(summary_rows([e])[0])[1:7] == list(SEVEN[:6])
    rows = compare([doc, tagged(SENTENCES[2:] * 4, name="later")], n_boot=50)
    assert {r["domain"] for r in rows} == set(SEVEN[:6])
    env = [r for r in rows if r["domain"] == "environment" and r["measure"] == "units"]
    assert env[1]["share"] == 0.0 and env[1]["shift"] == pytest.approx(-1 / 3)
    assert list(share_table(rows)[0]) == ["group", *SEVEN[:6], "n_units", "n_other"]
    s = shift_between(doc.units, tagged(SENTENCES[2:] * 4).units, n_boot=50)
    assert s["shift"]["environment"] == pytest.approx(-1 / 3) and set(s["shift"]) == set(SEVEN[:6])


def test_the_html_report_draws_every_label_of_the_codebook_in_its_colour():
    doc = tagged(SENTENCES * 2)
    cb = read_codebook(ENV / "codebook.csv")
    page = render_report([doc, tagged(SENTENCES[::-1], name="again")], model={"codebook": cb.to_dict()})
    env = cb.colour("environment")
    assert ".u-environment{background:" in page and f"border-bottom:2px solid {env}" in page
    assert "environment 生态环境</li>" in page  # the legend
    assert page.count('class="u u-environment"') == 6
    assert f'fill="{env}"' in page  # the emphasis and comparison charts
    assert "in the six domains" in page and "five domains" not in page
    # without a card, the labels the tags name: environment is drawn, unnamed
    page = render_report([doc])
    assert 'class="u u-environment"' in page and f"border-bottom:2px solid {env}" in page


def test_a_document_tagged_with_the_default_labels_reads_with_the_default_codebook():
    doc = tagged(
        [("税收增长。", "economy"), ("做精大气污染防治。", "governance"), ("各位代表：", "other")], labels=LABELS
    )
    assert codebook_of(doc) is DEFAULT
    assert tuple(emphasis(doc, n_boot=10, meta={}).shares["units"]) == DEFAULT.domains


def test_a_users_documents_table_adds_to_the_bundled_one_and_wins_where_both_name_a_document(tmp_path):
    bundled = resolve()
    assert "baoshan-youyilu-2021-work-summary" in bundled
    table = tmp_path / "documents.csv"
    table.write_text(
        "id,file,level\nmine,mine.txt,street\nbaoshan-youyilu-2021-work-summary,copy.txt,town\n", encoding="utf-8"
    )
    both = resolve(table)
    assert set(both) == set(bundled) | {"mine"}
    assert both["mine"]["path"] == str(tmp_path / "raw" / "mine.txt")
    assert both["baoshan-youyilu-2021-work-summary"]["level"] == "town"
    assert (
        both["baoshan-district-2021-2022-development-plan-report"]
        == bundled["baoshan-district-2021-2022-development-plan-report"]
    )
    with pytest.raises(TextagsError, match="no such documents table; give a CSV with columns id and file"):
        resolve(tmp_path / "nope.csv")
    assert (DATA / "documents.csv").is_file()


def test_documents_given_to_a_data_command_add_to_the_bundled_table(run_cli, tmp_path):
    """One meaning of --documents: before, `data stats` read the user's table instead of the bundled one."""
    table = tmp_path / "documents.csv"
    table.write_text("id,file,level\nmine,mine.txt,town\n", encoding="utf-8")
    code, out, err = run_cli(
        "data", "stats", DATA / "labelled" / "baoshan-youyilu-2022-work-plan.csv", "--documents", table
    )
    assert code == 0, err
    levels = out.split("level ", 1)[1].splitlines()
    assert levels[1].split()[0] == "street" and "unknown" not in out
