"""The labelled corpus shipped with textags: one CSV file per report (see docs/data.md)."""
