"""The adversarial cases of issue #17: one test per case, each of a promise in the README's reliability section.

Data loss and damage (1-5), integrity (6-7), silent wrong results (8-10),
unbounded work (11-13) and errors that are the user's (14).
"""

from __future__ import annotations

import contextlib
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
    from textags._labels import read_labelled

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
    code, _, err = run_cli("tag", report, "-o", dangling, "--force", "--format", "csv")
    assert code == 0, err
    assert dangling.is_symlink() and (tmp_path / "nowhere.csv").read_text(encoding="utf-8-sig").startswith("doc")


def test_05_concurrent_trains_into_one_directory_leave_a_usable_model(tmp_path, labelled, monkeypatch):
    import time

    import textags._atomic
    from textags._model import load_model, save_model
    from textags.learn import fit, read_labelled

    rows, _ = read_labelled([labelled])
    models = [fit(rows[: 3 + i], evaluate=False, source=f"run {i}") for i in range(2)]
    out = tmp_path / "model"
    real = textags._atomic.atomic_write_bytes

    def slow(path, data):  # each run dawdles after writing its card, so the two runs interleave
        real(path, data)
        if Path(path).name == "card.json":
            time.sleep(0.5)

    monkeypatch.setattr(textags._atomic, "atomic_write_bytes", slow)
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

    from textags._model import _npz_bytes, sha256_bytes
    from textags._modelcheck import card_digest

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
    from textags._labels import read_labelled_text

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
    from textags._furniture import SetAsideWarning

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
        r["reviewed"] = "true"  # read here: a salutation, a tax figure, the militia
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
    assert e["counts"]["economy"] == 1 and e["counts"]["other"] >= 60 and e["emphasis"]["economy"] == 1.0


# --------------------------------------------------------------------------
# 11-13: unbounded work


def test_11_a_huge_heading_is_bounded_in_every_section_path():
    from textags import segment
    from textags._segment import MAX_SECTION_CHARS

    text = "一、" + "经济" * 50_000 + "\n" + "全年税收增长13%。\n" * 200
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = segment(text)
    body = [u for u in doc.units if u.kind == "body"]
    assert len(body) == 200
    assert all(len(h) <= MAX_SECTION_CHARS for u in doc.units for h in u.section)
    assert body[0].section[0].endswith("…") and body[0].section[0].startswith("一、经济经济")
    assert "".join(u.text for u in doc.units if u.kind == "heading") == text.splitlines()[0]  # nothing lost


