"""The load benchmark, small and short, as a test: many pages and a busy note-taker, and not one
update missed nor one note lost (its timings are only reported: this machine is shared)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "share.py"


def test_many_pages_miss_nothing_and_no_note_is_lost() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--pages", "40", "--rate", "10", "--seconds", "4",
         "--baseline", "2"],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = {line[:44].strip(): line for line in done.stdout.splitlines()}
    assert lines["every page got every update (missed)"].split()[-1] == "met"
    assert lines["notes lost (record, pages, failed posts)"].split()[-1] == "met"
    assert "pages open 40 (refused 0)" in done.stdout
