"""Reading a session record (a journal) back into events and state, without taking its lock.

Used by `export`, `template` and resume. A record being written by a running session reads as
the consistent snapshot of its complete lines; a line torn by a crash is dropped with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.record.journal import JournalError, read_records
from facilitator.session import events as ev
from facilitator.session.fold import fold
from facilitator.session.state import SessionState


class RecordError(JournalError):
    """A record that cannot be understood: names the file and, where known, the line."""


@dataclass
class Record:
    path: Path
    events: list[ev.Event]
    state: SessionState
    warnings: list[str]


def parse_records(path: Path, records: list[dict[str, Any]]) -> list[ev.Event]:
    """Validate journal records as events; errors name the line."""
    try:
        events = ev.parse_events(records)  # all at once: the fast path of a healthy record
    except ev.EventError:
        events = [_parse_line(path, line, record) for line, record in enumerate(records, start=1)]
    _check_sequence(path, events)
    if not events:
        raise RecordError(f"{path}: the record is empty")
    if not isinstance(events[0], ev.SessionCreated):
        raise RecordError(f"{path}:1: a record starts with session_created; is this a record?")
    if events[0].schema_version > ev.SCHEMA_VERSION:
        raise RecordError(
            f"{path}: written by a newer facilitator (schema {events[0].schema_version}); upgrade"
        )
    return events


def _parse_line(path: Path, line: int, record: dict[str, Any]) -> ev.Event:
    """One line, to name the first bad one (an event out of sequence before it goes first)."""
    try:
        event = ev.parse_event(record)
    except ev.EventError as exc:
        raise RecordError(f"{path}:{line}: not a facilitator event ({exc})") from None
    _check_sequence(path, [event], line)
    return event


def _check_sequence(path: Path, events: list[ev.Event], first_line: int = 1) -> None:
    for line, event in enumerate(events, start=first_line):
        if event.seq != line - 1:
            raise RecordError(f"{path}:{line}: event out of sequence (seq {event.seq})")


def load_record(path: str | Path) -> Record:
    """Read, validate and fold a record. Raises JournalError (RecordError) with one clear line."""
    path = Path(path)
    result = read_records(path)
    events = parse_records(path, result.records)
    return Record(path, events, replay(path, events), list(result.warnings))


def replay(path: Path, events: list[ev.Event]) -> SessionState:
    """Fold validated events; a record edited by hand into nonsense is one clear error."""
    try:
        return fold(events)
    except Exception as exc:
        raise RecordError(
            f"{path}: the events do not replay ({type(exc).__name__}: {exc})"
        ) from None
