"""Results written out for reading: the command line's formats of each command's result.

Every ``write_*`` function takes a result of :mod:`textags._api` (or of
:mod:`textags._data_files`, :mod:`textags._agreement`), an open text stream
and a format, and writes what the ``textags`` command prints; the ``*_text``
functions return the readable text itself.

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> write_agreement({"units": 2, "agreed": 1, "agreement": 0.5, "kappa": 0.0, "confusion": {}}, out, "table")
>>> print(out.getvalue(), end="")
units: 2
agreed: 1
agreement: 0.5
kappa: 0.0
"""

from __future__ import annotations

import json
from typing import IO

from ._codebook import LABELS


def write_json(obj, out: IO[str]) -> None:
    """``obj`` as indented JSON, Chinese as it is, and a line end."""
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def write_segments(docs, out: IO[str], format: str = "jsonl") -> None:
    """The units of each document: JSON lines, TSV (sections joined by `` > ``) or plain text.

    >>> import io
    >>> from textags import segment
    >>> out = io.StringIO()
    >>> write_segments([segment("一、抓经济\\n税收增长。")], out, "text")
    >>> out.getvalue()
    '一、抓经济\\n税收增长。\\n'
    """
    from ._output import write_jsonl, write_tsv
    from ._records import unit_records

    for doc in docs:
        recs = unit_records(doc)
        if format == "jsonl":
            write_jsonl(recs, out)
        elif format == "tsv":
            write_tsv(({**r, "section": " > ".join(r["section"])} for r in recs), out)
        else:
            for r in recs:
                out.write(f"{r['text']}\n" if r["kind"] in ("body", "heading") else f"[{r['kind']}] {r['text']}\n")


def write_summary(results, out: IO[str], format: str = "table", measure: str = "units", width: int = 100) -> None:
    """:func:`textags._api.summarize`'s emphases as JSON, CSV rows, or a table of ``measure``'s shares."""
    from ._emphasis_table import summary_rows
    from ._output import write_csv
    from ._table import write_table

    if format == "json":
        write_json([e.to_dict() for e in results], out)
    elif format == "csv":
        write_csv([r for e in results for r in e.rows()], out)
    else:
        write_table(summary_rows(results, measure), out, width=width)


def write_comparison(rows: list[dict], out: IO[str], format: str = "table", measure: str = "units", width=100) -> None:
    """:func:`textags._api.compare_files`' rows as JSON, CSV, or tables of shares and of shifts."""
    from ._emphasis_table import share_table, shift_table
    from ._output import write_csv
    from ._table import write_table

    if format == "json":
        write_json(rows, out)
    elif format == "csv":
        write_csv(rows, out)
    else:
        write_table(share_table(rows, measure), out, width=width)
        shifts = shift_table(rows, measure)
        if shifts:
            out.write("\nshifts from the group in 'from' (percentage points, 95% interval; * excludes 0):\n")
            write_table(shifts, out, width=width)


def write_explanation(record: dict, out: IO[str], format: str = "table", width: int = 100) -> None:
    """:func:`textags._api.explain`'s record as JSON (four decimals), or label, bars of probabilities and terms.

    >>> import io
    >>> out = io.StringIO()
    >>> record = {"text": "t", "label": "party", "confidence": 0.9, "probs": {"party": 0.9, "other": 0.1},
    ...           "terms": [("党建", 0.61)], "rule": None}
    >>> write_explanation(record, out, width=40)
    >>> print(out.getvalue(), end="")
    label: party  (90.0%)
      party        90.0%  ####################################
      other        10.0%  ####
    terms: 党建 (+0.610)
    """
    from ._table import wrap

    if format == "json":
        write_json(
            {
                "text": record["text"],
                "label": record["label"],
                "confidence": round(record["confidence"], 4),
                "probs": {k: round(v, 4) for k, v in record["probs"].items()},
                "terms": [{"term": t, "weight": w} for t, w in record["terms"]],
            }
            | ({"rule": record["rule"]} if record["rule"] else {}),
            out,
        )
        return
    out.write(f"label: {record['label']}  ({record['confidence']:.1%})\n")
    for k, v in sorted(record["probs"].items(), key=lambda kv: -kv[1]):
        out.write(f"  {k:<11}{v:7.1%}  {'#' * round(v * 40)}\n")
    if record["rule"]:
        out.write(f"rule: {record['rule']} (a codebook rule settles this unit; see textags._rules)\n")
    else:
        terms = ", ".join(f"{t} ({w:+.3f})" for t, w in record["terms"])
        out.write("terms: " + "\n       ".join(wrap(terms, width - 7)) + "\n")


def write_audit(rows: list[dict], out: IO[str], format: str = "table", width: int = 100) -> None:
    """:func:`textags._api.audit_data`'s rows as JSON lines, CSV, or a table of the main columns."""
    from ._output import write_csv, write_jsonl
    from ._table import write_table

    if format == "jsonl":
        write_jsonl(rows, out)
    elif format == "csv":
        write_csv(rows, out)
    else:
        columns = ["doc", "index", "given", "given_prob", "suggested", "suggested_prob", "text"]
        write_table(rows, out, columns, width=width)


