"""Write the module list of docs/architecture.md from each module's docstring.

usage: python docs/architecture.py        (rewrites the part below the marker line)

Everything above the marker is written by hand; below it, one table per step of the data's way.
A module that no group names is listed under "Not yet placed": give it a group here.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "textags"
DOC = ROOT / "docs" / "architecture.md"
MARKER = "<!-- below: made by docs/architecture.py -->"

GROUPS = [
    (
        "Reading a file",
        "a path in, the report's raw text out",
        "_readers _limits _docx _docx_body _docx_xml _pdf _inputs _names",
    ),
    (
        "Cleaning",
        "raw text in, blocks out; every pattern in `CleanConfig`",
        "_clean _clean_patterns _line_rules _rule_patterns _web _web_lines _layout _paragraphs _inline_heads _markup _blocks _block_marks _carry _furniture _removal",
    ),
    (
        "Units and what a report says about itself",
        "blocks in, a frozen `Document` out",
        "_segment _document _title _metadata _parts",
    ),
    (
        "Tagging",
        "a `Document` in, the same document with a `Tag` on each coded unit out",
        "_model _trained _scorer _ngrams _tokenize _features _postprocess _rules _neighbours _calibration _terms _examples",
    ),
    (
        "Saved models",
        "a model directory: card and arrays, checked whole, written atomically",
        "_persist _format _saving _modelcheck _atomic _version",
    ),
    (
        "Learning",
        "labelled rows in, a model and its scores out",
        "learn _tagger _classifier _folds _rows _training _evaluation _queue _learn_files",
    ),
    (
        "Labelled data and the codebook",
        "labelled files read, checked and audited; the label set as data",
        "_codebook _labels _relink _doctable _provenance _consistency _agreement _sheets",
    ),
    (
        "Emphasis",
        "tagged documents in, shares and shifts with 95% intervals out",
        "_emphasis _compare _intervals _shift _emphasis_table",
    ),
    (
        "Writing results",
        "records, tables, the HTML report and charts",
        "_records _output _formulas _table _formatting _report _report_figures _report_text _report_view _html _plot",
    ),
    (
        "The front",
        "the public API, the command line, files in parallel",
        "__init__ __main__ cli _cli _api _tag_files _data_files _workers _progress _streams _errors distributed",
    ),
]


def first(p):
    d = ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or ""
    return d.strip().splitlines()[0] if d.strip() else ""


sys.path.insert(0, str(ROOT / "tests"))
from test_house import modules  # noqa: E402  (the module list the house rules check)

mods = modules()
placed = set()
out = []
for title, what, names in GROUPS:
    out.append(f"### {title}\n\n{what[0].upper() + what[1:]}.\n\n| module | what it holds |\n|---|---|")
    for n in names.split():
        for m in [m for m in mods if m == n or m.startswith(n + ".")]:
            placed.add(m)
            out.append(f"| `{m}` | {first(mods[m]).replace('|', '/')} |")
    out.append("")
left = sorted(set(mods) - placed)
if left:
    out.append("### Not yet placed\n\n| module | what it holds |\n|---|---|")
    out += [f"| `{m}` | {first(mods[m])} |" for m in left]
text = DOC.read_text(encoding="utf-8")
DOC.write_text(text.split(MARKER)[0] + MARKER + "\n\n" + "\n".join(out).rstrip() + "\n", encoding="utf-8")
if left:
    print("not yet placed:", " ".join(left), file=sys.stderr)
