"""Training and labelling over files, behind ``textags train`` and ``textags label``.

:func:`train_files` turns the command's options into :func:`textags.learn.train`'s
parameters (a user dictionary read and checked, the codebook rules kept or
not); :func:`label_files` writes a labelling sheet of report files.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ._errors import TextagsError


def train_files(
    data: Sequence[str],
    output: str | os.PathLike,
    *,
    base: str = "bundled",
    force: bool = False,
    rules: bool = True,
    userdict: str | None = None,
    evaluate: bool = True,
    jobs: int | None = None,
    documents: str | None = None,
    include_unreviewed: bool = False,
    progress=None,
    codebook=None,
) -> dict:
    """Train a model on labelled files into ``output``; :func:`textags.learn.train`'s result.

    ``rules=False`` trains a model without the codebook rules; ``userdict``
    is a text file of policy terms for jieba, one per line, kept in the
    model.  The leave-one-document-out evaluation (unless ``evaluate=False``)
    runs ``jobs`` folds at a time (None: all the cores this process may use).
    ``codebook`` (:func:`textags._codebook.read_codebook`) gives labels other
    than the six default ones, kept in the model.
    """
    from ._inputs import read_userdict
    from ._workers import available_cores
    from .learn import train

    params = {} if rules else {"rules": False}
    if userdict:
        terms = read_userdict(userdict)
        if not terms:
            raise TextagsError("holds no terms; give one policy term per line", userdict)
        params["userdict"] = tuple(terms)
    return train(
        data,
        output,
        base=base,
        force=force,
        params=params,
        evaluate=evaluate,
        n_jobs=available_cores() if jobs is None else jobs,
        documents=documents,
        include_unreviewed=include_unreviewed,
        progress=progress,
        codebook=codebook,
    )


def label_files(files: Sequence[str], output: str, model=None, *, order: str = "uncertainty", force=False) -> int:
    """Write the labelling sheet of report files to ``output``; how many units it holds.

    The sheet (:func:`textags.learn.label_queue`, most informative units
    first with ``order="uncertainty"``) is JSON lines when ``output`` ends in
    ``.jsonl`` or ``.ndjson``, CSV otherwise; it is written atomically and
    an existing file is kept unless ``force``.
    """
    from ._names import load_all
    from ._output import open_output, write_csv, write_jsonl
    from ._workers import as_model
    from .learn import label_queue

    model = as_model(model)  # a bad model is reported before the files are read
    rows = label_queue(list(load_all(files)), model, order=order, sheet=output)
    jsonl = output.lower().endswith((".jsonl", ".ndjson"))
    with open_output(output, force, newline=None if jsonl else "") as out:
        (write_jsonl if jsonl else write_csv)(rows, out)
    return len(rows)
