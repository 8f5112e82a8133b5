"""The public API is visible: help(textags) and dir(textags) list it with one-line summaries,
signatures name long defaults, and ``import textags`` stays light."""

from __future__ import annotations

import inspect
import pydoc
import subprocess
import sys

import pytest

import textags

PUBLIC = ("tag", "compare", "summarize", "load_model", "plot_compare", "plot_emphasis", "pivot", "format_table")


def test_help_and_dir_show_the_whole_public_api_with_summaries():
    names = set(dir(textags))
    assert set(textags.__all__) <= names and set(PUBLIC) <= names
    listing = textags.__doc__.split("::", 1)[1].split("\n\n", 2)[1]  # the indented list of the docstring
    listed = {line.split("(")[0].strip() for line in listing.splitlines() if line.strip()}
    functions = {n for n in textags.__all__ if n[0].islower() and n != "__version__"}
    assert functions == listed
    for line in listing.splitlines():  # each with a summary after its call
        assert len(line.split(")", 1)[1].strip()) > 10, line
    page = pydoc.render_doc(textags, renderer=pydoc.plaintext)
    for name in functions:
        obj = getattr(textags, name)
        assert inspect.getdoc(obj).splitlines()[0].strip(), name
        assert name in page


def test_long_defaults_are_shown_by_name():
    sig = str(inspect.signature(textags.segment))
    assert "config: 'CleanConfig' = DEFAULT_CONFIG" in sig and len(sig) < 250
    from textags._clean import CleanConfig

    assert (
        repr(CleanConfig()) == "DEFAULT_CONFIG" and repr(CleanConfig(wrap_ratio=0.5)) == "CleanConfig(wrap_ratio=0.5)"
    )
    for name in textags.__all__:
        obj = getattr(textags, name)
        if callable(obj) and not isinstance(obj, type):
            assert len(str(inspect.signature(obj))) < 300, name


def test_import_and_dir_stay_light():
    code = (
        "import sys, textags; names = dir(textags); "
        "heavy = [m for m in ('sklearn', 'jieba', 'numpy', 'matplotlib', 'scipy') if m in sys.modules]; "
        "print(heavy, 'tag' in names)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] True"


def test_summarize_takes_documents_or_paths(small_model):
    from conftest import STREET

    doc = small_model.tag(textags.load(STREET[2]))
    by_doc, by_path = textags.summarize([doc], small_model), textags.summarize([STREET[2]], small_model)
    assert by_doc[0].shares == by_path[0].shares and by_doc[0].name == STREET[2].stem
    rows = textags.pivot(textags.compare([doc]))
    assert rows[0]["group"] == STREET[2].stem and "economy" in textags.format_table(rows, width=80)


def _numpy_docstring_problems(obj) -> list[str]:
    """What a numpy-style docstring of ``obj`` lacks: a summary line, an Examples section with a doctest."""
    doc = inspect.getdoc(obj) or ""
    lines = doc.splitlines()
    problems = [] if lines and lines[0].strip() else ["no summary line"]
    sections = {lines[i].strip() for i in range(len(lines) - 1) if set(lines[i + 1].strip()) == {"-"}}
    examples = doc.split("Examples\n--------", 1)
    if "Examples" not in sections or len(examples) < 2:
        problems.append("no 'Examples' section")
    elif ">>>" not in examples[1]:
        problems.append("no doctest in Examples")
    return problems


@pytest.mark.parametrize("name", sorted(set(textags.__all__) - {"__version__"}))
def test_every_public_name_has_a_numpy_docstring_with_an_example(name):
    assert _numpy_docstring_problems(getattr(textags, name)) == []


def test_the_docstring_check_finds_what_is_missing():
    def bare():
        """Does a thing."""

    def full():
        """Does a thing.

        Examples
        --------
        >>> 1 + 1
        2
        """

    assert _numpy_docstring_problems(bare) == ["no 'Examples' section"]
    assert _numpy_docstring_problems(full) == []


def test_dir_lists_the_public_api_not_the_submodules():
    import textags.cli  # noqa: F401 - an imported submodule is an attribute, but not listed

    public = {n for n in dir(textags) if not n.startswith("_")}
    assert public == set(textags.__all__) - {"__version__"}


@pytest.mark.parametrize("cls", ["Unit", "Tag"])
def test_the_hand_written_init_of_the_data_model_takes_its_fields_and_keeps_it_frozen(cls):
    """Unit and Tag write their own __init__ (for speed): it takes exactly the fields, with their defaults."""
    import dataclasses
    import inspect

    from textags import _document

    klass = getattr(_document, cls)
    params = list(inspect.signature(klass.__init__).parameters.values())[1:]
    fields = dataclasses.fields(klass)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]
    made = klass(*[f"v{i}" for i in range(len(fields))])
    assert [getattr(made, f.name) for f in fields] == [f"v{i}" for i in range(len(fields))]
    assert dataclasses.replace(made) == made and hash(dataclasses.replace(made)) == hash(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, "changed")
