"""Opening a live session: an agenda, its record and a clock become an engine ready to run.

Two steps, so `run` can ask the host before anything is written. `prepare_session` reads: the
agenda, and the unfinished record of this agenda if there is one (found by what it names, never
by its file name). When that record is from another day or hours old, it carries a
`ResumeQuestion`. `Opening.open` then takes the record's lock and builds the engine: resuming,
or starting a new record under a new dated name. No record is ever renamed, and a finished one
is never resumed or written to.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError, load_agenda
from facilitator.clock import Clock, ScaledClock, SystemClock
from facilitator.errors import FacilitatorError
from facilitator.record.catalog import AgendaKey, Found, first_event, unfinished_records
from facilitator.record.files import probe_lock
from facilitator.record.journal import Journal, JournalError, read_records
from facilitator.record.locations import new_record_path, records_dir
from facilitator.record.reading import Record, load_record, parse_records, replay
from facilitator.record.rescue import Merge, unsaved_files, unsaved_for
from facilitator.session import events as ev
from facilitator.session import schedule
from facilitator.session.engine import CommandError, Engine
from facilitator.session.state import SessionState
from facilitator.session.undo import UndoLog

STALE_AFTER = timedelta(hours=3)
"""A record last written longer ago than this is not resumed without asking."""


@dataclass
class LiveSession:
    """What `run` hands to the screen: the engine on its journal, and what to tell the host."""

    engine: Engine
    journal: Journal
    notice: str | None
    kept: Path | None = None  # an unfinished record left as it was, when starting fresh

    @property
    def record(self) -> Path:
        """Where the record is now (it moves only if it was deleted or replaced under us)."""
        return self.journal.path


@dataclass(frozen=True)
class ResumeQuestion:
    """Resume an old unfinished record, or start fresh? Everything the host needs to decide."""

    record: Path
    fresh: Path  # where a fresh start writes
    last_used: datetime
    holds: str
    try_out: str | None  # why this looks like a try-out rather than the evening, if it does

    def lines(self, now: datetime) -> list[str]:
        """The question's facts as plain lines (the screen adds the keys)."""
        used = _when(self.last_used, now)
        lines = [f"Last used {used}: {self.holds}.", f"Record: {self.record}"]
        if self.try_out:
            lines.insert(0, f"TRY-OUT: {self.try_out}.")
        return lines


@dataclass
class Opening:
    """A session ready to open; `question` is set when the host must choose first."""

    agenda_path: Path
    agenda: Agenda
    key: AgendaKey
    expected: list[str]
    speed: float | None
    wall: Clock
    fresh_path: Path
    found: Found | None
    question: ResumeQuestion | None
    kept: Path | None = None
    notes: list[str] = field(default_factory=list)

    def open(self, resume: bool | None = None) -> LiveSession:
        """Take the record and build the engine. With a question, ``resume`` is the answer;
        no answer starts fresh: an old record is never resumed without the host saying so."""
        if self.question is not None and not resume:
            return self._new(kept=self.question.record)
        if self.found is None:
            return self._new(kept=self.kept)
        return self._resume(self.found.path)

    def _new(self, *, kept: Path | None) -> LiveSession:
        journal = Journal.open(self.fresh_path)
        try:
            if journal.existing.records:  # another run took this name a moment ago
                raise JournalError(f"{self.fresh_path} was just created by another facilitator.")
            engine = Engine.create(
                self.agenda,
                journal,
                _clock(self.speed or 1.0, None, self.wall)[0],
                agenda_path=self.key.file,
                expected=self.expected,
                speed=self.speed or 1.0,
            )
        except JournalError:
            journal.close()
            raise
        notes = list(self.notes)
        if kept is not None:
            notes.insert(
                0,
                f"New record {journal.path}. The unfinished one is kept as it was: {kept}"
                " (--record with that path resumes it).",
            )
        return LiveSession(engine, journal, " ".join(notes) or None, kept)

    def _resume(self, path: Path) -> LiveSession:
        found = self.found.record if self.found is not None else None
        journal = Journal.open(path, read_before=found.read if found is not None else None)
        for warning in journal.existing.warnings:
            print(f"facilitator: {warning}", file=sys.stderr)
        try:
            if found is not None and _unchanged(found, journal) and not unsaved_files(path):
                # The very bytes read to find it: read, checked and replayed once, not twice.
                events, state, log = found.events, found.state, found.undo
                merge = Merge([], [])
            else:
                records = journal.existing.records or read_records(path).records
                merge = unsaved_for(path, records)
                events = parse_records(path, records + merge.events)
                for record in merge.events:  # valid as events: only now written to the record
                    journal.append(record)
                log = UndoLog()
                state = replay(path, events, log)
            if state.finished:
                raise JournalError(f"{path} has ended meanwhile; run again to start a new one.")
            # The record says which clock it runs on; --speed only changes a rehearsal's speed.
            clock, clock_note = _clock(state.speed, events[-1].at, self.wall)
            engine = Engine.resume(events, journal, clock, state=state, log=log)
            speed_note = _set_speed(engine, self.speed)
        except (JournalError, CommandError):  # the record changed since _check_speed saw it
            journal.close()
            raise
        notice = _resume_notice(engine.state, engine.state.resumes[-1][1], clock_note)
        lines = [*merge.notes, *self.notes]
        for line in [*lines, *([speed_note] if speed_note else [])]:
            notice += f" {line}"
        for warning in journal.existing.warnings:  # printed before the screen took over
            notice += f" Note: {warning}."
        engine.list_attendees(self.expected)
        created = events[0]
        if isinstance(created, ev.SessionCreated) and created.agenda != self.agenda.model_dump(
            mode="json"
        ):
            notice += (
                f" {self.agenda_path} changed since this session started: it keeps the agenda it"
                " started with (--fresh starts over with the new one)."
            )
        return LiveSession(engine, journal, notice)


