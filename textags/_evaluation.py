"""Scoring models: the scores of predicted labels, leave-one-document-out cross-validation, evaluation of models.

Models are scored on whole documents they did not train on: leave one
document out (every fold holds out all units of one report), never a random
split of sentences from the same report.

Examples
--------
>>> from textags._examples import SENTENCE_LABELS, SENTENCES
>>> from textags._labels import LabelledUnit
>>> rows = [LabelledUnit(f"d{i % 3}", i, t, lab) for i, (t, lab) in enumerate(zip(SENTENCES, SENTENCE_LABELS))]
>>> scores = cross_validate(rows, params={"word_ngrams": None, "context": False, "min_df": 1})
>>> sorted(scores)[:3], scores["folds"]
(['accuracy', 'confusion', 'documents'], 3)
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from . import _folds as folds
from . import _tokenize as tokenize
from ._codebook import Codebook
from ._errors import TextagsError
from ._labels import LabelledUnit
from ._postprocess import postprocess
from ._rows import sequences
from ._tagger import DEFAULT_PARAMS, Tagger, one_thread
from ._trained import Model


def _emphasis_shares(labels: Sequence[str], domains: Sequence[str]) -> np.ndarray:
    counts = np.array([sum(1 for lab in labels if lab == d) for d in domains], dtype=float)
    total = counts.sum()
    return counts / total if total else counts


#: how a report's level (the documents table's ``level``) is grouped in the scores by level
LEVEL_GROUPS = {
    "national": "national",
    "province": "provincial",
    "provincial": "provincial",
    "city": "local",
    "district": "local",
    "county": "local",
    "town": "local",
    "street": "local",
}


def level_group(level: str | None) -> str:
    """The group a report's level is scored in: local, provincial, national, or unknown.

    >>> level_group("street"), level_group("province"), level_group(None)
    ('local', 'provincial', 'unknown')
    """
    return LEVEL_GROUPS.get((level or "").strip().lower(), "unknown")


def document_levels(table: str | os.PathLike | None = None) -> dict[str, str]:
    """``{doc: level group}`` of the documents table (:func:`textags._doctable.resolve`; see :func:`level_group`)."""
    from ._doctable import resolve

    return {d: level_group(row.get("level")) for d, row in resolve(table).items()}


def score(
    y_true: Sequence[str], y_pred: Sequence[str], docs: Sequence[str], groups: Mapping[str, str] | None = None
) -> dict:
    """Accuracy, per-label precision/recall/F1, macro-F1, confusion matrix and emphasis error.

    The emphasis error of a document is the mean absolute difference, in
    percentage points, between its true and predicted shares of the five
    domains (``other`` left out of the denominator).  With ``groups``
    (``{doc: group}``, e.g. each report's :func:`level_group`) the same
    scores are given for each group's units under ``by_group``.

    >>> s = score(["economy", "party", "other"], ["economy", "economy", "other"], ["a", "a", "a"])
    >>> s["accuracy"], s["documents"]["a"]["emphasis_error"]
    (0.6667, 20.0)
    >>> s = score(["economy", "party"], ["economy", "economy"], ["a", "b"], groups={"a": "local", "b": "national"})
    >>> s["by_group"]["local"]["accuracy"], s["by_group"]["national"]["accuracy"]
    (1.0, 0.0)
    """
    y_true, y_pred = list(y_true), list(y_pred)
    if groups is not None:
        out = score(y_true, y_pred, docs)
        by: dict[str, list[int]] = {}
        for i, d in enumerate(docs):
            by.setdefault(groups.get(d, "unknown"), []).append(i)
        out["by_group"] = {}
        for g in sorted(by):
            part = score([y_true[i] for i in by[g]], [y_pred[i] for i in by[g]], [docs[i] for i in by[g]])
            out["by_group"][g] = {k: part[k] for k in ("units", "accuracy", "macro_f1", "emphasis_error_mean")}
            out["by_group"][g]["documents"] = len(part["documents"])
            out["by_group"][g]["f1"] = {lab: v["f1"] for lab, v in part["per_label"].items()}
        return out
    cb = Codebook.derive(set(y_true) | set(y_pred))  # the six default labels: the default codebook
    labels = [lab for lab in cb.labels if lab in set(y_true) | set(y_pred)]
    per = {}
    for lab in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p == lab)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != lab and p == lab)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn}
    present = [lab for lab in labels if per[lab]["support"]]
    macro = float(np.mean([per[lab]["f1"] for lab in present])) if present else 0.0
    confusion = {t: {p: sum(1 for a, b in zip(y_true, y_pred) if a == t and b == p) for p in labels} for t in labels}
    documents = {}
    for d in dict.fromkeys(docs):
        idx = [i for i, x in enumerate(docs) if x == d]
        t = _emphasis_shares([y_true[i] for i in idx], cb.domains)
        p = _emphasis_shares([y_pred[i] for i in idx], cb.domains)
        documents[d] = {
            "units": len(idx),
            "accuracy": round(sum(y_true[i] == y_pred[i] for i in idx) / len(idx), 4),
            "emphasis_error": round(float(np.mean(np.abs(t - p))) * 100, 2),
        }
    errors = [v["emphasis_error"] for v in documents.values()]
    return {
        "accuracy": round(sum(t == p for t, p in zip(y_true, y_pred)) / len(y_true), 4) if y_true else 0.0,
        "macro_f1": round(macro, 4),
        "per_label": per,
        "confusion": confusion,
        "documents": documents,
        "emphasis_error_mean": round(float(np.mean(errors)), 2) if errors else 0.0,
        "emphasis_error_max": round(float(np.max(errors)), 2) if errors else 0.0,
        "units": len(y_true),
    }


def _fit_predict(blocks, y, train, test, params, levels=None):
    """The pipeline's classifier fitted on one fold's training rows; its labels and test probabilities."""
    x_train, x_test = folds.fold_matrices(blocks, train, test)
    tagger = Tagger(**params)
    weights = tagger.unit_weights(list(y[train]), None if levels is None else [levels[i] for i in train])
    with one_thread():
        clf = tagger.classifier().fit(x_train, list(y[train]), sample_weight=weights)
    return tuple(clf.classes_.tolist()), clf.predict_proba(x_test)


def cross_val_proba(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    n_jobs: int = 1,
    documents: Mapping | None = None,
    held_out: Collection[str] | None = None,
    progress=None,
    groups: Mapping[str, str] | None = None,
) -> tuple[list[str], np.ndarray]:
    """Leave-one-document-out probabilities: each row scored by a model that never saw its document.

    With ``held_out`` only those documents are held out and scored (each by
    a model trained on all the other rows); the other rows are training data
    only and their probabilities stay 0.  ``progress(done, total)`` is called
    as the folds finish.

    With neighbour context (``params["neighbour_weight"] > 0``) each held-out
    document is scored whole -- every unit of its report when ``documents``
    holds it (see :func:`sequences`) -- and mixed as tagging mixes it.

    With ``params["rules"]`` the codebook rules settle the units they name
    (:mod:`textags._rules`), as in tagging.

    ``groups`` (``{doc: level group}``) gives the reports' levels to a fit
    that weighs units by them (``local_weight``, ``class_weight`` "local");
    default: the bundled documents table's (:func:`document_levels`).

    Returns the label order and an array (n_rows, n_labels).
    """
    params = {**DEFAULT_PARAMS, **(params or {})}
    weight = float(params.get("neighbour_weight") or 0.0)
    if len({r.doc for r in rows}) < 2:
        raise TextagsError("leave-one-document-out needs labelled units from at least two documents")
    seqs = sequences(rows, documents if weight > 0 else None)
    x: list[str] = []
    y = np.empty(sum(len(s.inputs) for s in seqs), dtype=object)
    labelled: list[list[int]] = []  # per document, the places in x of its labelled rows
    bases: list[int] = []
    for s in seqs:
        bases.append(len(x))
        x.extend(s.inputs)
        labelled.append([bases[-1] + k for k in s.places])
        y[labelled[-1]] = [rows[i].label for i in s.rows]
    scored = [d for d, s in enumerate(seqs) if held_out is None or s.doc in held_out]
    splits = []
    for d in scored:
        s = seqs[d]
        test = list(range(bases[d], bases[d] + len(s.inputs)))
        train = [i for e, ids in enumerate(labelled) if e != d for i in ids]
        if len({y[i] for i in train}) < 2:
            raise TextagsError(f"without document {s.doc} fewer than two labels are left to train on")
        splits.append((train, test))

    levels = None
    if Tagger(**params).needs_levels:
        if groups is None:
            groups = document_levels()
        levels = [groups.get(s.doc, "unknown") for s in seqs for _ in s.inputs]

    blocks = folds.count_blocks(x, params, n_jobs=n_jobs)  # each unit's terms counted once, for all folds

    def run(chunk):
        return [_fit_predict(blocks, y, train, test, params, levels) for train, test in chunk]

    if n_jobs == 1:
        results = []
        for split in splits:
            results.extend(run([split]))
            if progress:
                progress(len(results), len(splits))
    else:
        from joblib import Parallel, delayed, effective_n_jobs

        # a few tasks per worker, so the counts travel to each worker a few times and progress can be told
        k = max(1, min(effective_n_jobs(n_jobs), len(splits)))
        m = min(len(splits), k * (4 if progress else 1))
        results = [None] * len(splits)
        done = 0
        for i, chunk in enumerate(
            Parallel(n_jobs=k, return_as="generator")(delayed(run)(splits[i::m]) for i in range(m))
        ):
            results[i::m] = chunk
            done += len(chunk)
            if progress:
                progress(done, len(splits))

    all_labels = Codebook.derive({r.label for r in rows}).labels
    proba = np.zeros((len(rows), len(all_labels)))
    for s, (labels, p) in zip([seqs[d] for d in scored], results):
        # settled as tagging settles it, with the fold model's labels (the rules only if it knows "other")
        texts = [tokenize.split_context(x)[0] for x in s.inputs]
        full = np.zeros((len(s.inputs), len(all_labels)))
        full[:, [all_labels.index(lab) for lab in labels]] = postprocess(p, texts, labels, params, s.positions).probs
        proba[list(s.rows)] = full[list(s.places)]
    return list(all_labels), proba


def cross_validate(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    n_jobs: int = 1,
    documents: Mapping | None = None,
    groups: Mapping[str, str] | None = None,
    progress=None,
    held_out: Collection[str] | None = None,
) -> dict:
    """Leave-one-document-out scores of a model configuration on labelled rows (``documents``,
    ``progress``, ``held_out``: see :func:`cross_val_proba`; ``groups``: see :func:`score`).

    With ``held_out`` only those documents are scored, each by a model trained
    on all the others: their figures are the same as in the full run.
    """
    labels, proba = cross_val_proba(
        rows, params=params, n_jobs=n_jobs, documents=documents, progress=progress, held_out=held_out, groups=groups
    )
    keep = [i for i, r in enumerate(rows) if held_out is None or r.doc in held_out]
    pred = [labels[j] for j in proba[keep].argmax(axis=1)]
    out = score([rows[i].label for i in keep], pred, [rows[i].doc for i in keep], groups)
    out["method"] = "leave-one-document-out"
    out["folds"] = len({rows[i].doc for i in keep})
    return out


def evaluate_model(
    model: Model,
    rows: Sequence[LabelledUnit],
    documents: Mapping | None = None,
    *,
    neighbours: bool = True,
    rules: bool = True,
    groups: Mapping[str, str] | None = None,
) -> dict:
    """Scores of a trained model on labelled rows (documents it should not have seen).

    Each document is read as tagging reads it: whole, with neighbour context
    when the model uses it (``documents``: see :func:`sequences`), unless
    ``neighbours=False``; the model's codebook rules apply unless ``rules=False``.
    """
    mixed = neighbours and model.scorer.neighbour_weight > 0
    proba = np.zeros((len(rows), len(model.labels)))
    for s in sequences(rows, documents if mixed else None):
        p = model.scorer.predict_proba(s.inputs)
        texts = [tokenize.split_context(x)[0] for x in s.inputs]
        p = postprocess(p, texts, model.labels, model.scorer.params, s.positions, neighbours=mixed, rules=rules).probs
        proba[list(s.rows)] = p[list(s.places)]
    pred = [model.labels[j] for j in proba.argmax(axis=1)]
    out = score([r.label for r in rows], pred, [r.doc for r in rows], groups)
    out["method"] = f"model {model.path or '(in memory)'} on the given data"
    return out


def compare_models(models: Sequence[Model], rows: Sequence[LabelledUnit], documents=None, **options) -> dict:
    """Several models on the same data, and the per-label F1 differences against the first.

    ``documents`` and the keywords ``options`` (``neighbours``, ``rules``,
    ``groups``) are those of :func:`evaluate_model`, for every model.
    """
    results = [evaluate_model(m, rows, documents, **options) for m in models]
    labels = Codebook.derive(lab for r in results for lab in r["per_label"]).labels
    base = results[0]
    diffs = []
    for r in results[1:]:
        diffs.append(
            {
                lab: round(
                    r["per_label"].get(lab, {}).get("f1", 0.0) - base["per_label"].get(lab, {}).get("f1", 0.0), 4
                )
                for lab in labels
            }
            | {
                "macro_f1": round(r["macro_f1"] - base["macro_f1"], 4),
                "accuracy": round(r["accuracy"] - base["accuracy"], 4),
            }
        )
    return {"models": [m.path or "(in memory)" for m in models], "results": results, "differences": diffs}
