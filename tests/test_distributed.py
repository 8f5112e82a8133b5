"""Parallel, Dask and single-process tagging give identical tags."""

from __future__ import annotations

import json
import os

import pytest
from conftest import STREET


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("dask")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc, Client(lc) as c:
        yield c


def single(small_model_dir, run_cli):
    code, out, err = run_cli("tag", *STREET, "--model", small_model_dir, "--format", "jsonl")
    assert code == 0, err
    return [json.loads(x) for x in out.splitlines()]


@pytest.fixture(params=["fork", "joblib"])
def workers(request, monkeypatch):
    """Each parallel test runs with forked workers (Linux) and with joblib's (elsewhere)."""
    import multiprocessing
    import sys

    from textags import _workers as api

    forks = request.param == "fork"
    if forks and not (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()):
        pytest.skip("workers are forked only on Linux; the joblib run covers this platform")
    # chosen here, not by the test process's threads (a Dask cluster of another test may be running)
    monkeypatch.setattr(api, "_can_fork", lambda: forks)
    return request.param


def test_workers_are_not_forked_from_a_process_with_threads_of_its_own():
    import threading

    from textags import _workers as api

    if api._can_fork() is False and threading.active_count() == 1:
        pytest.skip("workers are forked only on Linux")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert api._can_fork() is False
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_jobs_2_writes_the_same_bytes_in_the_same_order(run_cli, small_model_dir, tmp_path, fmt, workers):
    # the workers write each file's lines themselves: the output must not change by a byte
    outs = []
    for jobs in ("1", "2"):
        path = tmp_path / f"out{jobs}.{fmt}"
        code, _, err = run_cli("tag", *STREET, "--model", small_model_dir, "--format", fmt, "--jobs", jobs, "-o", path)
        assert code == 0, err
        outs.append(path.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].count(b"\n") > 600  # every unit of the four street and district reports
    if fmt == "csv":
        assert (
            outs[0].startswith("\ufeffdoc,index,kind,section,text,".encode()) and outs[0].count("\ufeff".encode()) == 1
        )


def test_jobs_2_gives_the_same_records_in_the_same_order(run_cli, small_model_dir, workers):
    code, out, err = run_cli("tag", *STREET, "--model", small_model_dir, "--format", "jsonl", "--jobs", "2")
    assert code == 0, err
    assert [json.loads(x) for x in out.splitlines()] == single(small_model_dir, run_cli)


def test_a_file_that_fails_in_a_worker_gives_its_one_line_error(run_cli, small_model_dir, tmp_path, workers):
    # the file exists, so it passes the check before the work, and fails only when read in a worker
    bad = tmp_path / "download.txt"
    bad.write_bytes(b"")
    paths = [*STREET[:2], bad, *STREET[2:], *STREET]
    one = run_cli("tag", *paths, "--model", small_model_dir, "--format", "jsonl", "-o", tmp_path / "one.jsonl")
    two = run_cli("tag", *paths, "--model", small_model_dir, "--jobs", "2", "-o", tmp_path / "two.jsonl")
    assert one[0] == two[0] != 0 and one[2] == two[2]
    assert two[2].startswith(f"textags: {bad}: ") and two[2].count("\n") == 1 and "Traceback" not in two[2]
    assert not (tmp_path / "two.jsonl").exists()  # nothing half-written


def test_small_files_travel_together_and_a_failure_among_them_stops_where_one_process_stops(
    run_cli, small_model_dir, tmp_path, pool_counted
):
    """Openings of a few KB go to a worker in pieces; the files before a failing one are still written."""
    from conftest import corpus_files

    from textags._workers import chunks

    local = corpus_files("local")[:12]
    bad = tmp_path / "download.txt"
    bad.write_bytes(b"")
    paths = [*local[:7], bad, *local[7:]]
    assert len(chunks([(str(p), p.stem) for p in paths])) == 1  # all in one piece
    one = run_cli("tag", *paths, "--model", small_model_dir, "--format", "jsonl", "--jobs", "1")
    two = run_cli("tag", *paths, "--model", small_model_dir, "--format", "jsonl", "--jobs", "2")
    assert pool_counted == [2]
    assert one == two and one[0] == 2 and one[2].startswith(f"textags: {bad}: ")
    assert {json.loads(line)["doc"] for line in two[1].splitlines()} == {p.stem for p in local[:7]}


def _dies_at_c(source, model):
    """Work that ends its worker process on the file named c (as the system killing it would)."""
    if source[1] == "c":
        os._exit(1)
    return source[1]


def test_a_worker_that_dies_on_a_piece_of_small_files_names_the_piece(tmp_path):
    import multiprocessing
    import sys

    from textags._errors import TextagsError
    from textags._workers import _forked

    if not (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()):
        pytest.skip("workers are forked only on Linux")
    sources = []
    for name in "abcde":
        (tmp_path / f"{name}.txt").write_text("抓经济。", encoding="utf-8")
        sources.append((str(tmp_path / f"{name}.txt"), name))
    with pytest.raises(TextagsError) as raised:
        list(_forked(_dies_at_c, sources, None, 2, ()))
    assert raised.value.path == sources[0][0]
    assert "a worker process died while tagging it or one of the 4 files after it" in raised.value.message


