"""textags: tag the sentences of Chinese government work reports with a policy domain.

The public API, along the data's way (``help(textags.NAME)`` for each)::

    read(path)                    raw text of a .txt/.md/.docx/.pdf report
    segment(text)                 a Document of units: sentences, headings, set-aside pieces
    load(path)                    read + segment, the document named after the file
    load_model(path=None)         the shipped model (None or "bundled"), or one you trained
    tag(doc_or_path)              the document with every heading and sentence tagged
    summarize(docs)               each document's emphasis: domain shares with 95% intervals
    compare(docs, by=...)         emphasis rows for several documents, parts, years or levels, with shifts
    explain(sentence)             a sentence's label, probabilities and top weighted terms, as a record
    describe(doc)                 title, year, level and place read from the report (or your table)
    pivot(rows)                   compare's rows as one row per group, for a table
    format_table(rows)            records as a plain-text table that fits the terminal
    evaluate(data, models)        leave-one-document-out scores, or given models on labelled data
    plot_emphasis(doc)            a bar chart of one document's emphasis (extra ``plot``)
    plot_compare(docs_or_rows)    emphasis side by side (extra ``plot``)
    plot_shifts(docs_or_rows)     the shifts between groups with their 95% intervals (extra ``plot``)
    write_report(files, out)      the self-contained HTML report of tagged reports

Data model: ``Document`` (frozen; ``doc.units``, ``doc.coded_units``,
``doc.emphasis()``, ``doc.parts()``), ``Unit``, ``Tag``; ``CleanConfig``, cleaning's
patterns, for ``segment(text, config=...)``; bad input raises ``TextagsError``.  Training and the labelling queue: :mod:`textags.learn`.

Nothing heavy is imported until it is used: no model, dictionary or
scikit-learn at ``import textags``.

Examples
--------
>>> import textags
>>> doc = textags.segment("一、抓党建\\n坚持党管武装，有效落实民兵整组任务。")
>>> [u.kind for u in doc.units]
['heading', 'body']
>>> {"tag", "compare", "summarize", "load_model", "plot_compare"} <= set(dir(textags))
True
"""

from __future__ import annotations

from ._clean import CleanConfig
from ._document import Document, Tag, Unit
from ._errors import TextagsError
from ._inputs import load
from ._readers import read
from ._segment import segment
from ._version import __version__

__all__ = [
    "CleanConfig",
    "Document",
    "Tag",
    "TextagsError",
    "Unit",
    "__version__",
    "compare",
    "describe",
    "evaluate",
    "explain",
    "format_table",
    "load",
    "load_model",
    "pivot",
    "plot_compare",
    "plot_emphasis",
    "plot_shifts",
    "read",
    "segment",
    "summarize",
    "tag",
    "write_report",
]

#: Where each lazily loaded name lives (module, attribute): loaded on first use.
#: Where each lazily loaded name lives: loaded on first use.
_LAZY_FROM = {
    "_model": ("load_model", "tag"),
    "_compare": ("compare",),
    "_api": ("summarize", "pivot", "evaluate", "explain"),
    "_table": ("format_table",),
    "_plot": ("plot_compare", "plot_emphasis", "plot_shifts"),
    "_metadata": ("describe",),
    "_report": ("write_report",),
}
_LAZY = {name: module for module, names in _LAZY_FROM.items() for name in names}


def __getattr__(name: str):
    # the heavy parts load on first use
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'textags' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the public API and the module's own dunders: not the submodules or names it imports
    return sorted(set(__all__) | {n for n in globals() if n.startswith("__")})
