"""A model trained on a seven-label codebook -- 生态环境 (environment) split out of governance --
works through every command, on the command line and in Python, and the seventh label appears
where it should (tests/data/codebook-env/README.md tells how its units were labelled)."""

from __future__ import annotations

import csv
import json
import warnings

import pytest
from conftest import DATA, TESTDATA

import textags
from textags._codebook import DEFAULT_COLOURS, codebook_of, read_codebook
from textags._labels import read_labelled

ENV = TESTDATA / "codebook-env"
SEVEN = ("economy", "livelihood", "safety", "party", "governance", "environment", "other")
#: A report none of whose units was trained on, with a section on the ecology of the Yellow River.
GANSU = DATA / "raw" / "provincial-2025" / "gansu.txt"
HAINAN = DATA / "raw" / "provincial-2025" / "hainan.txt"
#: Words of environmental work (the README's rule); most units tagged environment name one.
ENV_WORDS = (
    "生态",
    "环境",
    "污染",
    "绿",
    "碳",
    "水",
    "林",
    "草",
    "湿地",
    "国家公园",
    "节能",
    "能耗",
    "排放",
    "环保",
    "沙",
)
POLLUTION = "深入打好污染防治攻坚战。"


@pytest.fixture(scope="module")
def env_model(tmp_path_factory):
    """The model ``textags train`` writes for the seven-label data (with its leave-one-document-out scores)."""
    from textags.cli import main

    out = tmp_path_factory.mktemp("env") / "model"
    args = ["train", str(ENV / "labelled.csv"), "--codebook", str(ENV / "codebook.csv"), "--base", "none"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main([*args, "-o", str(out), "--jobs", "1"]) == 0
    return out


def test_train_keeps_the_codebook_and_scores_the_seventh_label(env_model):
    card = json.loads((env_model / "card.json").read_text(encoding="utf-8"))
    assert sorted(card["labels"]) == sorted(SEVEN)
    assert card["codebook"]["labels"] == list(SEVEN) and card["codebook"]["names"]["environment"] == "生态环境"
    assert card["codebook"]["other"] == "other"
    assert card["training"]["label_counts"]["environment"] == 48
    assert card["cross_validation"]["f1"]["environment"] > 0.3  # learnt from two other reports, each time
    model = textags.load_model(env_model)
    assert codebook_of(model) == read_codebook(ENV / "codebook.csv")


def test_tag_finds_environment_units_in_a_report_it_never_saw(run_cli, env_model, tmp_path):
    out = tmp_path / "gansu.jsonl"
    code, _, err = run_cli("tag", GANSU, "--model", env_model, "--format", "jsonl", "--jobs", "1", "-o", out)
    assert code == 0, err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    coded = [r for r in rows if r.get("label")]
    env = [r for r in coded if r["label"] == "environment"]
    assert all(set(r["probs"]) == set(SEVEN) for r in coded)
    assert len(env) >= 20
    assert sum(any(w in r["text"] for w in ENV_WORDS) for r in env) >= 0.8 * len(env)
    assert next(r for r in coded if r["text"] == POLLUTION)["label"] == "environment"
    # in Python, the same
    doc = textags.tag(path=GANSU, model=env_model)
    assert [u.tag.label for u in doc.coded_units] == [r["label"] for r in coded]


def test_explain_names_the_seventh_label(run_cli, env_model):
    code, out, err = run_cli("explain", POLLUTION, "--model", env_model, "--format", "json")
    assert code == 0, err
    r = json.loads(out)
    assert r["label"] == "environment" and set(r["probs"]) == set(SEVEN)
    assert textags.explain(POLLUTION, env_model)["label"] == "environment"


def test_summarize_and_compare_carry_the_seventh_domain(run_cli, env_model):
    code, out, err = run_cli("summarize", GANSU, "--model", env_model, "--format", "json")
    assert code == 0, err
    s = json.loads(out)[0]
    assert list(s["emphasis"]) == list(SEVEN[:6])
    assert 0.05 < s["emphasis"]["environment"] < 0.5
    assert s["low"]["environment"] <= s["emphasis"]["environment"] <= s["high"]["environment"]
    code, out, err = run_cli("summarize", GANSU, "--model", env_model, "--width", "200")
    assert code == 0, err
    assert out.splitlines()[0].split() == ["doc", *SEVEN[:6], "n_units", "n_other"]
    code, out, err = run_cli("compare", GANSU, HAINAN, "--model", env_model, "--format", "json", "--jobs", "1")
    assert code == 0, err
    rows = [r for r in json.loads(out) if r["measure"] == "units"]
    assert {r["domain"] for r in rows} == set(SEVEN[:6])
    env = [r for r in rows if r["domain"] == "environment"]
    assert all(r["share"] > 0 for r in env) and env[1]["shift_from"] == env[0]["group"]
    e = textags.summarize([GANSU], env_model)[0]
    assert e.domains == SEVEN[:6] and e.codebook.name("environment") == "生态环境"


def test_the_report_draws_the_seventh_label_in_its_own_colour(run_cli, env_model, tmp_path):
    page = tmp_path / "report.html"
    code, _, err = run_cli("report", GANSU, "--model", env_model, "-o", page, "--jobs", "1")
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    colour = read_codebook(ENV / "codebook.csv").colour("environment")
    assert colour not in DEFAULT_COLOURS.values()
    assert "environment 生态环境</li>" in html  # the legend
    assert html.count('class="u u-environment"') >= 20
    assert f"border-bottom:2px solid {colour}" in html and f'fill="{colour}"' in html
    assert "in the six domains" in html and "five domains" not in html


def test_evaluate_reads_the_labels_with_the_models_codebook(run_cli, env_model):
    data = ENV / "labelled.csv"
    code, out, err = run_cli("evaluate", data, "--model", env_model, "--format", "json")
    assert code == 0, err
    r = json.loads(out)["results"][0]
    assert r["units"] == 682 and r["per_label"]["environment"]["support"] == 48
    assert r["per_label"]["environment"]["f1"] > 0.8  # on its own training data
    code, out, err = run_cli("evaluate", data, "--model", "bundled")
    assert code == 2 and "unknown label 'environment'" in err  # the shipped model has six labels
    code, out, err = run_cli("evaluate", data, "--model", "bundled", "--codebook", ENV / "codebook.csv")
    assert code == 0, err
    assert "environment" in out


@pytest.mark.slow
def test_evaluate_cross_validates_with_a_codebook(run_cli):
    code, out, err = run_cli("evaluate", ENV / "labelled.csv", "--codebook", ENV / "codebook.csv", "--format", "json")
    assert code == 0, err
    r = json.loads(out)
    assert r["per_label"]["environment"]["support"] == 48 and set(r["documents"]) == {
        "baoshan-district-2021-2022-development-plan-report",
        "baoshan-youyilu-2022-work-plan",
        "prov-2025-sichuan",
    }


def test_fit_in_python_and_a_codebook_that_lacks_a_label_is_refused():
    from textags._errors import TextagsError
    from textags._report import render_report
    from textags.learn import fit

    cb = read_codebook(ENV / "codebook.csv")
    rows, _ = read_labelled([ENV / "labelled.csv"], cb)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = fit(rows, evaluate=False, codebook=cb)
        with pytest.raises(TextagsError, match=r"labels the codebook lacks \(environment\)"):
            fit(rows, evaluate=False, codebook=codebook_of(None))
    assert model.card["codebook"] == cb.to_dict()
    page = render_report([textags.tag(path=GANSU, model=model)], model=model)
    assert "environment 生态环境</li>" in page and page.count('class="u u-environment"') >= 20


def test_data_check_and_stats_read_the_labels_of_a_codebook(run_cli):
    data, codebook = ENV / "labelled.csv", ENV / "codebook.csv"
    code, out, err = run_cli("data", "check", data)
    assert code == 2 and "unknown label 'environment'" in out + err
    code, out, err = run_cli("data", "check", data, "--codebook", codebook)
    assert code == 0, out + err
    code, out, err = run_cli("data", "stats", data, "--codebook", codebook, "--format", "json")
    assert code == 0, err
    stats = json.loads(out)
    assert list(stats["labels"]) == list(SEVEN) and stats["labels"]["environment"] == 48
    code, out, err = run_cli("data", "stats", data, "--codebook", codebook)
    assert code == 0 and ["environment", "48"] in [line.split() for line in out.splitlines()]


@pytest.mark.slow
def test_audit_reads_the_labels_of_a_codebook(run_cli, tmp_path):
    out = tmp_path / "audit.jsonl"
    args = ("audit", ENV / "labelled.csv", "--codebook", ENV / "codebook.csv", "--base", "none", "--jobs", "1")
    code, _, err = run_cli(*args, "--top", "500", "--format", "jsonl", "-o", out)
    assert code == 0, err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["given"] in SEVEN and r["suggested"] in SEVEN for r in rows)
    assert any("environment" in (r["given"], r["suggested"]) for r in rows)