@pytest.fixture
def pool_counted(monkeypatch):
    """Workers forked on two cores whatever the machine; the list of pools started (their sizes)."""
    import multiprocessing
    import sys

    from textags import _workers as workers

    if not (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()):
        pytest.skip("workers are forked only on Linux")
    started = []
    forked = workers._forked
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    monkeypatch.setattr(workers, "_can_fork", lambda: True)
    monkeypatch.setattr(
        workers,
        "_forked",
        lambda work, sources, model, jobs, args: started.append(jobs) or forked(work, sources, model, jobs, args),
    )
    return started


@pytest.mark.parametrize(
    "command",
    [
        ["tag", "--format", "jsonl"],
        ["tag", "--width", "100"],
        ["summarize", "--format", "json"],
        ["compare", "--format", "csv"],
        ["report"],
    ],
)
def test_all_cores_by_default_write_what_jobs_1_writes(run_cli, small_model_dir, tmp_path, command, pool_counted):
    outs = []
    for jobs in ([], ["--jobs", "1"]):
        out_path = tmp_path / f"out{len(outs)}"
        code, _, err = run_cli(*command, *STREET, "--model", small_model_dir, *jobs, "-o", out_path)
        assert code == 0, err
        outs.append(out_path.read_bytes())
    assert outs[0] == outs[1] and len(outs[0]) > 1000
    assert pool_counted == [2]  # the default ran in two workers, --jobs 1 in this process


def test_one_file_never_starts_a_pool(run_cli, small_model_dir, pool_counted):
    code, out, err = run_cli("tag", STREET[0], "--model", small_model_dir, "--format", "jsonl")
    assert code == 0, err
    assert out.count("\n") > 100 and pool_counted == []


def test_available_cores_are_this_process_s():
    import os

    from textags._workers import available_cores

    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert available_cores() == expected >= 1


@pytest.mark.parametrize("error", ["plain", "missing extra"])
def test_errors_cross_between_processes_whole(error):
    import pickle

    from textags._errors import MissingExtraError, TextagsError

    e = (
        TextagsError("unknown label 'econ'", "a.csv", 3)
        if error == "plain"
        else MissingExtraError("pdf", "pypdfium2", path="a.pdf")
    )
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is type(e) and str(back) == str(e) and (back.path, back.line) == (e.path, e.line)
    if error == "missing extra":
        assert (back.extra, back.package) == ("pdf", "pypdfium2") and isinstance(back, ImportError)


def test_the_text_of_tagged_files_is_the_text_of_their_records(small_model):
    from textags._api import tag_files, tag_files_text
    from textags._output import records_text

    paths = [str(p) for p in STREET]
    records = list(tag_files(paths, small_model))
    for fmt in ("jsonl", "csv"):
        want = [records_text(r, fmt, ["doc", "index", "label", "terms"]) for r in records]
        got = list(tag_files_text(paths, small_model, format=fmt, columns=["doc", "index", "label", "terms"]))
        assert got == want and all(got)
    with pytest.raises(ValueError, match="jsonl or csv"):
        next(tag_files_text(paths, small_model, format="table"))


@pytest.mark.slow
def test_dask_bag_over_files_on_a_local_cluster(cluster, run_cli, small_model_dir):
    from textags.distributed import tag_bag

    records = tag_bag([str(p) for p in STREET], str(small_model_dir), npartitions=2).compute()
    assert records == single(small_model_dir, run_cli)


@pytest.mark.slow
def test_dask_dataframe_of_units_on_a_local_cluster(cluster, small_model_dir, small_model):
    import dask.dataframe as dd
    import pandas as pd

    import textags

    units = [u for p in STREET for u in textags.load(p).coded_units]
    frame = dd.from_pandas(pd.DataFrame({"text": [u.text for u in units]}), npartitions=4)
    from textags.distributed import tag_units_frame

    got = tag_units_frame(frame, str(small_model_dir)).compute()
    expected = small_model.tag_texts([u.text for u in units], None, 0)
    assert list(got["label"]) == [t.label for t in expected]
    assert list(got["confidence"]) == [round(t.confidence, 4) for t in expected]
    rules = [None if pd.isna(r) else r for r in got["rule"]]
    assert rules == [t.rule for t in expected] and rules.count("responsibility-note") == 17


def test_the_parent_loads_the_word_tokenizer_and_lookups_before_forking_workers():
    """Forked workers share the tokenizer and n-gram lookups the parent made rather than each making them."""
    from types import SimpleNamespace

    from textags import _tokenize
    from textags._model import load_model
    from textags._scorer import Scorer
    from textags._workers import _prepare

    s = load_model().scorer
    model = SimpleNamespace(scorer=Scorer(s.labels, s.blocks, s.coef, s.intercept, s.params, s.spec))  # nothing built
    assert all(index is None for index in model.scorer._index)
    _tokenize._TOKENIZERS.clear()
    _prepare(model)
    assert list(_tokenize._TOKENIZERS) == [("rjieba",) if _tokenize.backend() == "rjieba" else ()]
    assert all(index is not None for index in model.scorer._index)
    assert model.scorer._name_table is not None and model.scorer._lift is not None
