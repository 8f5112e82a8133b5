"""Tagging report files, one at a time or ``jobs`` at a time in worker processes, always in file order.

The work functions here (``_tag_one``, ``_tag_one_text``, ``_tag_one_table``,
``_tag_doc``) run in a worker on one (path, id) source and return what is
sent back; :func:`textags._workers.each_file` hands them out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ._errors import TextagsError
from ._inputs import load, read_lines
from ._workers import as_model, each_file

#: The columns of ``textags tag --format csv``; ``--lines`` leaves out section and alone.
TAG_COLUMNS = ("doc", "index", "kind", "section", "text", "label", "confidence", "probs", "terms", "alone", "rule")
LINE_COLUMNS = tuple(c for c in TAG_COLUMNS if c not in ("section", "alone"))


def _tagged(source: tuple, model, terms: int, neighbours: bool = True, rules: bool = True):
    """Tag ``source``: (path, id), or (path, id, text) for a pipe the main process has read."""
    from ._segment import segment

    path, name, *text = source
    doc = segment(text[0], name=name, path=None if path == "-" else path) if text else load(path, name=name)
    return as_model(model).tag(doc, terms=terms, neighbours=neighbours, rules=rules)


def _tag_one(
    path: tuple[str, str], model_path, terms: int, coded_only: bool, neighbours: bool = True, rules: bool = True
) -> list[dict]:
    from ._records import unit_records

    return unit_records(_tagged(path, model_path, terms, neighbours, rules), coded_only=coded_only)


def _tag_one_text(path: tuple[str, str], model_path, terms, coded_only, neighbours, rules, format, columns) -> str:
    from ._output import records_text
    from ._records import unit_json_lines

    if format == "jsonl":
        return unit_json_lines(_tagged(path, model_path, terms, neighbours, rules), coded_only=coded_only)
    return records_text(_tag_one(path, model_path, terms, coded_only, neighbours, rules), format, columns)


def _tag_one_table(path: tuple[str, str], model_path, terms, neighbours, rules, width, set_aside) -> str:
    from ._table import tag_table

    # the set-aside units too, so the table can say where they were
    records = _tag_one(path, model_path, terms, False, neighbours, rules)
    return tag_table(records, width=width, show_set_aside=set_aside)


def tag_files(
    paths: Sequence[str],
    model=None,
    *,
    jobs: int | None = 1,
    terms: int = 5,
    coded_only: bool = True,
    neighbours: bool = True,
    rules: bool = True,
) -> Iterator[list[dict]]:
    """Tag files one by one (or ``jobs`` at a time, same order); yield each file's unit records.

    Each unit is read with its neighbours unless ``neighbours=False``
    (see :mod:`textags._neighbours`), and the model's codebook rules apply
    unless ``rules=False`` (see :mod:`textags._rules`).

    Records stream file by file, so memory stays flat however many files.
    """
    yield from each_file(_tag_one, paths, model, jobs, terms, coded_only, neighbours, rules)


def tag_files_text(
    paths: Sequence[str],
    model=None,
    *,
    format: str = "jsonl",
    columns: Sequence[str] | None = None,
    jobs: int | None = 1,
    terms: int = 5,
    coded_only: bool = True,
    neighbours: bool = True,
    rules: bool = True,
) -> Iterator[str]:
    """:func:`tag_files`, each file's records written out as text: JSON lines, or CSV rows without a header.

    With ``jobs`` > 1 the worker that tags a file also writes its text, so
    the records are never sent between processes; the text is the same as
    :func:`textags._output.records_text` of :func:`tag_files`' records, in
    the same order.  ``columns`` are the CSV columns (default: the first
    record's keys).
    """
    if format not in ("jsonl", "csv"):
        raise ValueError(f"format must be jsonl or csv, not {format!r}")
    yield from each_file(_tag_one_text, paths, model, jobs, terms, coded_only, neighbours, rules, format, columns)


def tag_lines(paths: Sequence[str], model=None, terms: int = 5, *, rules: bool = True) -> Iterator[list[dict]]:
    """Tag pre-split units: every non-empty line of each file is one unit, in order (each on its own;
    the model's codebook rules apply unless ``rules=False``)."""
    from ._names import document_names
    from ._records import line_records

    model = as_model(model)
    for p, name in zip(paths, document_names(paths)):
        lines = read_lines(p)
        if not lines:
            raise TextagsError("has no non-empty lines to tag", "<stdin>" if p == "-" else p)
        yield line_records(name, lines, model.tag_texts(lines, None, terms, rules=rules))


def tagged_text(
    paths: Sequence[str],
    model=None,
    *,
    format: str = "table",
    lines: bool = False,
    width: int = 100,
    set_aside: bool = False,
    jobs: int | None = 1,
    terms: int = 5,
    neighbours: bool = True,
    rules: bool = True,
) -> Iterator[str]:
    """What ``textags tag`` writes, a file at a time: a table, JSON lines, or CSV (a BOM and the header first).

    ``lines=True`` tags each non-empty line as one unit (:func:`tag_lines`);
    otherwise the files are segmented and tagged ``jobs`` at a time, each
    file's text written by the worker that tagged it.  The table is ``width``
    columns wide and lists the units set aside by cleaning with
    ``set_aside=True`` (JSON lines and CSV hold them then too).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "lines.txt"
    >>> _ = p.write_text("坚持党管武装。\\n\\n新增就业岗位358个。", encoding="utf-8")
    >>> text = "".join(tagged_text([p], format="csv", lines=True))
    >>> text.startswith("\\ufeffdoc,index,kind,text,label,"), text.count("\\r\\n")
    (True, 3)
    """
    from ._output import records_text

    if format not in ("table", "jsonl", "csv"):
        raise ValueError(f"format must be table, jsonl or csv, not {format!r}")
    columns = list(LINE_COLUMNS if lines else TAG_COLUMNS)
    header = format == "csv"
    if lines:
        from ._table import tag_table

        pieces = (
            tag_table(r, width=width) if format == "table" else records_text(r, format, columns)
            for r in tag_lines(paths, model, terms, rules=rules)
        )
    elif format == "table":
        pieces = each_file(_tag_one_table, paths, model, jobs, terms, neighbours, rules, width, set_aside)
    else:
        options = (terms, not set_aside, neighbours, rules, format, columns)
        pieces = each_file(_tag_one_text, paths, model, jobs, *options)
    for text in pieces:
        if header and text:
            yield _csv_header(columns)
            header = False
        yield text


def _csv_header(columns: Sequence[str]) -> str:
    import io

    from ._output import write_csv_header

    buf = io.StringIO(newline="")
    write_csv_header(buf, columns)
    return buf.getvalue()


def _tag_doc(source: tuple, model, terms: int):
    return _tagged(source, model, terms)


def tag_documents(reports: Sequence, model=None, *, terms: int = 0, jobs: int | None = 1) -> list:
    """Each report -- a file, or a Document (kept as it is when already tagged) -- tagged, in order.

    Files are read and tagged ``jobs`` at a time; each is named after its
    file, the names distinct within the run (:func:`textags._names.document_names`).
    """
    from ._document import Document

    model = as_model(model)
    files = [p for p in reports if not isinstance(p, Document)]
    tagged = each_file(_tag_doc, files, model, jobs, terms)
    out = []
    for p in reports:
        if isinstance(p, Document):
            out.append(p if p.tagged else model.tag(p, terms=terms))
        else:
            out.append(next(tagged))
    return out
