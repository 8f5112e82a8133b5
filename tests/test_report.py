"""The HTML report: escaping, highlighting, charts, set-aside units, writing, and a real render in Chromium."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import pytest
from conftest import STREET

import textags
from textags._codebook import DEFAULT_COLOURS as COLOURS
from textags._codebook import DOMAINS, LABELS
from textags._document import Document, Tag, Unit
from textags._errors import TextagsError
from textags._report import render_report, write_report

SUMMARY = next(p for p in STREET if p.name == "baoshan-youyilu-2021-work-summary.txt")
DISTRICT = next(p for p in STREET if p.name.startswith("baoshan-district"))

# (kind, label, text, section depth): a tiny report with hostile text and every kind of unit
PIECES = (
    ("heading", "other", "一、<b>抓经济</b> & “稳增长”", 0),
    ("body", "economy", '全年完成区级税收5.60亿元<script>alert("x")</script>。', 1),
    ("body", "livelihood", "新增就业岗位358个，职业指导1707次。", 1),
    ("footnote", None, "①“十个一”：开展一轮以科创为主题的“比学赶超”大讨论。", 1),
    ("heading", "party", "（二）抓党建 </h4><img src=x onerror=alert(1)>", 1),
    ("body", "party", "坚持党管武装，有效落实民兵整组任务。", 2),
    ("table", None, "项目\t完成值\t目标值", 2),
    ("furniture", None, "— 3 —", 2),
    ("body", "safety", "全年排查各类隐患6511条，整改率100%。", 2),
    ("body", "governance", "高标准建设街道城运中心。", 2),
)


def make_doc(pieces=PIECES, name='a<b>"report"&') -> Document:
    text, units, start = "", [], 0
    for i, (kind, label, piece, depth) in enumerate(pieces):
        tag = None
        if label is not None:
            probs = {lab: (0.8 if lab == label else 0.04) for lab in LABELS}
            tag = Tag(label, 0.8, probs, (("税收", 0.5), ("<i>增长</i>", 0.3), ("收", 0.25), ("0 亿元", 0.2)))
        section = tuple(f"h{k}" for k in range(depth))
        units.append(Unit(i, start, start + len(piece), piece, kind, section, tag))
        text += piece + "\n"
        start = len(text)
    return Document(text, tuple(units), name=name)


class Elements(HTMLParser):
    """Collects (tag, attributes) of every start tag, and the text."""

    def __init__(self, page: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def with_class(self, name: str) -> list[tuple[str, dict]]:
        return [(t, a) for t, a in self.elements if name in (a.get("class") or "").split()]


def highlighted(page: str) -> list[tuple[str, dict]]:
    return Elements(page).with_class("u")


# --- render_report ----------------------------------------------------------


def test_all_text_is_escaped():
    page = render_report([make_doc()])
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>抓经济" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "a&lt;b&gt;&quot;report&quot;&amp;" in page  # the document's name
    assert "<script" not in page.lower()
    # the parser sees exactly the text that was put in: nothing lost, nothing turned into markup
    seen = "".join(Elements(page).text)
    for _, _, piece, _ in PIECES:
        assert piece in seen


def test_one_highlighted_element_per_coded_unit_with_label_confidence_and_terms():
    doc = make_doc()
    els = highlighted(render_report([doc]))
    coded = doc.coded_units
    assert len(els) == len(coded) == 7
    for (tag, attrs), u in zip(els, coded):
        assert attrs["class"] == f"u u-{u.tag.label}"
        assert attrs["data-label"] == u.tag.label
        assert attrs["data-index"] == str(u.index)
        assert attrs["tabindex"] == "0"  # focusable, so the tooltip shows on keyboard focus too
        assert attrs["title"].startswith(f"{u.tag.label} ") and "confidence 0.800" in attrs["title"]
        # only whole words of the unit's text: no lone character, no number placeholder, no markup
        assert ("terms: 税收 +0.50" in attrs["title"]) == ("税收" in u.text)
        assert not any(x in attrs["title"] for x in ("收 +0.25", "0 亿元", "<i>"))
        assert tag == ("span" if u.kind == "body" else f"h{3 + len(u.section)}")


def test_headings_are_headings():
    els = highlighted(render_report([make_doc()]))
    assert [t for t, _ in els if t.startswith("h")] == ["h3", "h4"]


def test_set_aside_units_are_shown_greyed_not_highlighted():
    page = render_report([make_doc()])
    els = Elements(page).with_class("setaside")
    assert [a["data-kind"] for _, a in els] == ["footnote", "table", "page furniture"]
    assert [a["class"].split()[1] for _, a in els] == ["setaside-footnote", "setaside-table", "setaside-furniture"]
    assert all("u" not in a["class"].split() for _, a in els)
    assert ".setaside{color:" in page  # greyed by the stylesheet


def test_legend_names_every_label_in_its_colour():
    page = render_report([make_doc()])
    legend = page[page.index('id="legend"') : page.index("</ul>", page.index('id="legend"'))]
    for lab in LABELS:
        assert f"sw-{lab}" in legend and lab in legend
        assert COLOURS[lab] in page
    assert "set aside" in legend
    assert len(set(COLOURS.values())) == len(LABELS)


def test_emphasis_chart_is_inline_svg_with_intervals():
    doc = make_doc()
    page = render_report([doc])
    start = page.index('<svg class="chart chart-emphasis"')
    svg = page[start : page.index("</svg>", start)]
    for d in DOMAINS:
        assert f'fill="{COLOURS[d]}"' in svg
    assert svg.count("<rect") == len(DOMAINS)
    assert "95% interval" in svg
    assert '<table class="emphasis">' in page


def test_the_page_is_self_contained():
    page = render_report([make_doc(), make_doc(name="second")])
    els = Elements(page).elements
    assert not {t for t, _ in els} & {"script", "link", "img", "iframe", "object", "embed", "audio", "video"}
    assert all("src" not in a for _, a in els)
    assert all(a["href"].startswith("#") for _, a in els if "href" in a)
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style and "@import" not in style
    assert {a["xmlns"] for _, a in els if "xmlns" in a} == {"http://www.w3.org/2000/svg"}


def test_several_documents_get_a_comparison_chart_and_table():
    page = render_report([make_doc(name="one"), make_doc(name="two")])
    assert page.count('<svg class="chart chart-compare"') == 1
    assert '<table class="compare">' in page
    assert page.count('<article class="doc"') == 2
    assert 'href="#doc-2"' in page


def test_one_document_has_no_comparison():
    page = render_report([make_doc()])
    assert "chart-compare" not in page


def test_parts_and_their_shift():
    review_plan = (
        ("heading", "other", "一、2024年工作回顾", 0),
        ("body", "economy", "税收增长。", 1),
        ("body", "economy", "招商引资。", 1),
        ("heading", "other", "二、2025年主要任务", 0),
        ("body", "livelihood", "扩大就业。", 1),
        ("body", "economy", "稳定增长。", 1),
    )
    doc = make_doc(review_plan, name="parts")
    page = render_report([doc])
    assert "part-review" in page and "part-plan" in page and '<table class="shift">' in page
    assert "-50.0 pp" in page and "+50.0 pp" in page  # economy 100% -> 50%, livelihood 0% -> 50%
    # a report without a plan part shows parts only when asked
    assert 'class="parts-section"' not in render_report([make_doc()])
    assert 'class="parts-section"' in render_report([make_doc()], by="part")


def test_untagged_documents_and_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="not tagged; tag it first"):
        render_report([textags.segment("坚持党管武装。", name="raw")])
    with pytest.raises(ValueError, match="by must be document or part"):
        render_report([make_doc()], by="year")
    with pytest.raises(ValueError, match="no documents"):
        render_report([])


# --- write_report -----------------------------------------------------------


def test_write_report_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(TextagsError, match="already exists; pass --force"):
        write_report([make_doc()], out)
    assert out.read_text(encoding="utf-8") == "keep me"
    assert write_report([make_doc()], out, force=True) == out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary file left


def test_write_report_refuses_a_missing_directory(tmp_path):
    with pytest.raises(TextagsError, match="does not exist"):
        write_report([make_doc()], tmp_path / "nowhere" / "report.html")


def test_cli_report(run_cli, tmp_path):
    out = tmp_path / "r.html"
    code, _, err = run_cli("report", SUMMARY, "-o", out)
    assert code == 0 and f"wrote {out}" in err
    assert len(highlighted(out.read_text(encoding="utf-8"))) == len(textags.load(SUMMARY).coded_units)
    code, _, err = run_cli("report", SUMMARY, "-o", out)
    assert code == 2 and "already exists; pass --force" in err
    code, _, _ = run_cli("report", SUMMARY, "-o", out, "--force", "--by", "part")
    assert code == 0 and 'class="parts-section"' in out.read_text(encoding="utf-8")


def test_the_report_of_the_four_street_reports_is_small_and_complete(tmp_path):
    out = write_report(STREET, tmp_path / "street.html")
    page = out.read_text(encoding="utf-8")
    assert out.stat().st_size < 2_000_000
    docs = [textags.load(p) for p in STREET]
    assert len(highlighted(page)) == sum(len(d.coded_units) for d in docs)
    setaside = sum(1 for d in docs for u in d.units if not u.coded)
    assert len(Elements(page).with_class("setaside")) == setaside
    assert page.count('<article class="doc"') == 4 and "chart-compare" in page
    assert page.count('class="parts-section"') == 1  # only the district report has review and plan parts


# --- a real render in headless Chromium ---------------------------------------

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


def chromium() -> str:
    for name in (os.environ.get("CHROMIUM"), *CHROMIUM_NAMES):
        found = name and shutil.which(name)
        if found:
            return found
    pytest.fail(
        "Chromium is needed to render the HTML report and is not installed: "
        "apt-get install chromium fonts-noto-cjk (Debian/Ubuntu), or set CHROMIUM to the browser's path"
    )


def run_chromium(tmp_path, name: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{name}"
    cmd = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(cmd, capture_output=True, timeout=180, cwd=tmp_path)
    if done.returncode != 0:
        pytest.fail(f"chromium failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    return done


def png_image(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the (still filtered) pixel rows of a PNG, from its IHDR and IDAT chunks."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert width is not None, "no IHDR chunk"
    return width, height, zlib.decompress(idat)


@pytest.mark.slow
def test_the_report_renders_in_headless_chromium(tmp_path):
    browser = chromium()  # fails, not skips, when missing
    doc = textags.tag(SUMMARY)
    page = tmp_path / "summary.html"
    write_report([doc], page)
    url = page.resolve().as_uri()

    # the DOM after rendering: one highlighted element per coded unit, the legend, the chart
    dom = run_chromium(tmp_path, "dom", "--dump-dom", url).stdout.decode("utf-8")
    els = Elements(dom)
    units = els.with_class("u")
    assert len(units) == len(doc.coded_units) == 55
    assert [a["data-label"] for _, a in units] == [u.tag.label for u in doc.coded_units]
    assert all(a.get("tabindex") == "0" and a.get("title") for _, a in units)
    assert any(a.get("id") == "legend" for _, a in els.elements)
    assert len(els.with_class("chart-emphasis")) == 1
    assert len(els.with_class("setaside")) == sum(1 for u in doc.units if not u.coded)
    assert "2021年友谊路街道工作总结" in "".join(els.text)

    # a screenshot: a PNG of the window's size that is not blank
    shot = tmp_path / "shot.png"
    run_chromium(tmp_path, "shot", f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert shot.is_file(), f"{browser} wrote no screenshot"
    data = shot.read_bytes()
    width, height, raw = png_image(data)
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a blank page of this size compresses to a few kilobytes
    assert len(set(raw)) > 64 and raw.count(255) < 0.95 * len(raw)
    # the highlight colours are painted (needs Pillow, which matplotlib of the test extra brings)
    from PIL import Image

    with Image.open(shot) as im:
        colours = {rgb for _, rgb in im.convert("RGB").getcolors(maxcolors=1 << 20)}
    for lab in ("economy", "party"):
        rgb = tuple(int(COLOURS[lab][i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, f"the {lab} colour is not on the screenshot"


def test_a_units_tooltip_names_the_rule_or_the_neighbours_that_decided_it():
    probs = {lab: (1.0 if lab == "other" else 0.0) for lab in LABELS}
    pieces = (("body", "other", "（由林必德副主任牵头实施）", 0), ("body", "economy", "税收增长。", 0))
    doc = make_doc(pieces, name="plan")
    note = Tag("other", 1.0, probs, (), "other", "responsibility-note")
    mixed = Tag("economy", 0.6, probs, (("税收", 0.5),), "governance")
    doc = doc.with_tags({0: note, 1: mixed})
    titles = [a["title"] for t, a in Elements(render_report([doc])).elements if t == "span" and "title" in a]
    assert any("codebook rule: responsibility-note" in t for t in titles)
    assert any("on its own: governance (its neighbours decided)" in t for t in titles)
