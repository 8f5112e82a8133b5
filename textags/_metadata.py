"""What a report says about itself: title, year, level of government and place.

Everything here is read from the report's text -- its title line, its
dateline (``——2024年3月5日在……人民代表大会……上``), the office of whoever
delivers it (``国务院总理``, ``区长``) and its ``我代表……人民政府`` -- never from
its file name.  What cannot be read stays ``unknown``.

- ``title``: the first line near the top that reads as a report's title.
- ``year``: the first year the title names; a "2024年工作总结及2025年工作计划"
  has ``year`` 2024 (the year it looks back on) and ``plan_year`` 2025.  A
  title without a year gives the dateline's year (a national report
  delivered on 2024年3月5日 has ``year`` 2024), or the year after it for a
  session in November or December (it meets for the coming year).
- ``review_year`` and ``plan_year``: the years the title or the part
  headings (``一、2024年工作回顾``, ``二、2025年重点任务``) give to the review
  and the plan.
- ``level``: from the name of the issuing body: 国务院 → national;
  省/自治区/直辖市 → province; 市/州/盟 → city; 区 → district; 县/旗 →
  county; 镇/乡 → town; 街道 → street.  A county-level city (县级市) is
  named like a city (新郑市) and is read as ``city``.
- ``place``: the issuing body's name as the report gives it.

A documents table (:func:`read_documents_table`) that the user gives wins
over what is read: see :func:`describe`.

Examples
--------
>>> from textags import segment
>>> doc = segment("2025年某某街道社代会报告 2025-03-10\\n一、2024年工作回顾\\n办好实事。\\n二、2025年工作安排\\n抓好就业。")
>>> m = read_metadata(doc)
>>> m["year"], m["level"], m["place"], m["review_year"], m["plan_year"]
('2025', 'street', '某某街道', '2024', '2025')
>>> read_metadata(segment("抓好就业。"))["level"]
'unknown'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ._title import _YEAR, HEAD_LINES, read_title  # noqa: F401  (HEAD_LINES: how far down it reads)
from ._title import head as head_lines

UNKNOWN = "unknown"

#: Levels of government, from the top.
LEVELS = ("national", "province", "city", "district", "county", "town", "street")

#: What :func:`read_metadata` returns, in this order.
FIELDS = ("title", "year", "review_year", "plan_year", "level", "place")

_DIGITS_YEAR = re.compile(_YEAR)
#: Where the issuing body's name ends in a title.
_BODY_END = re.compile(
    r"(?:人民政府|政府(?!信息)|(?<=街道)办事处|党工委|关于|第[一二三四五六七八九十百零〇\d]+届|工作|社代会|社区代表|国民经济|上半年|下半年|"
    r"年度|\d{4}\s*年|[（(])"
)
#: Administrative suffixes at the end of a body's name, most specific first.
_SUFFIXES = (
    (re.compile(r"(国务院|中央人民政府|全国|中华人民共和国)$"), "national"),
    (re.compile(r"(街道办事处|街道|办事处|(?<=[\u4e00-\u9fff]{2})街)$"), "street"),
    (re.compile(r"(镇|乡)$"), "town"),
    (re.compile(r"自治区$"), "province"),
    (re.compile(r"(县|旗)$"), "county"),
    (re.compile(r"区$"), "district"),
    (re.compile(r"^(北京|上海|天津|重庆)市?$"), "province"),
    (re.compile(r"(市|州|盟)$"), "city"),
    (re.compile(r"省$"), "province"),
)
#: Provinces and autonomous regions named without 省/自治区 (``2025年西藏政府工作报告``).
_BARE_PROVINCES = re.compile(
    r"^(河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|"
    r"台湾|内蒙古|广西|西藏|宁夏|新疆)$"
)
#: A dateline: ``——2024年1月22日在郑州市惠济区第四届人民代表大会`` (the place may be absent).
_DATELINE = re.compile(
    _YEAR
    + r"\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在\s*([^第\s，。]{0,30}?)\s*(?:第[一二三四五六七八九十百零〇\d]+届|人民代表|人大|"
    r"全国人民代表)"
)
#: The office of whoever delivers the report, by level (tried in this order).
_OFFICES = {
    "national": r"国务院总理|中央人民政府|代表国务院|全国人民代表大会",
    "province": r"省长|代表省人民政府|自治区(代理)?主席|代表自治区人民政府",
    "street": r"街道办事处主任|代表街道办事处|街道办事处向|[我全本]街道|街道党工委",
    "town": r"[镇乡]长|代表[镇乡]人民政府|[我全本][镇乡](?![村长])|[镇乡]党委",
    "district": r"区长|代表区人民政府",
    "county": r"县长|旗长|代表[县旗]人民政府",
    "city": r"市长|州长|盟长|代表[市州盟]人民政府",
}


def level_of_body(name: str) -> str | None:
    """The level of government of an issuing body, from its name.

    >>> [level_of_body(n) for n in ("安徽省", "西藏自治区", "上海市", "遵义市播州区", "新郑市", "围场满族蒙古族自治县")]
    ['province', 'province', 'province', 'district', 'city', 'county']
    >>> [level_of_body(n) for n in ("苏尼特左旗", "湖镇镇", "适中乡", "未央湖街道", "大龙街", "国务院", "某某")]
    ['county', 'town', 'town', 'street', 'street', 'national', None]
    """
    name = name.strip()
    for pat, level in _SUFFIXES:
        if pat.search(name):
            return level
    if _BARE_PROVINCES.match(name):
        return "province"
    return None


#: What may stand before a body's name in a line run together with page furniture.
_BEFORE_BODY = re.compile(r".*(?:公开|首页|目录|总结|计划|[>】\])）|｜\s])")


def body_of_title(title: str) -> str | None:
    """The issuing body's name in a title: what stands before the year or the kind of report.

    >>> body_of_title("2025年遵义市播州区政府工作报告"), body_of_title("未央湖街道2023年工作总结及2024年工作计划")
    ('遵义市播州区', '未央湖街道')
    >>> body_of_title("返回首页政府信息公开中大槐树街道2022年工作总结")
    '中大槐树街道'
    >>> body_of_title("2021年政府工作报告") is None
    True
    """
    rest = re.sub(r"^\s*" + _YEAR + r"(度)?", "", title).strip()
    rest = re.sub(r"^(关于印发|关于)", "", rest)
    year = _DIGITS_YEAR.search(rest)
    if year and year.start() > 0:
        body = rest[: year.start()]
    else:
        m = _BODY_END.search(rest)
        body = rest[: m.start()] if m else rest
    body = re.sub(r"(人民政府|政府|党工委)$", "", body.strip(' 《》“”"(（'))
    if len(body) > 12 or not level_of_body(body):
        body = _BEFORE_BODY.sub("", body)
    return body.strip() or None


def _years(text: str) -> list[str]:
    return [m.group(1) for m in _DIGITS_YEAR.finditer(text)]


def read_metadata(doc) -> dict[str, str]:
    """Title, years, level and place of a report, read from its text (see the module's notes).

    Parameters
    ----------
    doc : Document or str
        A segmented document, or a report's text.

    Returns
    -------
    dict
        The :data:`FIELDS`, each a string; ``unknown`` where nothing was read.
    """
    lines = head_lines(doc)
    out = {k: UNKNOWN for k in FIELDS}
    title = read_title(lines)
    head = "\n".join(lines)
    dateline = _DATELINE.search(head)
    if title:
        out["title"] = title
        years = _years(title)
        if years:
            out["year"] = years[0]
            if len(set(years)) > 1:
                out["review_year"], out["plan_year"] = years[0], years[-1]
            elif re.search(r"总结|回顾|执行情况", title) and not re.search(r"计划|要点|思路|安排", title):
                out["review_year"] = years[0]
            elif re.search(r"计划|要点|思路|安排", title) and not re.search(r"总结|回顾", title):
                out["plan_year"] = years[0]
    if out["year"] == UNKNOWN and dateline:
        # a session in November or December meets for the year after it (the year the report plans for)
        late = int(dateline.group(2)) >= 11
        out["year"] = str(int(dateline.group(1)) + 1) if late else dateline.group(1)
    bodies = [body_of_title(title)] if title else []
    if dateline:
        bodies.append(dateline.group(4))
    for body in bodies:
        level = level_of_body(body) if body else None
        if level:
            out["level"], out["place"] = level, body
            break
    if out["level"] == UNKNOWN:
        speaker = "\n".join(lines[:15])
        for level, pat in _OFFICES.items():
            if re.search(pat, speaker):
                out["level"] = level
                break
    if out["level"] == "national" and out["place"] == UNKNOWN:
        out["place"] = "全国"
    if not isinstance(doc, str):
        _years_of_parts(doc, out)
    return out


def _years_of_parts(doc, out: dict) -> None:
    """``review_year`` and ``plan_year`` from the part headings, where the title gave none."""
    from ._parts import part_marks

    for i, part in part_marks(doc).items():
        key = f"{part}_year"
        years = _years(doc.units[i].text)
        if years and out[key] == UNKNOWN:
            out[key] = years[0]


# --------------------------------------------------------------------------
# the user's documents table


def read_documents_table(path: str | os.PathLike) -> list[dict[str, str]]:
    """The rows of a documents table: a CSV with a ``file`` column and any others.

    ``file`` names a report as it is given on the command line, or by its
    file name, or by its name without the extension; the other columns
    (``title``, ``year``, ``level``, ``region`` ...) describe it.  An empty
    cell leaves what is read from the report.

    Raises
    ------
    TextagsError
        When the table cannot be read, has no ``file`` column, or names a
        file twice.
    """
    from ._doctable import read_rows

    return read_rows(path, ("file",), "has no file column; give a CSV with a header: file,title,year,level,region")


class DocumentsTable:
    """A user's documents table, looked up by a document's path or name.

    Parameters
    ----------
    path : path
        The CSV (see :func:`read_documents_table`).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)
        self.rows = read_documents_table(path)
        self.columns = tuple(dict.fromkeys(c for r in self.rows for c in r if c != "file"))
        base = Path(self.path).resolve().parent
        self._keys: dict[str, dict] = {}
        for row in self.rows:
            f = row["file"]
            for key in (str((base / f).resolve()), str(Path(f).resolve()), f, Path(f).name, Path(f).stem):
                self._keys.setdefault(key, row)

    def row_of(self, doc) -> dict[str, str] | None:
        """The row that names ``doc`` (by its path, file name or name), or None."""
        keys = []
        if getattr(doc, "path", None):
            p = Path(doc.path)
            keys += [str(p.resolve()), doc.path, p.name]
        keys.append(getattr(doc, "name", ""))
        for k in keys:
            if k in self._keys:
                return self._keys[k]
        return None


