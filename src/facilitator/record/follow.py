"""Following a record another process is writing: read-only, incremental, never locking.

`facilitator display` shows the room view of a session run in another window. It reads the
record as the host's app appends to it, and folds the events as the app does:

* `Tail` reads the complete lines added to one file since the last look (from an offset, with
  one `pread`), and notices when the file was truncated (a failed write cut back, a torn line
  set aside) or replaced by another file at the same path (its inode changed: the record was
  written again after a deletion), and starts over then. A last line without its newline is
  left for the next look; so is a last line that does not parse yet.
* `FollowedRecord` turns those lines into events and state, and knows the session's time. It
  keeps what undo needs as the host's engine does (session/undo.Undoer): an `undone` costs the
  room view what the command it takes back cost, not a replay of the record.
* `LatestFollower` follows "the live record of an agenda": the record of that agenda written
  last, found by the agenda it names (record.catalog), so a `--fresh` start or a resume of an
  older record is followed without a restart. Before any record exists it shows the agenda
  itself, not started, and says it is waiting.

Nothing here opens a file for writing or takes a lock: a follower can never disturb the host.
Polling (a `stat` per look) rather than inotify: it is portable, and measured cheap enough at
ten looks a second (benchmarks/display.py).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from facilitator.agenda import Agenda, load_agenda
from facilitator.record.catalog import AgendaKey, first_event, records_of
from facilitator.record.files import lock_owner
from facilitator.regular import NotRegularFile, require_regular
from facilitator.session import events as ev
from facilitator.session.fold import new_state
from facilitator.session.state import SessionState
from facilitator.session.undo import Undoer

Wall = Callable[[], float]
"""Seconds since the epoch (time.time); tests pass their own."""
OWNER_EVERY = 2.0
"""Seconds between two looks at whether the host's app holds the record (it rarely changes)."""


@dataclass
class Lines:
    """What one look at a file found."""

    records: list[dict[str, Any]] = field(default_factory=list)
    restarted: bool = False
    """The file was replaced or cut shorter: `records` start from its first line again."""
    problem: str | None = None
    """Why the file cannot be followed now (missing, damaged); None when all is well."""


class Tail:
    """The complete lines appended to one file, read from where the last look stopped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None
        self._offset = 0
        self._line = 0  # complete lines consumed (for messages)
        self.mtime = 0.0
        """When the file was last written, as of the last look (seconds since the epoch)."""

    def look(self) -> Lines:
        try:
            named = os.stat(self.path)
        except OSError as error:
            return Lines(problem=f"{self.path}: {error.strerror or error}")
        out = Lines()
        if self._fd is None or (named.st_dev, named.st_ino) != self._identity:
            problem = self._open()
            if problem is not None:
                return Lines(problem=problem)
            out.restarted = True
        elif named.st_size < self._offset:
            self._offset, self._line = 0, 0  # cut back: what we read may be gone
            out.restarted = True
        self.mtime = named.st_mtime
        if named.st_size > self._offset:
            self._read(named.st_size, out)
        return out

    def _open(self) -> str | None:
        self.close()
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError as error:
            return f"{self.path}: {error.strerror or error}"
        try:
            require_regular(fd, self.path)
            info = os.fstat(fd)
        except (NotRegularFile, IsADirectoryError, OSError):
            os.close(fd)
            return f"{self.path} is not a regular file, so not a record"
        self._fd, self._identity = fd, (info.st_dev, info.st_ino)
        self._offset, self._line = 0, 0
        return None

    def _read(self, size: int, out: Lines) -> None:
        assert self._fd is not None
        data = os.pread(self._fd, size - self._offset, self._offset)
        end = data.rfind(b"\n") + 1
        start = 0
        while start < end:
            stop = data.index(b"\n", start) + 1
            raw = data[start:stop]
            if raw.strip():
                try:
                    value = json.loads(raw)
                except (ValueError, RecursionError):
                    value = None
                if not isinstance(value, dict):
                    if stop < end:  # a bad line with more after it: damage, not a crash
                        out.problem = (
                            f"{self.path}: line {self._line + 1} is damaged; "
                            "showing what came before it"
                        )
                    break  # the last line may still be set aside by the host: look again
                out.records.append(value)
            self._line += 1
            start = stop
        self._offset += start

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def holder(self) -> int | None:
        """The pid of the process that holds the record's lock (the host's app), if any.

        Read from /proc/locks: looking takes no lock, so the host is never disturbed.
        """
        return None if self._fd is None else lock_owner(self._fd)


class FollowedRecord:
    """One record's events and state, kept up to date look after look."""

    def __init__(self, path: Path, wall: Wall = time.time) -> None:
        self.path = path
        self.tail = Tail(path)
        self.events: list[ev.Event] = []
        self.state: SessionState | None = None
        self._undo: Undoer | None = None
        self.problem: str | None = None
        self._wall = wall
        self._holder: tuple[float, int | None] = (-OWNER_EVERY, None)

    def look(self) -> bool:
        """Read what was added; True when the state changed."""
        lines = self.tail.look()
        changed = False
        if lines.restarted:
            self.events, self.state, self._undo, changed = [], None, None, True
        problem = lines.problem
        start = len(self.events)
        try:
            for record in lines.records:
                self._add(ev.parse_event(record))
        except ev.EventError as error:
            line = len(self.events) + 1
            problem = f"{self.path}: line {line} is not a facilitator event ({error})"
        except ValueError as error:
            problem = f"{self.path}: {error}"
        if self.state is None and self.events:
            # The first look: the record replayed, keeping what undo needs (as a resume does).
            self._undo = Undoer(self.events)
            self.state = self._undo.refold()
        self.problem = problem
        return changed or len(self.events) > start

    def _add(self, event: ev.Event) -> None:
        """One more event of the record, applied as the host's engine did: kept for undo if it
        starts a command, and an `undone` puts back what was kept before its command (session/
        undo.py), at the cost of that command, not of the record."""
        if event.seq != len(self.events):
            raise ValueError(f"line {len(self.events) + 1} is out of sequence (seq {event.seq})")
        if not self.events and not isinstance(event, ev.SessionCreated):
            raise ValueError("a record starts with session_created; is this a record?")
        self.events.append(event)
        if self.state is not None and self._undo is not None:
            self._undo.follow(self.state, event)

    def now(self) -> datetime:
        """The session's time: the last event's, plus the time since it was written (at the
        rate its clock runs: a rehearsal's speed, 1 before its start and while the host practises
        at real speed). The same time the host's app shows, without sharing its clock."""
        if not self.events or self.state is None:
            return datetime.fromtimestamp(self._wall(), UTC)
        since = max(0.0, self._wall() - self.tail.mtime)
        return self.events[-1].at + timedelta(seconds=since * self.state.rate)

    def host_running(self) -> bool | None:
        """Whether the host's app has this record open (None: cannot tell on this system)."""
        at, pid = self._holder
        now = time.monotonic()
        if now - at >= OWNER_EVERY:
            pid = self.tail.holder()
            self._holder = (now, pid)
        if pid is None:
            return False if Path("/proc/locks").exists() else None
        return True

    def close(self) -> None:
        self.tail.close()


