"""The live record deleted, replaced and its folder removed by another process mid-meetup: the
real app in a real terminal carries on, says so, and the path it prints at exit holds everything.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.record.reading import load_record

from .conftest import AGENDA
from .test_tmux import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def flat(screen: str) -> str:
    return " ".join(screen.split())


def test_the_live_record_deleted_replaced_and_its_folder_removed(tmp_path: Path) -> None:
    agenda = tmp_path / "evening.toml"
    agenda.write_text(AGENDA.read_text(encoding="utf-8"), encoding="utf-8")
    records = tmp_path / "records"
    env = f"FACILITATOR_RECORDS={shlex.quote(str(records))} TZ=Pacific/Auckland TERM=xterm-256color"
    command = f"exec env {env} {shlex.quote(sys.executable)} -m facilitator run "
    tmux = Tmux(command + f"{shlex.quote(str(agenda))} --quiet")

    def check_in(name: str, count: int) -> str:
        tmux.keys("a")
        tmux.keys(name, literal=True)
        tmux.keys("Enter")
        return flat(tmux.wait_for(lambda s: f"{count} checked in" in s, f"{name}'s check-in"))

    try:
        tmux.wait_for(lambda s: "Press space to start" in s, "the app")
        tmux.keys("space")
        check_in("Aroha", 1)
        (record,) = records.glob("evening.*.jsonl")

        subprocess.run(["rm", str(record)], check=True)  # a clean-up script
        screen = check_in("Wei", 2)  # noticed at the next write
        assert "moved or deleted" in screen and "NOT SAVED" not in screen
        assert len(load_record(record).state.present()) == 2

        other = tmp_path / "sync-copy.jsonl"
        other.write_text("not ours\n", encoding="utf-8")
        subprocess.run(["mv", str(other), str(record)], check=True)  # a sync client's copy
        check_in("Priya", 3)
        assert record.read_text(encoding="utf-8") == "not ours\n"  # never written over

        tmux.keys("Escape")  # the notice goes; the next one is about the folder
        tmux.wait_for(lambda s: "moved or deleted" not in flat(s), "the notice to go")
        subprocess.run(["rm", "-rf", str(records)], check=True)  # the whole folder
        tmux.wait_for(lambda s: "moved or deleted" in flat(s), "the periodic check", timeout=20)
        assert records.is_dir()  # made again, with the whole session in it
        check_in("Tom", 4)

        tmux.keys("q")
        tmux.keys("y")
        screen = tmux.wait_for(lambda s: "Summary: facilitator" in s, "the exit", history=50)
    finally:
        tmux.close()
    joined = "".join(screen.splitlines())
    printed = Path(joined.split("Record: ", 1)[1].split(".jsonl", 1)[0] + ".jsonl")
    state = load_record(printed).state
    assert [p.name for p in state.present()] == ["Aroha", "Wei", "Priya", "Tom"]