def _score_lines(r: dict) -> list[str]:
    lines = [
        f"{r['method']}: {r['units']} units, {len(r['documents'])} documents"
        + (f" ({r['reports_read']} reports read whole for neighbour context)" if r.get("reports_read") else ""),
        f"accuracy {r['accuracy']:.3f}   macro-F1 {r['macro_f1']:.3f}   "
        f"emphasis error {r['emphasis_error_mean']:.2f} pp (max {r['emphasis_error_max']:.2f})",
        "",
        f"{'label':<11}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}",
    ]
    for lab, v in r["per_label"].items():
        lines.append(f"{lab:<11}{v['precision']:>10.3f}{v['recall']:>8.3f}{v['f1']:>7.3f}{v['support']:>9}")
    labs = list(r["confusion"])
    if r.get("by_group"):
        lines += ["", f"{'level':<11}{'documents':>10}{'units':>7}{'accuracy':>10}{'macro-F1':>10}{'emph.err':>10}"]
        for g, v in r["by_group"].items():
            lines.append(
                f"{g:<11}{v['documents']:>10}{v['units']:>7}{v['accuracy']:>10.3f}{v['macro_f1']:>10.3f}"
                f"{v['emphasis_error_mean']:>10.2f}"
            )
    lines += ["", "confusion (rows: true, columns: predicted)", " " * 11 + "".join(f"{lab[:6]:>8}" for lab in labs)]
    for t in labs:
        lines.append(f"{t:<11}" + "".join(f"{r['confusion'][t][p]:>8}" for p in labs))
    lines += ["", f"{'document':<52}{'units':>6}{'acc':>7}{'emph.err':>9}"]
    for d, v in r["documents"].items():
        lines.append(f"{d[:51]:<52}{v['units']:>6}{v['accuracy']:>7.3f}{v['emphasis_error']:>9.2f}")
    return lines


def evaluation_text(result: dict) -> str:
    """A readable report of :func:`textags._api.evaluate`'s result."""
    if "results" in result:
        docs = len(result["results"][0]["documents"]) if result["results"] else 0
        lines = [f"{result.get('reports_read', 0)} of {docs} labelled documents read whole for neighbour context", ""]
        for path, r in zip(result["models"], result["results"]):
            lines += [f"== {path}"] + _score_lines(r) + [""]
        columns = list(result["differences"][0]) if result["differences"] else [*LABELS, "macro_f1", "accuracy"]
        header = f"{'difference vs ' + result['models'][0]:<40}" + "".join(f"{lab[:10]:>11}" for lab in columns)
        lines.append(header)
        for path, diff in zip(result["models"][1:], result["differences"]):
            lines.append(f"{path[:39]:<40}" + "".join(f"{diff[k]:>+11.3f}" for k in columns))
        return "\n".join(lines) + "\n"
    return "\n".join(_score_lines(result)) + "\n"


def write_evaluation(result: dict, out: IO[str], format: str = "table") -> None:
    """:func:`textags._api.evaluate`'s result as JSON or as :func:`evaluation_text`."""
    if format == "json":
        write_json(result, out)
    else:
        out.write(evaluation_text(result))


def stats_text(stats: dict) -> str:
    """A readable table of :func:`textags._data_files.data_stats`."""
    from ._output import pad

    labels = list(stats["labels"])
    cols = [*labels, "total"]
    lines = [
        f"{stats['units']} labelled units in {stats['documents']} documents; {stats['reviewed']} reviewed; "
        f"{stats['empty_labels']} rows with an empty label",
        "",
        "label       units",
        *(f"{lab:<11} {stats['labels'][lab]:>5}" for lab in labels),
        "",
    ]
    for title, table in (("level", stats["by_level"]), ("document", stats["by_document"])):
        width = max(len(title), *(len(k) for k in table)) + 2
        lines.append(pad(title, width) + "".join(f"{c[:10]:>11}" for c in cols))
        for k, v in table.items():
            lines.append(pad(k, width) + "".join(f"{v[c]:>11}" for c in cols))
        lines.append("")
    return "\n".join(lines)


def write_stats(stats: dict, out: IO[str], format: str = "table") -> None:
    """:func:`textags._data_files.data_stats` as JSON or as :func:`stats_text`."""
    if format == "json":
        write_json(stats, out)
    else:
        out.write(stats_text(stats))


def write_consistency(records: list[dict], out: IO[str], format: str = "table") -> None:
    """:func:`textags._data_files.data_consistency`'s rows as JSON, TSV, or a group at a time."""
    if format == "json":
        write_json(records, out)
        return
    if format == "tsv":
        from ._output import write_tsv

        write_tsv(records, out)
        return
    last = None
    for r in records:
        if r["group"] != last:
            last = r["group"]
            state = "settled by notes" if r["settled"] else "not settled"
            out.write(f"\n== group {r['group']}: {r['labels']} ({r['match']}, {r['similarity']:.2f}; {state})\n")
        note = f"  [note: {r['note']}]" if r["note"] else ""
        out.write(f"{r['file']}:{r['line']}  {r['doc']}#{r['index']}  {r['label']:<10}  {r['text']}{note}\n")


def write_agreement(result: dict, out: IO[str], format: str = "table") -> None:
    """:func:`textags._agreement.data_agreement`'s result as JSON, or its figures one per line (no confusion)."""
    if format == "json":
        write_json(result, out)
        return
    for k, v in result.items():
        if k != "confusion":
            out.write(f"{k}: {v if not isinstance(v, (dict, list)) else json.dumps(v, ensure_ascii=False)}\n")


def relink_lost_text(path: str, row: dict) -> str:
    """The line that tells a user a relinked row matches no unit any more."""
    return (
        f"{path}: {row['doc']}#{row['index']} {row['text'][:40]!r} matches no unit any more; "
        "kept with its label and marked [unlinked] in its note: give it its new index or delete it\n"
    )
