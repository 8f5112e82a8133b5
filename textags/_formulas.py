"""Spreadsheet formula neutralisation for CSV and TSV cells (as OWASP advises for CSV injection).

A spreadsheet opening a CSV file runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` (or a tab or carriage return before one) as a formula: a
report sentence such as ``=HYPERLINK(...)`` or ``-2+3``, or a file named
``=1+1.txt``, would be evaluated.  Text cells that start so get a leading
apostrophe, which spreadsheets show as text and do not store.  Numbers
textags itself computed (an ``int`` or ``float`` such as a confidence or
``-0.5``) stay numbers.

Examples
--------
>>> [neutral(v) for v in ("=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\\t=1", "税收增长", -0.5, 3)]
["'=1+1", "'+SUM(A1)", "'-2+3", "'@SUM(A1)", "'\\t=1", '税收增长', -0.5, 3]
"""

from __future__ import annotations

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value):
    """``value`` made safe for a spreadsheet cell: text starting like a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restored(value: str) -> str:
    """A cell read back from a sheet textags wrote: the apostrophe :func:`neutral` added removed.

    >>> restored("'=1+1"), restored("'引号"), restored("税收")
    ('=1+1', "'引号", '税收')
    """
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
