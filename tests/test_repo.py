"""The repository's own checks: lint and format (ruff), the labelled data (textags data check/stats)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

from conftest import DATA, ROOT


def run(*args):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)


def _ruff():
    # the ruff of the environment running the tests (the test extra), never one found on PATH
    return [sys.executable, "-m", "ruff"]


def test_ruff_lint_finds_nothing():
    r = run(*_ruff(), "check", "textags", "tests", "benchmarks")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format_is_clean():
    r = run(*_ruff(), "format", "--check", "textags", "tests", "benchmarks")
    assert r.returncode == 0, r.stdout + r.stderr


def test_data_check_is_clean_on_the_labelled_corpus(run_cli):
    code, out, err = run_cli("data", "check", DATA / "labelled", "--documents", DATA / "documents.csv")
    assert code == 0, err
    assert out.startswith("ok:")


def test_data_stats_shows_the_corpus_targets(run_cli):
    code, out, err = run_cli(
        "data", "stats", DATA / "labelled", "--documents", DATA / "documents.csv", "--format", "json"
    )
    assert code == 0, err
    stats = json.loads(out)
    assert stats["units"] >= 2500
    assert all(stats["labels"][d] >= 250 for d in ("economy", "livelihood", "safety", "party", "governance"))
    assert stats["labels"]["other"] >= 150
    assert stats["reviewed"] == stats["units"]
    assert set(stats["by_level"]) == {"street", "town", "district", "county", "city", "province", "national"}
    # local reports first (#22): at least 2,500 labelled units of at least 150 local reports
    local = ("street", "town", "district", "county", "city")
    assert sum(stats["by_level"][lv]["total"] for lv in local) >= 2500
    levels = {r["id"]: r["level"] for r in csv.DictReader(open(DATA / "documents.csv", encoding="utf-8-sig"))}
    assert sum(levels[d] in local for d in stats["by_document"]) >= 150


def test_the_street_reports_and_shanghai_are_labelled_in_full():
    import csv

    import textags
    from textags._doctable import documents_table

    docs = documents_table(DATA / "documents.csv")
    for doc_id in (
        "baoshan-youyilu-2021-work-summary",
        "baoshan-youyilu-2022-work-plan",
        "jingan-jingansi-2020-year-review-newspaper",
        "baoshan-district-2021-2022-development-plan-report",
        "prov-2025-shanghai",
    ):
        doc = textags.load(docs[doc_id]["path"], name=doc_id)
        with open(DATA / "labelled" / f"{doc_id}.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert {int(r["index"]) for r in rows} == {u.index for u in doc.coded_units}
        assert all(r["reviewed"] == "true" for r in rows)


def test_provincial_and_national_coverage():
    import csv
    from collections import Counter

    from textags._doctable import documents_table

    docs = documents_table(DATA / "documents.csv")
    per_doc = Counter()
    for path in (DATA / "labelled").glob("*.csv"):
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                per_doc[row["doc"]] += 1
    provinces = [
        d for d, n in per_doc.items() if docs[d]["level"] == "province" and d != "prov-2025-shanghai" and n >= 150
    ]
    national = {docs[d]["year"][:3] for d, n in per_doc.items() if docs[d]["level"] == "national" and n >= 150}
    assert len(provinces) >= 4  # four or more other provincial reports with 150 units or more
    assert len(national) >= 4  # reports from four or more decades
