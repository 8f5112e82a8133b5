"""Flat records of documents, units and tags: what the CLI writes and a user loads into pandas.

Examples
--------
>>> from textags import segment
>>> unit_records(segment("一、抓经济\\n税收增长。"))[1]
{'doc': '<text>', 'index': 1, 'start': 6, 'end': 11, 'kind': 'body', 'section': ['一、抓经济'], 'text': '税收增长。'}
"""

from __future__ import annotations

from .document import Document, Unit


def unit_record(doc: Document, u: Unit) -> dict:
    """A unit as a dict: doc, index, start, end, kind, section, text (and its tag, if any)."""
    rec = {
        "doc": doc.name,
        "index": u.index,
        "start": u.start,
        "end": u.end,
        "kind": u.kind,
        "section": list(u.section),
        "text": u.text,
    }
    if u.tag is not None:
        rec.update(tag_fields(u.tag))
    return rec


def tag_fields(tag) -> dict:
    """A tag as record fields: label, confidence, probs, terms (``alone`` when neighbours were read, ``rule``
    when a codebook rule settled the label)."""
    out = {
        "label": tag.label,
        "confidence": round(tag.confidence, 4),
        "probs": {k: round(v, 4) for k, v in tag.probs.items()},
        "terms": [t for t, _ in tag.terms],
    }
    if tag.alone is not None:
        out["alone"] = tag.alone
    if tag.rule is not None:
        out["rule"] = tag.rule
    return out


def unit_records(doc: Document, coded_only: bool = False) -> list[dict]:
    """Records of a document's units (only headings and body with ``coded_only``)."""
    return [unit_record(doc, u) for u in doc.units if u.coded or not coded_only]


def line_records(name: str, lines, tags) -> list[dict]:
    """Records of pre-split lines (``textags tag --lines``)."""
    return [
        {"doc": name, "index": i, "kind": "body", "text": text, **tag_fields(tag)}
        for i, (text, tag) in enumerate(zip(lines, tags))
    ]
