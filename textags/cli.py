"""The ``textags`` command: argument parsing and printing only.

Every command calls one function of the Python API and writes what it
returns.  Bad input ends with one line on standard error naming the file
(and line) and what to do, exit status 2, and no traceback; an output file
is written atomically, so a failed run leaves none behind.

The commands live by group in :mod:`textags._cli`: ``tagging`` (segment,
tag, explain), ``emphasis`` (summarize, compare, report), ``learning`` (info,
evaluate, train, label, audit) and ``data``; their shared options are in
``_cli.args``.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings

from ._cli import data, emphasis, learning, tagging
from ._cli.args import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, Parser
from ._errors import TextagsError

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_INTERNAL", "EXIT_BAD_INPUT"]

#: The commands, in the order ``textags --help`` lists them.
ORDER = ("segment", "tag", "summarize", "compare", "explain", "info", "evaluate", "train", "label", "audit", "report")
ORDER += ("data",)

_GROUPS = (tagging, emphasis, learning, data)
PARSERS = {name: add for g in _GROUPS for name, add in g.PARSERS.items()}
COMMANDS = {name: cmd for g in _GROUPS for name, cmd in g.COMMANDS.items()}


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line, a subcommand per command of :data:`ORDER`."""
    from . import __version__

    parser = Parser(
        prog="textags",
        description="Tag the sentences of Chinese government work reports with a policy "
        "domain and summarise a report's emphasis.",
    )
    parser.add_argument("--version", action="version", version=f"textags {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in ORDER:
        PARSERS[name](sub)
    return parser


def _warn_one_line(message, category, filename, lineno, file=None, line=None):
    sys.stderr.write(f"textags: warning: {message}\n")


def _run(argv: list[str]) -> int:
    parser = build_parser()
    if not argv:
        parser.print_help()
        return EXIT_BAD_INPUT
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    from ._atomic import check_not_input

    inputs = ("files", "data", "paths", "file", "userdict", "documents")
    check_not_input(getattr(args, "output", None), [getattr(args, n, None) for n in inputs])
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = _warn_one_line
        return COMMANDS[args.command](args)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from ._streams import Terminated, catch_termination, prepare, restore_termination

    argv = sys.argv[1:] if argv is None else argv
    prepare()
    handlers = catch_termination()
    try:
        return _run(argv)
    except TextagsError as exc:
        sys.stderr.write(f"textags: {exc}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("textags: interrupted\n")
        return 130
    except Terminated as exc:
        sys.stderr.write("textags: terminated\n")
        return 128 + exc.signum
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)
    except MemoryError:
        sys.stderr.write("textags: out of memory; give fewer or smaller files at a time\n")
        return EXIT_BAD_INPUT
    except Exception as exc:  # pragma: no cover - a bug, reported without a traceback
        if isinstance(exc, OSError) and exc.filename is not None:  # a file system's answer, not a bug
            sys.stderr.write(f"textags: {os.fsdecode(exc.filename)}: cannot be read or written ({exc.strerror})\n")
            return EXIT_BAD_INPUT
        if os.environ.get("TEXTAGS_DEBUG"):
            raise
        sys.stderr.write(
            f"textags: internal error ({type(exc).__name__}: {exc}); please report it "
            "(set TEXTAGS_DEBUG=1 to see the traceback)\n"
        )
        return EXIT_INTERNAL
    finally:
        restore_termination(handlers)
