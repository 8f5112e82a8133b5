"""The consistency mode (#22 point 2): identical or near-identical units whose labels differ, worst first."""

from __future__ import annotations

import json
import random

import pytest

from textags._consistency import band_width, candidate_pairs, consistency_groups, fold, jaccard, shingles
from textags._labels import LabelledUnit


def U(doc, index, text, label, note="", path="x.csv", line=0):
    return LabelledUnit(doc, index, text, label, note=note, path=path, line=line or index + 2)


# wordings that recur across the reports (gwr-2024/2025, provincial 2025), with their labels as coded
ROWS = [
    U("gwr-2024", 471, "引导支持社会组织、人道救助、志愿服务、公益慈善等健康发展。", "governance"),
    U("gwr-2025", 467, "引导支持社会组织、人道救助、志愿服务、公益慈善等健康发展。", "governance"),
    U("prov-2025-a", 12, "引导支持社会组织、人道救助、志愿服务、公益慈善等健康发展", "livelihood"),
    U("prov-2025-hebei", 261, "防范化解重点领域风险。", "safety"),
    U("prov-2025-hunan", 395, "有效防范化解重点领域风险。", "safety"),
    U("prov-2025-anhui", 463, "防范化解重点领域风险。", "safety"),
    U("p001", 9, "全年开展监督检查150次，处理12人。", "party"),
    U("p002", 14, "全年开展监督检查 80 次,处理3人。", "governance"),
    U("p003", 2, "扩大志愿服务队伍。", "livelihood"),
]


def test_fold_takes_out_punctuation_space_and_digits_and_folds_width():
    assert (
        fold("全年开展监督检查150次，处理12人。")
        == fold("全年开展监督检查 80 次,处理３人")
        == "全年开展监督检查#次处理#人"
    )
    assert fold("（一）ＡＢ “城镇化”") == "一ab城镇化"


def test_identical_after_folding_with_different_labels_is_a_group():
    groups = consistency_groups(ROWS, threshold=1.0)
    by_docs = [{r.doc for r in g.rows} for g in groups]
    assert {"gwr-2024", "gwr-2025", "prov-2025-a"} in by_docs  # punctuation folded
    assert {"p001", "p002"} in by_docs  # digits and spacing folded
    assert all(g.kind == "identical" and g.similarity == 1.0 for g in groups)
    # the same wording with one label throughout is no group
    assert not any("prov-2025-hebei" in {r.doc for r in g.rows} for g in groups)


def test_near_identical_joins_at_the_threshold_and_not_below():
    rows = [U("a", 1, "防范化解重点领域风险。", "safety"), U("b", 1, "有效防范化解重点领域风险。", "economy")]
    sim = jaccard(shingles(fold(rows[0].text)), shingles(fold(rows[1].text)))
    assert sim == pytest.approx(0.8)
    [g] = consistency_groups(rows, threshold=0.8)
    assert g.kind == "near" and g.similarity == pytest.approx(0.8)
    assert consistency_groups(rows, threshold=0.81) == []


def test_worst_first_and_notes_settle_a_group():
    rows = [
        # three rows against one
        U("a", 1, "加强和创新社会治理。", "safety"),
        U("b", 1, "加强和创新社会治理。", "safety"),
        U("c", 1, "加强和创新社会治理。", "governance"),
        U("d", 1, "加强和创新社会治理", "safety"),
        # one against one
        U("e", 1, "扩大志愿服务队伍。", "livelihood"),
        U("f", 1, "扩大志愿服务队伍。", "economy"),
        # two against two, every row with a note: settled
        U("g", 1, "推进旧区改造和征收。", "livelihood", note="residents' housing"),
        U("h", 1, "推进旧区改造和征收。", "livelihood", note="residents' housing"),
        U("i", 1, "推进旧区改造和征收。", "economy", note="land for industry, see the section"),
        U("j", 1, "推进旧区改造和征收。", "economy", note="land for industry, see the section"),
    ]
    groups = consistency_groups(rows)
    assert [sorted({r.doc for r in g.rows})[0] for g in groups] == ["a", "e", "g"]
    assert [g.settled for g in groups] == [False, False, True]
    assert groups[0].dissent == 1 and groups[0].labels == {"safety": 3, "governance": 1}
    assert [sorted({r.doc for r in g.rows})[0] for g in consistency_groups(rows, settled=False)] == ["a", "e"]
    # a note on some rows only does not settle a group
    rows[2] = U("c", 1, "加强和创新社会治理。", "governance", note="read with its section")
    assert not consistency_groups(rows)[0].settled


