"""The ``textags`` commands about a report's emphasis: ``summarize``, ``compare`` and ``report``."""

from __future__ import annotations

import sys

from .args import (
    EXIT_OK,
    add_documents_table,
    add_files_to_file,
    add_jobs,
    add_measure,
    add_model,
    add_output,
    newline,
    width,
)

_BASELINE = "shifts from this group (e.g. 2021; with --by part: review or plan) instead of the group before"


def _add_emphasis_options(p) -> None:
    """The options summarize and compare share, after their own: what to measure, the table, jobs, model, output."""
    add_measure(p)
    add_documents_table(p)
    add_jobs(p)
    add_model(p)
    add_output(p, ["table", "json", "csv"], "table")


def add_summarize(sub) -> None:
    p = sub.add_parser("summarize", help="per document: the share of each domain with its 95%% interval")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--by", choices=["document", "part"], default="document", help="whole documents or review/plan parts"
    )
    _add_emphasis_options(p)


def add_compare(sub) -> None:
    p = sub.add_parser(
        "compare", help="compare emphasis across documents, report parts, years, levels or any column of --documents"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--by",
        default="document",
        metavar="BY",
        help="document, part, or what to pool documents by: year, level, place, title, review_year, plan_year, "
        "region, or any column of --documents (default document)",
    )
    p.add_argument("--baseline", metavar="GROUP", help=_BASELINE)
    _add_emphasis_options(p)


def add_report(sub) -> None:
    p = sub.add_parser("report", help="write a self-contained HTML report of tagged documents")
    add_files_to_file(p, "HTML")
    p.add_argument("--by", choices=["document", "part"], default="document")
    p.add_argument("--force", action="store_true")
    add_documents_table(p)
    add_jobs(p)
    add_model(p)


def cmd_summarize(a) -> int:
    from .._api import summarize
    from .._formatting import write_summary
    from .._output import open_output

    results = summarize(a.files, a.model, by=a.by, documents=a.documents, jobs=a.jobs)
    with open_output(a.output, a.force, newline=newline(a)) as out:
        write_summary(results, out, a.format, a.measure, width(a))
    return EXIT_OK


def cmd_compare(a) -> int:
    from .._api import compare_files
    from .._formatting import write_comparison
    from .._output import open_output

    rows = compare_files(a.files, a.model, by=a.by, documents=a.documents, baseline=a.baseline, jobs=a.jobs)
    with open_output(a.output, a.force, newline=newline(a)) as out:
        write_comparison(rows, out, a.format, a.measure, width(a))
    return EXIT_OK


def cmd_report(a) -> int:
    from .._api import report_files

    path = report_files(a.files, a.output, a.model, force=a.force, by=a.by, documents=a.documents, jobs=a.jobs)
    sys.stderr.write(f"textags: wrote {path}\n")
    return EXIT_OK


PARSERS = {"summarize": add_summarize, "compare": add_compare, "report": add_report}
COMMANDS = {"summarize": cmd_summarize, "compare": cmd_compare, "report": cmd_report}
