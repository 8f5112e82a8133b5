"""Learning: grouped evaluation, training, the labelling queue and the label audit (the public face).

Models are scored on whole documents they did not train on: leave one
document out (every fold holds out all units of one report), never a random
split of sentences from the same report.  The work lives in
:mod:`textags._rows` (labelled rows as the model reads them),
:mod:`textags._evaluation` (scores, cross-validation, evaluating models),
:mod:`textags._training` (gathering, fitting, training) and
:mod:`textags._queue` (the audit and the labelling queue); a codebook of labels of your own is
read with :func:`read_codebook` (:mod:`textags._codebook`) and passed to :func:`train` or :func:`fit`.

Examples
--------
>>> from textags._labels import LabelledUnit
>>> rows = [LabelledUnit(f"d{i % 3}", i, t, lab) for i, (t, lab) in enumerate(zip(SENTENCES, SENTENCE_LABELS))]
>>> scores = cross_validate(rows, params={"word_ngrams": None, "context": False})
>>> sorted(scores)[:3], scores["folds"]
(['accuracy', 'confusion', 'documents'], 3)
"""

from __future__ import annotations

from ._codebook import Codebook, read_codebook
from ._evaluation import (
    LEVEL_GROUPS,
    compare_models,
    cross_val_proba,
    cross_validate,
    document_levels,
    evaluate_model,
    level_group,
    score,
)
from ._examples import SENTENCE_LABELS, SENTENCES
from ._format import versions
from ._labels import read_labelled
from ._queue import audit, label_queue
from ._rows import DocumentRows, context_of_row, data_hash, dedupe, inputs, sequences
from ._saving import save_model
from ._tagger import DEFAULT_PARAMS, Tagger, one_thread
from ._trained import Model
from ._training import (
    BASES,
    TrainResult,
    bundled_data_dir,
    fit,
    gather,
    load_documents,
    reviewed_only,
    train,
    train_summary,
)

__all__ = [
    "BASES",
    "Codebook",
    "DEFAULT_PARAMS",
    "LEVEL_GROUPS",
    "SENTENCES",
    "SENTENCE_LABELS",
    "DocumentRows",
    "Model",
    "Tagger",
    "TrainResult",
    "audit",
    "bundled_data_dir",
    "compare_models",
    "context_of_row",
    "cross_val_proba",
    "cross_validate",
    "data_hash",
    "dedupe",
    "document_levels",
    "evaluate_model",
    "fit",
    "gather",
    "inputs",
    "label_queue",
    "level_group",
    "load_documents",
    "one_thread",
    "read_labelled",
    "reviewed_only",
    "save_model",
    "score",
    "sequences",
    "train",
    "train_summary",
    "versions",
    "read_codebook",
]