def test_candidates_grow_with_the_rows_not_their_square():
    rnd = random.Random(7)
    chars = "经济发展民生保障平安安全党的建设城市治理推进加强完善提升深化落实服务管理项目建设工作"
    texts = {"".join(rnd.choice(chars) for _ in range(rnd.randint(15, 40))) for _ in range(3000)}
    rows = [U(f"d{i}", i, t + "。", rnd.choice(["economy", "governance"])) for i, t in enumerate(sorted(texts))]
    # plant near-duplicates with other labels
    for k in range(20):
        base = rows[k * 100]
        rows.append(U(f"n{k}", 0, base.text[:-1] + "工作。", "safety" if base.label != "safety" else "party"))
    stats = {}
    groups = consistency_groups(rows, threshold=0.9, stats=stats)
    n = stats["texts"]
    assert stats["checked"] < 0.01 * n * (n - 1) / 2  # far fewer than all pairs
    planted = {f"n{k}" for k in range(20)}
    found = {r.doc for g in groups for r in g.rows} & planted
    # every planted pair at or above the threshold is found
    expected = {
        f"n{k}"
        for k in range(20)
        if jaccard(shingles(fold(rows[k * 100].text)), shingles(fold(rows[-20 + k].text))) >= 0.9
    }
    assert expected and found == expected


def test_band_width_keeps_misses_rare():
    for t in (0.95, 0.9, 0.8, 0.7, 0.6, 0.5):
        r = band_width(t)
        assert (1 - t**r) ** (128 // r) <= 1e-4
    assert candidate_pairs([], 16) == set()


def test_cli_lists_groups_with_file_line_doc_index_label_and_note(run_cli, tmp_path):
    f = tmp_path / "labels.csv"
    f.write_text(
        "doc,index,text,label,note\n"
        "gwr-2024,471,引导支持社会组织、人道救助、志愿服务、公益慈善等健康发展。,governance,\n"
        "prov-2025-a,12,引导支持社会组织、人道救助、志愿服务、公益慈善等健康发展,livelihood,民生\n"
        "p003,2,扩大志愿服务队伍。,livelihood,\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("data", "consistency", f, "--format", "json")
    assert code == 0, err
    records = json.loads(out)
    assert [(r["group"], r["file"], r["line"], r["doc"], r["index"], r["label"], r["note"]) for r in records] == [
        (1, str(f), 2, "gwr-2024", 471, "governance", ""),
        (1, str(f), 3, "prov-2025-a", 12, "livelihood", "民生"),
    ]
    assert "1 group(s) whose labels differ, 1 not settled" in err
    code, out, _ = run_cli("data", "consistency", f)
    assert code == 0 and "== group 1: governance 1 / livelihood 1" in out and f"{f}:3  prov-2025-a#12" in out


def test_cli_refuses_a_threshold_out_of_range(run_cli, tmp_path):
    f = tmp_path / "labels.csv"
    f.write_text("doc,index,text,label\na,1,扩大志愿服务队伍。,livelihood\n", encoding="utf-8")
    code, _, err = run_cli("data", "consistency", f, "--threshold", "1.5")
    assert code == 2 and err.count("\n") == 1 and "threshold" in err