def _textags(*args, timeout=120, **kwargs):
    """Run the textags command in a process of its own (memory capped at 3 GiB)."""
    import resource
    import subprocess
    import sys

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    return subprocess.run(
        [sys.executable, "-m", "textags", *map(str, args)],
        capture_output=True,
        timeout=timeout,
        preexec_fn=kwargs.pop("preexec_fn", cap),
        **kwargs,
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_12_an_endless_input_is_refused_by_name(device):
    r = _textags("tag", device, timeout=60)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert one_line(err) == (
        f"textags: {device}: is a device, not a report file; give a report file (.txt, .md, .docx or .pdf)"
    )


def test_12_a_report_larger_than_the_bound_is_refused_by_name(tmp_path):
    from textags._limits import MAX_TEXT_BYTES

    big = tmp_path / "big.txt"
    line = "全年税收增长百分之十三，新增就业岗位三百个。\n".encode()
    big.write_bytes(line * (MAX_TEXT_BYTES // len(line) + 1))
    r = _textags("summarize", big, timeout=60)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert one_line(err) == (
        f"textags: {big}: is larger than 16 MiB, the most textags reads of one report; split it into smaller files"
    )
    # through a pipe, the bound holds too
    r = _textags("tag", "-", input=big.read_bytes(), timeout=60)
    assert r.returncode == 2 and "textags: <stdin>: is larger than 16 MiB" in one_line(r.stderr.decode())


def _reports(tmp_path, n=4, copies=20):
    """``n`` reports big enough that tagging them takes a few seconds."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw" / "street").glob("*.txt")))
    files = []
    for i in range(n):
        f = tmp_path / f"r{i}.txt"
        f.write_text(text * copies, encoding="utf-8")
        files.append(f)
    return files


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _wait_for(check, timeout=60.0):
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_13_a_killed_worker_does_not_hang_the_run(tmp_path):
    import signal
    import subprocess
    import sys

    files = _reports(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "textags", "tag", "--jobs", "2", *map(str, files), "-o", tmp_path / "out.jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        workers = _wait_for(lambda: [c for c in _children(proc.pid) if "textags" in _cmdline(c)])
        os.kill(workers[0], signal.SIGKILL)  # forked with their first file to tag
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 2, err
    assert "a worker process died" in one_line(err.decode())
    assert not (tmp_path / "out.jsonl").exists() and not list(tmp_path.glob(".out.jsonl*"))


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_13_standard_input_and_pipes_work_with_jobs(tmp_path, report):
    other = tmp_path / "other.txt"
    other.write_text("各位代表：\n坚持党管武装，有效落实民兵整组任务。\n", encoding="utf-8")
    one = _textags("tag", "--format", "jsonl", "--jobs", "1", "-", other, input=report.read_bytes())
    two = _textags("tag", "--format", "jsonl", "--jobs", "2", "-", other, input=report.read_bytes())
    assert one.returncode == two.returncode == 0, two.stderr.decode()
    assert one.stdout == two.stdout and b'"doc": "stdin"' in two.stdout
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as fh:
            fh.write(report.read_bytes())

    t = threading.Thread(target=feed)
    t.start()
    via_pipe = _textags("tag", "--format", "jsonl", "--jobs", "2", fifo, other)
    t.join()
    assert via_pipe.returncode == 0, via_pipe.stderr.decode()
    assert via_pipe.stdout == one.stdout.replace(b'"doc": "stdin"', b'"doc": "pipe"')


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_13_termination_leaves_no_temporary_file_and_no_traceback(tmp_path, signame):
    import signal
    import subprocess
    import sys

    files = _reports(tmp_path)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "textags", "tag", "--jobs", "2", *map(str, files), "-o", out],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _wait_for(lambda: list(tmp_path.glob(".out.jsonl.*")) and len(_children(proc.pid)) >= 2)
        os.killpg(proc.pid, getattr(signal, signame))  # as a closing terminal does: the whole group
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert one_line(err.decode()) == "textags: terminated"
    assert proc.returncode == 128 + getattr(signal, signame)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in files)


# --------------------------------------------------------------------------
# 14: errors that are the user's: one line, exit 2, naming the file


def _unwritable(monkeypatch, err=None):
    """Writes fail as in a read-only folder (the tests run as root, whom permissions do not stop)."""
    import errno
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(err or errno.EROFS, os.strerror(err or errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("command", ["tag", "segment", "report", "label", "summarize", "compare", "explain", "train"])
def test_14_a_read_only_output_folder(run_cli, monkeypatch, tmp_path, report, labelled, small_model_dir, command):
    out = tmp_path / "ro" / ("model" if command == "train" else "out.html")
    out.parent.mkdir()
    args = {
        "tag": ("tag", report),
        "segment": ("segment", report),
        "report": ("report", report),
        "label": ("label", report),
        "summarize": ("summarize", report),
        "compare": ("compare", report),
        "explain": ("explain", "税收增长。"),
        "train": train_args(labelled, out)[:2] + train_args(labelled, out)[4:],
    }[command]
    if command not in ("train", "segment"):
        args = (*args, "--model", small_model_dir)
    _unwritable(monkeypatch)
    code, _, err = run_cli(*args, "-o", out)
    assert code == 2, err
    line = one_line(err)
    assert line.startswith(f"textags: {out}") and line.endswith(
        ": cannot be written: the disk is read-only; write elsewhere"
    )
    assert not out.exists()


def test_14_train_on_a_full_disk_leaves_no_folder(run_cli, monkeypatch, tmp_path, labelled):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "new" / "model"
    code, _, err = run_cli(*train_args(labelled, out))
    assert code == 2
    assert "cannot be written: the disk is full" in one_line(err) and "model" in err
    assert not out.exists()


def _gbk_name(tmp_path):
    name = os.fsdecode(tmp_path) + "/" + b"\xb1\xa8\xb8\xe6.txt".decode("utf-8", "surrogateescape")
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(REPORT)
    return name


def _docs_table(tmp_path, text, encoding="utf-8"):
    (tmp_path / "raw").mkdir(exist_ok=True)
    (tmp_path / "raw" / "d.txt").write_text("坚持党管武装。\n税收增长。\n", encoding="utf-8")
    t = tmp_path / "docs.csv"
    t.write_bytes(text.encode(encoding))
    return t


def _model_copy(small_model_dir, tmp_path, change=None, card=None):
    d = tmp_path / "m"
    shutil.copytree(small_model_dir, d)
    if change:
        _rewrite(d, change)
    if card:
        from textags._modelcheck import card_digest

        c = json.loads((d / "card.json").read_text(encoding="utf-8"))
        c = card(c, d)
        if isinstance(c, dict):
            c["card_sha256"] = card_digest(c)
        if isinstance(c, (dict, list)):
            (d / "card.json").write_text(json.dumps(c), encoding="utf-8")
    return d


def _empty_npz(a, c):
    a.clear()


def _neighbour_x(c, d):
    c["params"]["neighbour_weight"] = "x"
    return c


def _card_folder(c, d):
    (d / c["file"]).unlink()
    (d / c["file"]).mkdir()
    return None


def _card_dir(c, d):
    (d / "card.json").unlink()
    (d / "card.json").mkdir()
    return None


def _loop(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    return tmp_path / "loop.txt"


def _tagging(**edit):
    """The arguments of tagging the report with a copy of the model, edited (see :func:`_model_copy`)."""
    return lambda t, r, lab, m: ("tag", r, "--model", _model_copy(m, t, **edit))


#: case: (arguments from (tmp_path, report, labelled, model dir), the one line expected (with {f}: the file))
ERRORS = {
    "output-under-a-file": (
        lambda t, r, lab, m: ("tag", r, "-o", r.parent / "report.txt" / "x"),
        "{f}: cannot be written: {p} is a file, not a folder",
    ),
    "train-output-under-a-file": (
        lambda t, r, lab, m: train_args(lab, r / "model"),
        "{f}: cannot be written: a folder on the path is a file; give a path inside a folder",
    ),
    "overlong-output-name": (
        lambda t, r, lab, m: ("tag", r, "-o", t / ("x" * 300 + ".csv")),
        "{f}: cannot be written: the name is too long; give a shorter file name",
    ),
    "overlong-model-name": (
        lambda t, r, lab, m: train_args(lab, t / ("m" * 300)),
        "{f}: cannot be written: the name is too long; give a shorter file name",
    ),
    "invalid-utf8-sentence": (
        lambda t, r, lab, m: ("explain", "税收\udcff增长"),
        "the sentence is not valid UTF-8 text; give it in UTF-8",
    ),
    "documents-without-file-column": (
        lambda t, r, lab, m: ("data", "check", lab, "--documents", _docs_table(t, "id,title\nd,街道\n")),
        "{f}:1: needs the columns id and file; give a documents table like data/documents.csv",
    ),
    "documents-a-folder": (
        lambda t, r, lab, m: ("data", "check", lab, "--documents", t),
        "{f}: is a directory; give a documents table (CSV) like data/documents.csv",
    ),
    "card-a-list": (
        _tagging(card=lambda c, d: [c]),
        "{m}: card.json is not a model card (a JSON object); re-download or retrain the model",
    ),
    "card-deeply-nested": (
        lambda t, r, lab, m: (
            "info",
            "--model",
            _model_copy(m, t, card=lambda c, d: (d / "card.json").write_text("[" * 100_000 + "]" * 100_000)),
        ),
        "{m}: card.json is damaged (not JSON); re-download or retrain the model",
    ),
    "card-a-folder": (
        _tagging(card=_card_dir),
        "{m}: card.json cannot be read (Is a directory); re-download or retrain the model",
    ),
    "card-file-a-folder": (
        _tagging(card=_card_folder),
        "{m}: {npz} cannot be read (Is a directory); retrain or re-download the model",
    ),
    "empty-npz": (
        _tagging(change=_empty_npz),
        "{m}: {npz}: has no label list; re-download or retrain the model",
    ),
    "numeric-terms": (
        _tagging(change=_numeric_terms),
        "{m}: {npz}: block 0 terms are not a list of text; re-download or retrain the model",
    ),
    "neighbour-weight-text": (
        _tagging(card=_neighbour_x),
        "{m}: card.json parameter neighbour_weight must be a number between 0 and 1; retrain the model",
    ),
    "symlink-loop": (
        lambda t, r, lab, m: ("tag", _loop(t)),
        "{f}: is a symbolic link that loops; give the report file itself",
    ),
    "binary-userdict": (
        lambda t, r, lab, m: (*train_args(lab, t / "model"), "--userdict", _binary(t)),
        "{f}: is not a text file; give the user dictionary as text, one policy term per line",
    ),
}


def _binary(tmp_path):
    f = tmp_path / "terms.txt"
    f.write_bytes(bytes(range(256)) * 4)
    return f


@pytest.mark.parametrize("case", list(ERRORS))
def test_14_user_errors_are_one_line(run_cli, tmp_path, report, labelled, small_model_dir, case):
    make, expected = ERRORS[case]
    args = make(tmp_path, report, labelled, small_model_dir)
    code, _, err = run_cli(*args)
    assert code == 2, err
    line = one_line(err)
    m = tmp_path / "m"
    npz = ""
    if m.is_dir() and (m / "card.json").is_file():
        with contextlib.suppress(ValueError, AttributeError, RecursionError):
            npz = json.loads((m / "card.json").read_text(encoding="utf-8")).get("file", "")
    files = [a for a in args if isinstance(a, Path)]
    f = {
        "output-under-a-file": lambda: args[-1],
        "train-output-under-a-file": lambda: args[3],
        "overlong-output-name": lambda: args[-1],
        "overlong-model-name": lambda: args[3],
        "binary-userdict": lambda: args[-1],
    }.get(case, lambda: files[-1] if files else None)()
    assert line == "textags: " + expected.format(f=f, m=m, npz=npz, p=report)


def test_14_gbk_file_names_and_gbk_tables_are_read(run_cli, tmp_path, labelled):
    name = _gbk_name(tmp_path)
    code, out, err = run_cli("tag", name, "--format", "jsonl")
    assert code == 0, err
    assert {json.loads(line)["doc"] for line in out.splitlines()} == {"报告"}
    table = _docs_table(tmp_path, "id,file,title\nd,d.txt,友谊路街道\n", "gbk")
    rows = tmp_path / "d.csv"
    rows.write_text("doc,index,text,label\nd,0,坚持党管武装。,party\n", encoding="utf-8")
    code, out, err = run_cli("data", "check", rows, "--documents", table)
    assert code == 0, err
    agreement = tmp_path / "agree.csv"
    agreement.write_bytes("first,second,text\nparty,party,坚持党管武装。\neconomy,other,税收增长。\n".encode("gbk"))
    code, out, err = run_cli("data", "agreement", agreement)
    assert code == 0, err
    assert "agreement: 0.5" in out


def _closed(fd):
    return lambda: os.close(fd)


@pytest.mark.parametrize("stream", ["stdin", "stdout", "stderr"])
def test_14_closed_standard_streams(tmp_path, report, stream):
    fd = {"stdin": 0, "stdout": 1, "stderr": 2}[stream]
    args = {"stdin": ("tag", "-"), "stdout": ("tag", report), "stderr": ("tag", tmp_path / "missing.txt")}[stream]
    r = _textags(*args, preexec_fn=_closed(fd), timeout=60)
    assert r.returncode == 2
    if stream != "stderr":
        expected = {
            "stdin": "textags: standard input is closed; give the report as a file",
            "stdout": "textags: standard output is closed; write to a file with -o OUT",
        }[stream]
        assert one_line(r.stderr.decode()) == expected


def test_14_an_ascii_only_locale_still_writes_chinese(report):
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env.pop("PYTHONIOENCODING", None)
    r = _textags("tag", report, env=env, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    assert "坚持党管武装" in r.stdout.decode("utf-8")
