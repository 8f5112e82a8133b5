"""Bad input: one line on stderr naming the file and what to do, exit 2, no traceback, no output left."""

from __future__ import annotations

import io
import os
import sys
import zipfile

import pytest
from conftest import DATA, STREET


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def files(tmp_path):
    f = {}
    f["empty"] = tmp_path / "empty.txt"
    f["empty"].write_bytes(b"")
    f["blank"] = tmp_path / "blank.txt"
    f["blank"].write_text(" \n\t\u3000\n", encoding="utf-8")
    f["binary"] = tmp_path / "image.txt"
    f["binary"].write_bytes(bytes(range(256)) * 40)
    f["undecodable"] = tmp_path / "odd.txt"
    f["undecodable"].write_bytes("报告".encode() + b"\x80\x81\xfe\x20" * 30)
    f["pdf"] = tmp_path / "cut.pdf"
    f["pdf"].write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type")
    f["docx"] = tmp_path / "broken.docx"
    f["docx"].write_bytes(b"PK\x03\x04 not really a zip")
    return f


CASES = [
    ("missing", "no such file; check the path"),
    ("dir", "is a directory; give the report files inside it"),
    ("empty", "is empty; give a report with text in it"),
    ("blank", "is empty; give a report with text in it"),
    ("binary", "is a binary file, not text"),
    ("undecodable", "cannot tell its text encoding (not UTF-8 from byte offset 6: 80 81 fe 20); re-save it as UTF-8"),
    ("pdf", "is not a readable PDF (damaged or truncated)"),
    ("docx", "is not a readable .docx file"),
]


@pytest.mark.parametrize("case,message", CASES, ids=[c for c, _ in CASES])
@pytest.mark.parametrize("command", ["segment", "tag", "summarize"])
def test_bad_files_give_one_line_and_exit_2(run_cli, files, tmp_path, case, message, command):
    path = {"missing": tmp_path / "nope.txt", "dir": tmp_path}.get(case) or files[case]
    out_path = tmp_path / "out.jsonl"
    code, out, err = run_cli(command, path, "-o", out_path)
    line = one_line(err)
    assert code == 2
    assert line.startswith(f"textags: {path}: ")
    assert message in line
    assert not out_path.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")]


def test_a_bad_file_after_good_ones_leaves_no_partial_output(run_cli, tmp_path):
    out_path = tmp_path / "all.jsonl"
    code, _, err = run_cli("segment", STREET[1], tmp_path / "missing.txt", "-o", out_path)
    assert code == 2 and "missing.txt: no such file" in err
    assert not out_path.exists()


def test_no_permission(run_cli, tmp_path, monkeypatch):
    f = tmp_path / "secret.txt"
    f.write_text("税收增长。", encoding="utf-8")
    f.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the read fail as it does for other users
        import builtins

        real = builtins.open

        def denied(file, *args, **kwargs):
            if os.fspath(file) == str(f):
                raise PermissionError(13, "Permission denied", str(f))
            return real(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", denied)
    code, _, err = run_cli("segment", f)
    assert code == 2 and one_line(err) == f"textags: {f}: permission denied; check the file's permissions"


def test_missing_extra_names_the_install_command(run_cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails as if not installed
    f = tmp_path / "report.pdf"
    f.write_bytes(b"%PDF-1.4 stub")
    code, _, err = run_cli("segment", f)
    assert code == 2
    assert one_line(err) == f'textags: {f}: reading this file needs pypdfium2: pip install "textags[pdf]"'


def test_a_broken_docx_needs_no_extra_to_be_refused(run_cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # python-docx absent: Word files are read without it
    f = tmp_path / "report.docx"
    f.write_bytes(b"PK\x03\x04stub")
    code, _, err = run_cli("segment", f)
    assert (
        code == 2
        and one_line(err) == f"textags: {f}: is not a readable .docx file (BadZipFile); open and re-save it in Word"
    )


def test_unknown_command_and_option_are_one_line(run_cli):
    code, _, err = run_cli("frobnicate")
    assert code == 2 and "invalid choice" in one_line(err)
    code, _, err = run_cli("segment", "--colour", "x.txt")
    assert code == 2 and "unrecognized arguments" in one_line(err)


def test_bad_model_path_is_one_line(run_cli, tmp_path):
    code, _, err = run_cli("tag", STREET[1], "--model", tmp_path / "nomodel")
    assert code == 2 and "no such model" in one_line(err)


@pytest.mark.parametrize("command", ["evaluate", "audit", "train"])
def test_a_missing_documents_table_is_one_line(run_cli, tmp_path, command):
    missing = tmp_path / "nope.csv"
    data = DATA / "labelled" / f"{STREET[1].stem}.csv"
    extra = ["-o", str(tmp_path / "m")] if command == "train" else []
    code, _, err = run_cli(command, data, "--documents", missing, *extra)
    assert code == 2
    assert one_line(err) == f"textags: {missing}: no such documents table; give a CSV with columns id and file"
    assert not (tmp_path / "m").exists()


def test_empty_sentence_for_explain(run_cli):
    code, _, err = run_cli("explain", "   ")
    assert code == 2 and "the sentence is empty" in one_line(err)


def test_docx_reads_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    import textags

    d = docx.Document()
    d.add_paragraph("一、抓经济")
    d.add_paragraph("全年完成区级税收5.60亿元。")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "指标"
    t.rows[0].cells[1].text = "5.60亿元"
    path = tmp_path / "r.docx"
    d.save(path)
    doc = textags.load(path)
    assert [(u.kind, u.text) for u in doc.units] == [
        ("heading", "一、抓经济"),
        ("body", "全年完成区级税收5.60亿元。"),
        ("table", "指标\t5.60亿元"),
    ]


def test_pdf_text_is_read(tmp_path):
    pytest.importorskip("pypdfium2")
    import textags

    path = tmp_path / "hello.pdf"
    path.write_bytes(make_pdf("Tax revenue rose by 13%; jobs were added."))
    assert [u.text for u in textags.load(path).units] == ["Tax revenue rose by 13%;", "jobs were added."]


def make_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica (ASCII only)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def test_zip_named_docx_without_word_parts_is_refused(run_cli, tmp_path):
    f = tmp_path / "fake.docx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("hello.txt", "hi")
    code, _, err = run_cli("segment", f)
    assert code == 2 and ".docx" in one_line(err)
