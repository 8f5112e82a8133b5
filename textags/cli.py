"""The ``textags`` command: argument parsing and printing only.

Every command calls one function of the Python API and writes what it
returns.  Bad input ends with one line on standard error naming the file
(and line) and what to do, exit status 2, and no traceback; an output file
is written atomically, so a failed run leaves none behind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

from .errors import TextagsError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        raise TextagsError(f"{message} (see '{self.prog} --help')")


def _count(low: int):
    """An argparse type: a whole number of at least ``low``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {value}")
        return value

    return parse


def _share(text: str) -> float:
    """An argparse type: a number between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def _add_output(p, formats, default, width: bool = True):
    p.add_argument("--format", choices=formats, default=default, help=f"output format (default {default})")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    if "table" in formats and width:
        p.add_argument(
            "--width",
            type=_count(20),
            metavar="N",
            help="table width in columns (default: the terminal's, or 100 when not printing to a terminal)",
        )


def _width(a) -> int:
    """The table width: --width, else the terminal's for standard output, else 100."""
    from .table import DEFAULT_WIDTH, terminal_width

    if a.width:
        return a.width
    return terminal_width() if a.output in (None, "-") else DEFAULT_WIDTH


def _add_model(p):
    p.add_argument("--model", metavar="PATH", help="model directory, or bundled for the shipped model (the default)")


def _add_measure(p):
    p.add_argument(
        "--measure",
        choices=["units", "chars", "probs"],
        default="units",
        help="shares of units, characters or probabilities in the table (default units; JSON and CSV hold all)",
    )


def _add_documents_table(p):
    p.add_argument(
        "--documents",
        metavar="CSV",
        help="your table of the reports (columns file,title,year,level,region and any others); "
        "it wins over what is read from the reports",
    )


