"""Reading files: a path in, the report's raw text out.

Text files (``.txt``, ``.md`` and anything not recognised as PDF or Word) are
decoded by trying, in order: a byte-order mark; strict UTF-8; strict GB18030
when the result reads as Chinese; then a detector (Big5, UTF-16 without a
mark, and charset-normalizer when it is installed), keeping the candidate that
reads most like Chinese.  ``.docx`` files are read with the standard
library; ``.pdf`` needs the extra ``pdf`` (pypdfium2).

Every failure is a :class:`~textags._errors.TextagsError` naming the file and
what to do.

Examples
--------
>>> decode("一年来，我们主要做了以下工作。".encode("gb18030"))
'一年来，我们主要做了以下工作。'
>>> decode("一年來，我們主要做了以下工作。".encode("big5"))
'一年來，我們主要做了以下工作。'
"""

from __future__ import annotations

import codecs
import functools
import os
from pathlib import Path

from ._errors import MissingExtraError, TextagsError

#: The most frequent Chinese characters (simplified and traditional forms);
#: text decoded with the right codec is full of them, mojibake is not.
COMMON_CHARS = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单"
    "风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土"
    "许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省"
    "列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置"
    "派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞們這個來為國時說對會發動過種後學經進現"
    "實體當點從業開還應給義問題們與關長頭資邊級圖統較將組見計運農強決被幹戰則據處隊導壓陣爭濟階術極聯認權"
    "收證改單風車務達積議報類離華確張馬話溫傳許廣記須際連斷難礦周備辦青歷劃標寫親屬圓廠識調滿縣鐵價嚴龍飛"
)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")


def chinese_score(text: str) -> float:
    """Share of the Han characters of ``text`` that are common ones (0 when none).

    >>> chinese_score("我们的国家") > 0.5
    True
    """
    import numpy as np

    points = np.frombuffer(text[:20000].encode("utf-32-le", "surrogatepass"), dtype="<u4")
    han = points[((points >= 0x4E00) & (points <= 0x9FFF)) | ((points >= 0x3400) & (points <= 0x4DBF))]
    if not han.size:
        return 0.0
    return int(np.isin(han, _common_points()).sum()) / int(han.size)


@functools.lru_cache(maxsize=1)
def _common_points():
    import numpy as np

    return np.fromiter(map(ord, COMMON_CHARS), dtype=np.uint32)


#: The control bytes a text file does not hold (0-8 and 14-31; tab, line ends and form feed are text).
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def _looks_binary(data: bytes) -> bool:
    r"""Whether more than 5% of the first 8 KiB of ``data`` are control bytes.

    The control bytes are counted in C, as the bytes ``translate`` deletes.

    >>> _looks_binary(b"\x00\x01\x02abc"), _looks_binary("正文\n\t".encode())
    (True, False)
    """
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def _utf16_guess(data: bytes) -> str | None:
    """The text of ``data`` as UTF-16 without a mark, when it has the zero bytes of one.

    Both byte orders are tried, and a decoding is kept only when it reads as
    Chinese (a wrong byte order also decodes, to nonsense Han characters).

    Raises
    ------
    ValueError
        When the zero bytes say UTF-16 text but neither byte order reads as Chinese.
    """
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if min(even, odd) > max(even, odd) // 4:
        return None  # zeros on both sides: not the pattern of UTF-16
    best, best_score = None, 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = chinese_score(text)
        if "\x00" not in text and score >= UTF16_MIN_SCORE and score > best_score:
            best, best_score = text, score
    if best is None and max(even, odd) >= len(sample) // 8:
        # a zero in every other byte or so: text in UTF-16, but not Chinese text
        raise ValueError("no byte order reads as Chinese")
    return best


#: How Chinese (:func:`chinese_score`) a UTF-16 decoding without a mark must read to be kept.
UTF16_MIN_SCORE = 0.35


