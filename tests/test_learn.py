"""Retraining: label queue, train, compare, audit -- from Python and from the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil

import numpy as np
import pytest
from conftest import DATA, STREET

from textags._errors import TextagsError
from textags._labels import read_labelled
from textags._model import Tagger, load_model
from textags.learn import audit, cross_validate, label_queue, train

PLAN = STREET[2]


def sheet_rows(path):
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def fill(path, rows, labels_by_index, out):
    """Fill the label column of a sheet from known labels; rows without one stay empty."""
    with open(out, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for r in rows:
            r = dict(r)
            r["label"] = labels_by_index.get(int(r["index"]), "")
            r["reviewed"] = "true" if r["label"] else ""  # read and labelled, as the guide asks
            w.writerow(r)


@pytest.fixture(scope="module")
def plan_labels():
    rows, _ = read_labelled([DATA / "labelled" / f"{PLAN.stem}.csv"])
    return {r.index: r.label for r in rows}


def test_label_queue_is_ordered_by_uncertainty_and_leaves_label_empty(small_model):
    import textags

    rows = label_queue([textags.load(PLAN)], small_model)
    margins = [r["margin"] for r in rows]
    assert margins == sorted(margins)
    assert all(r["label"] == "" for r in rows)
    in_order = label_queue([textags.load(PLAN)], small_model, order="document")
    assert [r["index"] for r in in_order] == sorted(r["index"] for r in in_order)


def test_the_whole_loop_from_the_command_line(run_cli, small_model_dir, plan_labels, tmp_path):
    sheet = tmp_path / "queue.csv"
    code, _, err = run_cli("label", PLAN, "-o", sheet, "--model", small_model_dir)
    assert code == 0, err
    rows = sheet_rows(sheet)
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")
    assert {"doc", "index", "section", "text", "predicted", "confidence", "label"} <= set(rows[0])
    # a person fills half of the sheet
    half = {int(r["index"]): plan_labels[int(r["index"])] for r in rows[: len(rows) // 2]}
    filled = tmp_path / "filled.csv"
    fill(sheet, rows, half, filled)
    out = tmp_path / "mymodel"
    code, stdout, err = run_cli("train", filled, "-o", out, "--base", "none", "--no-eval")
    assert code == 0, err
    assert f"{len(rows) - len(half)} rows with an empty label skipped" in stdout
    code, stdout, err = run_cli(
        "evaluate",
        DATA / "labelled" / f"{STREET[1].stem}.csv",
        "--model",
        small_model_dir,
        "--model",
        out,
        "--format",
        "json",
    )
    assert code == 0, err
    result = json.loads(stdout)
    assert len(result["results"]) == 2 and set(result["differences"][0]) >= {"macro_f1", "party"}
    code, stdout, err = run_cli("tag", PLAN, "--model", out, "--format", "jsonl")
    assert code == 0, err
    assert len(stdout.splitlines()) == len(rows)


def test_train_from_python_with_the_bundled_corpus_subset(tmp_path, street_rows):
    rows = [r for r in street_rows if r.doc == STREET[1].stem]
    path = tmp_path / "mine.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"doc": r.doc, "index": r.index, "text": r.text, "label": r.label}, ensure_ascii=False)
            for r in rows
        ),
        encoding="utf-8",
    )
    result = train([path], tmp_path / "m", base="none", evaluate=False)
    assert result.path == tmp_path / "m"
    assert load_model(tmp_path / "m").card["training"]["units"] == len(rows)


def test_the_cards_cross_validation_gives_each_level():
    """The card's leave-one-document-out scores each level too, as ``textags evaluate`` does."""
    from textags._labels import LabelledUnit
    from textags.learn import cross_validate, document_levels, fit

    sentences = ["税收增长，招商引资成效明显。", "新建养老服务中心，改善居民生活。", "开展消防安全检查，整治隐患。"]
    labels = ["economy", "livelihood", "safety"]
    rows = [LabelledUnit(d, i, t, lab) for d in ("a", "b", "c") for i, (t, lab) in enumerate(zip(sentences, labels))]
    groups = {"a": "local", "b": "local", "c": "national"}
    params = {"word_ngrams": None, "min_df": 1, "neighbour_weight": 0.0}
    card = fit(rows, params=params, groups=groups).card["cross_validation"]
    want = cross_validate(rows, params=params, groups=groups)["by_group"]
    assert card["by_group"] == want and want["local"]["units"] == 6 and want["national"]["documents"] == 1
    assert "by_group" not in fit(rows, params=params).card["cross_validation"]
    assert document_levels()["prov-2025-shanghai"] == "provincial"


