"""The PDF fixtures' Word originals, and making PDFs of them with LibreOffice.

Run through ``python tests/make_fixtures.py --pdf``; see there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from make_fixtures import SHARED, docx, p, t


def shanxi_paragraphs() -> list[str]:
    """The body of the Shanxi report up to its second part, one paragraph a line."""
    lines = [ln.strip() for ln in (SHARED / "provincial-2025" / "shanxi.txt").read_text("utf-8").splitlines()]
    lines = [ln for ln in lines[3:] if ln]
    end = next(i for i, ln in enumerate(lines) if ln.startswith("二、"))
    return lines[:end]


def running_header_docx() -> bytes:
    """The Shanxi excerpt with the report's title as running header and page numbers in the footer."""
    body = p(t("2025年山西省政府工作报告"), ppr='<w:jc w:val="center"/>')
    body += "".join(
        p(t(ln), ppr='<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>')
        for ln in shanxi_paragraphs()
    )
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/>'
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
    )
    return docx(body, sect=sect)


#: The page of the layout fixtures: A4, margins of a government report; 42 characters a line.
SECT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
    'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
)
INDENT = '<w:ind w:firstLine="420"/><w:jc w:val="both"/>'

#: Paragraphs whose lines wrap where the PDF reader must decide (each line 40 or 42 characters).
LAYOUT = [
    ("title", "2025年政府工作报告（摘编）"),
    ("spaced", "“山西精品”享誉海内外"),
    (
        "indent",
        "在全国制造业企业五百强排名中，广东省内的工业企业综合实力已经连续十多年稳居全国第"
        "一、行业第一的广东企业达到十二家，数量居全国首位。",
    ),
    (
        "indent",
        "先进制造业集群建设成效明显，全省集群数量连续三年在全国排名第二，综合实力全国排名"
        "第三，入选国家先进制造业集群的数量增加到八个。",
    ),
    ("indent", "（一）着力推动经济持续稳定恢复，全面落实一揽子增量政策和存量政策，争取政策性资金支持"),
    ("indent", "加强经济工作指导帮扶，逐月调度经济运行，常态化开展入企服务。"),
    ("indent", "（二）因地制宜发展新质生产力，加快构建体现山西特点优势的现代化产业体系建设新格局"),
    ("indent", "全力打造促进四链融合的创新驱动平台，六个设区市晋创谷挂牌运营。全省创新能力排名上升五位。"),
    ("plain", "名词解释"),
    (
        "plain",
        "1. 专精特新：指具有专业化、精细化、特色化、新颖化特征和较强创新能力的中小企业群体。"
        "国家级专精特新“小巨人”企业是其中的佼佼者。",
    ),
    ("plain", "2. 晋创谷：山西省打造的科技成果转化和创新创业平台。"),
]


def layout_docx() -> bytes:
    body = ""
    for kind, text in LAYOUT:
        if kind == "title":
            body += p(t(text), ppr='<w:jc w:val="center"/>')
        elif kind == "spaced":  # letters spaced out, as a justified title is
            body += p(
                f'<w:r><w:rPr><w:spacing w:val="240"/></w:rPr><w:t>{escape(text)}</w:t></w:r>',
                ppr='<w:jc w:val="center"/>',
            )
        elif kind == "indent":
            body += p(t(text), ppr=INDENT)
        else:
            body += p(t(text), ppr='<w:jc w:val="both"/>')
    return docx(body, sect=SECT)


#: A report whose second page is a scanned image: the sentence on either side of it is cut.
SCANNED = [
    "一年来，我们坚持稳中求进工作总基调，全省经济运行稳中有进。",
    "全年新增城镇就业四十七万人，",
    "城镇调查失业率控制在百分之五点五以内。",
]


def scanned_docx() -> bytes:
    breaks = '<w:r><w:br w:type="page"/></w:r>'
    body = p(t(SCANNED[0]), ppr=INDENT) + p(t(SCANNED[1]), breaks, ppr=INDENT) + p(t(SCANNED[2]), ppr=INDENT)
    return docx(body, sect=SECT)


#: A list whose item 十四 wraps after 十: the next line starts 四是, which alone would read as a heading
#: (each line of an indented paragraph's first line holds 40 characters, the rest 42).
ENUMERATOR_WRAP = [
    "文化惠民工程扎实推进，十三是开展群众文化活动，举办各类文艺演出和展览三千余场；十四是免费送戏下乡1万场。",
    "全年新增城镇就业四十七万人，城镇调查失业率控制在百分之五点五以内。",
]


def enumerator_wrap_docx() -> bytes:
    return docx("".join(p(t(text), ppr=INDENT) for text in ENUMERATOR_WRAP), sect=SECT)


def insert_image_page(pdf_path: Path, at: int) -> None:
    """Put a page holding only a picture (no text layer) before page ``at`` (0-based)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_path)
    width, height = pdf[0].get_size()
    page = pdf.new_page(width, height, index=at)
    bitmap = pdfium.PdfBitmap.new_native(60, 80, pdfium.raw.FPDFBitmap_BGR)
    bitmap.fill_rect((200, 200, 200, 255), 0, 0, 60, 80)
    bitmap.fill_rect((40, 40, 40, 255), 10, 10, 40, 4)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width - 100, height - 100).translate(50, 50))
    page.insert_obj(image)
    page.gen_content()
    out = pdf_path.with_suffix(".tmp.pdf")
    pdf.save(out)
    pdf.close()
    out.replace(pdf_path)


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed for --pdf: apt-get install libreoffice-writer")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
        check=True,
        capture_output=True,
    )
    return out_dir / (docx_path.stem + ".pdf")
