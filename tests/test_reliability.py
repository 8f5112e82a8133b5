"""Reliability: the bad-input matrix for data files, huge and odd inputs, determinism, fuzzing."""

from __future__ import annotations

import warnings

import pytest
from conftest import STREET, TESTDATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "internal error" not in err
    return lines[0]


HEADER = "doc,index,text,label\n"
LABEL_CHOICES = "economy (经济发展), livelihood (民生保障), safety (平安安全), party (党的建设), governance (城市治理), other (其他)"
GOOD = "d,0,坚持党管武装。,party\nd,1,坚持党管武装，落实民兵整组。,party\nd,2,税收增长。,economy\nd,3,税收增长较快。,economy\n"
LABELS_CSV = {
    "bom": ("\ufeff" + HEADER + GOOD, None),
    "crlf": ((HEADER + GOOD).replace("\n", "\r\n"), None),
    "missing-column": (
        "doc,index,label\nd,0,party\n",
        "{f}:1: missing column 'text'; a labelled file needs the columns doc, index, text, label",
    ),
    "unknown-label": (
        HEADER + "d,0,坚持党管武装。,party\nd,1,税收增长。,econ\n",
        "{f}:3: unknown label 'econ'; use one of " + LABEL_CHOICES,
    ),
    "conflicting-duplicates": (
        HEADER + "d,0,坚持党管武装。,party\nd,1,税收增长。,economy\nd,0,坚持党管武装。,safety\n",
        "{f}:4: unit d#0 is labelled 'safety' here and 'party' at line 2; keep one label",
    ),
    "empty-label": (HEADER + GOOD + "d,4,各位代表：,\n", None),
}


@pytest.mark.parametrize("case", list(LABELS_CSV))
def test_label_files_in_train(run_cli, tmp_path, case):
    text, message = LABELS_CSV[case]
    f = tmp_path / f"{case}.csv"
    f.write_bytes(text.encode("utf-8"))
    out = tmp_path / "model"
    code, stdout, err = run_cli("train", f, "-o", out, "--base", "none", "--no-eval")
    if message is None:
        assert code == 0, err
        assert ("1 rows with an empty label skipped" in stdout) == (case == "empty-label")
    else:
        assert code == 2
        assert one_line(err) == "textags: " + message.format(f=f)
        assert not out.exists()


@pytest.mark.parametrize("case", list(LABELS_CSV))
def test_label_files_in_data_check(run_cli, tmp_path, case):
    text, message = LABELS_CSV[case]
    f = tmp_path / f"{case}.csv"
    f.write_bytes(text.encode("utf-8"))
    code, stdout, err = run_cli("data", "check", f)
    if message is None:
        assert code == 0 and stdout.startswith("ok: 1 file(s)")
    else:
        assert code == 2
        assert err.splitlines()[0] == message.format(f=f)
        assert err.splitlines()[-1] == "textags: 1 problem(s) in 1 file(s)"


def test_data_check_reports_every_problem_with_its_line(run_cli, tmp_path):
    f = tmp_path / "many.csv"
    f.write_text(HEADER + "d,0,,party\nd,1,税收增长。,econ\nd,x,税收增长。,economy\n", encoding="utf-8")
    code, _, err = run_cli("data", "check", f)
    assert code == 2
    assert err.splitlines()[:3] == [
        f"{f}:2: empty text; every labelled row needs the unit's text",
        f"{f}:3: unknown label 'econ'; use one of " + LABEL_CHOICES,
        f"{f}:4: index 'x' is not a whole number",
    ]


def test_data_check_finds_text_that_no_longer_matches_the_segmenter(run_cli, tmp_path):
    import csv

    docs = tmp_path / "documents.csv"
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "r.txt").write_text("一、抓经济\n税收增长。就业稳定。\n", encoding="utf-8")
    with open(docs, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "title", "level", "region", "year", "source", "licence"])
        w.writerow(["r", "r.txt", "r", "street", "x", "2021", "test", "test"])
    f = tmp_path / "r.csv"
    f.write_text(HEADER + "r,1,税收增长。,economy\nr,2,就业稳定了。,livelihood\n", encoding="utf-8")
    code, _, err = run_cli("data", "check", f, "--documents", docs)
    assert code == 2
    assert err.splitlines()[0] == (
        f"{f}:3: text no longer matches the segmenter: r#2 is the unit '就业稳定。'; relabel the document"
    )


def test_too_little_text_to_train_says_so(run_cli, tmp_path):
    f = tmp_path / "tiny.csv"
    f.write_text(HEADER + "d,0,坚持党管武装。,party\nd,1,税收增长。,economy\n", encoding="utf-8")
    code, _, err = run_cli("train", f, "-o", tmp_path / "m", "--base", "none", "--no-eval")
    assert code == 2
    assert (
        one_line(err)
        == "textags: too little labelled text to train on (2 units): no feature occurs in 2 units; label more units"
    )


