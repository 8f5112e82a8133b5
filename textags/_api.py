"""Operations on report files behind the CLI: each command is one function here.

These functions take paths and return plain data (records, results, text),
so the command line only parses arguments and prints, and a script can call
the same functions.  Tagging files (:func:`tag_files`, :func:`tagged_text`,
:func:`tag_documents`) is in :mod:`textags._tag_files`, the labelled-data
checks in :mod:`textags._data_files`, coder agreement in
:mod:`textags._agreement`, the readable renderings of results in
:mod:`textags._formatting`, and the worker processes in :mod:`textags._workers`.

``jobs`` is how many files are worked on at a time (in worker processes,
output in the same order and identical to ``jobs=1``); ``None`` is all the
cores this process may use (:func:`textags._workers.available_cores`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ._codebook import DOMAINS
from ._errors import TextagsError
from ._tag_files import tag_documents, tag_files, tag_files_text, tag_lines, tagged_text
from ._workers import as_model, available_cores


def summarize(
    paths: Sequence,
    model=None,
    *,
    by: str = "document",
    n_boot: int = 1000,
    documents=None,
    random_state: int = 0,
    jobs: int | None = 1,
):
    """Emphasis of each report, or of each review/plan part of it.

    Parameters
    ----------
    paths : sequence of path or Document
        Report files, or documents (kept as they are when already tagged).
    model : Model or path, optional
        Default: the shipped model.
    by : {"document", "part"}
        Whole documents, or each review/plan part: the review and plan are
        always listed (an empty one has no shares), the preamble when it
        holds units.
    documents : path or table, optional
        The user's documents table (:mod:`textags._metadata`); each
        emphasis's ``meta`` holds what is known about its report.
    jobs : int or None
        Files tagged at a time (None: all cores); the result is the same.

    Returns
    -------
    list of :class:`textags._emphasis.Emphasis`

    Examples
    --------
    >>> import textags
    >>> doc = textags.segment("一、抓经济\\n全年完成区级税收5.60亿元。新增就业岗位358个。")
    >>> e = textags.summarize([doc])[0]
    >>> round(e.shares["units"]["economy"], 3), round(e.shares["units"]["livelihood"], 3)
    (0.667, 0.333)
    """
    from ._codebook import codebook_for
    from ._emphasis import emphasis
    from ._metadata import as_table, describe
    from ._parts import split_parts

    table = as_table(documents)
    model = as_model(model)
    docs = tag_documents(paths, model, jobs=jobs)
    cb = codebook_for(model, docs)  # the model's labels, names and colours
    out = []
    for doc in docs:
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
                        codebook=cb,
                    )
                    out.append(e)
        else:
            out.append(emphasis(doc, n_boot=n_boot, meta=meta, random_state=random_state, codebook=cb))
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
    jobs: int | None = 1,
) -> list[dict]:
    """Rows of :func:`textags.compare` for files (``documents``, ``baseline``: as there), tagged ``jobs`` at a time."""
    from ._emphasis import compare_tagged

    model = as_model(model)
    try:
        tagged = tag_documents(paths, model, jobs=jobs)
        return compare_tagged(tagged, by, model, n_boot, random_state, documents, baseline)
    except ValueError as exc:  # an unknown --by or --baseline
        raise TextagsError(str(exc)) from None


def report_files(
    files: Sequence,
    output,
    model=None,
    *,
    force: bool = False,
    by: str = "document",
    documents=None,
    jobs: int | None = 1,
) -> Path:
    """:func:`textags._report.write_report` of report files tagged ``jobs`` at a time; the page's path."""
    from ._atomic import check_writable
    from ._report import write_report
    from ._terms import OVERSAMPLE

    check_writable(output, force)  # before the work, so a refused run is quick
    model = as_model(model)
    docs = tag_documents(files, model, terms=5 * OVERSAMPLE, jobs=jobs)
    return write_report(docs, output, model=model, force=force, by=by, documents=documents)


def pivot(rows: list[dict], measure: str = "units") -> list[dict]:
    """One row per group of :func:`textags.compare`'s rows, with each domain's share and interval, for a table.

    Parameters
    ----------
    rows : list of dict
        :func:`textags.compare`'s rows.
    measure : {"units", "chars", "probs"}
        Which shares to show.

    Examples
    --------
    >>> rows = [{"group": "a", "measure": "units", "domain": "economy", "share": 0.5, "low": 0.4, "high": 0.6,
    ...          "n_units": 10, "n_other": 2}]
    >>> pivot(rows)[0]["economy"], pivot(rows)[0]["livelihood"], pivot(rows)[0]["n_units"]
    ('50.0% [40.0%–60.0%]', '—', 10)
    """
    from ._emphasis_table import share_table

    return share_table(rows, measure)