def decode(data: bytes, path: str | None = None) -> str:
    """Decode the bytes of a text file.

    Raises
    ------
    TextagsError
        When the bytes are binary or no codec reads them as text.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise TextagsError(
                    f"starts with a {codec} byte-order mark but is not valid {codec} (at byte {exc.start}); "
                    "re-save it as UTF-8",
                    path,
                ) from None
    try:
        utf16 = _utf16_guess(data)
    except ValueError:
        raise TextagsError(
            "looks like UTF-16 without a byte-order mark but reads as Chinese in neither byte order; "
            "re-save it as UTF-8",
            path,
        ) from None
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise TextagsError("is a binary file, not text; give a .txt, .md, .docx or .pdf report", path)
    if b"\x00" in data:
        raise TextagsError("contains NUL bytes, so it is not plain text; re-save it as UTF-8 text", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    candidates: list[str] = []
    try:
        text = data.decode("gb18030")
        if chinese_score(text) >= 0.35:
            return text
        candidates.append(text)
    except UnicodeDecodeError:
        pass
    for codec in ("big5", "big5hkscs"):
        try:
            candidates.append(data.decode(codec))
        except UnicodeDecodeError:
            pass
    try:
        import charset_normalizer
    except ImportError:
        charset_normalizer = None
    if charset_normalizer is not None:
        best = charset_normalizer.from_bytes(data).best()
        if best is not None:
            candidates.append(str(best))
    if candidates:
        best_text = max(candidates, key=chinese_score)
        if chinese_score(best_text) >= 0.2:
            return best_text
    raise TextagsError(
        f"cannot tell its text encoding (not UTF-8 from byte offset {bad}: {data[bad : bad + 4].hex(' ')}); "
        "re-save it as UTF-8 (or GB18030)",
        path,
    )


def _read_bytes(path: str) -> bytes:
    from ._limits import read_bounded  # refuses devices, bounds the bytes read (textags._limits)

    return read_bounded(path)


def read_pdf(data: bytes, path: str | None = None) -> str:
    """Text of a PDF, paragraph by paragraph, page furniture marked (extra ``pdf``; see :mod:`textags._pdf`)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingExtraError("pdf", "pypdfium2", path) from None
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise TextagsError("is a password-protected PDF; remove the password and try again", path) from None
        raise TextagsError("is not a readable PDF (damaged or truncated); re-download or re-export it", path) from None
    from ._pdf import read_pdf_pages

    try:
        return read_pdf_pages(pdf, path)
    except pdfium.PdfiumError:
        raise TextagsError("is a damaged PDF; re-download or re-export it", path) from None
    finally:
        pdf.close()


def read_docx(data: bytes, path: str | None = None) -> str:
    """Text of a Word document: the whole body in order, one line per paragraph or table row.

    Read with the standard library (see :mod:`textags._docx`); parts that hold
    no readable text are named in a :class:`~textags._errors.ReadWarning`.
    """
    from ._docx import read_docx as _read

    return _read(data, path)


def read(path: str | os.PathLike) -> str:
    """Read a report file (or ``-`` for standard input) and return its raw text.

    Parameters
    ----------
    path : str or path-like
        A ``.txt``/``.md`` file in any common Chinese encoding, a ``.docx``
        or a ``.pdf``.

    Raises
    ------
    TextagsError
        Missing, unreadable, empty, binary or undecodable input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = p.write_text("各位代表：\\n坚持党管武装。", encoding="gb18030")
    >>> read(p)
    '各位代表：\\n坚持党管武装。'
    """
    path = os.fspath(path)
    data = _read_bytes(path)
    name = "<stdin>" if path == "-" else path
    if not data.strip():
        raise TextagsError("is empty; give a report with text in it", name)
    suffix = Path(path).suffix.lower()
    is_pdf = suffix == ".pdf" or data.startswith(b"%PDF-")
    if is_pdf:
        text = read_pdf(data, name)
    elif suffix == ".docx" or (data.startswith(b"PK\x03\x04") and suffix not in TEXT_SUFFIXES):
        text = read_docx(data, name)
    elif suffix in (".doc", ".wps", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".zip"):
        raise TextagsError(f"{suffix} files are not read; save the report as .docx, .pdf or .txt", name)
    else:
        text = decode(data, name)
    if not text.strip():
        if is_pdf:
            raise TextagsError("has no text layer (a scanned PDF needs OCR first); give a PDF with text", name)
        raise TextagsError("is empty; give a report with text in it", name)
    return text
