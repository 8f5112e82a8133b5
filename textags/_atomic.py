"""Writes that only ever replace what textags itself wrote.

A regular file is written atomically: a temporary file in the target's
directory, then a rename, so a crash halfway leaves the old file (or no
file), never half a file.  A target that is not a regular file is never
renamed over: a character device or a FIFO (``/dev/null``, ``/dev/stdout``,
a named pipe) is written through; a block device, a socket or a directory is
refused.  A symbolic link is refused unless ``force``, and then the file it
points to is written (the link stays).  An existing file is kept unless
``force``, and an output that is one of the run's inputs is always refused.

Examples
--------
>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "out.txt")
>>> with atomic_open(p) as f:
...     _ = f.write("一")
>>> open(p, encoding="utf-8").read()
'一'
>>> check_writable(p)
Traceback (most recent call last):
textags._errors.TextagsError: ...out.txt: already exists; pass --force to overwrite it
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ._errors import TextagsError

#: Errors of a write that are the machine's state, not a bug: said in one line.
_WRITE_ERRORS = {
    errno.ENOSPC: "the disk is full; free some space or write elsewhere",
    errno.EDQUOT: "the disk quota is exceeded; free some space or write elsewhere",
    errno.EFBIG: "the file would be too large for this disk",
    errno.EROFS: "the disk is read-only; write elsewhere",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "permission denied; choose a folder you can write to",
    errno.ENAMETOOLONG: "the name is too long; give a shorter file name",
    errno.ENOTDIR: "a folder on the path is a file; give a path inside a folder",
    errno.ENOENT: "its folder does not exist; create it first",
    errno.EIO: "the disk reported an input/output error",
}

#: Of those, the ones a write itself meets (others in the caller's work are the caller's).
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO}


def write_error(exc: OSError, path: str | os.PathLike) -> TextagsError:
    """The one-line error for an ``OSError`` met writing ``path``.

    >>> str(write_error(OSError(errno.ENOSPC, "No space left on device"), "out.csv"))
    'out.csv: cannot be written: the disk is full; free some space or write elsewhere'
    """
    what = _WRITE_ERRORS.get(exc.errno) or f"{exc.strerror or exc}; check the path"
    return TextagsError(f"cannot be written: {what}", os.fsdecode(path))


def _mode(path: Path) -> int | None:
    """``st_mode`` of what ``path`` names (links followed), or None when nothing is there."""
    try:
        return path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise TextagsError("is a symbolic link that loops; give a real file name", str(path)) from None
        raise write_error(exc, path) from None


def passes_through(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a character device or a FIFO, written through rather than replaced.

    >>> passes_through("/dev/null"), passes_through("/no/such/file")
    (True, False)
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_writable(path: str | os.PathLike, force: bool = False) -> None:
    """Refuse ``path`` unless writing it replaces nothing textags may not replace.

    Raises
    ------
    TextagsError
        An existing file without ``force``; a symbolic link without
        ``force``; a directory, block device or socket; a missing folder.
    """
    p = Path(path)
    name = os.fsdecode(path)
    mode = _mode(p)
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        return  # written through, never replaced
    if p.is_symlink() and not force:
        raise TextagsError(
            f"is a symbolic link (to {os.readlink(p)}); pass --force to write the file it points to", name
        )
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise TextagsError("is a directory; give a file name", name)
        if not stat.S_ISREG(mode):
            raise TextagsError("is a device or socket, not a file; give a file name", name)
        if not force:
            raise TextagsError("already exists; pass --force to overwrite it", name)
    parent = Path(os.path.realpath(p)).parent
    pmode = _mode(parent)
    if pmode is None:
        raise TextagsError(f"cannot be written: folder {parent} does not exist; create it first", name)
    if not stat.S_ISDIR(pmode):
        raise TextagsError(f"cannot be written: {parent} is a file, not a folder", name)


def check_not_input(output: str | os.PathLike | None, inputs: Iterable) -> None:
    """Refuse an output that is one of the inputs (the same file, by any name); ``inputs`` may hold lists.

    >>> check_not_input("a.csv", ["b.txt", "a.csv"])
    Traceback (most recent call last):
    textags._errors.TextagsError: a.csv: is also an input of this run; write the output to another file
    """
    if output in (None, "-") or passes_through(output):
        return
    out = os.path.realpath(output)
    for p in (q for given in inputs for q in (given if isinstance(given, list) else [given])):
        if p in (None, "-"):
            continue
        same = os.path.realpath(p) == out
        with contextlib.suppress(OSError):
            same = same or os.path.samefile(p, output)
        if same:
            raise TextagsError("is also an input of this run; write the output to another file", os.fsdecode(output))


def _through(path: Path, mode: str, encoding: str | None, newline: str | None) -> IO:
    try:
        if "b" in mode:
            return open(path, mode)  # noqa: SIM115 - closed by the caller
        return open(path, mode, encoding=encoding, newline=newline)  # noqa: SIM115
    except OSError as exc:
        raise write_error(exc, path) from None


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """Open ``path`` for writing: a temporary file beside it, renamed onto it on success.

    A character device or FIFO is written through; a symbolic link's target
    is written, the link kept.  Call :func:`check_writable` first to refuse
    what must not be written.
    """
    p = Path(path)
    if passes_through(p):
        f = _through(p, mode, encoding, newline)
        try:
            with f:
                yield f
        except OSError as exc:
            if exc.errno in _DISK_ERRORS:
                raise write_error(exc, p) from None
            raise
        return
    real = Path(os.path.realpath(p))  # a link's target; the link itself is never replaced
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name[:200]}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise write_error(exc, p) from None
    done = False  # whether the caller's writing is over (an error after it is the rename's)
    try:
        if "b" in mode:
            f = os.fdopen(fd, mode)
        else:
            f = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with f:
            yield f
            done = True
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno in (_WRITE_ERRORS if done else _DISK_ERRORS):
            raise write_error(exc, p) from None
        raise


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb", encoding=None) as f:
        f.write(data)
