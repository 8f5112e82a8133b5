"""The ``textags`` commands about models and their labels: ``info``, ``evaluate``, ``train``, ``label`` and ``audit``."""

from __future__ import annotations

import sys

from .args import (
    EXIT_OK,
    add_codebook,
    add_documents,
    add_files_to_file,
    add_jobs,
    add_model,
    add_no_rules,
    add_output,
    codebook,
    count,
    newline,
    share,
    switches,
    width,
)

_FOLDS = "run N leave-one-document-out folds at a time in worker processes (same result)"


def add_info(sub) -> None:
    add_model(sub.add_parser("info", help="print a model's card"))


def add_evaluate(sub) -> None:
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
    add_jobs(p, _FOLDS)
    p.add_argument("--no-neighbours", action="store_true", help="score every unit on its own text")
    add_no_rules(p)
    add_documents(p)
    add_codebook(p, "the labels of DATA, when they are not the six default ones (default: the model's)")
    add_output(p, ["table", "json"], "table", width=False)


def add_train(sub) -> None:
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
    add_jobs(p, _FOLDS)
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
    add_documents(p)
    add_codebook(
        p, "labels other than the six default ones: a CSV label,name,colour,other (or JSON); kept in the model"
    )


def add_label(sub) -> None:
    p = sub.add_parser("label", help="write a labelling sheet for new reports, most informative units first")
    add_files_to_file(p, "SHEET", "queue.csv or queue.jsonl")
    p.add_argument("--order", choices=["uncertainty", "document"], default="uncertainty")
    p.add_argument("--force", action="store_true")
    add_model(p)


def add_audit(sub) -> None:
    p = sub.add_parser("audit", help="list likely label errors in labelled files, worst first")
    p.add_argument(
        "data", nargs="*", metavar="DATA", help="labelled files or directories (default: the bundled corpus)"
    )
    p.add_argument(
        "--threshold", type=share, default=0.2, help="list rows whose label gets less probability (default 0.2)"
    )
    p.add_argument("--top", type=count(1), default=50, metavar="N")
    p.add_argument(
        "--base",
        choices=["bundled", "default", "shipped", "none"],
        default="bundled",
        help="score DATA with models trained on the bundled corpus plus DATA's other files (default), "
        "or on DATA's other files alone",
    )
    add_jobs(p, _FOLDS)
    add_no_rules(p)
    add_documents(p)
    add_codebook(p, "the labels of DATA, when they are not the six default ones")
    add_output(p, ["table", "jsonl", "csv"], "table")


def cmd_info(a) -> int:
    from .._api import model_info
    from .._formatting import write_json

    write_json(model_info(a.model), sys.stdout)
    return EXIT_OK


def cmd_evaluate(a) -> int:
    from .._api import evaluate
    from .._formatting import write_evaluation
    from .._output import open_output

    result = evaluate(a.data, a.model, documents=a.documents, codebook=codebook(a), **switches(a))
    with open_output(a.output, a.force) as out:
        write_evaluation(result, out, a.format)
    return EXIT_OK


def cmd_train(a) -> int:
    from .._learn_files import train_files
    from .._progress import Progress
    from ..learn import train_summary

    result = train_files(
        a.data,
        a.output,
        base=a.base,
        force=a.force,
        userdict=a.userdict,
        evaluate=not a.no_eval,
        documents=a.documents,
        include_unreviewed=a.include_unreviewed,
        progress=Progress("leave-one-document-out evaluation"),
        codebook=codebook(a),
        **switches(a),
    )
    sys.stdout.write(train_summary(result))
    return EXIT_OK


def cmd_label(a) -> int:
    from .._learn_files import label_files

    n = label_files(a.files, a.output, a.model, order=a.order, force=a.force)
    sys.stderr.write(
        f"textags: wrote {n} units to {a.output}; fill the label column, then `textags train {a.output} -o MODEL_DIR`\n"
    )
    return EXIT_OK


def cmd_audit(a) -> int:
    from .._api import audit_data
    from .._formatting import write_audit
    from .._output import open_output

    rows = audit_data(
        a.data,
        threshold=a.threshold,
        top=a.top,
        documents=a.documents,
        base=a.base,
        codebook=codebook(a),
        **switches(a),
    )
    with open_output(a.output, a.force, newline=newline(a)) as out:
        write_audit(rows, out, a.format, width(a))
    return EXIT_OK


PARSERS = {"info": add_info, "evaluate": add_evaluate, "train": add_train, "label": add_label, "audit": add_audit}
COMMANDS = {"info": cmd_info, "evaluate": cmd_evaluate, "train": cmd_train, "label": cmd_label, "audit": cmd_audit}
