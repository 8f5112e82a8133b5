"""Run the walkthrough notebook from top to bottom and save it with its outputs (tables and charts).

    python notebooks/save_outputs.py

Run it after a change that moves the notebook's figures (the model, the labelled
corpus, cleaning): ``tests/test_notebook.py`` checks that the saved outputs are
there and that the accuracy figure they show is the README's.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "emphasis_walkthrough.ipynb"


def main() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=1800, resources={"metadata": {"path": str(ROOT)}}).execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, NOTEBOOK)
    print(f"saved {NOTEBOOK.relative_to(ROOT)} with its outputs")


if __name__ == "__main__":
    main()
