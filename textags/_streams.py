"""The command line's standard streams and termination signals, made safe before a command runs.

- A closed standard output, input or error (``textags tag a.txt >&-``) is
  not a crash: writing to a closed output, or reading a closed input, is a
  one-line error; a closed error stream is silenced.
- A locale whose encoding cannot write Chinese (an ASCII-only locale) gets
  UTF-8 output rather than an encoding error.
- SIGTERM and SIGHUP raise :class:`Terminated` in the main process, so the
  temporary file of an output being written is removed and one line is
  printed; forked workers take the default action (no traceback).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator

from ._errors import TextagsError


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM or SIGHUP)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _Closed:
    """Stands for a closed standard stream: writing to it or reading from it is a one-line error."""

    encoding = "utf-8"
    closed = False

    def __init__(self, what: str, hint: str):
        self.what, self.hint = what, hint

    def _refuse(self, *args, **kwargs):
        raise TextagsError(f"standard {self.what} is closed; {self.hint}")

    write = read = readline = _refuse

    @property
    def buffer(self):
        self._refuse()

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        self._refuse()


def _utf8(stream):
    try:
        "中文".encode(stream.encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        try:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    return stream


def prepare() -> None:
    """Make the standard streams safe (see the module's description)."""
    if sys.stdout is None:
        sys.stdout = _Closed("output", "write to a file with -o OUT")
    else:
        _utf8(sys.stdout)
    if sys.stdin is None:
        sys.stdin = _Closed("input", "give the report as a file")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process
    else:
        _utf8(sys.stderr)


def _raise(signum, frame):
    raise Terminated(signum)


def catch_termination() -> dict:
    """SIGTERM and SIGHUP raise :class:`Terminated` (in the main thread); return the handlers replaced."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _raise) for sig in _SIGNALS}


def restore_termination(handlers: dict) -> None:
    """Put back the handlers :func:`catch_termination` replaced."""
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def default_termination() -> None:
    """SIGTERM and SIGHUP back to their default action, and let through (in a worker process)."""
    for sig in _SIGNALS:
        signal.signal(sig, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


@contextlib.contextmanager
def held_termination() -> Iterator[None]:
    """Hold SIGTERM and SIGHUP back while processes are forked (a handler raising inside
    the fork's own hooks would be lost); they arrive once the forking is done."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


_SIGNALS = tuple(s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)
