"""Reading an input's bytes, bounded: what a report file may be, and how much of it is read.

A report is a regular file, standard input (``-``) or a pipe (a FIFO, or a
shell's process substitution ``<(...)``).  A device (``/dev/zero``,
``/dev/urandom``), a socket or a directory is refused before anything is
read, since such an input may never end.  At most :data:`MAX_TEXT_BYTES`
are read of a text report and :data:`MAX_FILE_BYTES` of a ``.docx`` or
``.pdf`` file; a larger input is refused, naming the file, so memory stays
bounded per file.

Examples
--------
>>> read_bounded("/dev/zero")
Traceback (most recent call last):
textags._errors.TextagsError: /dev/zero: is a device, not a report file; give a report file (.txt, .md, .docx or .pdf)
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ._errors import TextagsError

#: The most bytes read of a text report (16 MiB, about 5.5 million Chinese characters).
MAX_TEXT_BYTES = 16 * 1024 * 1024
#: The most bytes read of a .docx or .pdf report (128 MiB: pictures make them large).
MAX_FILE_BYTES = 128 * 1024 * 1024

_CHUNK = 1 << 20


def limit_of(path: str) -> int:
    """The most bytes read of ``path``: :data:`MAX_FILE_BYTES` for .docx/.pdf, else :data:`MAX_TEXT_BYTES`."""
    return MAX_FILE_BYTES if Path(path).suffix.lower() in (".docx", ".pdf") else MAX_TEXT_BYTES


def is_pipe(path: str) -> bool:
    """Whether ``path`` is standard input or a pipe: read once, so read in the main process."""
    if path == "-":
        return True
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB"


def _read_stream(stream, limit: int, name: str) -> bytes:
    chunks, total = [], 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise TextagsError(
                f"is larger than {_size(limit)}, the most textags reads of one report; split it into smaller files",
                name,
            )
    return b"".join(chunks)


def _stdin_buffer():
    if sys.stdin is None or getattr(sys.stdin, "closed", False):
        raise TextagsError("standard input is closed; give the report as a file", "<stdin>")
    return sys.stdin.buffer


def read_bounded(path: str) -> bytes:
    """The bytes of a report file, ``-`` (standard input) or a pipe, refusing what cannot be a report."""
    limit = limit_of(path)
    if path == "-":
        return _read_stream(_stdin_buffer(), limit, "<stdin>")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise _open_error(exc, path) from None
    if stat.S_ISDIR(mode):
        raise TextagsError("is a directory; give the report files inside it (e.g. dir/*.txt)", path)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise TextagsError("is a device, not a report file; give a report file (.txt, .md, .docx or .pdf)", path)
    if stat.S_ISREG(mode) and os.stat(path).st_size > limit:
        raise TextagsError(
            f"is larger than {_size(limit)}, the most textags reads of one report; split it into smaller files", path
        )
    try:
        with open(path, "rb") as fh:
            return _read_stream(fh, limit, path)
    except OSError as exc:
        raise _open_error(exc, path) from None


def _open_error(exc: OSError, path: str) -> TextagsError:
    if exc.errno == errno.ELOOP:
        return TextagsError("is a symbolic link that loops; give the report file itself", path)
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return TextagsError(
                f"is a symbolic link to {os.readlink(path)}, which does not exist; check the path", path
            )
        return TextagsError("no such file; check the path", path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return TextagsError("permission denied; check the file's permissions", path)
    if exc.errno == errno.ENAMETOOLONG:
        return TextagsError("the name is too long; check the path", path)
    if exc.errno == errno.ENOTDIR:
        return TextagsError("a folder on the path is a file; check the path", path)
    return TextagsError(f"cannot be read ({exc.strerror}); check the file", path)
