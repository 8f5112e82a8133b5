"""File-level operations behind the CLI: each command is one function here.

These functions take paths and return plain data (records, results), so the
command line only parses arguments and prints, and a script can call the
same functions.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import TextagsError
from .labels import DOMAINS, LABELS
from .workers import _can_fork, _forked


def _model(model):
    from .model import Model, load_model

    return model if isinstance(model, Model) else load_model(model)


def _tagged(source: tuple, model, terms: int, neighbours: bool, rules: bool):
    """Tag ``source``: (path, id), or (path, id, text) for a pipe the main process has read."""
    from . import load
    from .segment import segment

    path, name, *text = source
    doc = segment(text[0], name=name, path=None if path == "-" else path) if text else load(path, name=name)
    return _model(model).tag(doc, terms=terms, neighbours=neighbours, rules=rules)


def _tag_one(
    path: tuple[str, str], model_path, terms: int, coded_only: bool, neighbours: bool = True, rules: bool = True
) -> list[dict]:
    from .records import unit_records

    return unit_records(_tagged(path, model_path, terms, neighbours, rules), coded_only=coded_only)


def _tag_one_text(path: tuple[str, str], model_path, terms, coded_only, neighbours, rules, format, columns) -> str:
    from .output import records_text
    from .records import unit_json_lines

    if format == "jsonl":
        return unit_json_lines(_tagged(path, model_path, terms, neighbours, rules), coded_only=coded_only)
    return records_text(_tag_one(path, model_path, terms, coded_only, neighbours, rules), format, columns)


def _each_file(work, paths: Sequence[str], model, jobs: int, *args) -> Iterator:
    """``work((path, id), model, *args)`` of each path, in order: in this process, or ``jobs`` worker processes.

    Each document's id is distinct within the run (:func:`textags.names.document_names`).

    Every path is checked before any work, so a missing file fails at once
    with its one-line error.  On Linux the workers are forked from this
    process once it has loaded the model, so they start with the model and
    the libraries already in memory; elsewhere (where forking a process with
    numpy loaded is not safe), or from a process with threads of its own
    (:func:`_can_fork`), they are joblib's, and load the model from its path.
    """
    from .model import Model
    from .names import document_names

    sources = list(zip(paths, document_names(paths)))
    if jobs and jobs > 1 and len(paths) > 1:
        from .limits import is_pipe
        from .readers import read

        # standard input and pipes are read once, here, so no worker finds them empty
        sources = [(p, n, read(p)) if is_pipe(p) else (p, n) for p, n in sources]
        for p, *_ in sources:
            if not is_pipe(p) and not os.path.isfile(p):
                read(p)  # raises the one-line error
        if _can_fork():
            yield from _forked(work, sources, _model(model), min(jobs, len(paths)), args)
            return
        from joblib import Parallel, delayed

        if isinstance(model, Model):
            model = model.path
        yield from Parallel(n_jobs=jobs, return_as="generator")(delayed(work)(p, model, *args) for p in sources)
        return
    model = _model(model)
    for p in sources:
        yield work(p, model, *args)


def tag_files(
    paths: Sequence[str],
    model=None,
    *,
    jobs: int = 1,
    terms: int = 5,
    coded_only: bool = True,
    neighbours: bool = True,
    rules: bool = True,
) -> Iterator[list[dict]]:
    """Tag files one by one (or ``jobs`` at a time, same order); yield each file's unit records.

    Each unit is read with its neighbours unless ``neighbours=False``
    (see :mod:`textags.neighbours`), and the model's codebook rules apply
    unless ``rules=False`` (see :mod:`textags.rules`).

    Records stream file by file, so memory stays flat however many files.
    """
    yield from _each_file(_tag_one, paths, model, jobs, terms, coded_only, neighbours, rules)


def tag_files_text(
    paths: Sequence[str],
    model=None,
    *,
    format: str = "jsonl",
    columns: Sequence[str] | None = None,
    jobs: int = 1,
    terms: int = 5,
    coded_only: bool = True,
    neighbours: bool = True,
    rules: bool = True,
) -> Iterator[str]:
    """:func:`tag_files`, each file's records written out as text: JSON lines, or CSV rows without a header.

    With ``jobs`` > 1 the worker that tags a file also writes its text, so
    the records are never sent between processes; the text is the same as
    :func:`textags.output.records_text` of :func:`tag_files`' records, in
    the same order.  ``columns`` are the CSV columns (default: the first
    record's keys).
    """
    if format not in ("jsonl", "csv"):
        raise ValueError(f"format must be jsonl or csv, not {format!r}")
    yield from _each_file(_tag_one_text, paths, model, jobs, terms, coded_only, neighbours, rules, format, columns)


def read_lines(path: str) -> list[str]:
    """The non-empty lines of a text file (or ``-``), each stripped."""
    from .readers import decode, read

    if path == "-":
        from .limits import read_bounded

        data = read_bounded(path)
        text = decode(data, "<stdin>") if data.strip() else ""
    else:
        text = read(path)
    lines = [ln.strip() for ln in text.splitlines()]
    return [ln for ln in lines if ln]


def read_userdict(path: str) -> list[str]:
    """The distinct terms of a user dictionary: one per non-empty line of a text file."""
    from .limits import read_bounded
    from .readers import decode

    data = read_bounded(path)
    try:
        text = decode(data, path) if data.strip() else ""
    except TextagsError:
        raise TextagsError(
            "is not a text file; give the user dictionary as text, one policy term per line", path
        ) from None
    return list(dict.fromkeys(t for t in (ln.strip() for ln in text.splitlines()) if t))


def tag_lines(paths: Sequence[str], model=None, terms: int = 5, *, rules: bool = True) -> Iterator[list[dict]]:
    """Tag pre-split units: every non-empty line of each file is one unit, in order (each on its own;
    the model's codebook rules apply unless ``rules=False``)."""
    from .names import document_names
    from .records import line_records

    model = _model(model)
    for p, name in zip(paths, document_names(paths)):
        lines = read_lines(p)
        if not lines:
            raise TextagsError("has no non-empty lines to tag", "<stdin>" if p == "-" else p)
        yield line_records(name, lines, model.tag_texts(lines, None, terms, rules=rules))


def summarize(
    paths: Sequence, model=None, *, by: str = "document", n_boot: int = 1000, documents=None, random_state: int = 0
):
    """Emphasis of each report -- a file, or a Document (kept as it is when already tagged) -- or of
    each review/plan part with ``by="part"``: a list of :class:`textags.emphasis.Emphasis`.

    ``documents`` is the user's documents table (:mod:`textags.metadata`);
    each emphasis's ``meta`` holds what is known about its report.  With
    ``by="part"`` the review and plan are always listed (an empty one has no
    shares), the preamble when it holds units.
    """
    from . import load
    from .document import Document
    from .emphasis import emphasis
    from .metadata import as_table, describe
    from .names import document_names
    from .parts import split_parts

    model = _model(model)
    table = as_table(documents)
    out = []
    names = iter(document_names([p for p in paths if not isinstance(p, Document)]))
    for p in paths:
        if isinstance(p, Document):
            doc = p if p.tagged else model.tag(p, terms=0)
        else:
            doc = model.tag(load(p, name=next(names)), terms=0)
        meta = describe(doc, table)
        if by == "part":
            for part, units in split_parts(doc).items():
                if part != "preamble" or any(u.coded for u in units):
                    e = emphasis(
                        doc,
                        units=units,
                        n_boot=n_boot,
                        name=f"{doc.name}:{part}",
                        meta={"part": part, **meta},
                        random_state=random_state,
                    )
                    out.append(e)
        else:
            out.append(emphasis(doc, n_boot=n_boot, meta=meta, random_state=random_state))
    return out


def compare_files(
    paths: Sequence[str],
    model=None,
    *,
    by: str = "document",
    n_boot: int = 1000,
    documents=None,
    baseline: str | None = None,
    random_state: int = 0,
) -> list[dict]:
    """Rows of :func:`textags.compare` for files (``documents``, ``baseline``: as there)."""
    from . import load
    from .emphasis import compare
    from .names import document_names

    model = _model(model)
    try:
        return compare(
            [model.tag(load(p, name=n), terms=0) for p, n in zip(paths, document_names(paths))],
            by=by,
            n_boot=n_boot,
            documents=documents,
            baseline=baseline,
            random_state=random_state,
        )
    except ValueError as exc:  # an unknown --by or --baseline
        raise TextagsError(str(exc)) from None


def pivot(rows: list[dict], measure: str = "units") -> list[dict]:
    """One row per group of :func:`textags.compare`'s rows, with each domain's share and interval, for a table.

    >>> rows = [{"group": "a", "measure": "units", "domain": "economy", "share": 0.5, "low": 0.4, "high": 0.6,
    ...          "n_units": 10, "n_other": 2}]
    >>> pivot(rows)[0]["economy"], pivot(rows)[0]["livelihood"], pivot(rows)[0]["n_units"]
    ('50.0% [40.0%–60.0%]', '—', 10)
    """
    from .emphasis_table import share_table

    return share_table(rows, measure)


# --------------------------------------------------------------------------
# evaluation


def evaluate(
    data: Sequence[str] = (),
    models: Sequence[str] | None = None,
    *,
    jobs: int = 1,
    documents: str | None = None,
    neighbours: bool = True,
    rules: bool = True,
    only: Sequence[str] | None = None,
) -> dict:
    """Leave-one-document-out scores on ``data`` (default: the bundled corpus), or given models on it.

    ``only`` names the documents to score (each still by a model trained on
    all the others): their figures are those of the full run, for a fraction
    of its work.

    The labelled documents' reports, where found (the bundled ones, those
    in the ``documents`` table, and the user's own as their rows name them:
    see :func:`textags.learn.load_documents`), are read whole for neighbour
    context, with a warning naming the documents whose report was not found;
    ``neighbours=False`` scores every unit on its own text instead, and
    ``rules=False`` leaves the codebook rules out (:mod:`textags.rules`):
    the model's own figures.
    """
    from .labels import read_labelled
    from .learn import bundled_data_dir, compare_models, cross_validate, dedupe, document_levels

    rows, skipped = read_labelled(list(data) or [bundled_data_dir()])
    rows = dedupe(rows)
    reports = _reports(rows, documents) if neighbours else {}
    groups = document_levels(documents)
    if models:
        result = compare_models(
            [_model(m) for m in models], rows, reports, neighbours=neighbours, rules=rules, groups=groups
        )
    else:
        params = ({} if neighbours else {"neighbour_weight": 0.0}) | ({} if rules else {"rules": False})
        held = None if only is None else set(only)
        result = cross_validate(rows, n_jobs=jobs, documents=reports, params=params, groups=groups, held_out=held)
    result["reports_read"] = len(reports)
    result["skipped_empty_labels"] = skipped
    result["data"] = [str(d) for d in data] or ["bundled corpus"]
    return result


def _reports(rows, documents: str | None) -> dict:
    """The labelled documents' reports (:func:`textags.learn.load_documents`); a warning for those not found."""
    import warnings

    from .learn import load_documents

    reports = load_documents(rows, documents)
    docs = list(dict.fromkeys(r.doc for r in rows))
    missing = [d for d in docs if d not in reports]
    if missing:
        names = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
        warnings.warn(
            f"no report found for {len(missing)} of {len(docs)} labelled documents ({names}): their units are "
            "read with only their labelled neighbours, less context than textags tag gives; keep the file column "
            "that textags label writes, put the report beside the labels as DOC.txt, or pass --documents",
            stacklevel=2,
        )
    return reports


def _score_lines(r: dict) -> list[str]:
    lines = [
        f"{r['method']}: {r['units']} units, {len(r['documents'])} documents"
        + (f" ({r['reports_read']} reports read whole for neighbour context)" if r.get("reports_read") else ""),
        f"accuracy {r['accuracy']:.3f}   macro-F1 {r['macro_f1']:.3f}   "
        f"emphasis error {r['emphasis_error_mean']:.2f} pp (max {r['emphasis_error_max']:.2f})",
        "",
        f"{'label':<11}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}",
    ]
    for lab, v in r["per_label"].items():
        lines.append(f"{lab:<11}{v['precision']:>10.3f}{v['recall']:>8.3f}{v['f1']:>7.3f}{v['support']:>9}")
    labs = list(r["confusion"])
    if r.get("by_group"):
        lines += ["", f"{'level':<11}{'documents':>10}{'units':>7}{'accuracy':>10}{'macro-F1':>10}{'emph.err':>10}"]
        for g, v in r["by_group"].items():
            lines.append(
                f"{g:<11}{v['documents']:>10}{v['units']:>7}{v['accuracy']:>10.3f}{v['macro_f1']:>10.3f}"
                f"{v['emphasis_error_mean']:>10.2f}"
            )
    lines += ["", "confusion (rows: true, columns: predicted)", " " * 11 + "".join(f"{lab[:6]:>8}" for lab in labs)]
    for t in labs:
        lines.append(f"{t:<11}" + "".join(f"{r['confusion'][t][p]:>8}" for p in labs))
    lines += ["", f"{'document':<52}{'units':>6}{'acc':>7}{'emph.err':>9}"]
    for d, v in r["documents"].items():
        lines.append(f"{d[:51]:<52}{v['units']:>6}{v['accuracy']:>7.3f}{v['emphasis_error']:>9.2f}")
    return lines


def evaluation_text(result: dict) -> str:
    """A readable report of :func:`evaluate`'s result."""
    if "results" in result:
        docs = len(result["results"][0]["documents"]) if result["results"] else 0
        lines = [f"{result.get('reports_read', 0)} of {docs} labelled documents read whole for neighbour context", ""]
        for path, r in zip(result["models"], result["results"]):
            lines += [f"== {path}"] + _score_lines(r) + [""]
        header = f"{'difference vs ' + result['models'][0]:<40}" + "".join(
            f"{lab[:10]:>11}" for lab in [*LABELS, "macro_f1", "accuracy"]
        )
        lines.append(header)
        for path, diff in zip(result["models"][1:], result["differences"]):
            lines.append(f"{path[:39]:<40}" + "".join(f"{diff[k]:>+11.3f}" for k in [*LABELS, "macro_f1", "accuracy"]))
        return "\n".join(lines) + "\n"
    return "\n".join(_score_lines(result)) + "\n"


def audit_data(
    data: Sequence[str] = (),
    *,
    threshold: float = 0.2,
    top: int | None = 50,
    jobs: int = 1,
    documents: str | None = None,
    rules: bool = True,
    base: str = "bundled",
) -> list[dict]:
    """Likely label errors in labelled files (default: the bundled corpus).

    Each document of ``data`` is scored by a model trained on every other
    labelled row: the bundled corpus (unless ``base="none"``) and the other
    documents of ``data`` -- so one file of a few reports can be audited.
    With the codebook rules (:mod:`textags.rules`), a responsibility note or
    lone list marker labelled anything but ``other`` is listed; ``rules=False``
    audits against the model alone (for a codebook that codes them otherwise).
    """
    from .labels import read_labelled
    from .learn import audit, bundled_data_dir, dedupe

    rows = dedupe(read_labelled(list(data) or [bundled_data_dir()])[0])
    held = None
    if data and base != "none":
        held = {r.doc for r in rows}
        bundled = [r for r in read_labelled([bundled_data_dir()])[0] if r.doc not in held]
        rows = bundled + rows
    return audit(
        rows,
        params=None if rules else {"rules": False},
        threshold=threshold,
        top=top,
        n_jobs=jobs,
        documents=_reports([r for r in rows if held is None or r.doc in held], documents),
        held_out=held,
    )


# --------------------------------------------------------------------------
# data


def _default_data(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from .learn import bundled_data_dir

    return [str(bundled_data_dir())]


def _documents(path: str | None) -> dict | None:
    from .labels import documents_table
    from .provenance import bundled_documents_csv

    table = path or bundled_documents_csv()
    if table is None:
        return None
    if not Path(table).exists():
        raise TextagsError("no such documents table; give data/documents.csv", str(table))
    return documents_table(table)


def data_check(paths: Sequence[str] = (), documents: str | None = None):
    """Problems in labelled files, and how many files were read."""
    from .labels import check_files, labelled_files

    paths = _default_data(paths)
    docs = _documents(documents)
    try:
        n = len(labelled_files(paths))
    except TextagsError:
        n = 0
    return check_files(paths, {k: v["path"] for k, v in docs.items()} if docs else None), n


def data_relink(paths: Sequence[str], documents: str | None = None) -> list[tuple[str, int, list[dict]]]:
    """Relink labelled CSV files in place; return (file, rows kept, rows lost) for each."""
    from .labels import labelled_files, relink_file

    docs = _documents(documents)
    if not docs:
        raise TextagsError("no documents table found; pass --documents data/documents.csv")
    out = []
    for path in labelled_files(paths):
        if not path.lower().endswith(".csv"):
            continue
        kept, lost = relink_file(path, {k: v["path"] for k, v in docs.items()})
        out.append((path, kept, lost))
    return out


def data_stats(paths: Sequence[str] = (), documents: str | None = None) -> dict:
    """Counts of labelled units per label, per document and per level."""
    from .labels import read_labelled

    rows, skipped = read_labelled(_default_data(paths))
    docs = _documents(documents) or {}
    per_label = Counter(r.label for r in rows)
    per_doc: dict[str, Counter] = {}
    per_level: dict[str, Counter] = {}
    reviewed = sum(1 for r in rows if r.reviewed)
    for r in rows:
        per_doc.setdefault(r.doc, Counter())[r.label] += 1
        level = docs.get(r.doc, {}).get("level", "unknown")
        per_level.setdefault(level, Counter())[r.label] += 1
    return {
        "units": len(rows),
        "reviewed": reviewed,
        "empty_labels": skipped,
        "documents": len(per_doc),
        "labels": {lab: per_label.get(lab, 0) for lab in LABELS},
        "by_level": {
            lv: {lab: c.get(lab, 0) for lab in LABELS} | {"total": sum(c.values())}
            for lv, c in sorted(per_level.items())
        },
        "by_document": {
            d: {lab: c.get(lab, 0) for lab in LABELS} | {"total": sum(c.values())} for d, c in sorted(per_doc.items())
        },
    }


def stats_text(stats: dict) -> str:
    """A readable table of :func:`data_stats`."""
    from .output import pad

    cols = [*LABELS, "total"]
    lines = [
        f"{stats['units']} labelled units in {stats['documents']} documents; {stats['reviewed']} reviewed; "
        f"{stats['empty_labels']} rows with an empty label",
        "",
        "label       units",
        *(f"{lab:<11} {stats['labels'][lab]:>5}" for lab in LABELS),
        "",
    ]
    for title, table in (("level", stats["by_level"]), ("document", stats["by_document"])):
        width = max(len(title), *(len(k) for k in table)) + 2
        lines.append(pad(title, width) + "".join(f"{c[:10]:>11}" for c in cols))
        for k, v in table.items():
            lines.append(pad(k, width) + "".join(f"{v[c]:>11}" for c in cols))
        lines.append("")
    return "\n".join(lines)


def data_consistency(paths: Sequence[str] = (), *, threshold: float = 0.9, settled: bool = True) -> list[dict]:
    """Rows of identical or near-identical units whose labels differ, a group at a time, worst first.

    See :mod:`textags.consistency`; ``paths`` default to the bundled corpus.
    """
    from .consistency import consistency_groups, group_records
    from .labels import read_labelled

    if not 0 < threshold <= 1:
        raise TextagsError(f"threshold {threshold} is not in (0, 1]; give e.g. --threshold 0.9")
    rows, _ = read_labelled(_default_data(paths))
    return group_records(consistency_groups(rows, threshold=threshold, settled=settled))


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two codings of the same units.

    >>> round(cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"]), 3)
    0.5
    """
    n = len(a)
    if n == 0 or n != len(b):
        raise ValueError("two codings of the same, non-empty list of units are needed")
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def data_agreement(path: str) -> dict:
    """Agreement, Cohen's kappa and the confusion of a two-coder file (columns ``first``, ``second``).

    The file may be UTF-8 (with or without a BOM) or GB18030/GBK, as Excel saves CSV on Chinese Windows.
    """
    import io

    from .labels import _decode

    p = Path(path)
    if not p.is_file():
        raise TextagsError("no such file; give a CSV with columns first and second", path)
    with io.StringIO(_decode(p.read_bytes(), path), newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"first", "second"} <= set(reader.fieldnames):
            raise TextagsError("needs the columns first and second", path, 1)
        pairs = []
        for row in reader:
            a, b = row["first"].strip(), row["second"].strip()
            for lab in (a, b):
                if lab not in LABELS:
                    raise TextagsError(f"unknown label {lab!r}; use one of {', '.join(LABELS)}", path, reader.line_num)
            pairs.append((a, b))
    if not pairs:
        raise TextagsError("has no rows", path)
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    conf = {x: {y: sum(1 for p, q in pairs if p == x and q == y) for y in LABELS} for x in LABELS}
    return {
        "units": len(pairs),
        "agreed": sum(x == y for x, y in pairs),
        "agreement": round(sum(x == y for x, y in pairs) / len(pairs), 4),
        "kappa": round(cohen_kappa(a, b), 4),
        "confusion": conf,
    }


__all__ = [
    "tag_files",
    "tag_lines",
    "summarize",
    "compare_files",
    "evaluate",
    "audit_data",
    "data_check",
    "data_stats",
    "data_agreement",
    "cohen_kappa",
    "DOMAINS",
]
