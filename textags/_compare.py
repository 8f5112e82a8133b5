"""Emphasis compared across documents, parts, years, places or levels: the public :func:`compare`.

It tags what is not tagged yet and hands the tagged documents to
:func:`textags._emphasis.compare_tagged`, so that the emphasis arithmetic needs no model.
"""

from __future__ import annotations

__all__ = ["compare"]


def compare(
    docs,
    *,
    by: str = "document",
    model=None,
    n_boot: int = 1000,
    random_state: int = 0,
    documents=None,
    baseline: str | None = None,
) -> list[dict]:
    """Emphasis rows for several documents, and the shift of each group from the one before, ready for pandas.

    Parameters
    ----------
    docs : iterable of Document, path or text
        Untagged inputs are tagged with ``model`` (default: the shipped one).
    model : Model or path, optional
        The model that tags untagged inputs and whose codebook names the domains.
    n_boot, random_state : int
        Bootstrap resamples for the 95% intervals, and their seed.
    by : str
        ``document``; ``part`` (each document's review and plan parts); or
        any field of :func:`textags._metadata.describe` (``year``,
        ``level``, ``place`` ...) or column of the documents table, to pool
        documents by it.
    documents : path, optional
        The user's documents table (see :mod:`textags._metadata`); it wins
        over what is read from the reports.
    baseline : str, optional
        Shifts are from this group (with ``by="part"``: this part of the
        same document) instead of the group before.

    Returns
    -------
    list of dict
        One row per group, measure and domain: ``group``, ``by``, the
        group's metadata, :data:`textags._emphasis.ROW_COLUMNS`, and the shift columns of
        :data:`textags._shift.SHIFT_COLUMNS`.  Groups are sorted: years and
        other numbers ascending, levels from national down.

    Examples
    --------
    >>> import textags
    >>> from textags._examples import SENTENCES
    >>> docs = [textags.segment("\\n".join(SENTENCES[:6]), name="a"), textags.segment("\\n".join(SENTENCES[6:]), name="b")]
    >>> rows = textags.compare(docs)
    >>> sorted({r["group"] for r in rows})
    ['a', 'b']
    >>> {"domain", "share", "low", "high"} <= set(rows[0])
    True
    """
    from ._emphasis import compare_tagged
    from ._model import tag

    tagged = [d if getattr(d, "tagged", False) else tag(d, model) for d in docs]
    return compare_tagged(tagged, by, model, n_boot, random_state, documents, baseline)
