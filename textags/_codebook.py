"""The label set as data: labels, their Chinese names and colours, and which of them are the domains.

A :class:`Codebook` holds a model's labels in order, a name for each
(Chinese, may be empty) and a colour for each, and the label left out of
the domains (``other``; None when every label is a domain).  The domains
are the labels minus that one.  :data:`DEFAULT` is the six-label codebook
of ``/work/shared/codebook.md`` that the shipped model was trained on.

Colours: the six default labels keep their fixed Okabe--Ito colours
(:data:`DEFAULT_COLOURS`) in any codebook; ``other`` (or the codebook's
left-out label) is grey; every further label takes the next unused colour
of :data:`EXTRA_COLOURS`, then evenly spread hues -- so any number of
labels gets distinct colours, the same ones every time.

Everything that summarises or draws tags asks :func:`codebook_of` the
codebook of what it has in hand -- a model, a model's card, a tagged
document or a codebook -- instead of assuming the six labels.

Examples
--------
>>> DEFAULT.domains
('economy', 'livelihood', 'safety', 'party', 'governance')
>>> cb = Codebook.derive(["economy", "environment", "governance", "other"])
>>> cb.labels, cb.domains, cb.colour("environment"), cb.colour("other")
(('economy', 'governance', 'environment', 'other'), ('economy', 'governance', 'environment'), '#56B4E9', '#999999')
>>> cb.name("environment"), DEFAULT.name("party")
('', '党的建设')
"""

from __future__ import annotations

import colorsys
import csv
import io
import itertools
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ._errors import TextagsError