def test_jsonl_label_files_are_read(run_cli, tmp_path):
    f = tmp_path / "l.jsonl"
    f.write_text(
        '{"doc": "d", "index": 0, "text": "坚持党管武装。", "label": "party"}\n'
        '{"doc": "d", "index": 1, "text": "税收增长。", "label": "economy"}\n',
        encoding="utf-8",
    )
    code, out, err = run_cli("data", "check", f)
    assert code == 0, err
    code, _, err = run_cli("data", "check", tmp_path / "nothere.jsonl")
    assert code == 2 and "no such file or directory" in err


def test_a_password_protected_pdf(run_cli, tmp_path):
    pytest.importorskip("pypdfium2")
    f = TESTDATA / "password.pdf"
    code, _, err = run_cli("segment", f, "-o", tmp_path / "o.jsonl")
    assert code == 2
    assert one_line(err) == f"textags: {f}: is a password-protected PDF; remove the password and try again"
    assert not (tmp_path / "o.jsonl").exists()


def test_a_file_with_nul_bytes(run_cli, tmp_path):
    f = tmp_path / "nul.txt"
    f.write_bytes("税收增长。".encode() + b"\x00" + "就业稳定。".encode())
    code, _, err = run_cli("segment", f)
    assert code == 2
    assert one_line(err) == f"textags: {f}: contains NUL bytes, so it is not plain text; re-save it as UTF-8 text"


@pytest.mark.slow
def test_a_15_mb_file_without_punctuation_or_line_breaks(run_cli, tmp_path):
    import json

    f = tmp_path / "huge.txt"
    f.write_text("经济发展" * 1_250_000, encoding="utf-8")  # 5 million characters, 15 MB: under the 16 MiB bound
    code, out, err = run_cli("segment", f, "-o", tmp_path / "o.jsonl")
    assert code == 0
    assert err.startswith("textags: warning: a unit of 5000000 characters has no sentence end; cut into pieces")
    lengths = [len(json.loads(x)["text"]) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lengths) == 5_000 and max(lengths) == 1000


def test_outputs_are_byte_identical_across_runs(run_cli, small_model_dir, tmp_path):
    outs = []
    for i in range(2):
        o = tmp_path / f"o{i}.json"
        code, _, err = run_cli(
            "summarize", STREET[1], STREET[2], "--model", small_model_dir, "--format", "json", "-o", o
        )
        assert code == 0, err
        outs.append(o.read_bytes())
    assert outs[0] == outs[1]


# --- fuzzing: arbitrary bytes and text through the user-facing commands -------------

FUZZ = settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
TEXTISH = st.text(
    alphabet=st.sampled_from(list("税收增长。，；！？、“”（）一二是第\n\t *#<>|-0123456789\u3000\u200b\x00")),
    max_size=200,
)


def _run(args):
    import contextlib
    import io

    from textags.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = main([str(a) for a in args])
    return code, err.getvalue()


@FUZZ
@given(
    data=st.binary(max_size=400)
    | TEXTISH.map(lambda s: s.encode("utf-8"))
    | TEXTISH.map(lambda s: s.encode("gb18030", errors="ignore"))
)
def test_fuzz_segment(tmp_path_factory, data):
    f = tmp_path_factory.mktemp("fuzz") / "in.txt"
    f.write_bytes(data)
    code, err = _run(["segment", f])
    assert code in (0, 2)
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        one_line(err)


@FUZZ
@given(data=st.binary(max_size=300) | TEXTISH.map(lambda s: s.encode("utf-8")))
def test_fuzz_tag_lines(tmp_path_factory, small_model_dir, data):
    f = tmp_path_factory.mktemp("fuzz") / "lines.txt"
    f.write_bytes(data)
    code, err = _run(["tag", "--lines", f, "--model", small_model_dir, "--format", "jsonl"])
    assert code in (0, 2)
    assert "Traceback" not in err and "internal error" not in err


@FUZZ
@given(
    data=st.binary(max_size=300) | st.text(max_size=300).map(lambda s: (HEADER + s).encode("utf-8")),
    suffix=st.sampled_from([".csv", ".jsonl"]),
)
def test_fuzz_label_file_reader(tmp_path_factory, data, suffix):
    f = tmp_path_factory.mktemp("fuzz") / f"labels{suffix}"
    f.write_bytes(data)
    code, err = _run(["data", "check", f])
    assert code in (0, 2)
    assert "Traceback" not in err and "internal error" not in err
