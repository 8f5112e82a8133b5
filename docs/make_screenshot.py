"""Regenerate docs/images/report.png: the HTML report of a bundled report, shot in headless Chromium.

    python docs/make_screenshot.py            # needs Debian's chromium and fonts-noto-cjk

The report is written with the shipped model (``textags report``), then
Chromium (found as ``chromium``/``chromium-browser``/``google-chrome``, or
``$CHROMIUM``) takes a screenshot of its first 1280 x 1000 pixels.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "raw" / "street" / "baoshan-youyilu-2021-work-summary.txt"
OUT = ROOT / "docs" / "images" / "report.png"
SIZE = (1280, 1000)


def browser() -> str:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = name and shutil.which(name)
        if found:
            return found
    sys.exit("make_screenshot: Chromium is not installed (apt-get install chromium fonts-noto-cjk)")


def main() -> None:
    from textags import write_report

    os.chdir(ROOT)  # the page names the report by its path in the clone, not on this machine
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        write_report([REPORT.relative_to(ROOT)], page)
        shot = Path(tmp) / "report.png"
        subprocess.run(
            [
                browser(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size={SIZE[0]},{SIZE[1]}",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        OUT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, OUT)
    print(f"wrote {OUT.relative_to(ROOT)} ({SIZE[0]} x {SIZE[1]})")


if __name__ == "__main__":
    main()
