"""Training: the labelled rows gathered, the model fitted and its card written, what ``textags train`` says.

Examples
--------
>>> from textags._examples import SENTENCE_LABELS, SENTENCES
>>> from textags._labels import LabelledUnit
>>> rows = [LabelledUnit(f"d{i % 3}", i, t, lab) for i, (t, lab) in enumerate(zip(SENTENCES, SENTENCE_LABELS))]
>>> model = fit(rows, params={"word_ngrams": None, "min_df": 1}, evaluate=False)
>>> model.labels, model.card["training"]["units"]
(('economy', 'governance', 'livelihood', 'other', 'party', 'safety'), 12)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._codebook import DEFAULT, Codebook
from ._errors import TextagsError
from ._evaluation import cross_validate, document_levels
from ._format import versions
from ._labels import LabelledUnit, read_labelled
from ._rows import data_hash, dedupe, inputs
from ._tagger import DEFAULT_PARAMS, Tagger
from ._trained import Model


def bundled_data_dir() -> Path:
    """The labelled corpus shipped with textags (``data/labelled``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "corpus", here.parent / "data" / "labelled"):
        if candidate.is_dir() and any(candidate.glob("*.csv")):
            return candidate
    raise TextagsError(
        "the bundled labelled corpus is missing from this installation; reinstall textags or use --base none"
    )


