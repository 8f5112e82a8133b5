"""Flat records of documents, units and tags: what the CLI writes and a user loads into pandas.

Examples
--------
>>> from textags import segment
>>> unit_records(segment("一、抓经济\\n税收增长。"))[1]
{'doc': '<text>', 'index': 1, 'start': 6, 'end': 11, 'kind': 'body', 'section': ['一、抓经济'], 'text': '税收增长。'}
"""

from __future__ import annotations

from json.encoder import encode_basestring as _quote

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


def rounded(values, ndigits: int = 4) -> list:
    """``[round(v, ndigits) for v in values]`` for a 1-d or 2-d array, computed for all values at once.

    Rounding ``v * 10**ndigits`` to an integer ``k`` gives the same float as
    :func:`round`, ``k / 10**ndigits``, unless the product lands within a
    rounding error of a half; those values (and any too large or not
    finite) go through :func:`round` itself.

    >>> rounded([0.123449999, 0.03125, 2 / 3])
    [0.1234, 0.0312, 0.6667]
    """
    import numpy as np

    a = np.asarray(values, dtype=np.float64)
    scale = 10.0**ndigits
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = a * scale
        out = np.rint(scaled) / scale
        unsure = ~(np.abs(scaled) < 2.0**30) | (np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) < 1e-6)
    for i in zip(*np.nonzero(unsure)):
        out[i] = round(float(a[i]), ndigits)
    return out.tolist()


def unit_json_lines(doc: Document, coded_only: bool = False) -> str:
    """The JSON lines of :func:`unit_records` (as :func:`textags.output.write_jsonl` writes them),
    written straight from the units without making the records.

    >>> from textags import segment
    >>> print(unit_json_lines(segment("一、抓经济\\n税收增长。")), end="")
    {"doc": "<text>", "index": 0, "start": 0, "end": 5, "kind": "heading", "section": [], "text": "一、抓经济"}
    {"doc": "<text>", "index": 1, "start": 6, "end": 11, "kind": "body", "section": ["一、抓经济"], "text": "税收增长。"}
    """
    units = [u for u in doc.units if u.coded or not coded_only]
    tags = [u.tag for u in units if u.tag is not None]
    if tags:
        import numpy as np

        labels = list(tags[0].probs)
        keys = [_quote(k) + ": " for k in labels]
        values = [list(t.probs.values()) for t in tags] if all(list(t.probs) == labels for t in tags) else []
        probs = np.array(values)
        confidence = np.array([t.confidence for t in tags])
        if (
            probs.shape != (len(tags), len(labels))
            or not all(type(v) is float for v in [*confidence.tolist(), *(v for row in values for v in row)])
            or not (np.isfinite(probs).all() and np.isfinite(confidence).all())
        ):
            # a mix of label sets, numbers that are not floats, or NaN and infinities (which JSON
            # spells its own way): the records' way
            from .output import records_text

            return records_text(unit_records(doc, coded_only))
        rows = iter(zip(tags, rounded(confidence), rounded(probs)))
    head = '{"doc": ' + _quote(doc.name) + ', "index": '
    lines = []
    for u in units:
        line = (
            f'{head}{u.index}, "start": {u.start}, "end": {u.end}, "kind": {_quote(u.kind)}, '
            f'"section": [{", ".join(map(_quote, u.section))}], "text": {_quote(u.text)}'
        )
        if u.tag is not None:
            t, c, p = next(rows)
            line += (
                f', "label": {_quote(t.label)}, "confidence": {c!r}, '
                f'"probs": {{{", ".join(map(str.__add__, keys, map(repr, p)))}}}, '
                f'"terms": [{", ".join([_quote(w) for w, _ in t.terms])}]'
            )
            if t.alone is not None:
                line += f', "alone": {_quote(t.alone)}'
            if t.rule is not None:
                line += f', "rule": {_quote(t.rule)}'
        lines.append(line + "}\n")
    return "".join(lines)
