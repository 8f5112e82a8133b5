"""Parallel, Dask and single-process tagging give identical tags."""

from __future__ import annotations

import json

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


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_jobs_2_writes_the_same_bytes_in_the_same_order(run_cli, small_model_dir, tmp_path, fmt):
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


def test_jobs_2_gives_the_same_records_in_the_same_order(run_cli, small_model_dir):
    code, out, err = run_cli("tag", *STREET, "--model", small_model_dir, "--format", "jsonl", "--jobs", "2")
    assert code == 0, err
    assert [json.loads(x) for x in out.splitlines()] == single(small_model_dir, run_cli)


def test_the_text_of_tagged_files_is_the_text_of_their_records(small_model):
    from textags.api import tag_files, tag_files_text
    from textags.output import records_text

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