def explain(sentence: str, model=None, *, context: str = "", terms: int = 10) -> dict:
    """A sentence's label, probabilities and top weighted terms, as a record.

    Parameters
    ----------
    sentence : str
        The sentence.
    model : Model or path, optional
        Default: the shipped model.
    context : str
        The heading the sentence sits under, if known.
    terms : int
        How many of the terms that weighed most for the label.

    Returns
    -------
    dict
        ``text``, ``label``, ``confidence``, ``probs``, ``terms`` (term,
        weight) and ``rule``: the codebook rule that settled the label
        (:mod:`textags._rules`; the terms are then empty), or None.

    Examples
    --------
    >>> r = explain("坚持党管武装，有效落实民兵整组任务。", terms=3)
    >>> r["label"], len(r["terms"]) <= 3, r["rule"]
    ('party', True, None)
    """
    from ._terms import explain as explained

    if not sentence.strip():
        raise TextagsError("the sentence is empty; give a sentence in quotes")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in sentence + context):  # bytes that are not UTF-8
        raise TextagsError("the sentence is not valid UTF-8 text; give it in UTF-8")
    tag = explained(as_model(model), sentence, context, terms)
    return {
        "text": sentence,
        "label": tag.label,
        "confidence": tag.confidence,
        "probs": dict(tag.probs),
        "terms": list(tag.terms),
        "rule": tag.rule,
    }


def model_info(model=None) -> dict:
    """A model's card, with the directory it was read from first (``path``), as ``textags info`` prints it."""
    from ._model import _model_dir, read_card

    card = read_card(model)
    return {"path": str(_model_dir(model)), **card}


# --------------------------------------------------------------------------
# evaluation


def evaluate(
    data: Sequence[str] = (),
    models: Sequence[str] | None = None,
    *,
    jobs: int | None = 1,
    documents: str | None = None,
    neighbours: bool = True,
    rules: bool = True,
    only: Sequence[str] | None = None,
    codebook=None,
) -> dict:
    """Leave-one-document-out scores on ``data`` (default: the bundled corpus), or given models on it.

    Parameters
    ----------
    data : sequence of path
        Labelled files or directories; default: the bundled corpus.
    models : sequence of Model or path, optional
        Score these models on ``data`` (and their differences from the
        first) instead of cross-validating.
    jobs : int or None
        Folds run at a time (None: all cores); the result is the same.
    documents : path, optional
        Where the labelled documents' reports are; they are read whole for
        neighbour context where found (the bundled ones, those in this
        table, and the user's own as their rows name them: see
        :func:`textags.learn.load_documents`), with a warning naming those
        not found.
    neighbours, rules : bool
        ``neighbours=False`` scores every unit on its own text, and
        ``rules=False`` leaves the codebook rules out (:mod:`textags._rules`):
        the model's own figures.
    only : sequence of str, optional
        The documents to score (each still by a model trained on all the
        others): their figures are those of the full run, for a fraction of
        its work.
    codebook : Codebook, optional
        The labels of ``data`` (:func:`textags._codebook.read_codebook`);
        default: the first model's, else the six default labels.

    Returns
    -------
    dict
        Accuracy, macro-F1, per-label and per-document scores, the
        confusion and the emphasis error (``results``, one per model, with
        ``models``).

    Examples
    --------
    >>> from textags.learn import bundled_data_dir
    >>> r = evaluate([bundled_data_dir() / "baoshan-youyilu-2022-work-plan.csv"], ["bundled"])
    >>> r["results"][0]["units"], r["results"][0]["accuracy"] > 0.8
    (111, True)
    """
    from ._labels import read_labelled
    from .learn import bundled_data_dir, compare_models, cross_validate, dedupe, document_levels

    loaded = [as_model(m) for m in models or ()]
    if codebook is None and loaded:
        from ._codebook import codebook_of

        codebook = codebook_of(loaded[0])
    rows, skipped = read_labelled(list(data) or [bundled_data_dir()], codebook)
    rows = dedupe(rows)
    reports = _reports(rows, documents) if neighbours else {}
    groups = document_levels(documents)
    if loaded:
        result = compare_models(loaded, rows, reports, neighbours=neighbours, rules=rules, groups=groups)
    else:
        params = ({} if neighbours else {"neighbour_weight": 0.0}) | ({} if rules else {"rules": False})
        held = None if only is None else set(only)
        jobs = available_cores() if jobs is None else jobs
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


def audit_data(
    data: Sequence[str] = (),
    *,
    threshold: float = 0.2,
    top: int | None = 50,
    jobs: int | None = 1,
    documents: str | None = None,
    rules: bool = True,
    base: str = "bundled",
    codebook=None,
) -> list[dict]:
    """Likely label errors in labelled files (default: the bundled corpus).

    Each document of ``data`` is scored by a model trained on every other
    labelled row: the bundled corpus (unless ``base="none"``) and the other
    documents of ``data`` -- so one file of a few reports can be audited.
    With the codebook rules (:mod:`textags._rules`), a responsibility note or
    lone list marker labelled anything but ``other`` is listed; ``rules=False``
    audits against the model alone (for a codebook that codes them otherwise).
    ``codebook`` gives the labels of ``data`` when they are not the six
    default ones (:func:`textags._codebook.read_codebook`).
    """
    from ._labels import read_labelled
    from .learn import audit, bundled_data_dir, dedupe

    rows = dedupe(read_labelled(list(data) or [bundled_data_dir()], codebook)[0])
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
        n_jobs=available_cores() if jobs is None else jobs,
        documents=_reports([r for r in rows if held is None or r.doc in held], documents),
        held_out=held,
    )


__all__ = [
    "tag_files",
    "tag_files_text",
    "tag_lines",
    "tagged_text",
    "tag_documents",
    "summarize",
    "compare_files",
    "report_files",
    "explain",
    "evaluate",
    "audit_data",
    "DOMAINS",
]