def _add_documents(p):
    p.add_argument(
        "--documents",
        metavar="CSV",
        help="table (id,file under raw/ beside it) of the labelled documents' reports, read for neighbour "
        "context; without it a report is found through the file column that textags label writes, or as "
        "DOC.txt (.md .docx .pdf) beside the labelled file (the bundled reports are always known)",
    )


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog="textags",
        description="Tag the sentences of Chinese government work reports with a policy "
        "domain and summarise a report's emphasis.",
    )
    parser.add_argument("--version", action="version", version=f"textags {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("segment", help="split reports into units (sentences, headings, set-aside pieces)")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="report files (.txt .md .docx .pdf); - reads standard input"
    )
    _add_output(p, ["jsonl", "tsv", "text"], "jsonl")

    p = sub.add_parser("tag", help="tag every unit of reports with a policy domain")
    p.add_argument("files", nargs="+", metavar="FILE", help="report files; - reads standard input")
    p.add_argument("--lines", action="store_true", help="each non-empty input line is one unit (no segmentation)")
    p.add_argument("--all", action="store_true", help="also list footnotes, tables and furniture (untagged)")
    p.add_argument(
        "--terms", type=_count(0), default=5, metavar="K", help="top weighted terms per unit (default 5; 0 for none)"
    )
    p.add_argument("--jobs", type=_count(1), default=1, metavar="N", help="tag N files in parallel (same output order)")
    p.add_argument(
        "--no-neighbours",
        action="store_true",
        help="score every unit on its own text (default: mixed with its neighbours' scores; --lines lines are always on their own)",
    )
    _add_no_rules(p)
    _add_model(p)
    _add_output(p, ["table", "jsonl", "csv"], "table")

    p = sub.add_parser("summarize", help="per document: the share of each domain with its 95%% interval")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--by", choices=["document", "part"], default="document", help="whole documents or review/plan parts"
    )
    _add_measure(p)
    _add_documents_table(p)
    _add_model(p)
    _add_output(p, ["table", "json", "csv"], "table")

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
    p.add_argument(
        "--baseline",
        metavar="GROUP",
        help="shifts from this group (e.g. 2021; with --by part: review or plan) instead of the group before",
    )
    _add_measure(p)
    _add_documents_table(p)
    _add_model(p)
    _add_output(p, ["table", "json", "csv"], "table")

    p = sub.add_parser("explain", help="label, probabilities and top weighted terms of one sentence")
    p.add_argument("sentence", help="the sentence (quote it)")
    p.add_argument("--context", default="", help="the heading it sits under, if known")
    p.add_argument("--terms", type=_count(0), default=10, metavar="K")
    _add_model(p)
    _add_output(p, ["table", "json"], "table")

    p = sub.add_parser("info", help="print a model's card")
    _add_model(p)

    p = sub.add_parser("evaluate", help="leave-one-document-out scores, or given models on given data")
    p.add_argument(
        "data", nargs="*", metavar="DATA", help="labelled files or directories (default: the bundled corpus)"
    )
    p.add_argument(
        "--model",
        action="append",
        metavar="PATH",
        help="score this model (a directory, or bundled for the shipped one) on DATA; repeat to compare models",
    )
    p.add_argument("--jobs", type=_count(1), default=1, metavar="N")
    p.add_argument("--no-neighbours", action="store_true", help="score every unit on its own text")
    _add_no_rules(p)
    _add_documents(p)
    _add_output(p, ["table", "json"], "table", width=False)

    p = sub.add_parser("train", help="train a model on labelled files")
    p.add_argument("data", nargs="*", metavar="DATA", help="labelled .csv/.jsonl files or directories")
    p.add_argument("-o", "--output", required=True, metavar="MODEL_DIR", help="directory to write the model into")
    p.add_argument(
        "--base",
        choices=["bundled", "default", "shipped", "none"],
        default="bundled",
        help="add the bundled labelled corpus (default) or train on DATA alone",
    )
    p.add_argument(
        "--include-unreviewed",
        action="store_true",
        help="also train on rows of DATA whose reviewed column is not true (left out by default)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing model in MODEL_DIR")
    p.add_argument(
        "--no-eval",
        action="store_true",
        help="skip the leave-one-document-out evaluation (seconds instead of a minute or two with the bundled corpus)",
    )
    p.add_argument("--jobs", type=_count(1), default=1, metavar="N")
    p.add_argument(
        "--userdict",
        metavar="FILE",
        help="policy terms for jieba, one per line (kept in the model; cutting then uses jieba, not rjieba)",
    )
    p.add_argument(
        "--no-rules",
        action="store_true",
        help="a model without the codebook rules (for a codebook that codes responsibility notes otherwise)",
    )
    _add_documents(p)

    p = sub.add_parser("label", help="write a labelling sheet for new reports, most informative units first")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="SHEET", help="queue.csv or queue.jsonl")
    p.add_argument("--order", choices=["uncertainty", "document"], default="uncertainty")
    p.add_argument("--force", action="store_true")
    _add_model(p)

    p = sub.add_parser("audit", help="list likely label errors in labelled files, worst first")
    p.add_argument(
        "data", nargs="*", metavar="DATA", help="labelled files or directories (default: the bundled corpus)"
    )
    p.add_argument(
        "--threshold", type=_share, default=0.2, help="list rows whose label gets less probability (default 0.2)"
    )
    p.add_argument("--top", type=_count(1), default=50, metavar="N")
    p.add_argument(
        "--base",
        choices=["bundled", "default", "shipped", "none"],
        default="bundled",
        help="score DATA with models trained on the bundled corpus plus DATA's other files (default), "
        "or on DATA's other files alone",
    )
    p.add_argument("--jobs", type=_count(1), default=1, metavar="N")
    _add_no_rules(p)
    _add_documents(p)
    _add_output(p, ["table", "jsonl", "csv"], "table")

    p = sub.add_parser("report", help="write a self-contained HTML report of tagged documents")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="HTML")
    p.add_argument("--by", choices=["document", "part"], default="document")
    p.add_argument("--force", action="store_true")
    _add_documents_table(p)
    _add_model(p)

    p = sub.add_parser("data", help="check or count labelled data")
    dsub = p.add_subparsers(dest="data_command", metavar="ACTION", parser_class=_Parser)
    q = dsub.add_parser("check", help="validate labelled files (file:line: problem)")
    q.add_argument("paths", nargs="*", metavar="PATH", help="labelled files or directories (default: data/labelled)")
    q.add_argument(
        "--documents", metavar="CSV", help="documents table to check unit texts against (default: data/documents.csv)"
    )
    q = dsub.add_parser("stats", help="counts per label, document and level")
    q.add_argument("paths", nargs="*", metavar="PATH")
    q.add_argument("--documents", metavar="CSV")
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
    q.add_argument("--format", choices=["table", "tsv", "json"], default="table")
    q = dsub.add_parser("agreement", help="agreement and Cohen's kappa of a two-coder file")
    q.add_argument("file", metavar="FILE", help="CSV with columns first and second")
    q.add_argument("--format", choices=["table", "json"], default="table")
    return parser


# --------------------------------------------------------------------------
# commands


