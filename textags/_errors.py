"""The one exception a user sees, and the warning for set-aside input."""

from __future__ import annotations


class TextagsError(Exception):
    """Bad input or a failed operation, with where it happened and what to do.

    Parameters
    ----------
    message : str
        What is wrong and what to do about it.
    path : str, optional
        The file concerned.
    line : int, optional
        The line of that file (1-based), for data files.

    Examples
    --------
    >>> str(TextagsError("unknown label 'econ'; use one of economy, ...", path="a.csv", line=3))
    "a.csv:3: unknown label 'econ'; use one of economy, ..."
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __reduce__(self):
        # rebuilt from its attributes, not its arguments, so an error raised in a worker process
        # reaches the main one whole, whatever the subclass's own arguments
        # (``path`` is read apart: on an ImportError it is a slot, not in ``__dict__``)
        return _rebuild, (type(self), {**self.__dict__, "path": self.path})

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


def _rebuild(cls, state: dict) -> TextagsError:
    error = Exception.__new__(cls)
    error.args = (state["message"],)
    for name, value in state.items():
        setattr(error, name, value)
    return error


class MissingExtraError(TextagsError, ImportError):
    """An optional dependency is not installed.

    >>> str(MissingExtraError("pdf", "pypdfium2", path="a.pdf"))
    'a.pdf: reading this file needs pypdfium2: pip install "textags[pdf]"'
    """

    def __init__(self, extra: str, package: str, path: str | None = None, what: str = "reading this file"):
        super().__init__(f'{what} needs {package}: pip install "textags[{extra}]"', path=path)
        self.extra = extra
        self.package = package


class ReadWarning(UserWarning):
    """Part of a file could not be read as text and was left out; the message names it.

    >>> issubclass(ReadWarning, UserWarning)
    True
    """