def _set_speed(engine: Engine, speed: float | None) -> str | None:
    """A rehearsal resumed with another --speed runs at it from now on, recorded as the fact
    `*` records; the line that says so (None when --speed changes nothing)."""
    state = engine.state
    if speed is None or not schedule.rehearsal(state):
        return None
    was = state.rate if state.started else state.speed
    old = state.speed
    if not engine.set_speed(speed):
        return None
    if speed == 1.0:
        return f"Speed now real time (was {_speed(was)}); * runs it x{old:g} again."
    start = "" if state.started else " from the start"
    return f"Speed now x{speed:g}{start} (was {_speed(was)})."


def _speed(rate: float) -> str:
    return "real time" if rate == 1.0 else f"x{rate:g}"


def _check_speed(found: Found, speed: float) -> None:
    """Refuse a --speed that cannot apply to the record that would be resumed, with why."""
    state = found.record.state
    if not schedule.rehearsal(state) and speed != 1.0:
        raise FacilitatorError(
            f"{found.path} is the record of a real session, not a rehearsal: --speed does not"
            " change it. Leave out --speed to resume it, or add --fresh for a rehearsal."
        )
    if schedule.rehearsal(state) and speed == 1.0 and not state.started:
        raise FacilitatorError(
            f"{found.path} is a rehearsal not started yet: it runs x{state.speed:g} from its"
            " start (space), and * switches it to real time. Leave out --speed 1 to resume it."
        )


def _other_kind(folder: Path, key: AgendaKey, speed: float) -> str | None:
    """With --speed, the line that names the unfinished record of the other kind (the real
    session for a rehearsal, a rehearsal for --speed 1), which this run leaves as it is."""
    rehearsal = speed != 1.0
    others = unfinished_records(folder, key, rehearsal=not rehearsal).unfinished
    if not others:
        return None
    other = others[0]
    if rehearsal:
        return (
            f"A rehearsal, in a record of its own: the unfinished session {other.path} is left"
            " as it is (run without --speed to resume it)."
        )
    return (
        f"--speed 1 is real time: this is the session, not the unfinished rehearsal {other.path}"
        f" (kept as it is; --speed {other.record.state.speed:g} resumes it)."
    )


def _unchanged(found: Record, journal: Journal) -> bool:
    return found.read is not None and journal.existing.digest == found.read.digest


