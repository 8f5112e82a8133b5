"""Labelled rows as the model reads them: their inputs, their documents' unit sequences, their hash.

Examples
--------
>>> from textags._labels import LabelledUnit
>>> row = LabelledUnit("d", 3, "坚持党管武装。", "party", section="一、抓党建 > （一）武装")
>>> context_of_row(row)
'（一）武装'
>>> [s.positions for s in sequences([row])]
[(3,)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import _tokenize as tokenize
from ._errors import TextagsError
from ._features import SECTION_SEP
from ._labels import LabelledUnit


def context_of_row(row: LabelledUnit) -> str:
    """The heading a labelled row is read with (the last of its ``section``)."""
    if not row.section:
        return ""
    return row.section.split(SECTION_SEP)[-1]


def inputs(rows: Sequence[LabelledUnit]) -> list[str]:
    """Model inputs of labelled rows (text and heading)."""
    return [tokenize.join_context(r.text, context_of_row(r)) for r in rows]


def data_hash(rows: Iterable[LabelledUnit]) -> str:
    """sha256 of the training rows (doc, index, text, label, section), order-free."""
    h = hashlib.sha256()
    for line in sorted(f"{r.doc}\t{r.index}\t{r.text}\t{r.label}\t{r.section}\n" for r in rows):
        h.update(line.encode("utf-8"))
    return h.hexdigest()


def dedupe(rows: Sequence[LabelledUnit], *, strict: bool = False) -> list[LabelledUnit]:
    """Rows with each (doc, index) once.

    A unit labelled twice with the same label is kept once.  With different
    labels, ``strict`` stops with the file and line of both rows; otherwise
    the later row wins (a user's file overriding the bundled corpus).
    """
    out: dict[tuple[str, int], LabelledUnit] = {}
    for r in rows:
        key = (r.doc, r.index)
        old = out.get(key)
        if strict and old is not None and old.label != r.label and old.path == r.path:
            raise TextagsError(
                f"unit {r.doc}#{r.index} is labelled {r.label!r} here and {old.label!r} at line {old.line}; "
                "keep one label",
                r.path,
                r.line,
            )
        out[key] = r
    return list(out.values())


@dataclass(frozen=True)
class DocumentRows:
    """One document's units as the model reads them, and where its labelled rows sit among them.

    ``inputs`` are model inputs in reading order, ``positions`` their places
    (for :func:`textags._neighbours.mix`), ``rows`` the indices of the
    labelled rows of this document and ``places`` their places in ``inputs``.
    """

    doc: str
    inputs: tuple[str, ...]
    positions: tuple[int, ...]
    rows: tuple[int, ...]
    places: tuple[int, ...]


def sequences(rows: Sequence[LabelledUnit], documents: Mapping | None = None) -> list[DocumentRows]:
    """Each document's unit sequence, from its report when at hand, else from its labelled rows.

    With the report (``documents[doc]``, a :class:`~textags._document.Document`)
    every heading and body unit is read, so a labelled unit's neighbours are
    the units around it in the report, labelled or not.  The report is used
    only if each labelled row's ``index`` names a unit with the row's text;
    otherwise (or without the report) the sequence is the document's
    labelled rows in ``index`` order, placed at their ``index``.
    """
    from ._trained import context_of

    by_doc: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_doc.setdefault(r.doc, []).append(i)
    out = []
    for doc, ids in by_doc.items():
        report = (documents or {}).get(doc)
        if report is not None:
            coded = report.coded_units
            place = {u.index: k for k, u in enumerate(coded)}
            if all(rows[i].index in place and coded[place[rows[i].index]].text == rows[i].text for i in ids):
                out.append(
                    DocumentRows(
                        doc,
                        tuple(tokenize.join_context(u.text, context_of(u)) for u in coded),
                        tuple(range(len(coded))),
                        tuple(ids),
                        tuple(place[rows[i].index] for i in ids),
                    )
                )
                continue
        ids = sorted(ids, key=lambda i: rows[i].index)
        out.append(
            DocumentRows(
                doc,
                tuple(inputs([rows[i] for i in ids])),
                tuple(rows[i].index for i in ids),
                tuple(ids),
                tuple(range(len(ids))),
            )
        )
    return out
