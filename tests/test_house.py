"""The house rules of the package (issue 18): small modules of one job, internal ones private,
a small public API, and no import cycle along the data's way (``docs/architecture.md``).

These read the checkout's source with :mod:`ast`; they import nothing of textags but the package root.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

import textags

#: The source tree (CI installs textags into its environment, not in place: read the checkout).
PACKAGE = ROOT / "textags"
#: The modules a user imports by name; every other module is internal and named ``_name``.
PUBLIC = {"__init__", "__main__", "cli", "learn", "distributed"}
#: Largest module, in lines.
MAX_LINES = 400
#: Modules that may import lazily against the data's way: the command line, the package root and
#: optional plotting.  They are left out of the cycle check (nothing on the data's way imports them).
OUTSIDE = ("__init__", "__main__", "cli", "_cli", "_plot")


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name relative to the package (``_clean``, ``_cli.tag``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports anywhere in its source (lazy imports inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    out: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                stem = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "textags":
                stem = node.module.split(".")[1:]
            else:
                continue
            candidates = [".".join(stem)] + [".".join(stem + [a.name]) for a in node.names]
            out |= {c for c in candidates if c in known}
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "textags":
                    dotted = ".".join(a.name.split(".")[1:])
                    if dotted in known:
                        out.add(dotted)
    out.discard(name)
    return out


def _runtime_nodes(tree: ast.AST):
    """Every node but those under ``if TYPE_CHECKING:`` (annotations only; never imported at run time)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                todo.extend(child.orelse)
                continue
            todo.append(child)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _outside(name: str) -> bool:
    return name.split(".")[0] in OUTSIDE


def test_no_module_is_over_the_size_limit():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert sizes, "no modules found"
    assert not {n: s for n, s in sizes.items() if s > MAX_LINES}


def test_internal_modules_are_private():
    top = {name.split(".")[0] for name in modules()}
    assert not sorted(n for n in top if n not in PUBLIC and not n.startswith("_"))


def test_no_import_cycle_along_the_datas_way():
    found = modules()
    known = set(found)
    graph = {n: {m for m in imports(n, p, known) if not _outside(m)} for n, p in found.items() if not _outside(n)}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    # the check above could pass vacuously if the finder were broken
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_lazy_imports(tmp_path):
    src = tmp_path / "_x.py"
    src.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ._w import W\n"
        "def f():\n    from ._y import g\n    from . import _z\n",
        encoding="utf-8",
    )
    assert imports("_x", src, {"_w", "_x", "_y", "_z"}) == {"_y", "_z"}


def test_the_public_api_is_small_and_listed():
    assert 10 <= len(textags.__all__) <= 30
    assert sorted(textags.__all__) == sorted(set(textags.__all__))
    for name in textags.__all__:
        assert getattr(textags, name) is not None
    public = {n for n in dir(textags) if not n.startswith("_")}
    assert public <= set(textags.__all__) | PUBLIC


def test_the_architecture_page_names_every_module():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = page.split("<!-- below: made by docs/architecture.py -->", 1)[1]
    assert "Not yet placed" not in listed, "give the module a group in docs/architecture.py and run it"
    assert sorted(n for n in modules() if f"| `{n}` |" not in listed) == []