def load_documents(rows: Sequence[LabelledUnit], table: str | os.PathLike | None = None) -> dict:
    """The reports of the labelled rows' documents that can be found, segmented: ``{doc: Document}``.

    ``table`` is a documents table (``data/documents.csv``: ``id`` and
    ``file`` under ``raw/`` beside it); it adds to the table bundled with
    textags, its rows winning (:func:`textags._doctable.resolve`).  A
    document in neither table is looked for where its
    rows say: the ``file`` column that ``textags label`` writes, or a report
    named after the document (``DOC.txt``, ``.md``, ``.docx``, ``.pdf``)
    beside the labelled file.  Documents without a readable file are left
    out (their rows are then read without the unlabelled units around them,
    see :func:`sequences`).
    """
    from ._doctable import resolve
    from ._inputs import load

    known = resolve(table)
    out = {}
    firsts = {}
    for r in rows:
        firsts.setdefault(r.doc, r)
    for doc, first in firsts.items():
        entry = known.get(doc)
        if entry is not None and Path(entry["path"]).is_file():
            out[doc] = load(entry["path"])
            continue
        beside = Path(first.path).parent
        for candidate in [first.file, *(beside / f"{doc}{s}" for s in (".txt", ".md", ".docx", ".pdf"))]:
            if candidate and first.path and Path(candidate).is_file():
                out[doc] = load(candidate, name=doc)
                break
    return out


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` did: the model, its card, and the rows it skipped."""

    model: Model
    path: Path | None
    skipped: int
    #: labelled rows of the user's files left out because ``reviewed`` is not true
    unreviewed: int = 0


def reviewed_only(rows: Sequence[LabelledUnit], include_unreviewed: bool = False) -> tuple[list[LabelledUnit], int]:
    """The rows whose ``reviewed`` is true (all rows with ``include_unreviewed``), and how many were left out.

    A labelled file without a ``reviewed`` column counts as reviewed.
    """
    if include_unreviewed:
        return list(rows), 0
    kept = [r for r in rows if r.reviewed]
    if rows and not kept:
        raise TextagsError(
            f"none of the {len(rows)} labelled rows has reviewed = true; set reviewed to true on the rows you "
            "read, or pass --include-unreviewed",
            rows[0].path,
        )
    return kept, len(rows) - len(kept)


def gather(
    paths: Sequence[str | os.PathLike] = (),
    base: str = "bundled",
    *,
    include_unreviewed: bool = False,
    codebook: Codebook | None = None,
) -> tuple[list[LabelledUnit], int, int]:
    """Labelled rows from ``paths`` plus, with ``base="bundled"``, the shipped corpus.

    Returns the rows, the count of rows skipped for an empty label, and the
    count of labelled rows left out because ``reviewed`` is not true
    (kept with ``include_unreviewed``).
    """
    if base not in BASES:
        raise TextagsError(f"--base must be 'bundled' or 'none', not {base!r}")
    rows: list[LabelledUnit] = []
    skipped = unreviewed = 0
    if base != "none":
        r, _ = read_labelled([bundled_data_dir()])
        rows.extend(r)
    if paths:
        r, skipped = read_labelled(paths, codebook)
        dedupe(r, strict=True)  # conflicting labels within the user's files stop the run
        r, unreviewed = reviewed_only(r, include_unreviewed)
        rows.extend(r)
    if not rows:
        raise TextagsError("no labelled data: give labelled files or use --base bundled")
    return dedupe(rows), skipped, unreviewed


#: Names of the bundled corpus as a base (as for the model: ``bundled``, ``default``, ``shipped``), and ``none``.
BASES = ("bundled", "default", "shipped", "none")


def fit(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    evaluate: bool = True,
    n_jobs: int = 1,
    source: str = "",
    documents: Mapping | None = None,
    own: Collection[str] | None = None,
    progress=None,
    groups: Mapping[str, str] | None = None,
    codebook: Codebook | None = None,
) -> Model:
    """Train a model on labelled rows; its card records the data hash and cross-validated scores.

    The model's labels are those of the rows.  ``codebook``
    (:class:`textags._codebook.Codebook`) names them, their colours and the
    label left out of the domains; default: derived from the rows' labels
    (:meth:`~textags._codebook.Codebook.derive`: the six default labels give
    the default codebook).  A codebook other than the default is kept in
    the card (``codebook``), so every command reads the model's own labels.

    With ``groups`` (``{doc: level group}``, :func:`document_levels`) the
    card's cross-validation gives the scores of each level too (``by_group``);
    a fit that weighs units by level (``local_weight``, ``class_weight``
    "local") reads the levels there (default: the bundled documents table's).

    ``own`` names the user's documents among the rows: the card's
    cross-validation then also gives the scores on those documents alone
    (``own``), the figure that says how the model does on the user's reports.
    """
    params = {**DEFAULT_PARAMS, **(params or {})}
    counts = Counter(r.label for r in rows)
    if len(counts) < 2:
        raise TextagsError("the labelled data has only one label; label units of at least two domains")
    cb = Codebook.derive(counts) if codebook is None else codebook
    unknown = sorted(set(counts) - set(cb.labels))
    if unknown:
        raise TextagsError(
            f"the labelled data has labels the codebook lacks ({', '.join(unknown)}); add them to the codebook, "
            "or train on your files alone (--base none)"
        )
    scores = None
    if evaluate and len({r.doc for r in rows}) >= 2:
        scores = cross_validate(
            rows, params=params, n_jobs=n_jobs, documents=documents, progress=progress, groups=groups
        )
        scores.pop("confusion", None)
        mine = {d: v for d, v in scores["documents"].items() if own and d in own}
        if mine:
            n = sum(v["units"] for v in mine.values())
            scores["own"] = {
                "documents": len(mine),
                "units": n,
                "accuracy": round(sum(v["accuracy"] * v["units"] for v in mine.values()) / n, 4),
                "emphasis_error_mean": round(float(np.mean([v["emphasis_error"] for v in mine.values()])), 2),
            }
    tagger = Tagger(**params)
    levels = None
    if tagger.needs_levels:
        known = document_levels() if groups is None else groups
        levels = [known.get(r.doc, "unknown") for r in rows]
    tagger.fit(inputs(rows), [r.label for r in rows], levels)
    scorer = tagger.to_scorer()
    card = {
        "name": "textags model",
        "versions": versions(),
        "training": {
            "units": len(rows),
            "documents": len({r.doc for r in rows}),
            "label_counts": {lab: counts.get(lab, 0) for lab in cb.labels},
            "data_sha256": data_hash(rows),
            "source": source,
        },
        "cross_validation": _slim(scores) if scores else None,
    }
    if cb != DEFAULT:
        card["codebook"] = cb.to_dict()
    return Model(scorer, card)


def _slim(scores: dict) -> dict:
    keep = (
        "method",
        "folds",
        "units",
        "accuracy",
        "macro_f1",
        "emphasis_error_mean",
        "emphasis_error_max",
        "own",
        "by_group",
    )
    out = {k: scores[k] for k in keep if k in scores}
    out["f1"] = {lab: v["f1"] for lab, v in scores["per_label"].items()}
    return out


def train(
    paths: Sequence[str | os.PathLike] = (),
    out: str | os.PathLike | None = None,
    *,
    base: str = "bundled",
    force: bool = False,
    params: dict | None = None,
    evaluate: bool = True,
    n_jobs: int = 1,
    documents: str | os.PathLike | None = None,
    include_unreviewed: bool = False,
    progress=None,
    codebook: Codebook | None = None,
) -> TrainResult:
    """Train on labelled files (and the bundled corpus) and save the model to ``out``.

    ``codebook`` (:func:`textags._codebook.read_codebook`) gives labels other
    than the six default ones: the files' labels are read as its labels (or
    their names), and the model keeps it (see :func:`fit`).

    The output directory is checked before any work, and the model is
    written atomically; an existing model is kept unless ``force``.  Rows
    of ``paths`` whose ``reviewed`` is not true are left out unless
    ``include_unreviewed`` (see :func:`gather`); ``progress(done, total)``
    hears of the evaluation's folds.
    """
    if out is not None:
        from ._saving import check_model_dir

        target = Path(out)
        check_model_dir(target)
        if (target / "card.json").exists() and not force:
            raise TextagsError("already holds a model; pass --force to overwrite it", str(target))
        if target.exists() and not target.is_dir():
            raise TextagsError("is a file, not a directory; give a directory for the model", str(target))
    rows, skipped, unreviewed = gather(paths, base, include_unreviewed=include_unreviewed, codebook=codebook)
    sources = ([f"bundled corpus ({bundled_data_dir().name})"] if base != "none" else []) + [str(p) for p in paths]
    source = ", ".join(sources)
    reports = load_documents(rows, documents) if evaluate else None
    from ._labels import labelled_files

    user_files = set(labelled_files(paths)) if paths else set()
    own = {r.doc for r in rows if r.path in user_files}
    model = fit(
        rows,
        params=params,
        evaluate=evaluate,
        n_jobs=n_jobs,
        source=source,
        documents=reports,
        own=own,
        progress=progress,
        groups=document_levels(documents),  # the scores by level, and the levels a fit may weigh by
        codebook=codebook,
    )
    path = None
    if out is not None:
        path = model.save(out, force=force)
        model.path = str(path)
        from ._persist import read_card

        model.card = read_card(path)
    return TrainResult(model, path, skipped, unreviewed)


def train_summary(result: TrainResult) -> str:
    """What ``textags train`` prints: the model written, its data, and what its score was computed on."""
    card = result.model.card
    training = card["training"]
    cv = card.get("cross_validation") or {}
    lines = [
        f"wrote {result.path} ({training['units']} units from {training['documents']} documents: {training['source']})"
    ]
    if result.skipped:
        lines.append(f"{result.skipped} rows with an empty label skipped")
    if result.unreviewed:
        lines.append(
            f"{result.unreviewed} labelled rows left out because their reviewed column is not true "
            "(set it to true, or pass --include-unreviewed)"
        )
    if cv:
        lines.append(
            f"leave-one-document-out over all {cv['folds']} documents ({cv['units']} units, the bundled corpus "
            f"included when trained with it): accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}, "
            f"emphasis error {cv['emphasis_error_mean']:.2f} pp"
        )
        own = cv.get("own")
        if own:
            lines.append(
                f"on your {own['documents']} documents alone ({own['units']} units, each scored by a model "
                f"trained without it): accuracy {own['accuracy']:.3f}, emphasis error "
                f"{own['emphasis_error_mean']:.2f} pp"
            )
    else:
        lines.append("not evaluated (--no-eval); score it on labelled reports it has not seen with textags evaluate")
    return "\n".join(lines) + "\n"
