"""Charts with matplotlib: they draw on the Agg backend, label their axes, and say how to install matplotlib."""

from __future__ import annotations

import sys
import warnings

import matplotlib  # the test extra has it; the case without it is tested below
import pytest
from conftest import STREET

import textags
from textags._codebook import DEFAULT_COLOURS as COLOURS
from textags._codebook import DOMAINS, LABEL_NAMES_ZH
from textags._errors import MissingExtraError

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def street_docs():
    return [textags.tag(p, terms=0) for p in STREET]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _hex(rgba) -> str:
    return "#" + "".join(f"{round(255 * c):02X}" for c in rgba[:3])


def test_plot_emphasis_draws_the_shares_with_intervals_and_labels(street_docs):
    doc = street_docs[1]
    ax = doc.plot_emphasis()
    e = doc.emphasis()
    bars = ax.patches
    assert len(bars) == len(DOMAINS)
    assert [round(b.get_width(), 2) for b in bars] == [round(100 * e.shares["units"][d], 2) for d in DOMAINS]
    assert [_hex(b.get_facecolor()) for b in bars] == [COLOURS[d].upper() for d in DOMAINS]
    assert ax.get_xlabel() == "share of units (%), 95% interval" and ax.get_ylabel() == "domain"
    assert "2021年友谊路街道工作总结" in ax.get_title()  # named by the title read from the report
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert all(d in t for d, t in zip(DOMAINS, ticks))
    ax.figure.canvas.draw()  # renders on Agg without error


def test_plot_emphasis_draws_on_a_given_axes_and_other_measures(street_docs):
    import matplotlib.pyplot as plt

    from textags._plot import plot_emphasis

    fig, ax = plt.subplots()
    assert plot_emphasis(street_docs[0], ax=ax, measure="chars") is ax
    assert ax.get_xlabel().startswith("share of characters")
    with pytest.raises(ValueError, match="measure must be one of"):
        plot_emphasis(street_docs[0], measure="words")


def test_plot_compare_documents_and_rows(street_docs):
    ax = textags.plot_compare(street_docs)
    assert len(ax.patches) == len(DOMAINS) * len(street_docs)
    assert ax.get_xlabel() == "document" and ax.get_ylabel() == "share of units (%)"
    assert len(ax.get_legend().get_texts()) == len(DOMAINS)
    ax.figure.canvas.draw()

    rows = textags.compare(street_docs, by="year")
    ax = textags.plot_compare(rows)
    assert ax.get_xlabel() == "year" and len(ax.get_lines()) == len(DOMAINS)  # a line per domain over years
    ax.figure.canvas.draw()

    ax = textags.plot_compare(street_docs, by="part")
    assert ax.get_xlabel() == "part"
    assert any(t.get_text().endswith(":plan") for t in ax.get_xticklabels())


def test_chinese_labels_with_a_cjk_font_else_english_and_a_warning(street_docs, monkeypatch):
    from textags import _plot as plot

    if plot.cjk_font():
        ax = plot.plot_emphasis(street_docs[1])
        assert LABEL_NAMES_ZH["economy"] in ax.get_yticklabels()[0].get_text()
    monkeypatch.setattr(plot, "cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="fonts-noto-cjk"):
        ax = plot.plot_emphasis(street_docs[1])
    assert [t.get_text() for t in ax.get_yticklabels()] == list(DOMAINS)


def test_missing_matplotlib_says_how_to_install_it(street_docs, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    for draw in (lambda: street_docs[0].plot_emphasis(), lambda: textags.plot_compare(street_docs)):
        with pytest.raises(MissingExtraError, match=r'plotting needs matplotlib: pip install "textags\[plot\]"'):
            draw()
    with pytest.raises(ImportError):  # and it is an ImportError too
        street_docs[0].plot_emphasis()


def test_importing_textags_plot_does_no_work():
    code = "import sys, textags._plot; print('matplotlib' in sys.modules)"
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_no_warning_when_a_cjk_font_is_present(street_docs, monkeypatch):
    from textags import _plot as plot

    monkeypatch.setattr(plot, "cjk_font", lambda: "DejaVu Sans")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plot.plot_emphasis(street_docs[0])
