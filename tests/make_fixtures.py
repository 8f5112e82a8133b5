"""Regenerate the Word and PDF fixtures under tests/data/docx and tests/data/pdf.

    python tests/make_fixtures.py            # the Word files (standard library only)
    python tests/make_fixtures.py --pdf      # also the PDFs (needs LibreOffice: soffice)

The Word fixtures are written as raw WordprocessingML, each holding one of the
structures a Word reader must walk (content controls, smart tags, text boxes,
footnotes, tracked changes, list numbering, merged and nested tables); their
sentences are excerpts of the real reports.  The PDFs are made by LibreOffice
from Word files built here: a report with a running header and page numbers
(``running-header.docx`` → ``running-header.pdf``, the body of
``../shared/corpus/provincial-2025/shanxi.txt`` up to its second part), and a
three-page report whose middle page is an image with no text layer.
Tests never run this script; they read the committed files.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
DOCX = HERE / "data" / "docx"
PDF = HERE / "data" / "pdf"
SHARED = HERE.parent.parent / "shared" / "corpus"

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>"""


def t(text: str, bold: bool = False) -> str:
    """A run of text."""
    rpr = (
        '<w:rPr><w:b/><w:rFonts w:eastAsia="SimSun"/></w:rPr>'
        if bold
        else '<w:rPr><w:rFonts w:eastAsia="SimSun"/></w:rPr>'
    )
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def docx(body: str, *, footnotes: str = "", endnotes: str = "", numbering: str = "", sect: str = "") -> bytes:
    """A .docx package with ``body`` as the content of ``w:body``."""
    sep = (
        '<w:{k} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{k}>'
        '<w:{k} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{k}>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as plain:
        z = _Dated(plain)
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{body}{sect}</w:body></w:document>',
        )
        z.writestr("word/footnotes.xml", f"<w:footnotes {NS}>{sep.format(k='footnote')}{footnotes}</w:footnotes>")
        z.writestr("word/endnotes.xml", f"<w:endnotes {NS}>{sep.format(k='endnote')}{endnotes}</w:endnotes>")
        z.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        z.writestr("word/header1.xml", f"<w:hdr {NS}>{p(t('2025年山西省政府工作报告'))}</w:hdr>")
        footer = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
        centred = p(t("— "), footer, t(" —"), ppr='<w:jc w:val="center"/>')
        z.writestr("word/footer1.xml", f"<w:ftr {NS}>{centred}</w:ftr>")
    return out.getvalue()


class _Dated:
    """Writes zip entries with one fixed date, so that the fixtures come out the same byte for byte."""

    def __init__(self, z: zipfile.ZipFile):
        self.z = z

    def writestr(self, name: str, data: str) -> None:
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 20, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self.z.writestr(info, data)


def note(kind: str, nid: int, text: str) -> str:
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    return f'<w:{kind} w:id="{nid}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{ref}/></w:r>{t(" " + text)}</w:p></w:{kind}>'


def ref(kind: str, nid: int) -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{nid}"/></w:r>'


def textbox_vml(text: str) -> str:
    return f'<w:r><w:pict><v:shape style="width:200pt;height:40pt"><v:textbox><w:txbxContent>{p(t(text))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'


def textbox_drawingml(text: str) -> str:
    """A DrawingML text box with its VML fallback, as Word saves it: the text twice in the file."""
    inner = f"<w:txbxContent>{p(t(text))}</w:txbxContent>"
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2540000" cy="508000"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:spPr/><wps:txbx>{inner}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    fallback = f'<w:pict><v:shape style="width:200pt;height:40pt"><v:textbox>{inner}</v:textbox></v:shape></w:pict>'
    return f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>'


def numbering_xml() -> str:
    """One list: 一、 at level 0, （一） at level 1, 1. at level 2."""
    lvls = [
        ("chineseCounting", "%1、", "nothing"),
        ("chineseCounting", "（%2）", "nothing"),
        ("decimal", "%3.", "space"),
    ]
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, suff) in enumerate(lvls)
    )
    return f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'


