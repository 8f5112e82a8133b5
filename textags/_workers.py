"""Worker processes for ``--jobs``: forked with the model in memory, stopped cleanly, never left waiting.

:func:`each_file` runs a piece of work on each of a run's files, in this
process or in ``jobs`` workers (by default the commands use all the cores
this process may use: :func:`available_cores`), always in file order.

On Linux the workers are forked from the main process once it has loaded
the model (:func:`_forked`), so they start with the model and the libraries
already in memory -- unless the process runs threads of its own
(:func:`_can_fork`).  They run in a :class:`~concurrent.futures.ProcessPoolExecutor`:
a worker killed by the system (say for memory) ends the run with a one-line
error naming the file instead of leaving the main process waiting for it.
Workers ignore Ctrl-C and take SIGTERM/SIGHUP by default, so only the main
process reports, in one line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from ._errors import TextagsError


def available_cores() -> int:
    """The number of cores this process may run on (its CPU affinity where the system has one).

    >>> available_cores() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no affinity on this system (macOS, Windows)
        return os.cpu_count() or 1


def as_model(model=None):
    """A loaded model: ``model`` itself when it is one, else :func:`textags.load_model` of it (a path or None)."""
    from ._model import Model, load_model

    return model if isinstance(model, Model) else load_model(model)


def each_file(work, paths: Sequence[str], model, jobs: int | None, *args) -> Iterator:
    """``work((path, id), model, *args)`` of each path, in order: in this process, or ``jobs`` worker processes.

    ``jobs=None`` is all the cores this process may use.  Each document's id
    is distinct within the run (:func:`textags._names.document_names`).  One
    file never starts a pool: it is worked on here, as with ``jobs=1``.

    Every path is checked before any work, so a missing file fails at once
    with its one-line error.  On Linux the workers are forked from this
    process once it has loaded the model, so they start with the model and
    the libraries already in memory; elsewhere (where forking a process with
    numpy loaded is not safe), or from a process with threads of its own
    (:func:`_can_fork`), they are joblib's, and load the model from its path.
    """
    from ._names import document_names

    sources = list(zip(paths, document_names(paths)))
    jobs = available_cores() if jobs is None else jobs
    if jobs > 1 and len(paths) > 1:
        from ._limits import is_pipe
        from ._readers import read

        # standard input and pipes are read once, here, so no worker finds them empty
        sources = [(p, n, read(p)) if is_pipe(p) else (p, n) for p, n in sources]
        for p, *_ in sources:
            if not is_pipe(p) and not os.path.isfile(p):
                read(p)  # raises the one-line error
        if _can_fork():
            yield from _forked(work, sources, as_model(model), min(jobs, len(paths)), args)
            return
        from joblib import Parallel, delayed

        from ._model import Model

        if isinstance(model, Model):
            model = model.path
        yield from Parallel(n_jobs=jobs, return_as="generator")(delayed(work)(p, model, *args) for p in sources)
        return
    model = as_model(model)
    for p in sources:
        yield work(p, model, *args)


def _can_fork() -> bool:
    """Whether workers may be forked: on Linux, from a process running no other Python thread.

    A process with threads of its own (a Jupyter kernel, a web server) could
    fork while one of them holds a lock, and the worker would wait on it
    forever; such processes get joblib's fresh workers instead.
    """
    import multiprocessing
    import sys
    import threading

    return (
        sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    )


#: Pieces of work in flight per worker: submitted but not yet written, so a long file at the head
#: of the queue does not leave the other workers waiting for new work.
IN_FLIGHT = 2
#: Small files go to a worker together, up to this many bytes or :data:`CHUNK_FILES` files a piece,
#: so handing out the work does not cost more than the work (a web page's opening is a few KB).
CHUNK_BYTES = 64 * 1024
CHUNK_FILES = 16

#: The model of a forked worker, set in the main process just before the fork.
_WORKER_MODEL = None


def _set_worker_model(model) -> None:
    import signal

    from ._streams import default_termination

    global _WORKER_MODEL
    _WORKER_MODEL = model
    # Ctrl-C is the main process's to handle: it stops the workers and reports one line
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    default_termination()  # SIGTERM and SIGHUP end a worker quietly


