"""Flat records of documents, units and tags: what the CLI writes and a user loads into pandas.

Examples
--------
>>> from textags import segment
>>> unit_records(segment("一、抓经济\\n税收增长。"))[1]
{'doc': '<text>', 'index': 1, 'start': 6, 'end': 11, 'kind': 'body', 'section': ['一、抓经济'], 'text': '税收增长。'}
"""

from __future__ import annotations

from itertools import chain
from json.encoder import encode_basestring as _quote
from operator import itemgetter

from ._document import Document, Unit

_first = itemgetter(0)


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


def _rounded_array(values, ndigits: int = 4):
    """:func:`rounded` as a float array (see there)."""
    import numpy as np

    a = np.asarray(values, dtype=np.float64)
    scale = 10.0**ndigits
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = a * scale
        out = np.rint(scaled) / scale
        unsure = ~(np.abs(scaled) < 2.0**30) | (np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) < 1e-6)
    for i in zip(*np.nonzero(unsure)):
        out[i] = round(float(a[i]), ndigits)
    return out


def rounded(values, ndigits: int = 4) -> list:
    """``[round(v, ndigits) for v in values]`` for a 1-d or 2-d array, computed for all values at once.

    Rounding ``v * 10**ndigits`` to an integer ``k`` gives the same float as
    :func:`round`, ``k / 10**ndigits``, unless the product lands within a
    rounding error of a half; those values (and any too large or not
    finite) go through :func:`round` itself.

    >>> rounded([0.123449999, 0.03125, 2 / 3])
    [0.1234, 0.0312, 0.6667]
    """
    return _rounded_array(values, ndigits).tolist()


#: ``repr(k / 10**4)`` for k = 0 .. 10**4: every number between 0 and 1 rounded to 4 digits, as JSON writes it.
_REPRS: list = []


def rounded_reprs(values):
    """``repr(round(v, 4))`` of each value of a 1-d or 2-d array, as an array of strings (objects).

    A rounded value ``k / 10**4`` between 0 and 1 -- every probability -- is
    spelled from a table of the 10,001 such numbers' ``repr`` (``k / 10**4``
    is computed the same way, so the float is the same); any other value
    through :func:`repr` itself.

    >>> rounded_reprs([0.123449999, 1 / 3, 1.0, -2.5e-05, 12345.678]).tolist()
    ['0.1234', '0.3333', '1.0', '-0.0', '12345.678']
    """
    import numpy as np

    out = _rounded_array(values)
    if not _REPRS:
        _REPRS.append(np.array([repr(k / 10**4) for k in range(10**4 + 1)], dtype=object))
    with np.errstate(over="ignore", invalid="ignore"):
        k = np.rint(out * 10**4)
        known = (k >= 0) & (k <= 10**4) & (k / 10**4 == out) & ~np.signbit(out)
    strings = np.empty(out.shape, dtype=object)
    strings[known] = _REPRS[0][k[known].astype(np.int64)]
    for i in zip(*np.nonzero(~known)):
        strings[i] = repr(float(out[i]))
    return strings


def unit_json_lines(doc: Document, coded_only: bool = False) -> str:
    """The JSON lines of :func:`unit_records` (as :func:`textags._output.write_jsonl` writes them),
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
        values = [list(t.probs.values()) for t in tags] if all(list(t.probs) == labels for t in tags) else []
        confidence = [t.confidence for t in tags]
        probs = np.array(values)
        if (
            probs.shape != (len(tags), len(labels))
            or set(map(type, chain(confidence, chain.from_iterable(values)))) != {float}
            or not (np.isfinite(probs).all() and np.isfinite(confidence).all())
        ):
            # a mix of label sets, numbers that are not floats, or NaN and infinities (which JSON
            # spells its own way): the records' way
            from ._output import records_text

            return records_text(unit_records(doc, coded_only))
        # the "probs" object of every tag, made all at once: each label's key before its rounded value
        keys = np.array([_quote(k) + ": " for k in labels], dtype=object)
        rows = zip(rounded_reprs(confidence).tolist(), map(", ".join, (keys + rounded_reprs(probs)).tolist()))
    sections: dict = {}  # the JSON of each section met, which repeats from unit to unit
    head = '{"doc": ' + _quote(doc.name) + ', "index": '
    lines = []
    for u in units:
        section = sections.get(u.section)
        if section is None:
            section = sections[u.section] = ", ".join(map(_quote, u.section))
        line = (
            f'{head}{u.index}, "start": {u.start}, "end": {u.end}, "kind": {_quote(u.kind)}, '
            f'"section": [{section}], "text": {_quote(u.text)}'
        )
        t = u.tag
        if t is not None:
            c, p = next(rows)
            line += (
                f', "label": {_quote(t.label)}, "confidence": {c}, "probs": {{{p}}}, '
                f'"terms": [{", ".join(map(_quote, map(_first, t.terms)))}]'
            )
            if t.alone is not None:
                line += f', "alone": {_quote(t.alone)}'
            if t.rule is not None:
                line += f', "rule": {_quote(t.rule)}'
        lines.append(line + "}\n")
    return "".join(lines)
