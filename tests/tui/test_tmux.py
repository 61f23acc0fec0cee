"""The real process in a real terminal: run, SIGKILL mid-meetup, run again, see it resumed."""

from __future__ import annotations

import glob
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .conftest import AGENDA

LIBFAKETIME = next(iter(glob.glob("/usr/lib/*/faketime/libfaketime.so.1")), None)
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or LIBFAKETIME is None,
    reason="tmux and faketime are needed (.ci/run installs both)",
)

EVENING = datetime(2026, 11, 26, 17, 55, tzinfo=ZoneInfo("Pacific/Auckland"))
"""The example agenda's evening, five minutes before its planned start."""


def on_the_night() -> str:
    """`env` settings that put a process's wall clock on the example agenda's evening, running
    on from there (the same offset for every process of a test, so a resume carries on in time).

    On any other day the app rightly asks whether a record is a try-out before resuming it.
    libfaketime is preloaded into the app itself: the `faketime` command would fork, and a
    SIGKILL meant for the app would only end the wrapper.
    """
    offset = round(EVENING.timestamp() - time.time())
    return f"LD_PRELOAD={LIBFAKETIME} FAKETIME={offset:+d} DONT_FAKE_MONOTONIC=1"


class Tmux:
    """One session on a tmux server of its own (never the user's default server)."""

    def __init__(self, command: str) -> None:
        self.name = f"facilitator-test-{uuid.uuid4().hex[:8]}"
        self.socket = self.name
        self.command = command
        self._tmux("new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", command)
        self._tmux("set-option", "-t", self.name, "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True
        )
        return done.stdout

    def screen(self, history: int = 0) -> str:
        """The visible pane, with `history` lines of scrollback above it."""
        return self._tmux("capture-pane", "-p", "-S", str(-history), "-t", self.name)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)
        time.sleep(0.3)

    def pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}"))

    def respawn(self) -> None:
        self._tmux("respawn-pane", "-k", "-t", self.name, self.command)

    def wait_for(
        self, check: Callable[[str], bool], what: str, timeout: float = 15, history: int = 0
    ) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(history)
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen}")
            time.sleep(0.2)

    def exit_status(self, pid: int, timeout: float = 15) -> int:
        """Wait for the pane's process `pid` to end; its exit status.

        tmux 3.3 may mark a pane dead (its terminal closed) before it reaps the process, and
        then shows no status for a while: the process is a zombie whose status the kernel
        still holds (/proc/PID/stat, field 52). Either source will do.
        """
        deadline = time.monotonic() + timeout
        while True:
            dead, status = self._tmux(
                "display-message", "-p", "-t", self.name, "#{pane_dead} #{pane_dead_status}"
            ).split(" ")
            if dead == "1" and status.strip():
                return int(status)
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except FileNotFoundError:
                stat = ""  # reaped: tmux has the status now, read it on the next turn
            fields = stat.rsplit(")", 1)[-1].split()
            if dead == "1" and fields and fields[0] == "Z":
                return int(fields[49]) >> 8  # field 52 (exit_code), as waitpid reports it
            if time.monotonic() > deadline:
                raise AssertionError(f"pid {pid} did not end; the screen:\n{self.screen()}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def run(agenda: Path, records: Path, *env: str) -> str:
    """The command line of `facilitator run AGENDA --quiet`, its records in `records`."""
    settings = " ".join(
        [f"FACILITATOR_RECORDS={shlex.quote(str(records))}", "TZ=Pacific/Auckland", *env]
    )
    python, agenda_ = shlex.quote(sys.executable), shlex.quote(str(agenda))
    return f"exec env {settings} TERM=xterm-256color {python} -m facilitator run {agenda_} --quiet"


def test_killed_and_resumed(tmp_path: Path) -> None:
    agenda = tmp_path / "evening.toml"
    agenda.write_text(AGENDA.read_text())
    records = tmp_path / "records"
    tmux = Tmux(run(agenda, records, on_the_night()))
    try:
        tmux.wait_for(lambda s: "Press space to start" in s, "the app to start")
        tmux.keys("space")
        for name in ("Wiremu", "Lena"):
            tmux.keys("a")
            tmux.keys(name, literal=True)
            tmux.keys("Enter")
        tmux.wait_for(lambda s: "2 checked in" in s, "two check-ins")
        tmux.keys("]")
        tmux.wait_for(lambda s: "▶ Wiremu" in s, "the first speaker")
        tmux.keys("p")
        tmux.keys("/")
        tmux.keys("todo: [bold]send the slides[/]", literal=True)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "send the slides" in s and "▶ Lena" in s, "the note")

        os.kill(tmux.pid(), signal.SIGKILL)  # no goodbye: the laptop crashed
        time.sleep(0.5)
        tmux.respawn()
        screen = tmux.wait_for(lambda s: "Resumed" in s, "the resume notice")
        assert "Introductions" in screen
        assert "▶ Lena" in screen
        assert "todo: [bold]send the slides[/]" in screen
        assert "Passed   Wiremu" in screen

        tmux.keys("n")  # it carries on: Wiremu's second chance after his pass
        tmux.wait_for(lambda s: "▶ Wiremu" in s, "the revisit of the passer")
        tmux.keys("q")
        tmux.keys("y")
        # The exit message may have scrolled: a long temporary path wraps over several lines.
        tmux.wait_for(lambda s: "Record:" in s, "the exit message", history=100)
    finally:
        tmux.close()
    (record,) = records.glob("evening.*.jsonl")  # named for the day: evening.<date>.jsonl


def test_keys_typed_faster_than_prompts_open(tmp_path: Path) -> None:
    """The whole evening's first minutes in one burst, as a terminal delivers a paste of keys
    or a quick typist on a busy laptop: each key lands where it would have, typed slowly
    (before, the names ran together, letters ran as commands, and a second enter closed the
    screen beneath a prompt: a traceback)."""
    tmux = Tmux(run(AGENDA, tmp_path / "records"))
    try:
        tmux.wait_for(lambda s: "Press space to start" in s, "the app to start")
        tmux.keys("space", "a", "Rob", "Enter", "a", "Aroha", "Enter", "a", "Wei", "Enter", "]")
        tmux.keys("n", "p", "/", "next: pass", "Enter", "Escape")  # Rob speaks, Aroha passes
        screen = tmux.wait_for(lambda s: "next: pass" in s and "Passed   Aroha" in s, "a note")
        assert "▶ Wei" in screen and "Spoke 1  Rob" in screen
        assert "Error" not in screen
    finally:
        tmux.close()
