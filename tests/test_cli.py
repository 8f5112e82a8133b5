"""The command line: formats, streaming, one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import STREET

PLAN = STREET[2]


def test_segment_jsonl_has_offsets_kinds_and_sections(run_cli):
    code, out, err = run_cli("segment", PLAN)
    assert code == 0, err
    recs = [json.loads(line) for line in out.splitlines()]
    assert {"index", "start", "end", "kind", "section", "text"} <= set(recs[0])
    assert [r["index"] for r in recs] == list(range(len(recs)))
    assert {r["kind"] for r in recs} == {"heading", "body", "footnote"}


def test_segment_tsv_and_text(run_cli):
    code, out, _ = run_cli("segment", PLAN, "--format", "tsv")
    assert code == 0 and out.splitlines()[0].split("\t")[:3] == ["doc", "index", "start"]
    code, out, _ = run_cli("segment", PLAN, "--format", "text")
    assert code == 0 and "[footnote] ¹ 四个一" in out


def test_segment_reads_standard_input(run_cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("一、抓经济\n税收增长。".encode("gb18030"))))
    code, out, err = run_cli("segment", "-")
    assert code == 0, err
    assert [json.loads(x)["text"] for x in out.splitlines()] == ["一、抓经济", "税收增长。"]


def test_tag_jsonl_records(run_cli, small_model_dir):
    code, out, err = run_cli("tag", PLAN, "--model", small_model_dir, "--format", "jsonl")
    assert code == 0, err
    recs = [json.loads(line) for line in out.splitlines()]
    assert {"doc", "index", "kind", "text", "label", "confidence", "probs"} <= set(recs[0])
    assert all(abs(sum(r["probs"].values()) - 1) < 1e-3 for r in recs)
    assert all(r["kind"] in ("heading", "body") for r in recs)
    assert all(r["alone"] in r["probs"] for r in recs)  # the label of the text on its own
    code, out, err = run_cli("tag", PLAN, "--model", small_model_dir, "--format", "jsonl", "--no-neighbours")
    own = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and "alone" not in own[0]
    assert [r["label"] for r in own] == [r["alone"] for r in recs]


def test_tag_csv_round_trips_with_bom_for_excel(run_cli, small_model_dir, tmp_path):
    out_path = tmp_path / "tags.csv"
    code, _, err = run_cli("tag", PLAN, STREET[1], "--model", small_model_dir, "--format", "csv", "-o", out_path)
    assert code == 0, err
    raw = out_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {r["doc"] for r in rows} == {PLAN.stem, STREET[1].stem}
    code, out, _ = run_cli("tag", PLAN, STREET[1], "--model", small_model_dir, "--format", "jsonl")
    jsonl = [json.loads(line) for line in out.splitlines()]
    assert [(r["doc"], int(r["index"]), r["label"]) for r in rows] == [
        (r["doc"], r["index"], r["label"]) for r in jsonl
    ]
    assert json.loads(rows[0]["probs"]) == jsonl[0]["probs"]


def test_tag_lines_keeps_order_and_count(run_cli, small_model_dir, tmp_path):
    lines = ["坚持党管武装，有效落实民兵整组任务。", "", "全年排查各类隐患6511条。", "  ", "新增就业岗位358个。"]
    f = tmp_path / "lines.txt"
    f.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run_cli("tag", "--lines", f, "--model", small_model_dir, "--format", "jsonl")
    assert code == 0, err
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["text"] for r in recs] == [x for x in lines if x.strip()]
    assert [r["index"] for r in recs] == [0, 1, 2]


def test_summarize_json_shares_sum_to_one(run_cli, small_model_dir):
    code, out, err = run_cli("summarize", PLAN, STREET[1], "--model", small_model_dir, "--format", "json")
    assert code == 0, err
    docs = json.loads(out)
    assert len(docs) == 2
    for d in docs:
        assert set(d["emphasis"]) == {"economy", "livelihood", "safety", "party", "governance"}
        assert sum(d["emphasis"].values()) == pytest.approx(1, abs=1e-12)
        assert all(d["low"][k] <= d["emphasis"][k] <= d["high"][k] for k in d["emphasis"])
        assert isinstance(d["n_other"], int) and isinstance(d["n_units"], int)


def test_summarize_and_compare_by_part_show_both_parts(run_cli, small_model_dir):
    code, out, err = run_cli("compare", STREET[0], "--by", "part", "--model", small_model_dir, "--format", "json")
    assert code == 0, err
    groups = {r["group"] for r in json.loads(out)}
    assert {f"{STREET[0].stem}:review", f"{STREET[0].stem}:plan"} <= groups
    code, out, _ = run_cli("summarize", STREET[0], "--by", "part", "--model", small_model_dir, "--width", "200")
    assert ":review" in out and ":plan" in out


def test_explain_prints_label_probabilities_and_terms(run_cli, small_model_dir):
    code, out, err = run_cli(
        "explain", "坚持党管武装，有效落实民兵整组任务。", "--model", small_model_dir, "--format", "json"
    )
    assert code == 0, err
    r = json.loads(out)
    assert r["label"] == "party" and len(r["probs"]) == 6 and r["terms"]


def test_info_prints_the_card(run_cli):
    code, out, _ = run_cli("info")
    card = json.loads(out)
    assert card["sha256"] and card["cross_validation"]["method"] == "leave-one-document-out"


def test_output_file_is_not_overwritten_without_force(run_cli, tmp_path):
    out_path = tmp_path / "units.jsonl"
    out_path.write_text("keep", encoding="utf-8")
    code, _, err = run_cli("segment", PLAN, "-o", out_path)
    assert code == 2 and "already exists; pass --force" in err
    assert out_path.read_text(encoding="utf-8") == "keep"
    code, _, _ = run_cli("segment", PLAN, "-o", out_path, "--force")
    assert code == 0 and out_path.read_text(encoding="utf-8").startswith("{")


def test_python_m_textags_runs(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "textags", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("textags ")


def test_tag_lines_takes_terms_like_tag(run_cli, small_model_dir, tmp_path):
    f = tmp_path / "lines.txt"
    f.write_text("坚持党管武装，有效落实民兵整组任务。\n全年排查各类隐患6511条。", encoding="utf-8")
    for k, most in (("0", 0), ("2", 2)):
        code, out, err = run_cli("tag", "--lines", f, "--terms", k, "--model", small_model_dir, "--format", "jsonl")
        assert code == 0, err
        counts = [len(json.loads(x)["terms"]) for x in out.splitlines()]
        assert len(counts) == 2 and max(counts) == most
