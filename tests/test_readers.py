"""Reading text files in the encodings users' files come in."""

from __future__ import annotations

import codecs

import pytest

import textags
from textags._readers import decode

SAMPLE = "一年来，我们主要做了以下工作。全年完成区级税收5.60亿元，同比增长13.18%。"
SHORT = "抓经济促发展"  # short GBK text that a detector alone misreads


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "utf16be-no-bom"],
)
def test_encodings_are_read(data):
    assert decode(data) == SAMPLE


def test_utf16_without_a_mark_is_read_in_the_byte_order_that_reads_as_chinese():
    # 一 is U+4E00: in big-endian its zero byte falls where little-endian ASCII has them,
    # and the little-endian reading decodes cleanly to nonsense
    text = "第一，一心一意，一以贯之，一张图到底，一年接着一年干。"
    data = text.encode("utf-16-be")
    assert data.decode("utf-16-le") != text  # the wrong order decodes too
    assert decode(data) == text


def test_utf16_without_a_mark_that_reads_as_chinese_in_neither_order_is_refused(run_cli, tmp_path):
    f = tmp_path / "notes.txt"
    f.write_bytes("Minutes of the meeting, 2025: items 1 to 12 agreed.\n".encode("utf-16-le"))
    code, _, err = run_cli("segment", f)
    assert code == 2
    assert err.strip() == (
        f"textags: {f}: looks like UTF-16 without a byte-order mark but reads as Chinese in neither byte order; "
        "re-save it as UTF-8"
    )


def test_an_undecodable_file_names_the_offset_of_its_first_bad_byte(run_cli, tmp_path):
    f = tmp_path / "odd.txt"
    f.write_bytes("全年完成区级税收".encode() + b"\xff\xfe\x80\x81" * 20)
    code, _, err = run_cli("segment", f)
    assert code == 2 and "not UTF-8 from byte offset 24: ff fe 80 81" in err


def test_big5_is_read():
    text = "一年來，我們主要做了以下工作。全年完成區級稅收，同比增長。"
    assert decode(text.encode("big5")) == text


def test_short_gbk_text_is_read_as_gbk():
    assert decode(SHORT.encode("gbk")) == SHORT


def test_crlf_and_cr_line_ends(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("一、抓经济\r\n税收增长。\r二、抓民生\r\n".encode("gb18030"))
    assert [u.text for u in textags.load(p).units] == ["一、抓经济", "税收增长。", "二、抓民生"]


def test_chinese_score_counts_the_common_han_characters_of_any_text():
    from conftest import STREET, corpus_files

    from textags._readers import COMMON_CHARS, chinese_score

    def by_hand(text):
        han = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
        return sum(ch in COMMON_CHARS for ch in han) / len(han) if han else 0.0

    reports = [p.read_text(encoding="utf-8") for p in [*STREET, *corpus_files("national")[-3:]]]
    # right decodings, mojibake of both codecs, and text with no Han or a lone surrogate
    texts = [*reports, *(t.encode("utf-8").decode("gb18030", "replace") for t in reports), "", "GDP 5%", "\ud800的x"]
    scores = [chinese_score(t) for t in texts]
    assert scores == [by_hand(t) for t in texts]
    assert min(scores[: len(reports)]) > 0.5 > max(scores[len(reports) : 2 * len(reports)])


@pytest.mark.parametrize(
    "sample",
    [
        bytes(range(256)) * 40,  # every byte, past the 8 KiB sample
        b"\x1a\x1e\x0c\x0b\t\r\n" * 50 + SAMPLE.encode("gb18030"),
        b"\x00" * 400 + SAMPLE.encode("utf-8") * 20,  # just past or under the 5% line
        b"\x00" * 8 + SAMPLE.encode("utf-8") * 2,
        SAMPLE.encode("utf-16-le"),
        b"",
    ],
)
def test_binary_check_counts_control_bytes_as_one_by_one_does(sample):
    """The control bytes counted with ``bytes.translate`` are the ones a byte-by-byte count finds."""
    from textags._readers import _looks_binary

    head = sample[:8192]
    by_byte = sum(b < 9 or 13 < b < 32 for b in head)
    assert _looks_binary(sample) == (bool(head) and by_byte / len(head) > 0.05)
