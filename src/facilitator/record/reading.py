"""Reading a session record (a journal) back into events and state, without taking its lock.

Used by `export`, `template` and resume. A record being written by a running session reads as
the consistent snapshot of its complete lines; a line torn by a crash is dropped with a warning.

A healthy record goes straight from its bytes to events (msgspec decodes the lines as one
array, with every check of the events) and is folded with the cyclic garbage collector out of
the way: decoding is the only cost per line. Anything unusual (a torn or blank line, a bad
line) takes the journal's line-by-line reading, which names the line and what is wrong.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from facilitator.record.journal import JournalError, ReadResult, digest, parse_data, read_data
from facilitator.session import events as ev
from facilitator.session.fold import fold
from facilitator.session.state import SessionState
from facilitator.session.undo import UndoLog, refold


class RecordError(JournalError):
    """A record that cannot be understood: names the file and, where known, the line."""


@dataclass
class Record:
    path: Path
    events: list[ev.Event]
    state: SessionState
    warnings: list[str]
    read: ReadResult | None = None
    undo: UndoLog | None = None
    """What the replay kept for undo: a resume hands it to the engine (Engine.resume)."""
    """What was read (its digest and length; the lines only when they were parsed as dicts):
    `Journal.open(read_before=...)` does not parse the same bytes again."""


def parse_records(path: Path, records: list[dict[str, Any]]) -> list[ev.Event]:
    """Validate journal records as events; errors name the line."""
    try:
        events = ev.parse_events(records)  # all at once: the fast path of a healthy record
    except ev.EventError:
        events = [_parse_line(path, line, record) for line, record in enumerate(records, start=1)]
    _check_sequence(path, events)
    _check_start(path, events)
    return events


def _check_start(path: Path, events: list[ev.Event]) -> None:
    if not events:
        raise RecordError(f"{path}: the record is empty")
    first = events[0]
    if not isinstance(first, ev.SessionCreated):
        raise RecordError(f"{path}:1: a record starts with session_created; is this a record?")
    if first.schema_version > ev.SCHEMA_VERSION:
        raise RecordError(
            f"{path}: written by a newer facilitator (schema {first.schema_version}); upgrade"
        )


_LINES = msgspec.json.Decoder(ev.Event)
_TWO_ON_A_LINE = re.compile(rb"\}[ \t\r]*\{")  # what decode_lines takes and a line may not hold


def decode_events(data: bytes) -> list[ev.Event] | None:
    """A healthy record's events straight from its bytes; None when anything is unusual (a
    torn or blank line, two objects on a line, a bad line): then the line-by-line reading
    explains."""
    if not data.endswith(b"\n"):
        return None
    try:
        events = _LINES.decode_lines(data)
    except msgspec.DecodeError:  # not JSON, or not valid events (ValidationError)
        return None
    if len(events) != data.count(b"\n") or _TWO_ON_A_LINE.search(data):
        return None  # a blank line was skipped, or lines were run together
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
    data = read_data(path)
    with _no_cyclic_gc():
        events = decode_events(data)
        if events is not None:
            _check_sequence(path, events)
            _check_start(path, events)
            read = ReadResult([], [], len(data), digest(data))
        else:
            read = parse_data(path, data)
            events = parse_records(path, read.records)
            read = ReadResult([], read.warnings, read.valid_bytes, read.digest)
        del data
        log = UndoLog()
        state = replay(path, events, log)
        return Record(path, events, state, list(read.warnings), read, log)


def replay(path: Path, events: list[ev.Event], log: UndoLog | None = None) -> SessionState:
    """Fold validated events; a record edited by hand into nonsense is one clear error.
    With a `log`, the records undo needs are kept in it on the way (session/undo.py)."""
    try:
        with _no_cyclic_gc():
            return fold(events) if log is None else refold(events, log)
    except Exception as exc:
        raise RecordError(
            f"{path}: the events do not replay ({type(exc).__name__}: {exc})"
        ) from None


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Reading makes many objects and frees none: the cyclic collector would walk them over
    and over for nothing. After, they are frozen out of its way (a long session's state is
    never walked again by the collections that follow, while the host presses keys)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()
