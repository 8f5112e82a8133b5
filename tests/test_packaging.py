"""The built wheel carries the default model: install it into a fresh virtual environment and tag."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT


def parent_site_packages() -> list[str]:
    """The site-packages of the environment running the tests, never the base interpreter's."""
    import site
    import sysconfig

    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    if sys.prefix != sys.base_prefix:  # in a venv: its own site-packages only
        return sorted(p for p in paths if p.startswith(sys.prefix))
    return sorted(paths | set(site.getsitepackages()))


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_tags_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    r = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    wheel = next(dist.glob("textags-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "textags/models/card.json" in names and any(n.startswith("textags/models/model-") for n in names)
    assert any(n.startswith("textags/corpus/") and n.endswith(".csv") for n in names)
    # the reports behind the labels, read whole for neighbour context when evaluating
    assert "textags/reports/documents.csv" in names
    assert sum(n.startswith("textags/reports/raw/") and n.endswith((".txt", ".md")) for n in names) >= 88 + 214

    env = tmp_path / "venv"
    # An isolated venv: the machine's base interpreter is never reached (on a fresh machine it has
    # none of textags' dependencies). The libraries come from the environment the tests run in,
    # put on the child's path by a .pth file after its own site-packages, so textags itself comes
    # only from the wheel.
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env)
    py = env / "bin" / "python"
    child_site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (child_site / "_textags_test_parent.pth").write_text("\n".join(parent_site_packages()) + "\n")
    r = subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "--no-index", "--force-reinstall", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def run_python(code: str) -> dict:
        """Run ``code`` with the venv's Python from another directory; its JSON output."""
        r = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=elsewhere)
        assert r.returncode == 0, r.stderr[-2000:]
        return json.loads(r.stdout)

    # the child reaches no package of the machine's base interpreter
    out = run_python(
        "import json, site, sys\n"
        "print(json.dumps({'base': sys.base_prefix, 'site': site.getsitepackages(), 'path': sys.path}))\n"
    )
    base_site = [p for p in out["path"] if p.startswith(out["base"]) and "site-packages" in p]
    assert not base_site and all(p.startswith(str(env)) for p in out["site"]), out
    out = run_python(
        "import json, textags\n"
        "doc = textags.tag('坚持党管武装，有效落实民兵整组任务。')\n"
        "print(json.dumps({'file': textags.__file__, 'label': doc.coded_units[0].tag.label}))\n"
    )
    assert out["file"].startswith(str(env)), out
    assert out["label"] == "party"
    r = subprocess.run([str(env / "bin" / "textags"), "info"], capture_output=True, text=True, cwd=elsewhere)
    assert r.returncode == 0 and json.loads(r.stdout)["path"].startswith(str(env))
    out = run_python(
        "import json\n"
        "from textags.learn import bundled_data_dir, load_documents\n"
        "from textags._labels import read_labelled\n"
        "rows, _ = read_labelled([bundled_data_dir()])\n"
        "docs = load_documents(rows)\n"
        "print(json.dumps({'reports': len(docs), 'docs': len({r.doc for r in rows}), 'where': str(bundled_data_dir())}))\n"
    )
    # every labelled document's report is bundled, read from the installed copy (301 since the local round)
    labelled = len({p.stem for p in (ROOT / "data" / "labelled").glob("*.csv")})
    assert out["reports"] == out["docs"] == labelled and out["where"].startswith(str(env)), out
