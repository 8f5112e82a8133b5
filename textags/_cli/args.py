"""The ``textags`` command's shared pieces: the parser class, argument types and the options several commands take."""

from __future__ import annotations

import argparse

from .._errors import TextagsError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2 (a :class:`TextagsError`)."""

    def error(self, message):  # one line, exit 2
        raise TextagsError(f"{message} (see '{self.prog} --help')")


def count(low: int):
    """An argparse type: a whole number of at least ``low``.

    >>> count(1)("3")
    3
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {value}")
        return value

    return parse


def share(text: str) -> float:
    """An argparse type: a number between 0 and 1.

    >>> share("0.2")
    0.2
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def add_output(p, formats, default, width: bool = True):
    p.add_argument("--format", choices=formats, default=default, help=f"output format (default {default})")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    if "table" in formats and width:
        p.add_argument(
            "--width",
            type=count(20),
            metavar="N",
            help="table width in columns (default: the terminal's, or 100 when not printing to a terminal)",
        )


def add_files_to_file(p, metavar: str, help: str | None = None) -> None:
    """Report files in, and the one file (``-o``, required) the command writes."""
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar=metavar, help=help)


def width(a) -> int:
    """The table width: --width, else the terminal's for standard output, else 100."""
    from .._table import DEFAULT_WIDTH, terminal_width

    if a.width:
        return a.width
    return terminal_width() if a.output in (None, "-") else DEFAULT_WIDTH


def newline(a) -> str | None:
    """How an output file is opened: CSV writes its own line ends."""
    return "" if a.format == "csv" else None


def add_model(p):
    p.add_argument("--model", metavar="PATH", help="model directory, or bundled for the shipped model (the default)")


def add_jobs(p, what: str = "tag N files at a time in worker processes (same output, same order)"):
    p.add_argument(
        "--jobs",
        type=count(1),
        default=None,
        metavar="N",
        help=f"{what}; default: all the cores this process may use",
    )


def add_measure(p):
    p.add_argument(
        "--measure",
        choices=["units", "chars", "probs"],
        default="units",
        help="shares of units, characters or probabilities in the table (default units; JSON and CSV hold all)",
    )


def add_documents_table(p):
    p.add_argument(
        "--documents",
        metavar="CSV",
        help="your table of the reports (columns file,title,year,level,region and any others); "
        "it wins over what is read from the reports",
    )


def add_documents(p):
    p.add_argument(
        "--documents",
        metavar="CSV",
        help="table (id,file under raw/ beside it) of the labelled documents' reports, read for neighbour "
        "context; without it a report is found through the file column that textags label writes, or as "
        "DOC.txt (.md .docx .pdf) beside the labelled file (the bundled reports are always known)",
    )


def add_codebook(p, help: str = "the labels, when they are not the six default ones") -> None:
    p.add_argument("--codebook", metavar="FILE", help=help)


def codebook(a):
    """The codebook named by ``--codebook`` (:func:`textags._codebook.read_codebook`), or None."""
    from .._codebook import read_codebook

    return read_codebook(a.codebook) if a.codebook else None


def switches(a) -> dict:
    """``--jobs``, ``--no-rules`` and (where the command has it) ``--no-neighbours`` as the API's keywords."""
    out = {"jobs": a.jobs, "rules": not a.no_rules}
    if hasattr(a, "no_neighbours"):
        out["neighbours"] = not a.no_neighbours
    return out


def add_no_rules(p) -> None:
    p.add_argument(
        "--no-rules",
        action="store_true",
        help="leave out the codebook rules (responsibility notes and lone list markers are other): the model alone",
    )