def _in_worker(work, chunk: Sequence[tuple], args: tuple) -> tuple[list, BaseException | None]:
    """``work`` of each source of ``chunk``: the results up to the first failure, and that failure (or None)."""
    done = []
    for source in chunk:
        try:
            done.append(work(source, _WORKER_MODEL, *args))
        except Exception as error:  # handed back after the results before it, as one process would stop
            return done, error
    return done, None


def chunks(sources: Sequence[tuple], size=None) -> list[list[tuple]]:
    """``sources`` in order, in pieces of consecutive small files (:data:`CHUNK_BYTES`, :data:`CHUNK_FILES`).

    ``size`` gives a source's size (default: the text read from a pipe, else the file's size).

    >>> [len(c) for c in chunks([("a", 1)] * 20 + [("big", 2), ("b", 3)], size=lambda s: 10**6 if s[0] == "big" else 10)]
    [16, 4, 1, 1]
    """
    size = size or _size
    out: list[list[tuple]] = []
    held = 0
    for source in sources:
        n = size(source)
        if not out or held + n > CHUNK_BYTES or len(out[-1]) >= CHUNK_FILES:
            out.append([])
            held = 0
        out[-1].append(source)
        held += n
    return out


def _size(source: tuple) -> int:
    if len(source) > 2:  # read from a pipe already
        return len(source[2])
    try:
        return os.path.getsize(source[0])
    except OSError:
        return 0


def _forked(work, sources: Sequence[tuple], model, jobs: int, args: tuple) -> Iterator:
    """``work`` of each source in ``jobs`` forked processes, in order, with at most ``2 * jobs`` pieces in flight.

    Small files travel in pieces of several (:func:`chunks`); a piece's
    results come back together, up to a file that failed, whose error is
    then raised as it would be in one process.

    A worker that dies (killed by the system, say for memory) ends the run
    with a one-line error naming the file, rather than leaving it waiting.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from ._streams import held_termination

    _prepare(model)  # once here, so the workers share the tokenizer and lookups instead of each making them
    # with fork, the initializer's arguments are inherited, not pickled
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_set_worker_model, initargs=(model,))
    from concurrent.futures.process import BrokenProcessPool

    pending: deque = deque()

    def first_results():
        done, error = pending[0][1].result()
        yield from done
        if error is not None:
            raise error
        pending.popleft()

    try:
        for chunk in chunks(sources):
            with held_termination():  # the first submit forks the workers
                pending.append((chunk, pool.submit(_in_worker, work, chunk, args)))
            if len(pending) >= IN_FLIGHT * jobs:
                yield from first_results()
        while pending:
            yield from first_results()
    except BrokenProcessPool:  # from a result, or from a submit once the pool is broken
        _stop(pool)
        lost = pending[0][0] if pending else chunk
        path = lost[0][0]
        others = f" or one of the {len(lost) - 1} files after it" if len(lost) > 1 else ""
        raise TextagsError(
            f"a worker process died while tagging it{others} (killed by the system, perhaps for memory); "
            "try --jobs 1, or fewer or smaller files",
            "<stdin>" if path == "-" else path,
        ) from None
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _prepare(model) -> None:
    """Load the word tokenizer ``model`` cuts with (rjieba, or jieba with its dictionary), if it cuts words,
    and build its scorer's lookups (:meth:`~textags._scorer.Scorer.prepare`)."""
    scorer = getattr(model, "scorer", None)
    if scorer is None:
        return
    scorer.prepare()
    if not any(block.name == "words" for block in scorer.blocks):
        return
    from . import _tokenize

    tok = _tokenize.tokenizer(scorer.spec.userdict)
    if hasattr(tok, "check_initialized"):  # jieba reads its dictionary on first use
        tok.check_initialized()


def _stop(pool) -> None:
    """Stop a pool's workers now (the run is over: an error, Ctrl-C or a termination signal)."""
    import contextlib

    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for w in workers:
        with contextlib.suppress(Exception):
            w.terminate()
    for w in workers:
        with contextlib.suppress(Exception):
            w.join(5)
