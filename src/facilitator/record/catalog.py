"""Finding an agenda's records again: which records in a folder came from it, and which are open.

A record names the agenda it came from in its first line (`session_created`: the agenda's
resolved path, and the agenda itself). Records are matched on that, never on their file name,
so two agendas called `agenda.toml` in different folders never share a record. Records written
before the path was stored resolved are matched on the agenda's title and date.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from facilitator.agenda import Agenda
from facilitator.record.files import JournalError
from facilitator.record.reading import Record, load_record
from facilitator.regular import require_regular

FIRST_LINE_LIMIT = 4_000_000
"""A first line longer than this is not one of ours (an agenda is at most 1 MB of TOML)."""


@dataclass(frozen=True)
class AgendaKey:
    """What identifies an agenda: its resolved path; title and date for older records."""

    file: str
    title: str
    date: date | None

    @classmethod
    def of(cls, path: Path, agenda: Agenda) -> AgendaKey:
        return cls(str(path.resolve()), agenda.session.title, agenda.session.date)

    def matches(self, created: dict[str, Any], *, loose: bool = False) -> bool:
        """Whether a record's first line came from this agenda.

        ``loose`` also accepts the same title and date from another path (the agenda was moved):
        right for a record the host named with --record, too wide for a folder scan.
        """
        file = created.get("agenda_path")
        same_file = isinstance(file, str) and os.path.isabs(file) and file == self.file
        if same_file:
            return True
        if isinstance(file, str) and os.path.isabs(file) and not loose:
            return False
        session = created.get("agenda", {}).get("session", {})
        if not isinstance(session, dict):
            return False
        when = self.date.isoformat() if self.date else None
        return bool(session.get("title") == self.title and session.get("date") == when)


def first_event(path: Path) -> dict[str, Any] | None:
    """The record's `session_created` line, or None if the file is not a record we can read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        require_regular(fd, path)
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as file:
            line = file.readline(FIRST_LINE_LIMIT)
        value = json.loads(line)
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
    if isinstance(value, dict) and value.get("type") == "session_created":
        return value
    return None


@dataclass(frozen=True)
class Found:
    """An unfinished record of the agenda, read back (events and state)."""

    record: Record

    @property
    def path(self) -> Path:
        return self.record.path

    @property
    def created_at(self) -> datetime:
        return self.record.events[0].at

    @property
    def last_at(self) -> datetime:
        return self.record.events[-1].at


@dataclass(frozen=True)
class Search:
    """What a folder holds for an agenda: unfinished records (latest first), and problems."""

    unfinished: list[Found]
    problems: list[str]


def unfinished_records(folder: Path, key: AgendaKey, *, rehearsal: bool) -> Search:
    """The agenda's unfinished records in ``folder`` of the same kind (rehearsal or evening).

    Only the first line of each `.jsonl` file is read, then the few that match are replayed.
    A matching record that cannot be read is reported, not silently passed over.
    """
    found: list[Found] = []
    problems: list[str] = []
    try:
        names = sorted(folder.glob("*.jsonl"))
    except OSError:
        return Search([], [])
    for path in names:
        created = first_event(path)
        if created is None or not key.matches(created):
            continue
        if (created.get("speed", 1.0) != 1.0) != rehearsal:
            continue
        try:
            record = load_record(path)
        except JournalError as error:
            problems.append(str(error))
            continue
        if not record.state.finished:
            found.append(Found(record))
    found.sort(key=lambda f: f.last_at, reverse=True)
    return Search(found, problems)


def records_of(folder: Path, key: AgendaKey) -> list[Path]:
    """Every record of the agenda in ``folder``, finished or not, latest written first."""
    try:
        paths = [
            path
            for path in folder.glob("*.jsonl")
            if (first := first_event(path)) and key.matches(first)
        ]
        return sorted(paths, key=lambda path: path.stat().st_mtime, reverse=True)
    except OSError:
        return []
