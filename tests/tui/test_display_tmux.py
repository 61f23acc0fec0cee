"""Two real processes: the host's app and `facilitator display` on the same agenda, in tmux.

The display starts first and waits; follows every key of the host; goes on through a SIGKILL
and a resume of the host's app without a restart of its own; and never opens the record for
writing nor takes its lock.
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
import time
from pathlib import Path

from .conftest import AGENDA
from .test_tmux import Tmux, on_the_night, pytestmark

__all__ = ["pytestmark"]


def command(sub: str, agenda: Path, records: Path, night: str) -> str:
    env = f"FACILITATOR_RECORDS={shlex.quote(str(records))} TZ=Pacific/Auckland TERM=xterm-256color"
    env += f" {night}"  # both processes on the agenda's evening: a crash, not a try-out
    python = shlex.quote(sys.executable)
    return f"exec env {env} {python} -m facilitator {sub} {shlex.quote(str(agenda))}"


def writable_fds(pid: int, path: Path) -> list[str]:
    """The display's open files naming the record that are open for writing (none, we hope)."""
    found = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path.parent)):
            flags = int(Path(f"/proc/{pid}/fdinfo/{fd}").read_text().split()[3], 8)
            if flags & os.O_ACCMODE != os.O_RDONLY:
                found.append(target)
    return found


def test_the_display_follows_the_host_through_a_crash(tmp_path: Path) -> None:
    agenda = tmp_path / "evening.toml"
    agenda.write_text(AGENDA.read_text())
    records = tmp_path / "records"
    night = on_the_night()
    display = Tmux(command("display", agenda, records, night))
    host: Tmux | None = None
    try:
        display.wait_for(lambda s: "Waiting for the host" in s, "the display to wait")
        shown_pid = display.pid()
        host = Tmux(command("run", agenda, records, night) + " --quiet")
        host.wait_for(lambda s: "Press space to start" in s, "the host's app")
        host.keys("space")
        for name in ("Wiremu", "Lena", "Aroha", "Moana"):
            host.keys("a")
            host.keys(name, literal=True)
            host.keys("Enter")
        display.wait_for(lambda s: "4 here" in s, "the check-ins on the display")
        host.keys("]")
        display.wait_for(lambda s: "Next: Lena, Aroha, Moana" in s, "the round on the display")
        host.keys("/")
        host.keys("todo: a private note for the host", literal=True)
        host.keys("Enter")
        host.wait_for(lambda s: "private note" in s, "the note on the host's screen")
        host.keys("Escape")
        time.sleep(0.5)  # an ESC and a key read together are alt+key: the ESC goes alone
        host.keys("n")
        screen = display.wait_for(lambda s: "Next: Aroha, Moana" in s, "the next speaker")
        assert "private note" not in screen

        (record,) = records.glob("evening.*.jsonl")
        assert writable_fds(shown_pid, record) == []
        assert f" {shown_pid} " not in Path("/proc/locks").read_text()

        os.kill(host.pid(), signal.SIGKILL)  # the laptop's app dies mid-meetup
        display.wait_for(lambda s: "not running" in s, "the display to notice", timeout=10)
        host.respawn()
        host.wait_for(lambda s: "Resumed" in s, "the host's app to resume")
        display.wait_for(lambda s: "not running" not in s, "the display to see it back")
        host.keys("n")
        display.wait_for(lambda s: "Next: Moana" in s, "a key after the resume")
        assert display.pid() == shown_pid  # the same display process all along
        assert writable_fds(shown_pid, record) == []
        display.keys("q")  # quits at once: nothing to save
        assert display.exit_status(shown_pid, timeout=5) == 0
    finally:
        display.close()
        if host is not None:
            host.close()
