"""Speed and memory of textags beside two hand-written peers, run side by side as whole processes.

Every figure is the median of --runs runs (default 5) of a fresh process; the throughput runs of
the peers and of textags take turns (jieba peer, rjieba peer, textags, textags --jobs 1, jieba
peer, ...), so that a change in the machine's load falls on all of them alike.

    python benchmarks/bench.py [--runs 5] [--corpus ../shared/corpus] [--no-training]

Prints the machine, then tables in Markdown, ready for benchmarks/README.md: the whole corpus
(textags with no options and with --jobs 1, both peers, the ratios against the targets of issue
18), a cold start on one report, commands that must stay light, training, and peak memory.

The peers are ``benchmarks/peer_naive.py`` (``jieba.lcut``) and ``benchmarks/peer_rjieba.py``
(``rjieba.cut``): the same hand-written pipeline (``benchmarks/peer_pipeline.py``: regex split,
TfidfVectorizer, logistic regression, joblib), trained on the same labelled corpus before the runs.
The corpus is every ``*.txt`` of ``--corpus``'s folders and the street folder's ``*.md``: the plain
text the peers can read (the Word and PDF copies of reports are left out).
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = {"jieba peer": ROOT / "benchmarks" / "peer_naive.py", "rjieba peer": ROOT / "benchmarks" / "peer_rjieba.py"}
TEXTAGS = [sys.executable, "-m", "textags"]
#: Issue 18's targets: textags with no options at least this many times as fast as each peer.
TARGETS = {"jieba peer": 4.0, "rjieba peer": 1.5}


def run(cmd: list[str]) -> tuple[float, float, float]:
    """Wall time (s), CPU time (user + system, s) and peak RSS (MiB) of one fresh process and its children.

    The CPU time and memory come from the process's own resource usage (``os.wait4``), so runs
    do not blur into one another.
    """
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"bench.py: {' '.join(cmd[:4])} ... failed with exit code {proc.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def medians(cmd: list[str], runs: int) -> tuple[float, float, float]:
    """Medians of :func:`run` over ``runs`` runs: wall time, CPU time, peak RSS."""
    results = [run(cmd) for _ in range(runs)]
    return tuple(statistics.median(r[i] for r in results) for i in range(3))


def table(header: list[str], rows: list[list[str]]) -> None:
    """A Markdown table."""
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def lines_in(path: Path) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(1 for _ in fh)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--no-training", action="store_true", help="leave out training and leave-one-document-out")
    args = ap.parse_args()
    corpus = Path(args.corpus) if Path(args.corpus).is_dir() else ROOT / "data" / "raw"
    files = sorted(glob.glob(str(corpus / "*" / "*.txt")) + glob.glob(str(corpus / "street" / "*.md")))
    chars = sum(len(Path(f).read_text(encoding="utf-8")) for f in files)
    one = str(ROOT / "data" / "raw" / "street" / "baoshan-youyilu-2021-work-summary.txt")
    tmp = Path(tempfile.mkdtemp())
    models = {name: tmp / f"{path.stem}.joblib" for name, path in PEERS.items()}
    for name, path in PEERS.items():
        subprocess.run([sys.executable, str(path), "train", str(models[name])], check=True, capture_output=True)
    out = tmp / "out.jsonl"
    from importlib.metadata import PackageNotFoundError, version

    # asked of a child: this process stays small, since a child's peak RSS counts what it was
    # before it ran its program (a copy of this process)
    backend = subprocess.run(
        [sys.executable, "-c", "from textags._tokenize import backend; print(backend())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.strip()
    versions = []
    for package in ("numpy", "scikit-learn", "jieba", "rjieba"):
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package} (none)")
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{', '.join(versions)}; date {datetime.date.today()}; textags's tokenizer {backend}; "
        f"{args.runs} runs each, medians"
    )
    print(f"corpus: {len(files)} files, {chars / 1e6:.2f} M characters ({corpus})")

    def peer(name: str, paths: list[str]) -> list[str]:
        return [sys.executable, str(PEERS[name]), "tag", str(models[name]), *paths, "-o", str(out)]

    def textags_tag(paths: list[str], *extra: str) -> list[str]:
        return [*TEXTAGS, "tag", *paths, "--format", "jsonl", "-o", str(out), "--force", *extra]

    commands = {
        "jieba peer": peer("jieba peer", files),
        "rjieba peer": peer("rjieba peer", files),
        "textags tag (no options)": textags_tag(files),
        "textags tag --jobs 1": textags_tag(files, "--jobs", "1"),
    }
    results: dict[str, list[tuple[float, float, float]]] = {label: [] for label in commands}
    units: dict[str, int] = {}
    for _ in range(args.runs):
        for label, cmd in commands.items():
            results[label].append(run(cmd))
            units[label] = lines_in(out)
    wall = {label: statistics.median(r[0] for r in rs) for label, rs in results.items()}
    cpu = {label: statistics.median(r[1] for r in rs) for label, rs in results.items()}
    rss = {label: statistics.median(r[2] for r in rs) for label, rs in results.items()}

    print("\n## 1. Throughput: the whole corpus, JSONL written, whole fresh processes taking turns\n")
    rows = []
    for label in commands:
        ratios = (
            ""
            if label in PEERS
            else " / ".join(f"{wall[p] / wall[label]:.2f}x" for p in PEERS)  # how many times as fast
        )
        rows.append(
            [
                f"`{label}`",
                f"{wall[label]:.2f} s",
                f"{cpu[label]:.2f} s",
                f"{units[label]:,} ({units[label] / wall[label]:,.0f}/s)",
                f"{chars / wall[label] / 1e6:.2f} M/s",
                f"{rss[label]:.0f} MiB",
                ratios,
            ]
        )
    table(
        [
            "command",
            "wall",
            "CPU (user+sys)",
            "lines written",
            "characters",
            "peak RSS (largest process)",
            "x jieba / x rjieba peer",
        ],
        rows,
    )
    best = "textags tag (no options)"
    print()
    for p, target in TARGETS.items():
        ratio = wall[p] / wall[best]
        print(
            f"- `{best}` against the {p}: {ratio:.2f}x as fast (target >= {target}x): "
            f"**{'met' if ratio >= target else 'not met'}**"
        )

    print("\n## 2. Cold start: one report as a fresh process\n")
    cold = {
        "jieba peer": peer("jieba peer", [one]),
        "rjieba peer": peer("rjieba peer", [one]),
        "textags tag": textags_tag([one]),
    }
    # taking turns, as above
    cold_results: dict[str, list] = {label: [] for label in cold}
    for _ in range(args.runs):
        for label, cmd in cold.items():
            cold_results[label].append(run(cmd))
    rows = []
    for label, rs in cold_results.items():
        w, c, m = (statistics.median(r[i] for r in rs) for i in range(3))
        rows.append([f"`{label}`", f"{w:.2f} s", f"{c:.2f} s", f"{m:.0f} MiB"])
    table(["command (`" + Path(one).name + "`)", "wall", "CPU (user+sys)", "peak RSS"], rows)
    print()
    rows = []
    for cmd in (["--help"], ["info"], ["segment", one]):
        w, c, m = medians([*TEXTAGS, *cmd], args.runs)
        probe = (
            "import sys, textags.cli as c, contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    c.main({json.dumps(cmd)})\n"
            "heavy = [m for m in ('sklearn', 'jieba', 'rjieba', 'scipy') if m in sys.modules]\n"
            "print(', '.join(heavy) or 'none')"
        )
        heavy = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        rows.append([f"`textags {cmd[0]}`", f"{w:.2f} s", f"{m:.0f} MiB", heavy])
    table(["command", "wall", "peak RSS", "heavy modules imported"], rows)

    if not args.no_training:
        print("\n## 3. Training (whole processes, the shipped model's data and parameters)\n")
        m = tmp / "m"
        t_train = medians(
            [
                *TEXTAGS,
                "train",
                str(ROOT / "data" / "labelled"),
                "--base",
                "none",
                "-o",
                str(m),
                "--force",
                "--no-eval",
            ],
            max(1, args.runs // 2),
        )[0]
        t_cv = run([*TEXTAGS, "evaluate", "--jobs", "2", "--format", "json", "-o", str(tmp / "e.json"), "--force"])[0]
        cv = json.loads((tmp / "e.json").read_text(encoding="utf-8"))
        table(
            ["step", "wall"],
            [
                [f"`textags train` on {cv['units']:,} units", f"{t_train:.1f} s"],
                [f"`textags evaluate --jobs 2` (leave-one-document-out, {cv['folds']} folds)", f"{t_cv:.1f} s"],
            ],
        )

    print("\n## 4. Memory: peak RSS of `textags tag` by number of files (copies of one national report)\n")
    copies = tmp / "copies"
    copies.mkdir()
    source = Path(corpus / "national" / "gwr-2024.txt")
    for i in range(100):
        shutil.copy(source, copies / f"r{i:03d}.txt")
    many = sorted(str(p) for p in copies.iterdir())
    rows = []
    for n in (1, 10, 100):
        rows.append([str(n)] + [f"{run(textags_tag(many[:n], *extra))[2]:.0f} MiB" for extra in ((), ("--jobs", "1"))])
    table(["files", "`textags tag` (no options)", "`textags tag --jobs 1`"], rows)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