def _print(obj, fmt: str, out) -> None:
    from .output import write_table

    if fmt == "json":
        out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    elif isinstance(obj, list):
        write_table(obj, out)
    else:
        for k, v in obj.items():
            out.write(f"{k}: {v if not isinstance(v, (dict, list)) else json.dumps(v, ensure_ascii=False)}\n")


def cmd_segment(a) -> int:
    from .names import load_all
    from .output import open_output, write_jsonl, write_tsv
    from .records import unit_records

    with open_output(a.output, a.force) as out:
        for doc in load_all(a.files):
            recs = unit_records(doc)
            if a.format == "jsonl":
                write_jsonl(recs, out)
            elif a.format == "tsv":
                write_tsv(({**r, "section": " > ".join(r["section"])} for r in recs), out)
            else:
                for r in recs:
                    out.write(f"{r['text']}\n" if r["kind"] in ("body", "heading") else f"[{r['kind']}] {r['text']}\n")
    return EXIT_OK


def _add_no_rules(p) -> None:
    p.add_argument(
        "--no-rules",
        action="store_true",
        help="leave out the codebook rules (responsibility notes and lone list markers are other): the model alone",
    )


def cmd_tag(a) -> int:
    from .api import tag_files, tag_files_text, tag_lines
    from .output import open_output, write_csv, write_csv_header, write_jsonl
    from .table import tag_table

    csv_columns = ["doc", "index", "kind", "section", "text", "label", "confidence", "probs", "terms", "alone", "rule"]
    options = {
        "jobs": a.jobs,
        "terms": a.terms,
        "coded_only": not a.all,
        "neighbours": not a.no_neighbours,
        "rules": not a.no_rules,
    }
    with open_output(a.output, a.force, newline="" if a.format == "csv" else None) as out:
        if a.lines:
            first = True
            for records in tag_lines(a.files, a.model, rules=not a.no_rules):
                if a.format == "jsonl":
                    write_jsonl(records, out)
                elif a.format == "csv":
                    cols = [c for c in csv_columns if c not in ("section", "alone")]
                    write_csv(records, out, cols, bom=first, header=first)
                else:
                    out.write(tag_table(records, width=_width(a)))
                first = first and not records
        elif a.format in ("jsonl", "csv"):
            # each file's text is written where it is tagged (in the worker, with --jobs)
            header = a.format == "csv"
            for text in tag_files_text(a.files, a.model, format=a.format, columns=csv_columns, **options):
                if header and text:
                    write_csv_header(out, csv_columns)
                    header = False
                out.write(text)
        else:
            # the set-aside units too, so the table can say where they were
            for records in tag_files(a.files, a.model, **{**options, "coded_only": False}):
                out.write(tag_table(records, width=_width(a), show_set_aside=a.all))
    return EXIT_OK


def cmd_summarize(a) -> int:
    from .api import summarize
    from .emphasis_table import summary_rows
    from .output import open_output, write_csv
    from .table import write_table

    results = summarize(a.files, a.model, by=a.by, documents=a.documents)
    with open_output(a.output, a.force, newline="" if a.format == "csv" else None) as out:
        if a.format == "json":
            out.write(json.dumps([e.to_dict() for e in results], ensure_ascii=False, indent=2) + "\n")
        elif a.format == "csv":
            write_csv([r for e in results for r in e.rows()], out)
        else:
            write_table(summary_rows(results, a.measure), out, width=_width(a))
    return EXIT_OK


def cmd_compare(a) -> int:
    from .api import compare_files
    from .emphasis_table import share_table, shift_table
    from .output import open_output, write_csv
    from .table import write_table

    rows = compare_files(a.files, a.model, by=a.by, documents=a.documents, baseline=a.baseline)
    with open_output(a.output, a.force, newline="" if a.format == "csv" else None) as out:
        if a.format == "json":
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        elif a.format == "csv":
            write_csv(rows, out)
        else:
            write_table(share_table(rows, a.measure), out, width=_width(a))
            shifts = shift_table(rows, a.measure)
            if shifts:
                out.write("\nshifts from the group in 'from' (percentage points, 95% interval; * excludes 0):\n")
                write_table(shifts, out, width=_width(a))
    return EXIT_OK


