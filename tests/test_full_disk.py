"""A really full disk: a small tmpfs mounted for the test and filled to the last byte.

Mounting needs root (CI runs as root); elsewhere these tests are skipped and say why. The
rescue's other folders (home, temporary) are real folders with space, as on a laptop whose
USB stick or network share filled up.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Label

from facilitator.clock import FakeClock
from facilitator.live import open_session
from facilitator.record.journal import read_records
from facilitator.record.reading import load_record
from facilitator.record.rescue import rescue
from facilitator.tui.app import FacilitatorApp
from tests.test_live import EVENING

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "llm-interpretability.toml"


class Disk:
    def __init__(self, mount: Path) -> None:
        self.mount = mount
        self.filler = mount / "filler"

    def fill(self) -> None:
        """Write until the disk refuses: from now on every write fails with ENOSPC."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError:
                    pass
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink()


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield Disk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def banner(app: FacilitatorApp) -> str:
    return str(app.screen.query_one("#unsaved", Label).render())


async def test_not_saved_shows_from_the_first_frame_when_the_first_write_failed(
    disk: Disk, home: Path
) -> None:
    disk.fill()
    record = disk.mount / "meetup.jsonl"
    live = open_session(EXAMPLE, record=record)
    assert not live.engine.saved
    journal = live.journal
    app = FacilitatorApp(
        live.engine, quiet=True, sink_error=lambda: journal.last_error, watch=journal.watch
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "NOT SAVED" in banner(app)  # before any key
        assert "No space left on device" in banner(app)
        await pilot.press("space")
        await pilot.pause()
        assert "NOT SAVED" in banner(app)
        disk.free()
        assert live.engine.retry_save()
        app.check_saved()
        await pilot.pause()
        assert banner(app) == ""
    assert journal.close()
    assert load_record(record).state.started


def test_quit_on_a_disk_still_full_rescues_the_whole_session_and_leaves_no_empty_file(
    disk: Disk, home: Path
) -> None:
    disk.fill()
    record = disk.mount / "meetup.jsonl"
    live = open_session(EXAMPLE, record=record)
    live.engine.toggle_clock()
    live.engine.check_in("Aroha")
    assert not live.journal.close()
    message = rescue(live.journal)
    (rescued,) = home.glob("meetup.rescued-*.jsonl")
    assert str(rescued) in message and "the whole session" in message
    assert sorted(p.name for p in disk.mount.iterdir()) == ["filler"]  # no 0-byte files
    assert [p.name for p in load_record(rescued).state.present()] == ["Aroha"]


def test_events_rescued_on_a_full_disk_are_merged_by_the_next_run(disk: Disk, home: Path) -> None:
    record = disk.mount / "meetup.jsonl"
    clock = FakeClock(EVENING)  # on the night: on another day the next run would ask first
    live = open_session(EXAMPLE, record=record, clock=clock)
    live.engine.toggle_clock()
    live.engine.check_in("Aroha")
    saved = len(read_records(record).records)
    disk.fill()  # the disk fills up during the meetup
    notes: list[str] = []
    while live.engine.saved and len(notes) < 10:  # until past the last, part-used page
        notes.append(f"todo: share paper {len(notes)} " + "and more " * 200)
        live.engine.add_note(notes[-1])
    assert not live.engine.saved
    live.engine.check_in("Wei")
    assert not live.journal.close()
    message = rescue(live.journal)
    (unsaved,) = home.glob("meetup.unsaved-*.jsonl")
    assert str(unsaved) in message and "the last 2 events" in message
    header = json.loads(unsaved.read_text(encoding="utf-8").splitlines()[0])
    assert header["record"] == str(record.resolve()) and header["first_seq"] == saved
    assert sorted(p.name for p in disk.mount.iterdir()) == ["filler", "meetup.jsonl"]

    disk.free()
    again = open_session(EXAMPLE, record=record, clock=clock)
    again.journal.close()
    assert again.notice is not None and "Merged 2 events" in again.notice
    state = load_record(record).state
    assert [p.name for p in state.present()] == ["Aroha", "Wei"]
    assert [n.text for n in state.notes.values()] == [note.strip() for note in notes]
    seqs = [r["seq"] for r in read_records(record).records]
    assert seqs == list(range(len(seqs)))  # no collision with the resumed session's events
