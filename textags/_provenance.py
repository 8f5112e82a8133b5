"""Where the bundled reports' documents table is: installed (``textags/reports``) or in a source checkout.

What a report *is* (its title, year, level, place) is read from its text by
:mod:`textags._metadata`, never guessed from its file name.
"""

from __future__ import annotations

from pathlib import Path


def bundled_documents_csv() -> Path | None:
    """The documents table of the bundled reports: installed (``textags/reports``) or of a source checkout."""
    here = Path(__file__).resolve().parent
    for p in (here / "reports" / "documents.csv", here.parent / "data" / "documents.csv"):
        if p.exists():
            return p
    return None
