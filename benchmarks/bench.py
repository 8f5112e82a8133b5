"""Speed and memory of textags beside the naive peer, run side by side as whole processes.

Every figure is the median of --runs runs (default 5) of a fresh process; the throughput runs of
the peer and of textags take turns.

    python benchmarks/bench.py [--runs 5] [--corpus ../shared/corpus]

Prints the machine, then one line per target with textags's figure, the peer's and the ratio.
The peer is benchmarks/peer_naive.py (regex split, jieba.lcut tokenizer, logistic regression,
joblib), trained on the same labelled corpus before the runs.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "benchmarks" / "peer_naive.py"
TEXTAGS = [sys.executable, "-m", "textags"]


def run(cmd, **kw):
    """Wall time and peak RSS (KiB) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before)


def median_time(cmd, runs):
    return statistics.median(run(cmd)[0] for _ in range(runs))


def peak_rss(cmd):
    """Peak RSS of one process, measured with /usr/bin/time when present."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    if os.path.exists(gnu_time):
        r = subprocess.run([gnu_time, "-f", "%M", *cmd], capture_output=True, text=True, check=True)
        return int(r.stderr.strip().splitlines()[-1])
    return run(cmd)[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = ap.parse_args()
    corpus = Path(args.corpus) if Path(args.corpus).is_dir() else ROOT / "data" / "raw"
    files = sorted(glob.glob(str(corpus / "*" / "*.txt")) + glob.glob(str(corpus / "street" / "*.md")))
    chars = sum(len(Path(f).read_text(encoding="utf-8")) for f in files)
    one = str(ROOT / "data" / "raw" / "street" / "baoshan-youyilu-2021-work-summary.txt")
    tmp = Path(tempfile.mkdtemp())
    peer_model = tmp / "peer.joblib"
    subprocess.run([sys.executable, str(PEER), "train", str(peer_model)], check=True, capture_output=True)
    out = tmp / "out.jsonl"
    from textags.tokenize import backend

    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"date {datetime.date.today()}; tokenizer {backend()}; {args.runs} runs each, medians"
    )
    print(f"corpus: {len(files)} files, {chars / 1e6:.2f} M characters ({corpus})")

    def units():
        return sum(1 for _ in open(out, encoding="utf-8"))

    # the peer and textags's three ways, run in turn (peer, 1, 2, 3, peer, 1, ...), so that a change in
    # the machine's load over the minutes of the runs falls on all of them alike
    commands = {
        "peer": [sys.executable, str(PEER), "tag", str(peer_model), *files, "-o", str(out)],
        "textags tag (1 process)": [],
        "textags tag --jobs 2": ["--jobs", "2"],
        "textags tag --jobs 2 --terms 0": ["--jobs", "2", "--terms", "0"],
    }
    for label, extra in list(commands.items())[1:]:
        commands[label] = [*TEXTAGS, "tag", *files, "--format", "jsonl", "-o", str(out), "--force", *extra]
    times: dict[str, list[float]] = {label: [] for label in commands}
    counts: dict[str, int] = {}
    for _ in range(args.runs):
        for label, cmd in commands.items():
            times[label].append(run(cmd)[0])
            counts[label] = units()
    peer_all, peer_units = statistics.median(times.pop("peer")), counts.pop("peer")
    rows = [(label, statistics.median(ts), counts[label]) for label, ts in times.items()]
    print("\n1. throughput over the whole corpus, JSONL written (whole processes)")
    print(
        f"   peer_naive.py:                  {peer_all:6.2f} s  {peer_units / peer_all:8.0f} units/s  "
        f"{chars / peer_all / 1e6:.2f} M chars/s"
    )
    for label, t, n in rows:
        print(
            f"   {label:<32}{t:6.2f} s  {n / t:8.0f} units/s  {chars / t / 1e6:.2f} M chars/s  "
            f"= {peer_all / t:.1f}x the peer (target >= 10x)"
        )

    peer_one = median_time([sys.executable, str(PEER), "tag", str(peer_model), one, "-o", str(out)], args.runs)
    ours_one = median_time([*TEXTAGS, "tag", one, "--format", "jsonl", "-o", str(out), "--force"], args.runs)
    print("\n2. cold start: tag one report as a fresh process")
    print(f"   peer {peer_one:.2f} s, textags {ours_one:.2f} s = {ours_one / peer_one:.2f}x the peer (target <= 0.3x)")
    for cmd in (["--help"], ["info"], ["segment", one]):
        t = median_time([*TEXTAGS, *cmd], args.runs)
        probe = (
            "import sys, textags.cli as c, contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    c.main({json.dumps(cmd)})\n"
            "heavy = [m for m in ('sklearn', 'jieba', 'rjieba', 'scipy') if m in sys.modules]\n"
            "print(','.join(heavy) or 'none')"
        )
        heavy = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        print(f"   textags {' '.join(cmd[:1]):<10} {t:.2f} s; heavy modules imported: {heavy}")

    print("\n3. training (whole process, the shipped model's data and parameters)")
    m = tmp / "m"
    t_train = median_time(
        [*TEXTAGS, "train", str(ROOT / "data" / "labelled"), "--base", "none", "-o", str(m), "--force", "--no-eval"],
        max(1, args.runs // 2),
    )
    t_cv = median_time(
        [*TEXTAGS, "evaluate", "--jobs", "2", "--format", "json", "-o", str(tmp / "e.json"), "--force"], 1
    )
    cv = json.loads((tmp / "e.json").read_text(encoding="utf-8"))
    print(
        f"   train on {cv['units']:,} units: {t_train:.1f} s (target <= 10 s); leave-one-document-out "
        f"(--jobs 2, {cv['folds']} folds): {t_cv:.1f} s (target <= 60 s)"
    )

    print("\n4. memory: peak RSS of `textags tag` by number of files (copies of one national report)")
    copies = tmp / "copies"
    copies.mkdir()
    source = Path(corpus / "national" / "gwr-2024.txt")
    for i in range(100):
        shutil.copy(source, copies / f"r{i:03d}.txt")
    many = sorted(str(p) for p in copies.iterdir())
    for n in (1, 10, 100):
        rss = peak_rss([*TEXTAGS, "tag", *many[:n], "--format", "jsonl", "-o", str(out), "--force"])
        print(f"   {n:>3} files: {rss / 1024:.0f} MiB")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
