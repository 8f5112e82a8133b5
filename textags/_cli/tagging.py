"""The ``textags`` commands that read reports unit by unit: ``segment``, ``tag`` and ``explain``."""

from __future__ import annotations

from .args import EXIT_OK, add_jobs, add_model, add_no_rules, add_output, count, newline, switches, width


def add_segment(sub) -> None:
    p = sub.add_parser("segment", help="split reports into units (sentences, headings, set-aside pieces)")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="report files (.txt .md .docx .pdf); - reads standard input"
    )
    add_output(p, ["jsonl", "tsv", "text"], "jsonl")


def add_tag(sub) -> None:
    p = sub.add_parser("tag", help="tag every unit of reports with a policy domain")
    p.add_argument("files", nargs="+", metavar="FILE", help="report files; - reads standard input")
    p.add_argument("--lines", action="store_true", help="each non-empty input line is one unit (no segmentation)")
    p.add_argument("--all", action="store_true", help="also list footnotes, tables and furniture (untagged)")
    p.add_argument(
        "--terms", type=count(0), default=5, metavar="K", help="top weighted terms per unit (default 5; 0 for none)"
    )
    add_jobs(p)
    p.add_argument(
        "--no-neighbours",
        action="store_true",
        help="score every unit on its own text (default: mixed with its neighbours' scores; --lines lines are always on their own)",
    )
    add_no_rules(p)
    add_model(p)
    add_output(p, ["table", "jsonl", "csv"], "table")


def add_explain(sub) -> None:
    p = sub.add_parser("explain", help="label, probabilities and top weighted terms of one sentence")
    p.add_argument("sentence", help="the sentence (quote it)")
    p.add_argument("--context", default="", help="the heading it sits under, if known")
    p.add_argument("--terms", type=count(0), default=10, metavar="K")
    add_model(p)
    add_output(p, ["table", "json"], "table")


def cmd_segment(a) -> int:
    from .._formatting import write_segments
    from .._names import load_all
    from .._output import open_output

    with open_output(a.output, a.force) as out:
        write_segments(load_all(a.files), out, a.format)
    return EXIT_OK


def cmd_tag(a) -> int:
    from .._api import tagged_text
    from .._output import open_output

    pieces = tagged_text(
        a.files, a.model, format=a.format, lines=a.lines, width=width(a), set_aside=a.all, terms=a.terms, **switches(a)
    )
    with open_output(a.output, a.force, newline=newline(a)) as out:
        for text in pieces:
            out.write(text)
    return EXIT_OK


def cmd_explain(a) -> int:
    from .._api import explain
    from .._formatting import write_explanation
    from .._output import open_output

    record = explain(a.sentence, a.model, context=a.context, terms=a.terms)
    with open_output(a.output, a.force) as out:
        write_explanation(record, out, a.format, width(a) if a.format == "table" else 100)
    return EXIT_OK


PARSERS = {"segment": add_segment, "tag": add_tag, "explain": add_explain}
COMMANDS = {"segment": cmd_segment, "tag": cmd_tag, "explain": cmd_explain}