def cmd_explain(a) -> int:
    from .model import load_model
    from .output import open_output
    from .terms import explain

    if not a.sentence.strip():
        raise TextagsError("the sentence is empty; give a sentence in quotes")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in a.sentence + a.context):  # bytes that are not UTF-8
        raise TextagsError("the sentence is not valid UTF-8 text; give it in UTF-8")
    tag = explain(load_model(a.model), a.sentence, a.context, a.terms)
    with open_output(a.output, a.force) as out:
        if a.format == "json":
            out.write(
                json.dumps(
                    {
                        "text": a.sentence,
                        "label": tag.label,
                        "confidence": round(tag.confidence, 4),
                        "probs": {k: round(v, 4) for k, v in tag.probs.items()},
                        "terms": [{"term": t, "weight": w} for t, w in tag.terms],
                    }
                    | ({"rule": tag.rule} if tag.rule else {}),
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        else:
            out.write(f"label: {tag.label}  ({tag.confidence:.1%})\n")
            for k, v in sorted(tag.probs.items(), key=lambda kv: -kv[1]):
                out.write(f"  {k:<11}{v:7.1%}  {'#' * round(v * 40)}\n")
            if tag.rule:
                out.write(f"rule: {tag.rule} (a codebook rule settles this unit; see textags.rules)\n")
            else:
                from .table import wrap

                terms = ", ".join(f"{t} ({w:+.3f})" for t, w in tag.terms)
                lines = wrap(terms, _width(a) - 7)
                out.write("terms: " + "\n       ".join(lines) + "\n")
    return EXIT_OK


def cmd_info(a) -> int:
    from .model import _model_dir, read_card

    card = read_card(a.model)
    path = str(_model_dir(a.model))
    sys.stdout.write(json.dumps({"path": path, **card}, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def cmd_evaluate(a) -> int:
    from .api import evaluate
    from .output import open_output

    result = evaluate(
        a.data, a.model, jobs=a.jobs, documents=a.documents, neighbours=not a.no_neighbours, rules=not a.no_rules
    )
    with open_output(a.output, a.force) as out:
        if a.format == "json":
            out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        else:
            from .api import evaluation_text

            out.write(evaluation_text(result))
    return EXIT_OK


def cmd_train(a) -> int:
    from .api import read_userdict
    from .learn import train

    params = {"rules": False} if a.no_rules else {}
    if a.userdict:
        terms = read_userdict(a.userdict)
        if not terms:
            raise TextagsError("holds no terms; give one policy term per line", a.userdict)
        params["userdict"] = tuple(terms)
    from .progress import Progress

    result = train(
        a.data,
        a.output,
        base=a.base,
        force=a.force,
        params=params,
        evaluate=not a.no_eval,
        n_jobs=a.jobs,
        documents=a.documents,
        include_unreviewed=a.include_unreviewed,
        progress=Progress("leave-one-document-out evaluation"),
    )
    from .learn import train_summary

    sys.stdout.write(train_summary(result))
    return EXIT_OK


def cmd_label(a) -> int:
    from .learn import label_queue
    from .model import load_model
    from .names import load_all
    from .output import open_output, write_csv, write_jsonl

    model = load_model(a.model)
    rows = label_queue(list(load_all(a.files)), model, order=a.order, sheet=a.output)
    jsonl = a.output.lower().endswith((".jsonl", ".ndjson"))
    with open_output(a.output, a.force, newline=None if jsonl else "") as out:
        (write_jsonl if jsonl else write_csv)(rows, out)
    sys.stderr.write(
        f"textags: wrote {len(rows)} units to {a.output}; fill the label column, then "
        f"`textags train {a.output} -o MODEL_DIR`\n"
    )
    return EXIT_OK


def cmd_audit(a) -> int:
    from .api import audit_data
    from .output import open_output, write_csv, write_jsonl
    from .table import write_table

    rows = audit_data(
        a.data,
        threshold=a.threshold,
        top=a.top,
        jobs=a.jobs,
        documents=a.documents,
        rules=not a.no_rules,
        base=a.base,
    )
    with open_output(a.output, a.force, newline="" if a.format == "csv" else None) as out:
        if a.format == "jsonl":
            write_jsonl(rows, out)
        elif a.format == "csv":
            write_csv(rows, out)
        else:
            columns = ["doc", "index", "given", "given_prob", "suggested", "suggested_prob", "text"]
            write_table(rows, out, columns, width=_width(a))
    return EXIT_OK


def cmd_report(a) -> int:
    from .report import write_report

    path = write_report(a.files, a.output, model=a.model, force=a.force, by=a.by, documents=a.documents)
    sys.stderr.write(f"textags: wrote {path}\n")
    return EXIT_OK


def _print_consistency(records: list[dict], fmt: str, out) -> None:
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "tsv":
        from .output import write_tsv

        write_tsv(records, out)
        return
    last = None
    for r in records:
        if r["group"] != last:
            last = r["group"]
            state = "settled by notes" if r["settled"] else "not settled"
            out.write(f"\n== group {r['group']}: {r['labels']} ({r['match']}, {r['similarity']:.2f}; {state})\n")
        note = f"  [note: {r['note']}]" if r["note"] else ""
        out.write(f"{r['file']}:{r['line']}  {r['doc']}#{r['index']}  {r['label']:<10}  {r['text']}{note}\n")


def cmd_data(a) -> int:
    from .api import data_agreement, data_check, data_stats

    if a.data_command == "check":
        problems, n_files = data_check(a.paths, a.documents)
        for p in problems:
            sys.stderr.write(f"{p}\n")
        if problems:
            sys.stderr.write(f"textags: {len(problems)} problem(s) in {n_files} file(s)\n")
            return EXIT_BAD_INPUT
        sys.stdout.write(f"ok: {n_files} file(s), no problems\n")
        return EXIT_OK
    if a.data_command == "stats":
        stats = data_stats(a.paths, a.documents)
        if a.format == "json":
            sys.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
        else:
            from .api import stats_text

            sys.stdout.write(stats_text(stats))
        return EXIT_OK
    if a.data_command == "relink":
        from .api import data_relink

        for path, kept, lost in data_relink(a.paths, a.documents):
            sys.stdout.write(f"{path}: {kept} rows kept, {len(lost)} of them unlinked\n")
            for row in lost:
                sys.stderr.write(
                    f"{path}: {row['doc']}#{row['index']} {row['text'][:40]!r} matches no unit any more; "
                    "kept with its label and marked [unlinked] in its note: give it its new index or delete it\n"
                )
        return EXIT_OK
    if a.data_command == "consistency":
        from .api import data_consistency

        records = data_consistency(a.paths, threshold=a.threshold, settled=not a.unsettled)
        _print_consistency(records, a.format, sys.stdout)
        groups = len({r["group"] for r in records})
        open_groups = len({r["group"] for r in records if not r["settled"]})
        sys.stderr.write(f"textags: {groups} group(s) whose labels differ, {open_groups} not settled by notes\n")
        return EXIT_OK
    if a.data_command == "agreement":
        result = data_agreement(a.file)
        _print(
            result if a.format == "json" else {k: v for k, v in result.items() if k != "confusion"},
            a.format,
            sys.stdout,
        )
        return EXIT_OK
    raise TextagsError("give an action: textags data check|stats|relink|consistency|agreement")


COMMANDS = {
    "segment": cmd_segment,
    "tag": cmd_tag,
    "summarize": cmd_summarize,
    "compare": cmd_compare,
    "explain": cmd_explain,
    "info": cmd_info,
    "evaluate": cmd_evaluate,
    "train": cmd_train,
    "label": cmd_label,
    "audit": cmd_audit,
    "report": cmd_report,
    "data": cmd_data,
}


def _warn_one_line(message, category, filename, lineno, file=None, line=None):
    sys.stderr.write(f"textags: warning: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from .streams import Terminated, catch_termination, prepare, restore_termination

    argv = sys.argv[1:] if argv is None else argv
    prepare()
    handlers = catch_termination()
    try:
        parser = build_parser()
        if not argv:
            parser.print_help()
            return EXIT_BAD_INPUT
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_BAD_INPUT
        from .atomic import check_not_input

        inputs = ("files", "data", "paths", "file", "userdict", "documents")
        check_not_input(getattr(args, "output", None), [getattr(args, n, None) for n in inputs])
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _warn_one_line
            return COMMANDS[args.command](args)
    except TextagsError as exc:
        sys.stderr.write(f"textags: {exc}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("textags: interrupted\n")
        return 130
    except Terminated as exc:
        sys.stderr.write("textags: terminated\n")
        return 128 + exc.signum
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)
    except MemoryError:
        sys.stderr.write("textags: out of memory; give fewer or smaller files at a time\n")
        return EXIT_BAD_INPUT
    except Exception as exc:  # pragma: no cover - a bug, reported without a traceback
        if isinstance(exc, OSError) and exc.filename is not None:  # a file system's answer, not a bug
            sys.stderr.write(f"textags: {os.fsdecode(exc.filename)}: cannot be read or written ({exc.strerror})\n")
            return EXIT_BAD_INPUT
        if os.environ.get("TEXTAGS_DEBUG"):
            raise
        sys.stderr.write(
            f"textags: internal error ({type(exc).__name__}: {exc}); please report it "
            "(set TEXTAGS_DEBUG=1 to see the traceback)\n"
        )
        return EXIT_INTERNAL
    finally:
        restore_termination(handlers)