def as_table(documents) -> DocumentsTable | None:
    """A :class:`DocumentsTable` from a path (or one already read, or None)."""
    if documents is None or isinstance(documents, DocumentsTable):
        return documents
    return DocumentsTable(documents)


def describe(doc, documents=None) -> dict[str, str]:
    """Everything known about a document: read from its text, then its ``meta``, then the user's table.

    Parameters
    ----------
    doc : Document
    documents : path or DocumentsTable, optional
        The user's documents table; its non-empty cells win.

    Returns
    -------
    dict
        :data:`FIELDS` (``unknown`` where nothing is known), ``region``
        (the table's, else ``place``) and every other column of the table.

    Examples
    --------
    >>> from textags import segment
    >>> d = describe(segment("2024年石门二路街道政府工作报告\\n各位代表：\\n全年预计完成区级税收5.60亿元。"))
    >>> d["title"], d["year"], d["level"], d["place"], d["plan_year"]
    ('2024年石门二路街道政府工作报告', '2024', 'street', '石门二路街道', 'unknown')
    """
    out = read_metadata(doc)
    for k, v in dict(getattr(doc, "meta", {}) or {}).items():
        if isinstance(v, (str, int)) and str(v).strip():
            out[str(k)] = str(v)
    table = as_table(documents)
    row = table.row_of(doc) if table is not None else None
    if table is not None:
        for c in table.columns:
            out.setdefault(c, UNKNOWN)
    if row:
        out.update({k: v for k, v in row.items() if k != "file" and v})
    out.setdefault("region", out["place"])
    return out


def sort_key(by: str, value: str):
    """Order of groups: years (and other numbers) ascending, levels from national down, ``unknown`` last.

    >>> sorted(["2021", "unknown", "2019", "2020"], key=lambda v: sort_key("year", v))
    ['2019', '2020', '2021', 'unknown']
    >>> sorted(["street", "national", "city"], key=lambda v: sort_key("level", v))
    ['national', 'city', 'street']
    """
    if value == UNKNOWN or value == "":
        return (2, 0, "")
    if by == "level" and value in LEVELS:
        return (0, LEVELS.index(value), value)
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0, value)
