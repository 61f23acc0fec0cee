"""The real night, as a whole process with a fake wall clock (libfaketime) in a real terminal.

A host tries the example a week early, then runs it on the night, then looks at it the day after:
the try-out is never resumed without asking, and every path the app printed at exit still opens
the record it named, after every later run.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from facilitator.record.journal import read_records

from .conftest import AGENDA
from .test_tmux import Tmux

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or shutil.which("faketime") is None,
    reason="tmux and faketime are needed (.ci/run installs both)",
)


def run_at(when: str, agenda: Path, records: Path, *extra: str) -> Tmux:
    """`facilitator run` in a terminal whose wall clock starts at `when` (Auckland time)."""
    env = f"FACILITATOR_RECORDS={shlex.quote(str(records))} TZ=Pacific/Auckland TERM=xterm-256color"
    command = f"exec env {env} faketime {shlex.quote(when)} {shlex.quote(sys.executable)} "
    command += f"-m facilitator run {shlex.quote(str(agenda))} --quiet {' '.join(extra)}"
    return Tmux(command)


def quit_and_read_record(tmux: Tmux) -> Path:
    """q, y; the record path from the exit message."""
    tmux.keys("q")
    tmux.keys("y")
    screen = tmux.wait_for(lambda s: "Summary: facilitator export" in s, "the exit", history=50)
    joined = "".join(line for line in screen.splitlines())  # a long path wraps
    path = joined.split("Summary: facilitator export ", 1)[1].split(".jsonl", 1)[0] + ".jsonl"
    return Path(path)


def flat(screen: str) -> str:
    """The screen's words on one line: wrapping and the dialog's border do not count."""
    return " ".join(screen.replace("█", " ").split())


def export(record: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", "export", str(record)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_try_out_a_week_early_then_the_night_then_the_day_after(tmp_path: Path) -> None:
    agenda = tmp_path / "evening.toml"
    agenda.write_text(AGENDA.read_text(encoding="utf-8"), encoding="utf-8")
    records = tmp_path / "records"
    printed: list[Path] = []

    def every_printed_path_still_opens_its_record() -> None:
        assert "Just Trying" in export(printed[0])  # the try-out, untouched
        for path in printed[1:]:
            assert "Just Trying" not in export(path)

    # A week early: try it out, check someone in, quit.
    tmux = run_at("2026-11-20 19:00:00", agenda, records)
    try:
        tmux.wait_for(lambda s: "Press space to start" in s, "the app")
        tmux.keys("space")
        tmux.keys("a")
        tmux.keys("Just Trying", literal=True)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "1 checked in" in s, "the check-in")
        printed.append(quit_and_read_record(tmux))
    finally:
        tmux.close()
    every_printed_path_still_opens_its_record()

    # The night: asked first; enter starts fresh and says where the try-out is.
    tmux = run_at("2026-11-26 17:55:00", agenda, records)
    try:
        screen = flat(tmux.wait_for(lambda s: "or start fresh?" in s, "the question"))
        assert "TRY-OUT: started Fri 20 Nov, but the agenda is for Thu 26 Nov" in screen
        assert "Last used Fri 20 Nov at 19:0" in screen and "(6 days ago)" in screen
        assert "1 person here" in screen
        tmux.keys("Enter")
        screen = flat(tmux.wait_for(lambda s: "Press space to start" in s, "the live screen"))
        assert "Just Trying" not in screen and "0 checked in" in screen
        assert "The unfinished one is kept as it was" in screen
        tmux.keys("space")
        tmux.keys("a")
        tmux.keys("Aroha", literal=True)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "1 checked in" in s, "the check-in")
        printed.append(quit_and_read_record(tmux))
    finally:
        tmux.close()
    assert printed[1] != printed[0]
    every_printed_path_still_opens_its_record()

    # Back twenty minutes later the same evening (a crash, a quit): resumed without a question.
    tmux = run_at("2026-11-26 18:20:00", agenda, records)
    try:
        screen = tmux.wait_for(lambda s: "Resumed" in s, "the resume notice")
        assert "Aroha" in screen
        printed.append(quit_and_read_record(tmux))
    finally:
        tmux.close()
    assert printed[2] == printed[1]
    every_printed_path_still_opens_its_record()

    # The day after: asked again (not a try-out this time); r resumes the evening's record.
    tmux = run_at("2026-11-27 10:00:00", agenda, records)
    try:
        screen = flat(tmux.wait_for(lambda s: "or start fresh?" in s, "the question"))
        assert "TRY-OUT" not in screen and "(yesterday)" in screen
        tmux.keys("r")
        screen = tmux.wait_for(lambda s: "Resumed" in s, "the resumed evening")
        assert "Aroha" in screen
        printed.append(quit_and_read_record(tmux))
    finally:
        tmux.close()
    assert printed[3] == printed[1]
    every_printed_path_still_opens_its_record()
    assert sorted(p.name for p in records.iterdir()) == [
        "evening.2026-11-20.jsonl",
        "evening.2026-11-26.jsonl",
    ]


def test_a_clock_set_back_between_runs_never_freezes_the_session(tmp_path: Path) -> None:
    """Run at 18:30, then again with the computer's clock an hour behind (corrected after a
    crash): the app says so, and time goes on from the record's last event at once."""
    agenda = tmp_path / "evening.toml"
    agenda.write_text(AGENDA.read_text(encoding="utf-8"), encoding="utf-8")
    records = tmp_path / "records"
    tmux = run_at("2026-11-26 18:30:00", agenda, records)
    try:
        tmux.wait_for(lambda s: "Press space to start" in s, "the app")
        tmux.keys("space")
        tmux.keys("a")
        tmux.keys("Aroha", literal=True)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "1 checked in" in s, "the check-in")
        record = quit_and_read_record(tmux)
    finally:
        tmux.close()

    tmux = run_at("2026-11-26 17:30:00", agenda, records)
    try:
        screen = flat(tmux.wait_for(lambda s: "Resumed" in s, "the resume"))
        assert "clock is 1 h 00 min behind this record's last event" in screen
        time.sleep(2)
        tmux.keys("a")
        tmux.keys("Wei", literal=True)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "2 checked in" in s, "the second check-in")
        assert quit_and_read_record(tmux) == record
    finally:
        tmux.close()
    events = read_records(record).records
    resumed = next(e for e in events if e["type"] == "process_resumed")
    wei = next(e for e in events if e.get("name") == "Wei")
    gone = datetime.fromisoformat(wei["at"]) - datetime.fromisoformat(resumed["at"])
    assert gone.total_seconds() >= 1.5  # on the frozen clock, this was 0 for an hour
