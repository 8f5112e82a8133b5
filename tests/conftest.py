"""Shared fixtures: paths to the real reports, and a small model fitted once per session."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
TESTDATA = Path(__file__).resolve().parent / "data"
STREET = sorted((RAW / "street").iterdir())
SHARED = ROOT.parent / "shared" / "corpus"


def corpus_files(kind: str) -> list[Path]:
    """The national or provincial reports: from ../shared/corpus when present, else data/raw."""
    base = SHARED if SHARED.is_dir() else RAW
    return sorted((base / kind).glob("*.txt"))


@pytest.fixture(scope="session")
def street_rows():
    from textags._labels import read_labelled

    rows, _ = read_labelled([DATA / "labelled" / f"{p.stem}.csv" for p in STREET])
    return rows


@pytest.fixture(scope="session")
def small_model(street_rows):
    """A model fitted on the street and district reports (about 600 units)."""
    from textags.learn import fit

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fit(street_rows, evaluate=False, source="street reports (test fixture)")


@pytest.fixture(scope="session")
def small_model_dir(small_model, tmp_path_factory):
    d = tmp_path_factory.mktemp("model")
    small_model.save(d)
    return d


@pytest.fixture
def run_cli(capsys):
    """Run ``textags ARGS`` in process; return (exit code, stdout, stderr)."""
    from textags.cli import main

    def run(*args, stdin: bytes | None = None, monkeypatch=None):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


sys.path.insert(0, str(ROOT))