def prepare_session(
    agenda_path: Path,
    *,
    record: Path | None = None,
    speed: float | None = None,
    fresh: bool = False,
    attendees: Path | None = None,
    other_agenda: bool = False,
    clock: Clock | None = None,
) -> Opening:
    """Read the agenda and find its unfinished record; write nothing yet.

    ``clock`` is the wall clock (tests pass a fake one). Raises FacilitatorError with one line
    for a bad agenda, a record of another agenda, a finished record, or one open elsewhere.
    """
    agenda = _agenda(agenda_path)
    listed, rsvp_note = _attendees(attendees)
    expected = [p.name for p in agenda.people] + listed
    rehearsal = speed is not None and speed != 1.0
    key = AgendaKey.of(agenda_path, agenda)
    wall = clock or SystemClock()
    now = wall.now()
    today = now.astimezone().date()
    notes: list[str] = [rsvp_note] if rsvp_note else []
    if record is not None:
        found = _named_record(record, key, other_agenda=other_agenda)
        fresh_path = (
            record
            if found is None
            else new_record_path(record.parent, record.stem, today, rehearsal=rehearsal)
        )
    else:
        folder = records_dir()
        search = unfinished_records(folder, key, rehearsal=rehearsal)
        notes += [f"Skipped a record: {problem}" for problem in search.problems]
        found = search.unfinished[0] if search.unfinished else None
        fresh_path = new_record_path(folder, agenda_path.stem, today, rehearsal=rehearsal)
        other = _other_kind(folder, key, speed) if speed is not None else None
        notes += [other] if other else []
    kept: Path | None = None
    if found is not None and fresh:
        kept = found.path
        found = None
    if found is not None and speed is not None:
        _check_speed(found, speed)
    for path in [fresh_path] + ([found.path] if found is not None else []):
        probe_lock(path)
    question = _question(found, agenda, now, fresh_path) if found is not None else None
    return Opening(
        agenda_path, agenda, key, expected, speed, wall, fresh_path, found, question, kept, notes
    )


def open_session(
    agenda_path: Path, *, resume: bool | None = None, **options: object
) -> LiveSession:
    """`prepare_session` then `open`: the whole opening when nobody is asked (tests, scripts)."""
    return prepare_session(agenda_path, **options).open(resume)  # type: ignore[arg-type]


def _named_record(record: Path, key: AgendaKey, *, other_agenda: bool) -> Found | None:
    """The record the host named with --record: None when it is new (or empty)."""
    if record.is_dir():
        raise FacilitatorError(
            f"{record} is a folder; --record needs a file name such as {record}/x.jsonl"
        )
    try:
        empty = not record.exists() or record.stat().st_size == 0
    except OSError:
        empty = True  # a symlink loop or worse: Journal.open gives the one-line reason
    if empty:
        return None
    created = first_event(record)
    loaded = load_record(record)  # a file that is not a record is refused here, by line
    if created is not None and not key.matches(created, loose=True) and not other_agenda:
        title = loaded.state.agenda.session.title
        raise FacilitatorError(
            f'{record} is the record of another agenda ("{title}", '
            f"{created.get('agenda_path') or 'path unknown'}), not of {key.file}. "
            "Add --other-agenda to resume it anyway."
        )
    if loaded.state.finished:
        raise FacilitatorError(
            f"{record} holds a session that has ended; a finished record is never resumed or "
            f"changed. Its summary: facilitator export {record}. Leave out --record to start a "
            "new one."
        )
    return Found(loaded)


def _question(found: Found, agenda: Agenda, now: datetime, fresh: Path) -> ResumeQuestion | None:
    """Ask when the record is from another day, hours old, or from before today's start."""
    last, created = found.last_at.astimezone(), found.created_at.astimezone()
    local_now = now.astimezone()
    planned = agenda.session.date
    try_out = None
    if planned is not None and created.date() != planned:
        try_out = f"started {_day(created)}, but the agenda is for {planned:%a %-d %b}"
    elif _before_todays_start(agenda, last, local_now):
        start = agenda.start_time
        assert start is not None
        try_out = f"used before today's planned start at {start:%H:%M}"
    stale = last.date() != local_now.date() or now - found.last_at > STALE_AFTER
    if not stale and try_out is None:
        return None
    return ResumeQuestion(found.path, fresh, found.last_at, _holds(found.record.state), try_out)


