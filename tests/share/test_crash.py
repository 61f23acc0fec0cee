"""The real process in a real terminal: `run --share`, SIGKILL, run again: the same links work
again (same secrets, same port), and a page's stream picks up the resumed session."""

from __future__ import annotations

import json
import os
import shlex
import signal
import sys
import time
import urllib.request
from pathlib import Path

from facilitator.share.keys import keys_path
from facilitator.share.server import KEY_HEADER
from tests.tui.conftest import AGENDA
from tests.tui.test_tmux import Tmux, on_the_night, pytestmark

__all__ = ["pytestmark"]


def first_state(url: str) -> dict[str, object]:
    """The first `state` event a page gets on connecting."""
    with urllib.request.urlopen(url, timeout=5) as stream:
        event = ""
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "state":
                data: dict[str, object] = json.loads(line[6:])
                return data
    raise AssertionError("no state event")


def test_killed_and_resumed_with_the_same_links(tmp_path: Path) -> None:
    agenda = tmp_path / "evening.toml"
    agenda.write_text(AGENDA.read_text())
    record = tmp_path / "evening.jsonl"
    env = (
        f"TZ=Pacific/Auckland TERM=xterm-256color FACILITATOR_RECORDS={shlex.quote(str(tmp_path))}"
    )
    env += f" {on_the_night()}"  # a crash on the evening itself, not a try-out resumed later
    command = f"exec env {env} {shlex.quote(sys.executable)} -m facilitator run "
    command += f"{shlex.quote(str(agenda))} --record {shlex.quote(str(record))} --quiet --share"
    tmux = Tmux(command)
    try:
        tmux.wait_for(lambda s: "Shared on this computer" in s, "the share line")
        keys = json.loads(keys_path(record).read_text())
        base = f"http://127.0.0.1:{keys['port']}"
        tmux.keys("space")
        tmux.keys("a")
        tmux.keys("Wiremu", literal=True)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "1 checked in" in s, "the check-in")
        before = first_state(f"{base}/events/room/{keys['read']}")

        os.kill(tmux.pid(), signal.SIGKILL)  # the laptop crashed
        time.sleep(0.5)
        tmux.respawn()
        tmux.wait_for(lambda s: "Resumed" in s and "Shared on this computer" in s, "the resume")
        assert json.loads(keys_path(record).read_text()) == keys  # same secrets, same port
        after = first_state(f"{base}/events/room/{keys['read']}")
        assert after["seq"] > before["seq"]  # type: ignore[operator]
        assert after["room"]["here"] == 1  # type: ignore[index]
        request = urllib.request.Request(
            f"{base}/api/notes",
            data=json.dumps({"text": "after the crash", "author": "Kim"}).encode(),
            headers={KEY_HEADER: keys["write"], "Origin": base, "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=5) as answer:
            assert json.loads(answer.read())["saved"] is True
        tmux.wait_for(lambda s: "after the crash — Kim" in s, "the note on the host's screen")
        tmux.keys("q")
        tmux.keys("y")
        tmux.wait_for(lambda s: "Record:" in s, "the exit", history=100)
    finally:
        tmux.close()
    assert str(keys["read"]) not in record.read_text()