def test_data_consistency_and_agreement_read_the_labels_of_a_codebook(run_cli, tmp_path):
    data, codebook = ENV / "labelled.csv", ENV / "codebook.csv"
    code, _, err = run_cli("data", "consistency", data)
    assert code == 2 and "unknown label 'environment'" in err
    code, out, err = run_cli("data", "consistency", data, "--codebook", codebook, "--format", "json")
    assert code == 0, err
    coded = tmp_path / "two.csv"
    coded.write_text(
        "first,second\nenvironment,governance\nenvironment,environment\neconomy,economy\n", encoding="utf-8"
    )
    code, _, err = run_cli("data", "agreement", coded)
    assert code == 2 and "two.csv:2: unknown label 'environment'" in err
    code, out, err = run_cli("data", "agreement", coded, "--codebook", codebook, "--format", "json")
    result = json.loads(out)
    assert code == 0 and result["agreed"] == 2 and result["confusion"]["environment"]["governance"] == 1


def test_the_labelling_queue_of_a_seven_label_model(run_cli, env_model, tmp_path):
    sheet = tmp_path / "queue.csv"
    code, _, err = run_cli("label", GANSU, "--model", env_model, "-o", sheet)
    assert code == 0, err
    with open(sheet, encoding="utf-8-sig", newline="") as fh:
        predicted = {row["predicted"] for row in csv.DictReader(fh)}
    assert "environment" in predicted
