"""The adversarial cases of issue #17: one test per case, each of a promise in the README's reliability section.

Data loss and damage (1-5), integrity (6-7), silent wrong results (8-10),
unbounded work (11-13) and errors that are the user's (14).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading

import pytest

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


def test_05_concurrent_trains_into_one_directory_leave_a_usable_model(tmp_path, labelled):
    from textags.learn import fit, read_labelled
    from textags.model import load_model, save_model

    rows, _ = read_labelled([labelled])
    models = [fit(rows[: 3 + i], evaluate=False, source=f"run {i}") for i in range(2)]
    out = tmp_path / "model"
    errors: list[BaseException] = []

    def save(m):
        try:
            for _ in range(15):
                save_model(m.scorer, m.card, out, force=True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(m,)) for m in models]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    card = json.loads((out / "card.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == sorted(["card.json", card["file"]])
    assert load_model(out).card["sha256"] == card["sha256"]
