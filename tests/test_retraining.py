"""The retraining guide end to end, from a directory that is not the clone, and what it relies on:
the shipped model named ``bundled``, labels as people write them, Excel sheets, ``reviewed``,
audit of one file, evaluation that finds the user's reports, and progress on a terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

GUIDE = ROOT / "docs" / "retraining.md"
LOCAL = ROOT.parent / "shared" / "corpus" / "local"
# three short local reports (none of them in data/heldout-local.json), under names of the user's own,
# so that textags knows nothing of them: {source: the user's file name}
MINE = {
    "p001-street-xian-weiyanghu-2023.txt": "weiyanghu-2023.txt",
    "p004-street-wuxi-huazhuang-2022.txt": "huazhuang-2022.txt",
}
HELD = {"p003-town-longyou-huzhen-2024.txt": "huzhen-2024.txt"}


def guide_commands() -> list[str]:
    """The commands of the guide's first shell block, in order."""
    block = GUIDE.read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.startswith("textags ")]


def fill(sheet: Path) -> None:
    """Step 2 of the guide, as a person might do it: labels in several spellings, one row not reviewed.

    (The labels are the model's guesses: this checks the loop, not the labels.)
    """
    with open(sheet, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    spellings = {"economy": "经济发展", "party": "Party", "livelihood": "民生保障"}
    for i, r in enumerate(rows):
        r["label"] = spellings.get(r["predicted"], r["predicted"].upper()) if i % 3 == 0 else r["predicted"]
        r["reviewed"] = "false" if i == 1 else "true"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture
def user_dir(tmp_path):
    """A directory outside the clone with the user's reports in my_reports/ and held_out/."""
    held = set(json.loads((ROOT / "data" / "heldout-local.json").read_text())["heldout_local_documents"])
    for sub, names in (("my_reports", MINE), ("held_out", HELD)):
        (tmp_path / sub).mkdir()
        for name, mine in names.items():
            assert Path(name).stem not in held
            shutil.copy(LOCAL / name, tmp_path / sub / mine)
    return tmp_path


def run(line: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_the_retraining_guide_runs_as_written(user_dir):
    commands = guide_commands()
    assert [c.split()[1] for c in commands] == [
        "label", "label", "data", "train", "evaluate", "audit", "tag", "summarize", "report",
    ]  # fmt: skip
    assert not (user_dir / "textags").exists() and ROOT not in user_dir.parents
    results = {}
    filled = False
    for line in commands:
        if not line.startswith("textags label") and not filled:
            for sheet in ("queue.csv", "held_out_labels.csv"):
                fill(user_dir / sheet)
            filled = True
        r = run(line, user_dir)
        assert r.returncode == 0, f"{line}\n{r.stderr}"
        assert "warning" not in r.stderr, f"{line}\n{r.stderr}"
        results[line.split()[1]] = r
    assert "1 labelled rows left out because their reviewed column is not true" in results["train"].stdout
    card = json.loads((user_dir / "my_model" / "card.json").read_text())
    queue = list(csv.DictReader(open(user_dir / "queue.csv", encoding="utf-8-sig")))
    from textags._labels import read_labelled
    from textags.learn import bundled_data_dir, dedupe

    bundled = len(dedupe(read_labelled([bundled_data_dir()])[0]))
    assert card["training"]["units"] == bundled + len(queue) - 1  # the unreviewed row left out
    out = results["evaluate"].stdout
    assert "1 of 1 labelled documents read whole for neighbour context" in out
    assert out.count("== ") == 2 and "my_model" in out
    tags = list(csv.DictReader(open(user_dir / "tags.csv", encoding="utf-8-sig")))
    assert {t["doc"] for t in tags} == {Path(n).stem for n in MINE.values()}
    assert all(Path(n).stem[:6] in results["summarize"].stdout for n in MINE.values())
    page = (user_dir / "report.html").read_text(encoding="utf-8")
    assert "未央湖街道2023年工作总结" in page
    # the guide's other commands, in its order: a user dictionary, and the next round's queue
    text = GUIDE.read_text(encoding="utf-8")
    later = [
        "textags train queue.csv -o my_model_terms --no-eval --userdict terms.txt",
        "textags label my_reports/*.txt --model my_model -o queue2.csv",
    ]
    assert text.index(later[0]) < text.index(later[1])
    (user_dir / "terms.txt").write_text("一网统管\n九宫格\n", encoding="utf-8")
    for line in later:
        r = run(line, user_dir)
        assert r.returncode == 0, f"{line}\n{r.stderr}"
    assert json.loads((user_dir / "my_model_terms" / "card.json").read_text())["params"]["userdict"] == [
        "一网统管",
        "九宫格",
    ]
    assert (user_dir / "queue2.csv").is_file()
    # an audit of a single file of a single report works: the bundled corpus trains the model
    r = run("textags audit held_out_labels.csv", user_dir)
    assert r.returncode == 0, r.stderr


@pytest.mark.slow
def test_evaluate_warns_when_it_cannot_find_the_reports(user_dir, small_model_dir):
    assert run("textags label held_out/*.txt -o held_out_labels.csv", user_dir).returncode == 0
    fill(user_dir / "held_out_labels.csv")
    shutil.move(user_dir / "held_out", user_dir / "elsewhere")
    r = run(f"textags evaluate held_out_labels.csv --model bundled --model {small_model_dir}", user_dir)
    assert r.returncode == 0, r.stderr
    assert "warning: no report found for 1 of 1 labelled documents (huzhen-2024)" in r.stderr
    assert "--documents" in r.stderr and "0 of 1 labelled documents read whole" in r.stdout
    # a report named after the document, beside the labels, is found
    shutil.copy(user_dir / "elsewhere" / "huzhen-2024.txt", user_dir / "huzhen-2024.txt")
    r = run(f"textags evaluate held_out_labels.csv --model {small_model_dir}", user_dir)
    assert r.returncode == 0 and "warning" not in r.stderr and "1 of 1 labelled documents read whole" in r.stdout


def test_the_shipped_model_is_named_bundled_default_or_shipped(run_cli):
    from textags._model import default_model_dir, load_model

    assert load_model("bundled") is load_model() is load_model("Shipped") is load_model("default")
    code, out, _ = run_cli("info", "--model", "bundled")
    assert code == 0 and json.loads(out)["path"] == str(default_model_dir())


def test_labels_are_read_in_any_case_or_as_the_codebooks_chinese_names():
    from textags._labels import read_labelled_text

    text = "doc,index,text,label\nd,0,税收增长。,经济发展\nd,1,党建引领。,Party\nd,2,养老服务。,LIVELIHOOD\nd,3,各位代表：,其他\n"
    rows, _ = read_labelled_text(text, "x.csv")
    assert [r.label for r in rows] == ["economy", "party", "livelihood", "other"]
    from textags._errors import TextagsError

    with pytest.raises(TextagsError, match=r"unknown label 'economics'; use one of economy \(经济发展\)"):
        read_labelled_text("doc,index,text,label\nd,0,税收增长。,economics\n", "x.csv")


def test_excel_workbooks_are_read_with_openpyxl_or_refused_with_advice(tmp_path, monkeypatch):
    import openpyxl

    from textags._errors import TextagsError
    from textags._labels import check_files, read_labelled

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["doc", "index", "text", "label", "reviewed"])
    sheet.append(["d", 0, "税收增长。", "经济发展", True])
    sheet.append(["d", 1, "党建引领。", "party", "true"])
    sheet.append(["d", 2, "各位代表：", None, None])
    path = tmp_path / "queue.xlsx"
    book.save(path)
    rows, skipped = read_labelled([path])
    assert [(r.index, r.label, r.reviewed) for r in rows] == [(0, "economy", True), (1, "party", True)]
    assert skipped == 1 and check_files([tmp_path]) == []
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as without the extra
    with pytest.raises(TextagsError, match=r"Excel workbook: save as CSV UTF-8.*textags\[xlsx\]"):
        read_labelled([path])
    renamed = tmp_path / "queue.csv"  # a workbook saved under a .csv name
    shutil.copy(path, renamed)
    with pytest.raises(TextagsError, match="Excel workbook: save as CSV UTF-8"):
        read_labelled([renamed])


def test_unreviewed_rows_are_left_out_of_training_unless_asked(tmp_path, street_rows):
    from textags.learn import train

    queue = tmp_path / "queue.csv"
    rows = [r for r in street_rows if r.doc == street_rows[0].doc][:40] + [
        r for r in street_rows if r.doc != street_rows[0].doc
    ][:40]
    with open(queue, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc", "index", "text", "label", "reviewed"])
        for i, r in enumerate(rows):
            w.writerow([r.doc, r.index, r.text, r.label, "" if i % 4 == 0 else "true"])
    result = train([queue], None, base="none", evaluate=False)
    assert result.unreviewed == 20 and result.model.card["training"]["units"] == 60
    result = train([queue], None, base="none", evaluate=False, include_unreviewed=True)
    assert result.unreviewed == 0 and result.model.card["training"]["units"] == 80


def test_train_says_what_its_score_was_computed_on_and_shows_progress_on_a_terminal(tmp_path, street_rows):
    from textags._progress import Progress
    from textags.learn import train, train_summary

    queue = tmp_path / "queue.csv"
    with open(queue, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc", "index", "text", "label"])
        for r in street_rows:
            w.writerow([r.doc, r.index, r.text, r.label])

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    result = train([queue], tmp_path / "m", base="none", progress=Progress("leave-one-document-out", screen))
    shown = screen.getvalue().split("\r\x1b[2K")[1:]
    assert [s.split(":")[1].split()[0] for s in shown] == ["1/4", "2/4", "3/4", "4/4"]
    assert "left" in shown[0] and shown[-1].startswith("leave-one-document-out: 4/4 folds, done in")
    text = train_summary(result)
    assert "leave-one-document-out over all 4 documents" in text
    assert re.search(r"on your 4 documents alone \(\d+ units, each scored by a model trained without it\)", text)
    silent = io.StringIO()  # not a terminal: nothing
    Progress("x", silent)(1, 2)
    assert silent.getvalue() == ""


def test_scoring_only_some_documents_gives_their_figures_of_the_full_run(street_rows):
    from textags.learn import cross_validate

    full = cross_validate(street_rows)
    one = street_rows[0].doc
    part = cross_validate(street_rows, held_out={one})
    assert list(part["documents"]) == [one] and part["folds"] == 1
    assert part["documents"][one] == full["documents"][one]
    assert part["units"] == sum(r.doc == one for r in street_rows)