@dataclass(frozen=True)
class Followed:
    """What a follower shows now: the state (None: nothing to show yet), its time, and why."""

    state: SessionState | None
    now: datetime
    status: str
    """A line for the window: waiting, following which record, a problem; "" when all is
    well and nothing needs saying."""


class RecordFollower:
    """`facilitator display RECORD`: that file, whatever happens to it."""

    def __init__(self, path: Path, wall: Wall = time.time) -> None:
        self.record = FollowedRecord(path, wall)

    def look(self) -> bool:
        return self.record.look()

    def followed(self) -> Followed:
        record = self.record
        if record.state is None:
            why = record.problem or f"{record.path} is empty"
            return Followed(None, record.now(), f"Waiting for the record: {why}")
        return Followed(record.state, record.now(), _status(record))

    def close(self) -> None:
        self.record.close()


class LatestFollower:
    """`facilitator display [AGENDA]`: the record written last in the records folder, of that
    agenda (found by the agenda it names, never by its file name) or, with no agenda, of any.

    A `--fresh` start or the resume of an older record is followed without a restart: each
    look compares when the candidate records were last written. Before any record exists, the
    agenda itself is shown, not started, with a line saying it waits for the host."""

    def __init__(
        self, folder: Path, agenda_path: Path | None = None, wall: Wall = time.time
    ) -> None:
        self.folder = folder
        self.agenda_path = agenda_path
        self._wall = wall
        self.key: AgendaKey | None = None
        self._waiting: SessionState | None = None
        if agenda_path is not None:
            agenda = load_agenda(agenda_path)  # AgendaError: the caller says why
            self.key = AgendaKey.of(agenda_path, agenda)
            self._waiting = self._not_started(agenda)
        self._listed: tuple[float, list[Path]] = (-1.0, [])
        self.current: FollowedRecord | None = None

    def _not_started(self, agenda: Agenda) -> SessionState:
        """The agenda itself, not started: what the room sees before the host's app runs."""
        assert self.key is not None
        created = ev.SessionCreated(
            seq=0,
            at=datetime.fromtimestamp(self._wall(), UTC),
            cmd=0,
            agenda=agenda.model_dump(mode="json"),
            agenda_path=self.key.file,
        )
        return new_state(created)

    def _records(self) -> list[Path]:
        if self.key is not None:
            return records_of(self.folder, self.key)
        try:
            return [p for p in self.folder.glob("*.jsonl") if first_event(p) is not None]
        except OSError:
            return []

    def _latest(self) -> Path | None:
        """The record written last. The folder is listed again only when a file was added or
        removed in it (its mtime changed); the few records found are compared each look."""
        try:
            stamp = os.stat(self.folder).st_mtime
        except OSError:
            return None
        if stamp != self._listed[0]:
            self._listed = (stamp, self._records())
        newest: tuple[float, Path] | None = None
        for path in self._listed[1]:
            try:
                written = os.stat(path).st_mtime
            except OSError:
                continue
            if newest is None or written > newest[0]:
                newest = (written, path)
        return None if newest is None else newest[1]

    def look(self) -> bool:
        latest = self._latest()
        changed = False
        if latest is not None and (self.current is None or latest != self.current.path):
            if self.current is not None:
                self.current.close()
            self.current = FollowedRecord(latest, self._wall)
            changed = True
        if self.current is not None:
            changed = self.current.look() or changed
        return changed

    def followed(self) -> Followed:
        record = self.current
        if record is None or record.state is None:
            now = datetime.fromtimestamp(self._wall(), UTC)
            of = f"of {self.agenda_path.name} " if self.agenda_path is not None else ""
            status = (record.problem if record is not None else None) or (
                f"Waiting for the host: no record {of}yet in {self.folder}. "
                "The room view follows it as soon as `facilitator run` starts."
            )
            return Followed(self._waiting, now, status)
        return Followed(record.state, record.now(), _status(record))

    def close(self) -> None:
        if self.current is not None:
            self.current.close()


def _status(record: FollowedRecord) -> str:
    if record.problem:
        return record.problem
    state = record.state
    if state is not None and not state.finished and record.host_running() is False:
        return "The host's app is not running: the room view shows the record as last saved."
    return ""


Follower = RecordFollower | LatestFollower
