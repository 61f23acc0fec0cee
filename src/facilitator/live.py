"""Opening a live session: an agenda, its record and a clock become an engine ready to run.

`open_session` resumes this agenda's unfinished record, or starts a new one (a finished record
is kept under another name, never overwritten). It takes the record's lock and hands back what
the screen needs, including what to tell the host on the first frame.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError, load_agenda
from facilitator.clock import Clock, ScaledClock, SystemClock
from facilitator.errors import FacilitatorError
from facilitator.record.journal import Journal, JournalError, archive_record
from facilitator.record.locations import default_record_path
from facilitator.record.reading import parse_records, replay
from facilitator.session import events as ev
from facilitator.session.engine import Engine
from facilitator.session.state import SessionState


@dataclass
class LiveSession:
    """What `run` hands to the screen: the engine on its journal, and what to tell the host."""

    engine: Engine
    journal: Journal
    record: Path
    notice: str | None


def open_session(
    agenda_path: Path,
    *,
    record: Path | None = None,
    speed: float | None = None,
    fresh: bool = False,
    attendees: Path | None = None,
) -> LiveSession:
    """Resume this agenda's unfinished record, or start a new one (archiving a finished one)."""
    agenda = _agenda(agenda_path)
    expected = [p.name for p in agenda.people] + _attendees(attendees)
    rehearsal = speed is not None and speed != 1.0
    record = record or default_record_path(agenda_path, rehearsal=rehearsal)
    if record.is_dir():
        raise FacilitatorError(
            f"{record} is a folder; --record needs a file name such as {record}/x.jsonl"
        )
    if fresh:
        kept = archive_record(record)
        if kept is not None:
            print(f"Kept the previous record as {kept}")

    journal = Journal.open(record)
    for warning in journal.existing.warnings:
        print(f"facilitator: {warning}", file=sys.stderr)
    try:
        events = parse_records(record, journal.existing.records) if journal.existing.records else []
        state = replay(record, events) if events else None
        if state is not None and state.finished:
            journal.close()
            print(
                f"The last session on this agenda had ended; its record is now "
                f"{archive_record(record)}"
            )
            journal = Journal.open(record)
            events, state = [], None
        if state is None:
            engine = Engine.create(
                agenda,
                journal,
                _clock(speed or 1.0),
                agenda_path=str(agenda_path),
                expected=expected,
                speed=speed or 1.0,
            )
            return LiveSession(engine, journal, record, None)
        engine = Engine.resume(
            events, journal, _clock(speed or state.speed, anchor=events[-1].at), state=state
        )
    except JournalError:
        journal.close()
        raise
    notice = _resume_notice(engine.state, engine.state.resumes[-1][1])
    for warning in journal.existing.warnings:  # printed before the screen took over: repeat it
        notice += f" Note: {warning}."
    engine.list_attendees(expected)
    created = events[0]
    if isinstance(created, ev.SessionCreated) and created.agenda != agenda.model_dump(mode="json"):
        notice += (
            f" {agenda_path} changed since this session started: it keeps the agenda it"
            " started with (--fresh starts over with the new one)."
        )
    return LiveSession(engine, journal, record, notice)


def _agenda(path: Path) -> Agenda:
    try:
        return load_agenda(path)
    except AgendaError as exc:
        raise FacilitatorError(f"{path} is not a valid agenda:\n{exc}") from None


def _attendees(path: Path | None) -> list[str]:
    if path is None:
        return []
    from facilitator.attendees import read_attendees

    return read_attendees(path)


def _resume_notice(state: SessionState, down_seconds: float) -> str:
    where = state.segment.title if state.segment is not None else "before the start"
    down = f"; the app was down {down_seconds / 60:.0f} min" if down_seconds >= 60 else ""
    turns = sum(1 for t in state.turns if t.outcome is not None)
    return (
        f"Resumed in {where}: {len(state.present())} people here, {turns} turns, "
        f"{len(state.notes)} notes{down}. The clock kept running while the app was closed."
    )


def _clock(speed: float, anchor: datetime | None = None) -> Clock:
    if speed == 1.0:
        return SystemClock()
    # A rehearsal resumed later carries on from its own (fast) time, not from the wall clock.
    start = max(anchor, datetime.now(UTC)) if anchor is not None else None
    return ScaledClock(SystemClock(), speed, anchor=start)
