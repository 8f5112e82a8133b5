"""The adversarial cases of issue #17: one test per case, each of a promise in the README's reliability section.

Data loss and damage (1-5), integrity (6-7), silent wrong results (8-10),
unbounded work (11-13) and errors that are the user's (14).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

HEADER = "doc,index,text,label\n"
ROWS = "d,0,坚持党管武装。,party\nd,1,坚持党管武装，落实民兵整组。,party\nd,2,税收增长。,economy\nd,3,税收增长较快。,economy\n"
REPORT = "各位代表：\n一、经济发展\n全年税收增长13%。\n新增就业岗位300个。\n坚持党管武装，有效落实民兵整组任务。\n"


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    return lines[0]


@pytest.fixture
def labelled(tmp_path):
    f = tmp_path / "rows.csv"
    f.write_text(HEADER + ROWS, encoding="utf-8")
    return f


@pytest.fixture
def report(tmp_path):
    f = tmp_path / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    return f


def train_args(labelled, out, *more):
    return ("train", labelled, "-o", out, "--base", "none", "--no-eval", *more)


# --------------------------------------------------------------------------
# 1-5: data loss and damage


def test_01_train_keeps_arrays_files_it_did_not_write(run_cli, tmp_path, labelled):
    out = tmp_path / "model"
    out.mkdir()
    theirs = [out / "model_weights.npz", out / "model-backup.npz"]
    for f in theirs:
        f.write_bytes(b"not ours")
    code, _, err = run_cli(*train_args(labelled, out))
    assert code == 0, err
    assert all(f.read_bytes() == b"not ours" for f in theirs)
    # retraining over our own model removes only the arrays file the old card named
    first = json.loads((out / "card.json").read_text(encoding="utf-8"))["file"]
    labelled.write_text(HEADER + ROWS + "d,4,新增就业岗位300个。,livelihood\n", encoding="utf-8")
    code, _, err = run_cli(*train_args(labelled, out, "--force"))
    assert code == 0, err
    second = json.loads((out / "card.json").read_text(encoding="utf-8"))["file"]
    assert second != first and not (out / first).exists() and (out / second).exists()
    assert all(f.read_bytes() == b"not ours" for f in theirs)


def test_02_output_to_a_fifo_or_device_writes_through_it(run_cli, tmp_path, report):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, _, err = run_cli("tag", report, "-o", fifo, "--force", "--format", "jsonl")
        got = os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert '"label": "party"' in got
    # a link to a device: written through, the link and the device stay
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    code, _, err = run_cli("tag", report, "-o", link)
    assert code == 0, err
    assert link.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_03_relink_keeps_every_row_and_the_bom(run_cli, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "d.txt").write_text("各位代表：\n税收增长。\n就业稳定。\n", encoding="utf-8")
    docs = tmp_path / "documents.csv"
    docs.write_text("id,file\nd,d.txt\n", encoding="utf-8")
    sheet = tmp_path / "d.csv"
    sheet.write_bytes(
        ("\ufeffdoc,index,text,label,note\nd,1,税收增长。,economy,\nd,2,已删除的句子。,party,见附件\n").encode()
    )
    code, out, err = run_cli("data", "relink", sheet, "--documents", docs)
    assert code == 0, err
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "the BOM was dropped"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["text"], r["label"]) for r in rows] == [("税收增长。", "economy"), ("已删除的句子。", "party")]
    assert rows[1]["note"].startswith("[unlinked]") and rows[1]["note"].endswith("见附件")
    assert "2 rows kept, 1 of them unlinked" in out
    # the unlinked row is kept but not trained on, and `data check` names it
    from textags.labels import read_labelled

    kept, skipped = read_labelled([sheet])
    assert [r.text for r in kept] == ["税收增长。"] and skipped == 1
    code, _, err = run_cli("data", "check", sheet, "--documents", docs)
    assert code == 2 and f"{sheet}:3: row is unlinked" in err


def test_04_output_that_is_an_input_or_a_link_is_refused(run_cli, tmp_path, report):
    before = report.read_bytes()
    code, _, err = run_cli("tag", report, "-o", report, "--force")
    assert (
        code == 2
        and one_line(err) == f"textags: {report}: is also an input of this run; write the output to another file"
    )
    other = tmp_path / "other.txt"
    other.symlink_to(report)
    code, _, err = run_cli("segment", report, "-o", other, "--force")
    assert code == 2 and "is also an input" in one_line(err)
    assert report.read_bytes() == before
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere.csv")
    code, _, err = run_cli("tag", report, "-o", dangling)
    assert code == 2 and "is a symbolic link" in one_line(err)
    assert dangling.is_symlink() and not (tmp_path / "nowhere.csv").exists()
    # asked for, the file the link points to is written and the link stays
    code, _, err = run_cli("tag", report, "-o", dangling, "--force")
    assert code == 0, err
    assert dangling.is_symlink() and (tmp_path / "nowhere.csv").read_text(encoding="utf-8").startswith("doc")


def test_05_concurrent_trains_into_one_directory_leave_a_usable_model(tmp_path, labelled, monkeypatch):
    import time

    import textags.atomic
    from textags.learn import fit, read_labelled
    from textags.model import load_model, save_model

    rows, _ = read_labelled([labelled])
    models = [fit(rows[: 3 + i], evaluate=False, source=f"run {i}") for i in range(2)]
    out = tmp_path / "model"
    real = textags.atomic.atomic_write_bytes

    def slow(path, data):  # each run dawdles after writing its card, so the two runs interleave
        real(path, data)
        if Path(path).name == "card.json":
            time.sleep(0.5)

    monkeypatch.setattr(textags.atomic, "atomic_write_bytes", slow)
    errors: list[BaseException] = []

    def save(m, delay):
        time.sleep(delay)
        try:
            save_model(m.scorer, m.card, out, force=True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(m, 0.2 * i)) for i, m in enumerate(models)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    card = json.loads((out / "card.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == sorted(["card.json", card["file"]])
    assert load_model(out).card["sha256"] == card["sha256"]


# --------------------------------------------------------------------------
# 6-7: integrity


def _rewrite(d: Path, change) -> None:
    """Change a saved model's arrays (``change(arrays)``) or card (``change(card)``), keeping every sha consistent."""
    import numpy as np

    from textags.model import _npz_bytes, sha256_bytes
    from textags.modelcheck import card_digest

    card = json.loads((d / "card.json").read_text(encoding="utf-8"))
    with np.load(d / card["file"], allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    change(arrays, card)
    data = _npz_bytes(arrays)
    (d / card["file"]).write_bytes(data)
    card["sha256"] = sha256_bytes(data)
    if "card_sha256" in card:
        card["card_sha256"] = card_digest(card)
    (d / "card.json").write_text(json.dumps(card), encoding="utf-8")


def _nan_coef(a, c):
    a["coef"][:] = float("nan")


def _inf_intercept(a, c):
    a["intercept"][0] = float("inf")


def _wrong_intercept(a, c):
    a["intercept"] = a["intercept"][:-1]


def _bogus_labels(a, c):
    a["labels"] = np.array(["economy", "x", *a["labels"][2:].tolist()])
    c["labels"] = a["labels"].tolist()


def _duplicate_labels(a, c):
    a["labels"] = np.array(["economy", *a["labels"][:-1].tolist()])
    c["labels"] = a["labels"].tolist()


def _numeric_terms(a, c):
    a["block0_terms"] = np.arange(a["block0_terms"].size)


ARRAY_CHANGES = {
    "nan-coefficients": (_nan_coef, "coef holds values that are not finite"),
    "infinite-intercept": (_inf_intercept, "intercept holds values that are not finite"),
    "wrong-shape-intercept": (_wrong_intercept, "intercept is not a"),
    "bogus-label": (_bogus_labels, "not distinct labels of"),
    "duplicate-label": (_duplicate_labels, "not distinct labels of"),
    "numeric-terms": (_numeric_terms, "terms are not a list of text"),
}


@pytest.mark.parametrize("case", list(ARRAY_CHANGES))
def test_06_arrays_with_a_matching_sha_are_still_validated(run_cli, small_model_dir, tmp_path, report, case):
    d = tmp_path / "m"
    shutil.copytree(small_model_dir, d)
    change, message = ARRAY_CHANGES[case]
    _rewrite(d, change)
    code, _, err = run_cli("tag", report, "--model", d)
    assert code == 2, err
    assert message in one_line(err) and str(d) in err


@pytest.mark.parametrize(
    "param,value", [("neighbour_weight", 0.0), ("rules", False), ("char_ngrams", [2, 3]), ("userdict", ["党管武装"])]
)
def test_06_an_edited_card_is_refused(run_cli, small_model_dir, tmp_path, report, param, value):
    d = tmp_path / "m"
    shutil.copytree(small_model_dir, d)
    card = json.loads((d / "card.json").read_text(encoding="utf-8"))
    assert card["params"].get(param) != value
    card["params"][param] = value
    (d / "card.json").write_text(json.dumps(card), encoding="utf-8")
    code, _, err = run_cli("tag", report, "--model", d)
    assert code == 2
    assert one_line(err) == (
        f"textags: {d}: card.json was changed or damaged (it does not match its card_sha256); "
        "re-download or retrain the model"
    )


FORMULAS = [
    "=cmd|' /C calc'\\A0税收增长。",
    "+SUM(1,2)新增就业岗位。",
    "-2+3项重点工程完成。",
    "@SUM(1)坚持党管武装。",
    '=HYPERLINK("http://example.com","点击查看全年税收")。',
]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _unsafe(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run as formulas (a plain number is a number, not a formula)."""
    out = []
    for cell in (c for r in rows for c in r):
        try:
            float(cell)
            continue
        except ValueError:
            pass
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
            out.append(cell)
    return out


def test_07_csv_outputs_neutralise_formulas(run_cli, small_model_dir, tmp_path):
    f = tmp_path / "=1+1.txt"
    f.write_text("各位代表：\n" + "\n".join(FORMULAS) + "\n全年税收增长13%。\n", encoding="utf-8")
    outputs = {}
    for name, args in {
        "tag": ("tag", f, "--format", "csv", "--all"),
        "summarize": ("summarize", f, "--format", "csv"),
        "compare": ("compare", f, "--format", "csv"),
    }.items():
        code, out, err = run_cli(*args, "--model", small_model_dir)
        assert code == 0, err
        outputs[name] = _cells(out)
    sheet = tmp_path / "queue.csv"
    code, _, err = run_cli("label", f, "-o", sheet, "--model", small_model_dir)
    assert code == 0, err
    outputs["label"] = _cells(sheet.read_text(encoding="utf-8"))
    for name, rows in outputs.items():
        assert _unsafe(rows) == [], name
        assert any(c == "'=1+1" for r in rows for c in r), name  # the doc column, kept readable
    texts = {c for r in outputs["tag"] for c in r}
    assert {"'" + t for t in FORMULAS} <= texts
    # numbers we computed stay numbers (a confidence, a share)
    header = outputs["tag"][0]
    assert all(float(r[header.index("confidence")]) > 0 for r in outputs["tag"][1:] if r[header.index("label")])
    # a filled sheet reads back with the report's own text
    from textags.labels import read_labelled_text

    filled = sheet.read_text(encoding="utf-8").replace(",\r\n", ",economy\r\n")
    cols = _cells(filled)[0]
    filled = "\n".join(
        ",".join(['"' + c.replace('"', '""') + '"' for c in r[:-1]] + ["economy"]) for r in _cells(filled)[1:]
    )
    rows, _ = read_labelled_text(",".join(cols[:-1]) + ",label\n" + filled, "queue.csv")
    assert {r.doc for r in rows} == {"=1+1"} and set(FORMULAS) <= {r.text for r in rows}


# --------------------------------------------------------------------------
# 8-10: silent wrong results

PLAN = ROOT / "data" / "raw" / "street" / "baoshan-youyilu-2022-work-plan.txt"
BODY_LOOKALIKES = [
    "本报告全文已收录于中文维基文库，供公众查阅。",
    "第3期保障房项目开工建设，新增房源200套。",
    "第3期保障房项目竣工",
    "摄影、书画、舞蹈等社区文化活动蓬勃开展。",
    "引进上海某某印务有限公司等企业5家，新增税收300万元。",
    "来源：街道统计，全年新增就业岗位356个。",
    "邮编区域内新增快递服务网点3个。",
]


@pytest.mark.parametrize("line", BODY_LOOKALIKES)
def test_08_a_body_sentence_like_furniture_stays_body(line):
    from textags import segment

    lines = PLAN.read_text(encoding="utf-8").splitlines()
    before = segment("\n".join(lines))
    lines.insert(4, line)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no warning of text set aside
        after = segment("\n".join(lines))
    coded = [u.text for u in after.units if u.coded]
    assert line in coded
    assert len(coded) == len([u for u in before.units if u.coded]) + 1


def test_08_furniture_still_set_aside_and_a_large_share_warned(run_cli, tmp_path):
    from textags import segment
    from textags.furniture import SetAsideWarning

    doc = segment("上海报业集团主管主办\n来源：上海发布\n第 2 页\n全年税收增长13%。\n责任编辑：王某\n")
    assert [u.kind for u in doc.units] == ["furniture", "furniture", "furniture", "body", "furniture"]
    masthead = "上海报业集团主管主办 国内统一连续出版物号：CN31-0114 邮编：200032\n"
    text = "全年税收增长13%。\n" + masthead * 10 + "新增就业岗位300个。\n"
    with pytest.warns(SetAsideWarning, match="of the text was set aside as furniture"):
        segment(text, name="paper")
    f = tmp_path / "paper.txt"
    f.write_text(text, encoding="utf-8")
    code, out, err = run_cli("segment", f, "--format", "text")
    assert code == 0
    assert one_line(err).startswith("textags: warning: paper: 9") and "set aside as furniture" in err


def test_09_same_file_names_in_different_folders_stay_distinct(run_cli, tmp_path):
    for folder, sentence in (("a", "全年税收增长13%。"), ("b", "坚持党管武装，有效落实民兵整组任务。")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text("各位代表：\n" + sentence + "\n", encoding="utf-8")
    a, b = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"
    code, out, err = run_cli("compare", a, b, "--format", "json")
    assert code == 0, err
    assert {r["group"] for r in json.loads(out)} == {"a/x", "b/x"}
    code, out, err = run_cli("tag", a, b, a, "--format", "jsonl")
    assert code == 0, err
    assert list(dict.fromkeys(json.loads(line)["doc"] for line in out.splitlines())) == ["a/x", "b/x", "a/x~2"]
    code, out, err = run_cli("summarize", a, b, "--format", "json")
    assert [e["doc"] for e in json.loads(out)] == ["a/x", "b/x"]
    sheet = tmp_path / "queue.csv"
    code, _, err = run_cli("label", a, b, "-o", sheet)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert len({(r["doc"], r["index"]) for r in rows}) == len(rows) == 4
    for r in rows:
        r["label"] = "other" if r["text"] == "各位代表：" else ("economy" if "税收" in r["text"] else "party")
    with open(sheet, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    code, out, err = run_cli("train", sheet, "-o", tmp_path / "m", "--base", "none", "--no-eval")
    assert code == 0, err
    assert "4 units from 2 documents" in out


def test_10_a_unit_without_words_gets_no_domain(run_cli, tmp_path):
    f = tmp_path / "marks.txt"
    f.write_text("各位代表：\n" + "……。\n——！\n★\n" * 30 + "全年税收增长13%。\n", encoding="utf-8")
    code, out, err = run_cli("tag", f, "--format", "jsonl")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    marks = [r for r in records if not any(ch.isalnum() for ch in r["text"])]
    assert len(marks) >= 60
    assert {(r["label"], r["rule"]) for r in marks} == {("other", "no-words")}
    code, out, err = run_cli("summarize", f, "--format", "json")
    (e,) = json.loads(out)
    assert e["units"] == 1 and e["other"] >= 60 and e["emphasis"]["economy"] == 1.0