def test_an_unknown_label_stops_training_with_file_and_line(run_cli, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("doc,index,text,label\nd,0,坚持党管武装。,party\nd,1,税收增长。,econ\n", encoding="utf-8")
    code, _, err = run_cli("train", f, "-o", tmp_path / "m", "--base", "none")
    assert code == 2
    assert (
        err.strip() == f"textags: {f}:3: unknown label 'econ'; use one of economy (经济发展), livelihood (民生保障), "
        "safety (平安安全), party (党的建设), governance (城市治理), other (其他)"
    )
    assert not (tmp_path / "m").exists()


def test_an_existing_model_directory_is_refused_without_force(run_cli, small_model_dir, tmp_path):
    d = tmp_path / "m"
    shutil.copytree(small_model_dir, d)
    before = {p.name: p.read_bytes() for p in d.iterdir()}
    f = DATA / "labelled" / f"{STREET[1].stem}.csv"
    code, _, err = run_cli("train", f, "-o", d, "--base", "none", "--no-eval")
    assert code == 2 and "already holds a model; pass --force" in err
    assert {p.name: p.read_bytes() for p in d.iterdir()} == before
    code, _, err = run_cli("train", f, "-o", d, "--base", "none", "--no-eval", "--force")
    assert code == 0, err
    assert load_model(d).card["training"]["units"] < 100


def test_an_interrupted_write_leaves_the_old_model_intact(
    small_model, small_model_dir, street_rows, tmp_path, monkeypatch
):
    import textags._atomic
    from textags.learn import fit

    d = tmp_path / "m"
    shutil.copytree(small_model_dir, d)
    new = fit([r for r in street_rows if r.doc == STREET[1].stem], evaluate=False)
    real = textags._atomic.atomic_write_bytes

    def crash_on_card(path, data):
        if str(path).endswith("card.json"):
            raise KeyboardInterrupt  # the user pressed Ctrl-C while the card was being written
        return real(path, data)

    monkeypatch.setattr(textags._atomic, "atomic_write_bytes", crash_on_card)
    with pytest.raises(KeyboardInterrupt):
        new.save(d, force=True)
    monkeypatch.undo()
    from textags import _model as model_module

    model_module._CACHE.clear()
    model = load_model(d)
    np.testing.assert_allclose(model.predict_proba(["坚持党管武装。"]), small_model.predict_proba(["坚持党管武装。"]))
    assert not [p for p in d.iterdir() if p.suffix == ".tmp"]


def test_identical_data_gives_identical_models_and_scores(tmp_path, street_rows):
    rows = [r for r in street_rows if r.doc in (STREET[1].stem, STREET[2].stem)]
    a = cross_validate(rows, params={"word_ngrams": None})
    b = cross_validate(rows, params={"word_ngrams": None})
    assert a == b


def test_the_shipped_default_is_never_touched_by_accident(run_cli, tmp_path):
    from textags._model import default_model_dir

    before = (default_model_dir() / "card.json").read_bytes()
    f = DATA / "labelled" / f"{STREET[1].stem}.csv"
    code, _, err = run_cli("train", f, "-o", default_model_dir(), "--base", "none", "--no-eval")
    assert code == 2 and "already holds a model" in err
    assert (default_model_dir() / "card.json").read_bytes() == before


def test_audit_lists_a_planted_label_error_first(street_rows):
    rows = [r for r in street_rows if r.doc != STREET[0].stem]
    target = next(r for r in rows if r.text.startswith("坚持党管武装"))
    from dataclasses import replace

    planted = [replace(r, label="economy") if r is target else r for r in rows]
    found = audit(planted, params={"word_ngrams": None}, threshold=0.3)
    assert any(f["index"] == target.index and f["given"] == "economy" and f["suggested"] == "party" for f in found[:10])


def test_train_with_no_labelled_rows_says_so(run_cli, tmp_path):
    f = tmp_path / "empty.csv"
    f.write_text("doc,index,text,label\nd,0,税收增长。,\n", encoding="utf-8")
    code, _, err = run_cli("train", f, "-o", tmp_path / "m", "--base", "none")
    assert code == 2 and "no labelled rows found" in err


def test_half_filled_sheet_in_python(tmp_path, small_model, plan_labels):
    import textags

    rows = label_queue([textags.load(PLAN)], small_model)
    with pytest.raises(TextagsError, match="no labelled rows"):
        sheet = tmp_path / "empty.csv"
        with open(sheet, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        read_labelled([sheet])


def test_fold_matrices_are_the_pipelines_own(street_rows):
    """Counting once and slicing per fold gives the matrices the pipeline fitted on the fold builds."""

    from textags import _folds as folds
    from textags._model import Tagger
    from textags.learn import DEFAULT_PARAMS, inputs

    x = inputs(street_rows)
    y = [r.label for r in street_rows]
    docs = [r.doc for r in street_rows]
    variants = ({"context": True, "word_ngrams": (1, 1)}, {"min_df": 0.01})
    for params in (DEFAULT_PARAMS, *({**DEFAULT_PARAMS, **v} for v in variants)):
        blocks = folds.count_blocks(x, params)
        held = docs[0]
        train = [i for i, d in enumerate(docs) if d != held]
        test = [i for i, d in enumerate(docs) if d == held]
        x_train, x_test = folds.fold_matrices(blocks, train, test)
        union = Tagger(**params).fit([x[i] for i in train], [y[i] for i in train]).pipeline_.named_steps["features"]
        for got, idx in ((x_train, train), (x_test, test)):
            want = union.transform([x[i] for i in idx])
            assert got.shape == want.shape
            assert abs(got - want).max() < 1e-12


def _fold_pipelines(rows):
    """For each document: a pipeline fitted on the other documents' rows (the reference for CV)."""
    from textags._model import Tagger
    from textags.learn import DEFAULT_PARAMS, inputs

    x = inputs(rows)
    docs = [r.doc for r in rows]
    for held in dict.fromkeys(docs):
        train = [i for i, d in enumerate(docs) if d != held]
        tagger = Tagger(**DEFAULT_PARAMS).fit([x[i] for i in train], [rows[i].label for i in train])
        yield held, tagger


def test_cross_validation_predicts_like_a_pipeline_fitted_on_each_fold(street_rows):
    import numpy as np

    from textags.learn import cross_val_proba, inputs

    labels, proba = cross_val_proba(street_rows, n_jobs=2, params={"neighbour_weight": 0.0, "rules": False})
    x = inputs(street_rows)
    for held, tagger in _fold_pipelines(street_rows):
        test = [i for i, r in enumerate(street_rows) if r.doc == held]
        want = tagger.pipeline_.predict_proba([x[i] for i in test])
        got = proba[np.ix_(test, [labels.index(c) for c in tagger.pipeline_.classes_])]
        # the same problem solved from a differently ordered matrix: equal within the solver's tolerance
        assert np.abs(got - want).max() < 0.05
        assert (got.argmax(axis=1) == want.argmax(axis=1)).mean() > 0.97


def test_cross_validation_reads_each_held_out_report_whole_with_its_neighbours(street_rows):
    """With the reports at hand, every unit of the held-out report is scored and mixed, as tagging does."""
    import numpy as np

    from textags import load
    from textags._model import context_of
    from textags._postprocess import postprocess
    from textags._tokenize import join_context
    from textags.learn import DEFAULT_PARAMS, cross_val_proba, load_documents

    reports = load_documents(street_rows)
    assert set(reports) == {r.doc for r in street_rows}
    labels, proba = cross_val_proba(street_rows, n_jobs=1, documents=reports)
    plain = cross_val_proba(street_rows, n_jobs=1, documents=reports, params={"neighbour_weight": 0.0})[1]
    assert (proba.argmax(axis=1) != plain.argmax(axis=1)).sum() > 0  # the neighbours changed some labels
    for held, tagger in _fold_pipelines(street_rows):
        coded = load(reports[held].path).coded_units
        p = tagger.pipeline_.predict_proba([join_context(u.text, context_of(u)) for u in coded])
        # the codebook rules, then the neighbours, as tagging applies them
        p = postprocess(p, [u.text for u in coded], list(tagger.pipeline_.classes_), DEFAULT_PARAMS).probs
        place = {u.index: k for k, u in enumerate(coded)}
        test = [i for i, r in enumerate(street_rows) if r.doc == held]
        want = p[[place[street_rows[i].index] for i in test]]
        got = proba[np.ix_(test, [labels.index(c) for c in tagger.pipeline_.classes_])]
        assert np.abs(got - want).max() < 0.05
        assert (got.argmax(axis=1) == want.argmax(axis=1)).mean() > 0.97


def test_without_the_report_a_document_is_its_labelled_rows_placed_at_their_index():
    from textags._labels import LabelledUnit
    from textags.learn import sequences

    rows = [
        LabelledUnit("a", 7, "乙。", "economy"),
        LabelledUnit("a", 2, "甲。", "other"),
        LabelledUnit("b", 0, "丙。", "party"),
    ]
    seqs = sequences(rows)
    assert [s.doc for s in seqs] == ["a", "b"]
    assert seqs[0].inputs == ("甲。", "乙。") and seqs[0].positions == (2, 7)  # 2 and 7 are not neighbours
    assert seqs[0].rows == (1, 0) and seqs[0].places == (0, 1)


def test_a_report_whose_units_moved_is_not_used_for_context(street_rows):
    from textags.learn import load_documents, sequences

    doc = street_rows[0].doc
    rows = [r for r in street_rows if r.doc == doc]
    report = load_documents(rows)[doc]
    moved = [type(r)(r.doc, r.index + 1, r.text, r.label) for r in rows]  # indices no longer match the report
    assert len(sequences(rows, {doc: report})[0].inputs) == len(report.coded_units)
    assert len(sequences(moved, {doc: report})[0].inputs) == len(moved)


@pytest.mark.parametrize("words, chars", [((1, 2), (1, 3)), ((1, 3), (2, 3)), ((2, 2), (1, 1))])
def test_term_counts_equal_the_analyzers_counts(street_rows, words, chars):
    """The packed-integer counting of folds.count_blocks gives CountVectorizer's matrix, columns and all."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from textags import _folds as folds
    from textags._model import Tagger
    from textags.learn import DEFAULT_PARAMS, inputs

    params = {**DEFAULT_PARAMS, "word_ngrams": words, "char_ngrams": chars}
    x = inputs(street_rows[:300]) + ["", "PM2.5浓度下降0.3%，A-1地块", "第一行\n第二行", "。"]
    union = Tagger(**params).build_pipeline().named_steps["features"]
    for (_, vec), (counts, _, _) in zip(union.transformer_list, folds.count_blocks(x, params)):
        want = CountVectorizer(analyzer=vec.analyzer, dtype=np.float64).fit_transform(x).tocsr()
        assert counts.shape == want.shape
        assert abs(counts - want).max() == 0


def test_evaluate_reads_the_reports_whole_unless_told_not_to(run_cli):
    files = [DATA / "labelled" / f"{p.stem}.csv" for p in STREET[:2]]
    code, stdout, err = run_cli("evaluate", *files, "--format", "json")
    assert code == 0, err
    mixed = json.loads(stdout)
    code, stdout, err = run_cli("evaluate", *files, "--format", "json", "--no-neighbours")
    assert code == 0, err
    alone = json.loads(stdout)
    assert (mixed["reports_read"], alone["reports_read"]) == (2, 0)
    assert mixed["units"] == alone["units"] and mixed["accuracy"] != alone["accuracy"]


def test_a_fit_does_not_depend_on_the_threads_the_machine_offers(street_rows):
    """scikit-learn's loss adds up in as many threads as allowed; textags fits on one, always."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    from textags.learn import DEFAULT_PARAMS, inputs

    x, y = inputs(street_rows), [r.label for r in street_rows]
    coefs = []
    for n in (1, 2):
        with threadpool_limits(n):
            coefs.append(Tagger(**DEFAULT_PARAMS).fit(x, y).pipeline_.named_steps["clf"].coef_)
    assert np.array_equal(coefs[0], coefs[1])


def test_cross_validation_gives_the_same_probabilities_with_one_job_or_two(street_rows):
    import numpy as np

    from textags.learn import cross_val_proba

    one = cross_val_proba(street_rows, n_jobs=1, params={"neighbour_weight": 0.0})[1]
    two = cross_val_proba(street_rows, n_jobs=2, params={"neighbour_weight": 0.0})[1]
    assert np.array_equal(one, two)


def test_blocks_counted_in_parallel_equal_those_counted_in_one_process(street_rows):
    from textags import _folds as folds
    from textags.learn import DEFAULT_PARAMS, inputs

    x = inputs(street_rows)
    params = {**DEFAULT_PARAMS, "context": True}
    one, two = folds.count_blocks(x, params), folds.count_blocks(x, params, n_jobs=2)
    assert len(one) == len(two) == 3
    for (a, min_a, w_a), (b, min_b, w_b) in zip(one, two):
        assert (min_a, w_a) == (min_b, w_b) and a.shape == b.shape and (a != b).nnz == 0


def test_train_takes_a_user_dictionary_of_policy_terms_and_can_leave_the_rules_out(run_cli, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("一网统管\n九宫格\n\n一网统管\n", encoding="utf-8")
    data = [DATA / "labelled" / f"{p.stem}.csv" for p in STREET]
    code, _, err = run_cli("train", *data, "-o", tmp_path / "m", "--base", "none", "--no-eval", "--userdict", terms)
    assert code == 0, err
    model = load_model(tmp_path / "m")
    assert model.card["params"]["userdict"] == ["一网统管", "九宫格"] and model.card["params"]["rules"] is True
    assert "w:一网统管" in model.scorer.blocks[0].terms.tolist()  # one word now, as the dictionary says
    assert ("一网统管" in dict(model.explain("推进一网统管平台建设").terms)) is True
    code, _, err = run_cli("train", *data, "-o", tmp_path / "n", "--base", "none", "--no-eval", "--no-rules")
    assert code == 0, err
    bare = load_model(tmp_path / "n")
    assert bare.card["params"]["rules"] is False and bare.explain("（由林必德副主任牵头实施）").rule is None


@pytest.mark.parametrize("content", [None, "", "\n  \n"], ids=["missing", "empty", "blank lines"])
def test_a_user_dictionary_without_terms_is_refused_in_one_line(run_cli, tmp_path, content):
    terms = tmp_path / "terms.txt"
    if content is not None:
        terms.write_text(content, encoding="utf-8")
    data = DATA / "labelled" / f"{STREET[1].stem}.csv"
    code, _, err = run_cli("train", data, "-o", tmp_path / "m", "--base", "none", "--userdict", terms)
    assert code == 2 and err.startswith(f"textags: {terms}: ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "m").exists()


def test_evaluate_reports_scores_by_level(run_cli, small_model_dir, tmp_path):
    from conftest import DATA

    files = [DATA / "labelled" / "baoshan-youyilu-2022-work-plan.csv", DATA / "labelled" / "gwr-2018.csv"]
    code, out, err = run_cli("evaluate", *files, "--model", small_model_dir, "--format", "json")
    assert code == 0, err
    r = json.loads(out)["results"][0]
    groups = r["by_group"]
    assert set(groups) == {"local", "national"}
    assert groups["local"]["documents"] == 1 and groups["national"]["documents"] == 1
    assert groups["local"]["units"] + groups["national"]["units"] == r["units"]
    code, out, err = run_cli("evaluate", *files, "--model", small_model_dir)
    assert "level" in out and "\nlocal " in out and "\nnational " in out


def test_local_weight_weighs_the_units_of_local_reports_in_training_and_in_each_fold(street_rows):
    """``local_weight`` is a sample weight of the local reports' units: the folds fit as a weighted pipeline does."""
    import numpy as np

    from textags.learn import DEFAULT_PARAMS, cross_val_proba, fit, inputs

    docs = sorted({r.doc for r in street_rows})
    groups = {d: ("local" if k % 2 else "national") for k, d in enumerate(docs)}
    params = {"neighbour_weight": 0.0, "rules": False, "local_weight": 3.0}
    labels, proba = cross_val_proba(street_rows, n_jobs=1, params=params, groups=groups)
    plain = cross_val_proba(street_rows, n_jobs=1, params={**params, "local_weight": 1.0}, groups=groups)[1]
    assert np.abs(proba - plain).max() > 0.05  # the weights change the fit
    x = inputs(street_rows)
    for held in docs:
        train = [i for i, r in enumerate(street_rows) if r.doc != held]
        tagger = Tagger(**{**DEFAULT_PARAMS, **params}).fit(
            [x[i] for i in train], [street_rows[i].label for i in train], [groups[street_rows[i].doc] for i in train]
        )
        test = [i for i, r in enumerate(street_rows) if r.doc == held]
        want = tagger.pipeline_.predict_proba([x[i] for i in test])
        got = proba[np.ix_(test, [labels.index(c) for c in tagger.pipeline_.classes_])]
        assert np.abs(got - want).max() < 0.05
    with pytest.raises(ValueError, match="level of every training unit"):
        Tagger(local_weight=3.0).fit(x, [r.label for r in street_rows])
    model = fit(street_rows, params=params, evaluate=False, groups=groups)
    assert model.scorer.params["local_weight"] == 3.0  # saved in the card's params with the others