def _before_todays_start(agenda: Agenda, last: datetime, now: datetime) -> bool:
    """The record was last used today well before the planned start, and that start is near."""
    start = agenda.start_time
    if start is None or last.date() != now.date():
        return False
    begins = now.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    window = timedelta(hours=1)
    return last < begins - window <= now


def _holds(state: SessionState) -> str:
    if not state.started:
        where = "not started"
    else:
        where = f"in {state.segment.title}" if state.segment is not None else "started"
    turns = sum(1 for t in state.turns if t.outcome is not None)
    people = len(state.present())
    return (
        f"{where}, {people} {'person' if people == 1 else 'people'} here, "
        f"{turns} turn{'s' if turns != 1 else ''}, "
        f"{len(state.notes)} note{'s' if len(state.notes) != 1 else ''}"
    )


def _day(moment: datetime) -> str:
    return f"{moment:%a %-d %b}"


def _when(moment: datetime, now: datetime) -> str:
    """'Fri 20 Nov at 19:04 (6 days ago)' in local time."""
    local = moment.astimezone()
    ago = now - moment
    days = (now.astimezone().date() - local.date()).days
    if ago < timedelta(0):
        age = "later than now by the computer's clock"
    elif days >= 1:
        age = "yesterday" if days == 1 else f"{days} days ago"
    elif ago < timedelta(hours=1):
        age = f"{int(ago.total_seconds() // 60)} min ago"
    else:
        age = f"{ago.total_seconds() / 3600:.0f} h ago"
    return f"{_day(local)} at {local:%H:%M} ({age})"


def _agenda(path: Path) -> Agenda:
    try:
        return load_agenda(path)
    except AgendaError as exc:
        raise FacilitatorError(f"{path} is not a valid agenda:\n{exc}") from None


def _attendees(path: Path | None) -> tuple[list[str], str | None]:
    """The names an RSVP file pre-lists, and a line for the host: how many, and how many were
    skipped and why (`facilitator attendees FILE` shows who)."""
    if path is None:
        return [], None
    from facilitator.attendees import read_rsvps

    rsvps = read_rsvps(path)
    note = f"Pre-listed {rsvps.summary(path)}."
    if rsvps.skipped:
        note += f" facilitator attendees {path.name} shows who."
    return rsvps.listed, note


def _resume_notice(state: SessionState, down_seconds: float, clock_note: str | None) -> str:
    """What the resume found; `clock_note` says how time went on when the clock did not simply
    keep running while the app was closed."""
    where = state.segment.title if state.segment is not None else "before the start"
    down = f"; the app was down {down_seconds / 60:.0f} min" if down_seconds >= 60 else ""
    turns = sum(1 for t in state.turns if t.outcome is not None)
    clock = clock_note or "The clock kept running while the app was closed."
    return (
        f"Resumed in {where}: {len(state.present())} people here, {turns} turns, "
        f"{len(state.notes)} notes{down}. {clock}"
    )


def _clock(speed: float, last: datetime | None, wall: Clock) -> tuple[Clock, str | None]:
    """The session's clock, and what to say instead of "the clock kept running" when it did
    not: the wall clock is behind the record, or a rehearsal's fast time is ahead of it.

    A wall clock set back between two runs (corrected after a crash) would freeze every timer
    until it caught up: the session's time carries on from the record's last event instead.
    A rehearsal resumed later carries on from its own (fast) time, not from the wall clock.
    """
    now = wall.now()
    if speed != 1.0:
        if last is not None and last > now:
            note = "The rehearsal's clock carries on from where it stopped."
            return ScaledClock(wall, speed, anchor=last), note
        return ScaledClock(wall, speed, anchor=now if last is not None else None), None
    if last is not None and now < last:
        behind = last - now
        note = (
            f"The computer's clock is {_duration(behind)} behind this record's last event (it "
            "was set back): the session's time carries on from that event."
        )
        return ScaledClock(wall, 1.0, anchor=last), note
    return wall, None


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return f"{int(span.total_seconds())} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