def numbered(level: int, *runs: str) -> str:
    return p(*runs, ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>')


def cell(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def table(*rows: str) -> str:
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{"".join(rows)}</w:tbl>'


def row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


LONG = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，"
    "深入贯彻习近平总书记考察山西重要讲话重要指示精神，完整准确全面贯彻新发展理念，稳中求进、以进促稳，"
    "加快建设现代化产业体系，推动经济实现质的有效提升和量的合理增长。"
)


def word_fixtures() -> dict[str, bytes]:
    title = p(t("2025年山西省政府工作报告"))
    files = {}
    files["content-controls.docx"] = docx(
        title
        + f'<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>{p(t(LONG))}</w:sdtContent></w:sdt>'
        + p(
            t("全年新增城镇就业"),
            f"<w:sdt><w:sdtPr/><w:sdtContent>{t('47.6万人')}</w:sdtContent></w:sdt>",
            t("，城镇调查失业率控制在5.5%以内。"),
        )
    )
    files["smart-tags.docx"] = docx(
        title
        + p(
            t("粮食产量达到"),
            f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv">{t("296.6亿斤")}</w:smartTag>',
            t("，创历史新高。"),
        )
        + p(
            t("详见"),
            f'<w:hyperlink r:id="rId9">{t("省统计局公报")}</w:hyperlink>',
            t("，全省生产总值"),
            '<w:fldSimple w:instr=" DOCPROPERTY gdp "><w:r><w:t>2.56万亿元</w:t></w:r></w:fldSimple>',
            t("，增长"),
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF growth </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2.3%</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
            t("。"),
        )
    )
    files["text-boxes.docx"] = docx(
        title
        + p(
            t("民生保障持续加强。"),
            textbox_vml("文本框内的一句话：社区食堂覆盖率达到百分之九十。"),
            t("新建养老服务设施120个。"),
        )
        + p(t("城乡居民收入稳步增长。"), textbox_drawingml("图文框：农村居民人均可支配收入增长6.6%。"))
        + p(t("全年完成年度目标任务。"))
    )
    files["footnotes.docx"] = docx(
        title
        + p(t("启动推进科创“十个一”"), ref("footnote", 1), t("工作举措，地区创新浓度进一步浓厚。"))
        + p(t("深化“三个一”"), ref("endnote", 1), t("改革，营商环境持续优化。")),
        footnotes=note("footnote", 1, "“十个一”：开展一轮以科创为主题的大讨论；组织一次全域全员科创大调研。"),
        endnotes=note("endnote", 1, "“三个一”：一窗受理、一网通办、一次办成。"),
    )
    files["tracked-changes.docx"] = docx(
        title
        + p(
            t("年内加装电梯52台"),
            f'<w:ins w:id="1" w:author="审校" w:date="2025-01-10T00:00:00Z">{t("，完工13台")}</w:ins>',
            t("。"),
            '<w:del w:id="2" w:author="审校" w:date="2025-01-10T00:00:00Z"><w:r><w:delText>（数据待核）</w:delText></w:r></w:del>',
        )
    )
    files["numbering.docx"] = docx(
        title
        + numbered(0, t("2024年工作回顾"))
        + p(t("全省地区生产总值增长5.8%。"))
        + numbered(0, t("2025年工作安排"))
        + numbered(1, t("着力扩大有效需求"))
        + numbered(2, t("实施提振消费专项行动。"))
        + numbered(2, t("扩大有效投资。"))
        + numbered(1, t("加快建设现代化产业体系"))
        + p(t("推动传统产业转型升级。")),
        numbering=numbering_xml(),
    )
    files["tables.docx"] = docx(
        title
        + p(t("主要指标完成情况如下。"))
        + table(
            row(
                cell(p(t("指标")), '<w:vMerge w:val="restart"/>'),
                cell(p(t("2024年完成情况")), '<w:gridSpan w:val="2"/>'),
            ),
            row(cell(p(), "<w:vMerge/>"), cell(p(t("绝对值"))), cell(p(t("增速")))),
            row(
                cell(p(t("地区生产总值"))),
                cell(p(t("2.56万亿元")) + table(row(cell(p(t("其中一产"))), cell(p(t("1800亿元")))))),
                cell(p(t("2.3%"))),
            ),
        )
        + p(t("各项指标总体平稳。"))
    )
    files["bold-lead.docx"] = docx(
        title
        + p(t("实施提振消费专项行动。", bold=True), t("推动中低收入群体增收减负，提升居民消费能力。"))
        + p(t("一、2025年工作安排", bold=True))
        + p(t("全面扩大国内需求", bold=True), t("，持续释放内需潜力。"))
    )
    files["picture.docx"] = docx(
        title
        + p(t("全年完成造林绿化面积400万亩。"))
        + p(
            '<w:r><w:drawing><wp:inline><wp:extent cx="10" cy="10"/><wp:docPr id="2" name="图片 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
        )
    )
    return files


def main() -> None:
    from make_pdf_fixtures import (
        enumerator_wrap_docx,
        insert_image_page,
        layout_docx,
        running_header_docx,
        scanned_docx,
        to_pdf,
    )

    DOCX.mkdir(parents=True, exist_ok=True)
    for name, data in word_fixtures().items():
        (DOCX / name).write_bytes(data)
    (DOCX / "running-header.docx").write_bytes(running_header_docx())
    if "--pdf" in sys.argv:
        PDF.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            made = to_pdf(DOCX / "running-header.docx", Path(tmp))
            shutil.copy(made, PDF / "running-header.pdf")
            made_here = (("layout", layout_docx()), ("scanned-page", scanned_docx()))
            for name, data in (*made_here, ("enumerator-wrap", enumerator_wrap_docx())):
                (Path(tmp) / f"{name}.docx").write_bytes(data)
                shutil.copy(to_pdf(Path(tmp) / f"{name}.docx", Path(tmp)), PDF / f"{name}.pdf")
            insert_image_page(PDF / "scanned-page.pdf", 1)


if __name__ == "__main__":
    main()
