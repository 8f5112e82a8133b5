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


def test_jobs_2_gives_the_same_records_in_the_same_order(run_cli, small_model_dir):
    code, out, err = run_cli("tag", *STREET, "--model", small_model_dir, "--format", "jsonl", "--jobs", "2")
    assert code == 0, err
    assert [json.loads(x) for x in out.splitlines()] == single(small_model_dir, run_cli)


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
