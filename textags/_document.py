"""The frozen data model: a :class:`Document` owns its cleaned text and its units.

A :class:`Unit` is a view onto ``Document.text`` by offsets, so that
``doc.text[u.start:u.end] == u.text`` always holds.  A unit may carry a
:class:`Tag` once a model has labelled it.

Examples
--------
>>> from textags import segment
>>> doc = segment("一、抓经济\\n全年完成区级税收5.60亿元。新增就业岗位358个。")
>>> [(u.kind, u.text) for u in doc.units]
[('heading', '一、抓经济'), ('body', '全年完成区级税收5.60亿元。'), ('body', '新增就业岗位358个。')]
>>> all(doc.text[u.start:u.end] == u.text for u in doc.units)
True
>>> doc.units[1].section
('一、抓经济',)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from ._removal import Removal

#: The kinds a unit can have.  Only ``heading`` and ``body`` units are coded
#: and counted in emphasis; the others are kept so a reader can see what
#: cleaning set aside.
KINDS = ("heading", "body", "footnote", "table", "furniture")

#: Kinds that carry report content and are tagged and counted.
CODED_KINDS = ("heading", "body")


@dataclass(frozen=True, init=False)
class Tag:
    """A model's label for one unit.

    Parameters
    ----------
    label : str
        The predicted label, one of the model's labels (:mod:`textags._codebook`).
    confidence : float
        The probability of ``label``.
    probs : Mapping[str, float]
        The probability of every label, in the model's label order.
    terms : tuple of (str, float)
        The features that weighed most for ``label``, with their weight.
    alone : str or None
        The label the unit's text gets on its own, when the unit was read
        with its neighbours (:mod:`textags._neighbours`); None otherwise.
        Where it differs from ``label``, the neighbours decided.
    rule : str or None
        The codebook rule that settled the label (:mod:`textags._rules`;
        ``probs`` then give ``other`` 1 and ``terms`` are empty); None when
        the model decided.

    Examples
    --------
    >>> from textags import tag
    >>> t = tag(text="坚持党管武装，有效落实民兵整组任务。").coded_units[0].tag
    >>> t.label, t.confidence == t.probs[t.label] == max(t.probs.values()), t.rule
    ('party', True, None)
    """

    label: str
    confidence: float
    probs: Mapping[str, float]
    terms: tuple[tuple[str, float], ...] = ()
    alone: str | None = None
    rule: str | None = None

    def __init__(self, label, confidence, probs, terms=(), alone=None, rule=None):
        # one dict update instead of a frozen dataclass's setattr per field: a run makes one per unit
        self.__dict__.update(label=label, confidence=confidence, probs=probs, terms=terms, alone=alone, rule=rule)


@dataclass(frozen=True, init=False)
class Unit:
    """One sentence, heading or set-aside piece of a document.

    Parameters
    ----------
    index : int
        Position of the unit in its document, from 0.
    start, end : int
        Offsets into the document's cleaned text.
    text : str
        ``doc.text[start:end]``.
    kind : str
        One of :data:`KINDS`.
    section : tuple of str
        The headings the unit sits under, outermost first.
    tag : Tag or None
        The model's label, once tagged.

    Examples
    --------
    >>> from textags import segment
    >>> doc = segment("二、抓民生\\n年内新增加装电梯52台。")
    >>> u = doc.units[1]
    >>> u.kind, u.text, u.section, doc.text[u.start : u.end] == u.text, u.label
    ('body', '年内新增加装电梯52台。', ('二、抓民生',), True, None)
    """

    index: int
    start: int
    end: int
    text: str
    kind: str
    section: tuple[str, ...] = ()
    tag: Tag | None = None

    def __init__(self, index, start, end, text, kind, section=(), tag=None):
        # as Tag's: a run makes one per unit, and one more when it is tagged
        self.__dict__.update(index=index, start=start, end=end, text=text, kind=kind, section=section, tag=tag)

    @property
    def coded(self) -> bool:
        """Whether the unit carries report content (heading or body)."""
        return self.kind in CODED_KINDS

    @property
    def label(self) -> str | None:
        """The tag's label, or None when untagged."""
        return self.tag.label if self.tag is not None else None


@dataclass(frozen=True)
class Document:
    """A cleaned report and its units.

    Parameters
    ----------
    text : str
        The cleaned text; every unit is a slice of it.
    units : tuple of Unit
        In reading order, non-overlapping.
    name : str
        A short identifier, usually the file's stem.
    path : str or None
        Where the document was read from.
    removed : tuple of Removal
        Markup and footnote markers taken out by cleaning.
    meta : Mapping
        Free-form information (level, year, region ...).

    Examples
    --------
    >>> from textags import segment
    >>> doc = segment("各位代表：\\n坚持党管武装。", name="plan")
    >>> doc.name, [(u.kind, u.text) for u in doc.units]
    ('plan', [('heading', '各位代表：'), ('body', '坚持党管武装。')])
    """

    text: str
    units: tuple[Unit, ...]
    name: str = "<text>"
    path: str | None = None
    removed: tuple[Removal, ...] = ()
    meta: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for u in self.units:
            if self.text[u.start : u.end] != u.text:
                raise ValueError(f"unit {u.index} does not match the text at {u.start}:{u.end}")

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    @property
    def coded_units(self) -> tuple[Unit, ...]:
        """The heading and body units: what gets tagged and counted."""
        return tuple(u for u in self.units if u.coded)

    @property
    def tagged(self) -> bool:
        """Whether every coded unit carries a tag."""
        coded = self.coded_units
        return bool(coded) and all(u.tag is not None for u in coded)

    def with_tags(self, tags: Mapping[int, Tag]) -> Document:
        """Return a copy whose units with an index in ``tags`` carry that tag."""
        units = tuple(
            Unit(u.index, u.start, u.end, u.text, u.kind, u.section, tags[u.index]) if u.index in tags else u
            for u in self.units
        )
        return replace(self, units=units)

    def emphasis(self, **kwargs):
        """Per-domain shares of this tagged document; see :func:`textags._emphasis.emphasis`."""
        from ._emphasis import emphasis

        return emphasis(self, **kwargs)

    def parts(self):
        """Split into review and plan parts; see :func:`textags._parts.split_parts`."""
        from ._parts import split_parts

        return split_parts(self)

    def plot_emphasis(self, **kwargs):
        """Bar chart of the emphasis; see :func:`textags._plot.plot_emphasis`."""
        from ._plot import plot_emphasis

        return plot_emphasis(self, **kwargs)
