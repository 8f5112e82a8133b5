"""Atomic writes: a temporary file in the target's directory, then a rename.

A crash halfway leaves the old file (or no file) in place, never half a file.

Examples
--------
>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "out.txt")
>>> with atomic_open(p) as f:
...     _ = f.write("一")
>>> open(p, encoding="utf-8").read()
'一'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import TextagsError


def check_writable(path: str | os.PathLike, force: bool = False) -> None:
    """Refuse an existing ``path`` unless ``force``; refuse a missing directory."""
    p = Path(path)
    if p.exists() and not force:
        raise TextagsError("already exists; pass --force to overwrite it", str(p))
    if p.is_dir():
        raise TextagsError("is a directory; give a file name", str(p))
    if not p.parent.exists():
        raise TextagsError(f"cannot be written: directory {p.parent} does not exist", str(p))


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it onto ``path`` on success."""
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent or ".")
    try:
        if "b" in mode:
            f = os.fdopen(fd, mode)
        else:
            f = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", encoding=None) as f:
        f.write(data)
