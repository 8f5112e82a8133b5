"""Metadata read from the reports' text, never their file names; a user's documents table wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, TESTDATA

import textags
from textags._metadata import DocumentsTable, describe, read_metadata

REPORTS = TESTDATA / "reports"  # openings of real reports, saved under names that say nothing (or mislead)


@pytest.mark.parametrize(
    "name, year, level, place",
    [
        ("report-a.txt", "2025", "street", "某某街道"),  # the street report
        ("xx_2025_district_gwr.txt", "2025", "district", "思明区"),  # 'gwr' in the name, a district's report
        ("report-b.txt", "2025", "province", "安徽省"),
        ("national.txt", "2024", "national", "全国"),  # year from the dateline ——2024年3月5日
        ("county.txt", "2024", "county", "牟定县"),  # no title: dateline and 县长
        ("town.txt", "2024", "town", "湖镇镇"),
    ],
)
def test_year_level_and_place_come_from_the_text(name, year, level, place):
    m = read_metadata(textags.load(REPORTS / name))
    assert (m["year"], m["level"], m["place"]) == (year, level, place)


def test_nothing_is_guessed_from_a_file_name(tmp_path):
    p = tmp_path / "gwr-2024-street-national.txt"
    p.write_text("抓好就业。\n办好民生实事。\n", encoding="utf-8")
    m = read_metadata(textags.load(p))
    assert m["year"] == m["level"] == m["title"] == "unknown"


def test_a_summary_and_plan_keeps_both_years():
    m = read_metadata(textags.segment("横岗街道2023年工作总结及2024年工作计划\n一、2023年工作总结\n招商稳商。"))
    assert (m["year"], m["review_year"], m["plan_year"], m["level"]) == ("2023", "2023", "2024", "street")


def test_a_december_session_meets_for_the_year_after():
    text = "政府工作报告\n——2021年12月11日在河西区第十八届人民代表大会第一次会议上\n各位代表：\n"
    assert read_metadata(textags.segment(text))["year"] == "2022"


def test_the_documents_table_wins_and_adds_columns(tmp_path):
    table = tmp_path / "meta.csv"
    table.write_text(
        "file,title,year,level,region,wave\nreport-a.txt,某某街道社代会报告,2024,,上海市,2\n", encoding="utf-8"
    )
    info = describe(textags.load(REPORTS / "report-a.txt"), table)
    assert info["year"] == "2024" and info["level"] == "street"  # an empty cell leaves what was read
    assert info["region"] == "上海市" and info["wave"] == "2" and info["title"] == "某某街道社代会报告"
    other = describe(textags.load(REPORTS / "town.txt"), DocumentsTable(table))
    assert other["wave"] == "unknown" and other["year"] == "2024"


def test_compare_by_year_and_level_reads_the_text_and_sorts(run_cli, small_model_dir):
    files = [REPORTS / n for n in ("report-a.txt", "national.txt", "xx_2025_district_gwr.txt", "county.txt")]
    code, out, err = run_cli("compare", *files, "--by", "year", "--model", small_model_dir, "--format", "json")
    assert code == 0, err
    assert list(dict.fromkeys(r["group"] for r in json.loads(out))) == ["2024", "2025"]
    code, out, err = run_cli("compare", *files, "--by", "level", "--model", small_model_dir, "--format", "json")
    assert list(dict.fromkeys(r["group"] for r in json.loads(out))) == ["national", "district", "county", "street"]


def test_a_documents_table_overrides_and_by_takes_any_column(run_cli, small_model_dir, tmp_path):
    table = tmp_path / "meta.csv"
    table.write_text(
        "file,year,level,wave\nreport-a.txt,2019,,late\nnational.txt,,,early\ncounty.txt,,,late\n", encoding="utf-8"
    )
    files = [REPORTS / n for n in ("report-a.txt", "national.txt", "county.txt")]
    args = ("--model", small_model_dir, "--format", "json", "--documents", table)
    code, out, err = run_cli("compare", *files, "--by", "year", *args)
    assert code == 0, err
    assert list(dict.fromkeys(r["group"] for r in json.loads(out))) == ["2019", "2024"]
    code, out, err = run_cli("compare", *files, "--by", "wave", *args)
    assert code == 0, err
    assert list(dict.fromkeys(r["group"] for r in json.loads(out))) == ["early", "late"]
    code, out, err = run_cli("summarize", REPORTS / "report-a.txt", *args)
    assert code == 0, err
    assert json.loads(out)[0]["meta"]["year"] == "2019"


def test_a_bad_documents_table_or_column_is_one_line(run_cli, small_model_dir, tmp_path):
    table = tmp_path / "meta.csv"
    table.write_text("name,year\na,2020\n", encoding="utf-8")
    code, out, err = run_cli("compare", REPORTS / "town.txt", "--documents", table, "--model", small_model_dir)
    assert code == 2 and "meta.csv" in err and "file column" in err and len(err.strip().splitlines()) == 1
    code, out, err = run_cli("compare", REPORTS / "town.txt", "--by", "colour", "--model", small_model_dir)
    assert code == 2 and "colour" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_the_reader_agrees_with_the_tables_kept_by_people():
    """Level and year read from the text against data/documents.csv and ../shared SOURCES.csv (see
    benchmarks/metadata_agreement.py for the figures); the values read wrong are the known misses."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from metadata_agreement import TABLES, agreement

    known = {
        # county-level cities are named like cities (市)
        ("p031-county-xinzheng-2024.txt", "level"),
        ("q014-county-liuyang-2023.txt", "level"),
        ("q100-county-langfang-bazhou-2022.txt", "level"),
        ("q112-county-qiannan-duyun-2021.txt", "level"),
        # the title names the year under review; the table the year the report was published
        ("q141-town-dayao-jinbi-2025.txt", "year"),
        ("q145-street-pudong-puxinglu-2025.txt", "year"),
    }
    for table, base in TABLES:
        if not table.is_file():
            continue
        n, counts, wrong = agreement(table, base)
        assert {(Path(f).name, field) for f, field, *_ in wrong} <= known
        assert counts["level"][0] / n >= 0.75