#: The six labels of the default codebook, in their fixed order.
LABELS = ("economy", "livelihood", "safety", "party", "governance", "other")
#: The five policy domains of the default codebook: every label but ``other``.
DOMAINS = LABELS[:5]
#: Chinese names of the default labels.
LABEL_NAMES_ZH = {
    "economy": "经济发展",
    "livelihood": "民生保障",
    "safety": "平安安全",
    "party": "党的建设",
    "governance": "城市治理",
    "other": "其他",
}
#: One colour per default label, from the Okabe--Ito palette (distinguishable with
#: the common colour-vision deficiencies); ``other`` is neutral grey.
DEFAULT_COLOURS = {
    "economy": "#0072B2",
    "livelihood": "#E69F00",
    "safety": "#D55E00",
    "party": "#CC79A7",
    "governance": "#009E73",
    "other": "#999999",
}
#: Short Chinese names people write for the default labels (besides their full names).
SHORT_NAMES = {
    "经济": "economy",
    "民生": "livelihood",
    "安全": "safety",
    "平安": "safety",
    "党建": "party",
    "治理": "governance",
    "其它": "other",
}
#: The colour of the label left out of the domains.
OTHER_COLOUR = "#999999"
#: Colours for further labels, in order: the rest of Okabe--Ito, then Paul Tol's "muted" palette.
EXTRA_COLOURS = (
    "#56B4E9",
    "#F0E442",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_TRUE = {"1", "true", "yes", "y", "t", "x", "other"}
#: What a label may be: one word (it names a CSS class and a column), in any script.
_LABEL = re.compile(r"[^\W\d][\w-]*")


def _hue(k: int) -> str:
    """The ``k``-th colour beyond the fixed palettes: hues a golden angle apart, mid lightness."""
    r, g, b = colorsys.hls_to_rgb((0.11 + 0.381966 * k) % 1.0, 0.45, 0.65)
    return "#" + "".join(f"{round(255 * c):02X}" for c in (r, g, b))


def palette(labels: Iterable[str], other: str | None = "other", given: Mapping[str, str] | None = None) -> dict:
    """A colour for every label: ``given`` first, the default ones, grey for ``other``, then new distinct colours.

    >>> palette(["economy", "a", "b", "other"])
    {'economy': '#0072B2', 'a': '#56B4E9', 'b': '#F0E442', 'other': '#999999'}
    """
    labels = list(labels)
    given = dict(given or {})
    out = {}
    for lab in labels:
        if given.get(lab):
            out[lab] = given[lab]
        elif lab in DEFAULT_COLOURS and lab != "other":
            out[lab] = DEFAULT_COLOURS[lab]
        elif lab == other:
            out[lab] = OTHER_COLOUR
    used = {c.upper() for c in out.values()}
    extra = (c for c in itertools.chain(EXTRA_COLOURS, map(_hue, itertools.count())) if c.upper() not in used)
    for lab in labels:
        if lab not in out:
            out[lab] = next(extra)
    return {lab: out[lab] for lab in labels}


@dataclass(frozen=True)
class Codebook:
    """A label set: the labels in order, a name and a colour for each, and the label left out of the domains.

    Build one with :meth:`of` (labels as given) or :meth:`derive` (labels
    from data, in a canonical order); read one with :func:`read_codebook`.

    Attributes
    ----------
    labels : tuple of str
    names : tuple of str
        Each label's (Chinese) name, ``""`` when it has none.
    colours : tuple of str
        Each label's colour, ``#RRGGBB``.
    other : str or None
        The label that is not a domain (counted apart); None: every label is a domain.
    """

    labels: tuple
    names: tuple
    colours: tuple
    other: str | None = "other"

    @classmethod
    def of(cls, labels, names: Mapping | None = None, colours: Mapping | None = None, other="other") -> Codebook:
        """A codebook of ``labels`` in the order given; ``other`` is None when no such label is among them.

        >>> Codebook.of(["b", "a"], names={"a": "甲"}).names
        ('', '甲')
        """
        labels = tuple(dict.fromkeys(str(lab).strip() for lab in labels))
        if not labels:
            raise ValueError("a codebook needs at least one label")
        bad = [lab for lab in labels if not _LABEL.fullmatch(lab)]
        if bad:
            raise ValueError(f"label {bad[0]!r} is not one word; use letters, digits, - and _ (no spaces)")
        other = other if other in labels else None
        names = {**LABEL_NAMES_ZH, **dict(names or {})}  # the default labels keep their names
        colours = palette(labels, other, colours)
        return cls(
            labels, tuple(str(names.get(lab, "")) for lab in labels), tuple(colours[lab] for lab in labels), other
        )

    @classmethod
    def derive(cls, labels: Iterable[str], other="other") -> Codebook:
        """The codebook of labels found in data or a model: the default labels in their order, then the rest
        in the order given, the left-out label last.  Labels all among the six default ones give :data:`DEFAULT`
        (a model that never saw one of them still reports all five domains, as it always has)."""
        labels = list(dict.fromkeys(str(lab) for lab in labels))
        if set(labels) <= set(LABELS) and other == "other":
            return DEFAULT
        known = [lab for lab in LABELS if lab in labels and lab != other]
        new = [lab for lab in labels if lab not in LABELS and lab != other]
        return cls.of([*known, *new, *([other] if other in labels else [])], other=other)

    @property
    def domains(self) -> tuple:
        """The labels that are policy domains: every label but :attr:`other`."""
        return tuple(lab for lab in self.labels if lab != self.other)

    @property
    def colour_map(self) -> dict:
        """``{label: colour}``."""
        return dict(zip(self.labels, self.colours))

    def name(self, label: str) -> str:
        """The label's (Chinese) name, ``""`` when it has none."""
        return dict(zip(self.labels, self.names)).get(label, "")

    def colour(self, label: str) -> str:
        """The label's colour (grey for a label not in the codebook)."""
        return self.colour_map.get(label, OTHER_COLOUR)

    def titled(self, label: str) -> str:
        """``label`` and its name: ``economy 经济发展``, or the label alone when it has no name."""
        name = self.name(label)
        return f"{label} {name}" if name else label

    def domains_phrase(self) -> str:
        """``the five domains``: how the text of tables and charts names the domains.

        >>> DEFAULT.domains_phrase(), Codebook.of(["a", "b", "other"]).domains_phrase()
        ('the five domains', 'the two domains')
        """
        n = len(self.domains)
        return f"the {_NUMBERS[n] if n < len(_NUMBERS) else n} domain{'' if n == 1 else 's'}"

    def label_id(self, text: str) -> str | None:
        """The label a person meant: a label in any case, or its name (the default labels' short
        names too: 经济, 党建 ...); None if neither.

        >>> DEFAULT.label_id("Economy"), DEFAULT.label_id(" 经济发展 "), DEFAULT.label_id("党建"), DEFAULT.label_id("x")
        ('economy', 'economy', 'party', None)
        """
        t = str(text).strip()
        lower = {lab.lower(): lab for lab in self.labels}
        if t.lower() in lower:
            return lower[t.lower()]
        t = t.replace(" ", "")
        names = {
            **{zh: lab for zh, lab in SHORT_NAMES.items()},
            **{n: lab for lab, n in zip(self.labels, self.names) if n},
        }
        lab = names.get(t)
        return lab if lab in self.labels else None

    def label_help(self) -> str:
        """The accepted labels, for an error message: ``economy (经济发展), ...``."""
        return ", ".join(f"{lab} ({name})" if name else lab for lab, name in zip(self.labels, self.names))

    def to_dict(self) -> dict:
        """A JSON-ready dict (the ``codebook`` of a model's card); :func:`codebook_of` reads it back."""
        return {
            "labels": list(self.labels),
            "names": dict(zip(self.labels, self.names)),
            "colours": self.colour_map,
            "other": self.other,
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> Codebook:
        """The codebook of :meth:`to_dict`."""
        if not isinstance(d, Mapping) or not isinstance(d.get("labels"), list) or not d["labels"]:
            raise ValueError("a codebook needs a non-empty list of labels")
        return cls.of(d["labels"], d.get("names") or {}, d.get("colours") or {}, d.get("other"))


DEFAULT = Codebook(LABELS, tuple(LABEL_NAMES_ZH[lab] for lab in LABELS), tuple(DEFAULT_COLOURS.values()), "other")


def codebook_of(obj=None) -> Codebook:
    """The codebook of what is in hand: a codebook; a model or its card; tagged documents or units; None.

    A card's ``codebook`` wins; else its ``labels`` (:meth:`Codebook.derive`).
    Tagged documents' labels are those their tags' probabilities name
    (the model's labels).  Labels all among the six default ones, None, or
    anything without labels, give :data:`DEFAULT`.

    >>> codebook_of({"labels": ["other", "economy", "governance", "livelihood", "party", "safety"]}) is DEFAULT
    True
    >>> codebook_of({"labels": ["economy", "environment", "other"]}).domains
    ('economy', 'environment')
    """
    if obj is None:
        return DEFAULT
    if isinstance(obj, Codebook):
        return obj
    card = getattr(obj, "card", None)
    if isinstance(card, Mapping):
        obj = card
    if isinstance(obj, Mapping):
        if obj.get("codebook"):
            return Codebook.from_dict(obj["codebook"])
        return Codebook.derive(obj["labels"]) if obj.get("labels") else DEFAULT
    labels = _tag_labels([obj] if hasattr(obj, "units") or hasattr(obj, "tag") else obj)
    return Codebook.derive(labels) if labels else DEFAULT


def codebook_for(model, docs) -> Codebook:
    """The codebook of ``model`` (a model or its card) when it names its labels, else that of the tagged ``docs``."""
    card = getattr(model, "card", model)
    if isinstance(card, Mapping) and (card.get("codebook") or card.get("labels")):
        return codebook_of(card)
    return codebook_of(list(docs))


def _tag_labels(items) -> list:
    """The labels named by the tags of documents' units (or of units): their probabilities', then their own."""
    out: dict = {}
    for x in items:
        for u in getattr(x, "units", None) or [x]:
            t = getattr(u, "tag", None)
            if t is not None:
                out.update(dict.fromkeys(t.probs or ()))
                out[t.label] = None
    return list(out)


def read_codebook(path: str | os.PathLike) -> Codebook:
    """Read a codebook file: CSV (``label`` and optional ``name``, ``colour``, ``other`` columns) or JSON.

    In CSV, a non-empty ``other`` cell (``1``, ``yes``, ``other``) marks the
    label left out of the domains; without such a column, a label named
    ``other`` is.  JSON holds :meth:`Codebook.to_dict`'s keys.

    Raises
    ------
    TextagsError
        Naming the file (and line) when it cannot be read or makes no codebook.
    """
    path = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise TextagsError(f"cannot be read ({exc.strerror}); give a codebook file (CSV or JSON)", path) from None
    except UnicodeDecodeError:
        raise TextagsError("is not UTF-8 text; save the codebook as CSV UTF-8", path) from None
    if path.lower().endswith(".json"):
        try:
            return Codebook.from_dict(json.loads(text))
        except (json.JSONDecodeError, ValueError, TypeError) as exc:
            raise TextagsError(f"is not a codebook ({exc}); give labels, names, colours, other", path) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [(f or "").strip().lower() for f in reader.fieldnames or ()]
    if "label" not in fields:
        raise TextagsError("has no label column; give a CSV with a header: label,name,colour,other", path, 1)
    reader.fieldnames = fields
    labels, names, colours, others = [], {}, {}, []
    for row in reader:
        lab = (row.get("label") or "").strip()
        if not lab:
            continue
        if lab in labels:
            raise TextagsError(f"names the label {lab!r} twice; keep one row per label", path, reader.line_num)
        colour = (row.get("colour") or row.get("color") or "").strip()
        if colour and not (len(colour) == 7 and colour[0] == "#" and _is_hex(colour[1:])):
            raise TextagsError(f"colour {colour!r} is not #RRGGBB", path, reader.line_num)
        labels.append(lab)
        names[lab] = (row.get("name") or "").strip()
        if colour:
            colours[lab] = colour
        if (row.get("other") or "").strip().lower() in _TRUE:
            others.append(lab)
    if len(labels) < 2:
        raise TextagsError("names fewer than two labels; a codebook needs at least two", path)
    if len(others) > 1:
        raise TextagsError(f"marks {len(others)} labels as other; mark at most one", path)
    other = others[0] if others else (None if "other" in fields else "other")
    try:
        return Codebook.of(labels, names, colours, other)
    except ValueError as exc:
        raise TextagsError(f"{exc}", path) from None


def _is_hex(s: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in s)
