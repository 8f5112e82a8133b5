"""Review and plan parts are found: a table of real reports with their part sizes, and excerpts."""

from __future__ import annotations

import csv

import pytest
from conftest import ROOT, STREET, TESTDATA

import textags
from textags._parts import part_marks, part_sizes, split_parts

TABLE = TESTDATA / "parts.csv"


def table_rows() -> list[dict]:
    with open(TABLE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_table_covers_every_provincial_report_of_2025_the_street_reports_and_the_beijing_pdf():
    rows = table_rows()
    provincial = [r for r in rows if r["group"] == "provincial-2025"]
    assert len(provincial) == 31 and all(r["found"] == "both" for r in provincial)
    assert {r["report"].split("/")[-1] for r in rows if r["group"] == "street"} == {p.name for p in STREET}
    assert [r["found"] for r in rows if r["group"] == "pdf"] == ["both"]
    assert sum(r["found"] == "both" for r in rows if r["group"] == "national") >= 30


@pytest.mark.slow
@pytest.mark.parametrize("row", table_rows(), ids=lambda r: r["report"].split("/")[-1])
def test_part_sizes_are_those_of_the_table(row):
    path = (ROOT / row["report"]).resolve()
    if not path.exists():
        pytest.skip(f"{row['report']} is not on this machine (../shared)")
    sizes = part_sizes(textags.load(path))
    assert sizes == {p: int(row[p]) for p in ("preamble", "review", "plan")}
    if row["found"] == "both":
        assert sizes["review"] > 0 and sizes["plan"] > 0


# excerpts of real reports: the parts the old reader missed

SICHUAN = (  # 2025年四川省政府工作报告: the parts are plain lines, not numbered headings
    "各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。\n2024年工作回顾\n"
    "过去一年，是实现“十四五”规划目标任务的关键一年。\n2025年工作安排建议\n"
    "今年是“十四五”规划收官之年，也是“十五五”蓄势之年。\n"
)
FUJIAN = (  # 2025年福建省政府工作报告: the headings are slogans; the first sentences tell the part
    "2025年福建省政府工作报告\n一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效\n"
    "2024年是中华人民共和国成立75周年，也是福建发展历程中具有特殊意义的一年。一年来，我们坚持以习近平新时代中国特色社会主义思想为指导。\n"
    "二、牢记历史使命，在中国式现代化建设中奋勇争先\n厚望如山，使命如磐。\n"
    "2025年是“十四五”规划收官、“十五五”规划谋划之年。今年经济社会发展的主要预期目标是：全省地区生产总值增长5.0%—5.5%。\n"
)
BEIJING_PDF = (
    "各位代表：\n一、2023 年工作回顾\n过去一年，全市经济回升向好。\n二、2024 年重点任务\n今年是新中国成立75周年。\n"
)


@pytest.mark.parametrize(
    "heading",
    ["二、2025年目标任务和主要工作", "二、2025年工作思路和重点任务", "二、关于2025年工作", "二、2025年目标任务"],
)
def test_plan_headings_of_hebei_hubei_hunan_and_ningxia_are_found(heading):
    doc = textags.segment(f"一、2024年工作回顾\n经济平稳增长。\n{heading}\n稳定就业。")
    assert part_sizes(doc) == {"preamble": 0, "review": 2, "plan": 2}


@pytest.mark.parametrize("text", [SICHUAN, FUJIAN, BEIJING_PDF], ids=["sichuan", "fujian", "beijing-pdf"])
def test_both_parts_are_found_in_the_reports_the_old_reader_missed(text):
    sizes = part_sizes(textags.segment(text))
    assert sizes["review"] > 0 and sizes["plan"] > 0


def test_a_table_of_contents_is_not_a_part():
    # p079 (夏县 2024): the page opens with the report's contents, then the report
    text = (
        "一、2023年工作回顾\n二、2024年工作安排\n（一）聚焦项目建设\n一、2023年工作回顾\n2023年，全县经济稳中有进。\n"
    )
    doc = textags.segment(text)
    parts = split_parts(doc)
    assert [u.text for u in parts["preamble"]][:2] == ["一、2023年工作回顾", "二、2024年工作安排"]
    assert parts["plan"] == [] and parts["review"][0].index == 3
    assert list(part_marks(doc).values()) == ["review"]


def test_since_this_year_opens_a_review_not_a_plan():
    # a half-year summary (闸弄口街道 2023): 今年以来 looks back
    doc = textags.segment("（一）稳中有进，创新驱动跑出经济发展加速度\n今年以来，街道经济稳中有进。\n")
    assert part_sizes(doc)["plan"] == 0
