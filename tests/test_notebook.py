"""The walkthrough notebook runs from top to bottom without an error, and is kept without outputs."""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "emphasis_walkthrough.ipynb"


def test_the_notebook_is_kept_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.slow
def test_the_notebook_runs():
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    # raises CellExecutionError, with the cell and its traceback, on the first error
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 5  # the charts were drawn
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "1950s" in text and "baoshan-district-2021-2022-development-plan-report:plan" in text
