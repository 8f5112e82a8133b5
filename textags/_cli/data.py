"""The ``textags data`` commands on labelled files: ``check``, ``stats``, ``relink``, ``consistency``, ``agreement``."""

from __future__ import annotations

import sys

from .._errors import TextagsError
from .args import EXIT_BAD_INPUT, EXIT_OK, Parser, add_codebook, codebook


def add_data(sub) -> None:
    p = sub.add_parser("data", help="check or count labelled data")
    dsub = p.add_subparsers(dest="data_command", metavar="ACTION", parser_class=Parser)
    q = dsub.add_parser("check", help="validate labelled files (file:line: problem)")
    q.add_argument("paths", nargs="*", metavar="PATH", help="labelled files or directories (default: data/labelled)")
    q.add_argument(
        "--documents", metavar="CSV", help="documents table to check unit texts against (default: data/documents.csv)"
    )
    add_codebook(q)
    q = dsub.add_parser("stats", help="counts per label, document and level")
    q.add_argument("paths", nargs="*", metavar="PATH")
    q.add_argument("--documents", metavar="CSV")
    add_codebook(q)
    q.add_argument("--format", choices=["table", "json"], default="table")
    q = dsub.add_parser(
        "relink", help="move labelled rows to the units that now carry their text (after a segmenter change)"
    )
    q.add_argument("paths", nargs="+", metavar="PATH", help="labelled CSV files or directories (rewritten in place)")
    q.add_argument("--documents", metavar="CSV", help="documents table (default: data/documents.csv)")
    q = dsub.add_parser(
        "consistency", help="groups of identical or near-identical units whose labels differ, worst first"
    )
    q.add_argument("paths", nargs="*", metavar="PATH", help="labelled files or directories (default: data/labelled)")
    q.add_argument(
        "--threshold",
        type=float,
        default=0.9,
        help="Jaccard similarity of character 3-grams of the folded texts for near-identical (default 0.9; 1 for "
        "identical only)",
    )
    q.add_argument("--unsettled", action="store_true", help="leave out groups whose every row carries a note")
    add_codebook(q)
    q.add_argument("--format", choices=["table", "tsv", "json"], default="table")
    q = dsub.add_parser("agreement", help="agreement and Cohen's kappa of a two-coder file")
    q.add_argument("file", metavar="FILE", help="CSV with columns first and second")
    add_codebook(q)
    q.add_argument("--format", choices=["table", "json"], default="table")


def _check(a) -> int:
    from .._data_files import data_check

    problems, n_files = data_check(a.paths, a.documents, codebook(a))
    for p in problems:
        sys.stderr.write(f"{p}\n")
    if problems:
        sys.stderr.write(f"textags: {len(problems)} problem(s) in {n_files} file(s)\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(f"ok: {n_files} file(s), no problems\n")
    return EXIT_OK


def _stats(a) -> int:
    from .._data_files import data_stats
    from .._formatting import write_stats

    write_stats(data_stats(a.paths, a.documents, codebook(a)), sys.stdout, a.format)
    return EXIT_OK


def _relink(a) -> int:
    from .._data_files import data_relink
    from .._formatting import relink_lost_text

    for path, kept, lost in data_relink(a.paths, a.documents):
        sys.stdout.write(f"{path}: {kept} rows kept, {len(lost)} of them unlinked\n")
        for row in lost:
            sys.stderr.write(relink_lost_text(path, row))
    return EXIT_OK


def _consistency(a) -> int:
    from .._data_files import data_consistency
    from .._formatting import write_consistency

    records = data_consistency(a.paths, threshold=a.threshold, settled=not a.unsettled, codebook=codebook(a))
    write_consistency(records, sys.stdout, a.format)
    groups = len({r["group"] for r in records})
    open_groups = len({r["group"] for r in records if not r["settled"]})
    sys.stderr.write(f"textags: {groups} group(s) whose labels differ, {open_groups} not settled by notes\n")
    return EXIT_OK


def _agreement(a) -> int:
    from .._agreement import data_agreement
    from .._formatting import write_agreement

    write_agreement(data_agreement(a.file, codebook(a)), sys.stdout, a.format)
    return EXIT_OK


ACTIONS = {"check": _check, "stats": _stats, "relink": _relink, "consistency": _consistency, "agreement": _agreement}


def cmd_data(a) -> int:
    if a.data_command in ACTIONS:
        return ACTIONS[a.data_command](a)
    raise TextagsError("give an action: textags data check|stats|relink|consistency|agreement")


PARSERS = {"data": add_data}
COMMANDS = {"data": cmd_data}
