"""The reports the labelled corpus was coded from, shipped with textags as ``textags.reports``:
``documents.csv`` and ``raw/`` (see docs/data.md).  Evaluation reads them for neighbour context."""
