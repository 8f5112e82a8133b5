"""Document ids of a run: named after their files, and distinct within the run.

Two files of one name in different folders (``a/x.txt``, ``b/x.txt``) would
otherwise be one document in a comparison and clash in a labelling sheet.
A name shared by several files is told apart by its folders, as few as
needed (``a/x``, ``b/x``); the same file given twice gets ``~2``, ``~3``.
The ids depend only on the paths given, so they are the same on every run.
A file name in another encoding than the system's (a GBK name on a UTF-8
system) is read as GB18030 when it decodes so, else its odd bytes become
``?``, so every id is printable text.

Examples
--------
>>> document_names(["a/x.txt", "b/x.txt", "y.txt", "y.txt", "-"])
['a/x', 'b/x', 'y', 'y~2', 'stdin']
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import PurePath


def printable(name: str) -> str:
    """``name`` with the undecodable bytes of a file name read as GB18030 (or shown as ``?``).

    >>> printable(b"\\xb1\\xa8\\xb8\\xe6".decode("utf-8", "surrogateescape"))
    '报告'
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace").replace("\ufffd", "?")


def _parts(path: str) -> tuple[str, ...]:
    p = PurePath(os.path.normpath(os.path.abspath(path)))
    return (*p.parent.parts[1:], p.stem)


def document_names(paths: Sequence[str | os.PathLike]) -> list[str]:
    """One distinct id per path, in order (``-`` is ``stdin``)."""
    paths = [os.fspath(p) for p in paths]
    names = ["stdin" if p == "-" else printable(PurePath(p).stem) for p in paths]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        groups[n].append(i)
    for members in groups.values():
        if len(members) < 2 or names[members[0]] == "stdin":
            continue
        parts = {i: _parts(paths[i]) for i in members}
        files = len(set(parts.values()))  # the same file given twice stays one name (then ~2)
        if files < 2:
            continue
        for depth in range(2, max(len(v) for v in parts.values()) + 1):
            tails = {i: v[-depth:] for i, v in parts.items()}
            if len(set(tails.values())) == files:
                break
        for i in members:
            names[i] = printable("/".join(tails[i]))
    seen: dict[str, int] = defaultdict(int)
    for i, n in enumerate(names):
        seen[n] += 1
        if seen[n] > 1:
            names[i] = f"{n}~{seen[n]}"
    return names


def load_all(paths: Sequence[str | os.PathLike]):
    """The documents of ``paths``, read and segmented one by one, each with its distinct id."""
    from ._inputs import load

    for path, name in zip(paths, document_names(paths)):
        yield load(path, name=name)
