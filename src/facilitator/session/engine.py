"""The engine: plumbing between the host's commands and the record.

Each command asks one rule module (rounds, notes, voting, schedule) for its decision, then the
engine stamps the drafts (seq, time, command), hands them to the sink (the journal: written and
fsynced), applies them to the state, and tells its listeners. Nothing is shown as done before it
is on disk; when the disk fails the sink keeps the events in memory and retries (record/journal),
and the engine carries on. Undo is an event too, `Undone(target)`; the state goes back to what
it was before the target from a record kept when it ran (session/undo.py), not by a refold.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Literal, Protocol

from facilitator.agenda import Agenda
from facilitator.clock import Clock, ScaledClock
from facilitator.session import events as ev
from facilitator.session import notes, rounds, schedule, undo, voting
from facilitator.session.drafts import CommandError, Draft
from facilitator.session.fold import apply
from facilitator.session.schedule import ClockChange
from facilitator.session.state import SessionState

__all__ = ["ClockChange", "CommandError", "Engine", "MemorySink", "Sink"]

IdKind = Literal["person", "note", "topic"]
_ID_FIELDS: dict[str, tuple[IdKind, str]] = {
    "person_checked_in": ("person", "person_id"),
    "note_added": ("note", "note_id"),
    "topic_nominated": ("topic", "topic_id"),
}


class Sink(Protocol):
    """Where events go: the journal. `append` is True once the record (and all before it) is
    durable; False when it is held in memory after a disk error, to be written by `retry`."""

    def append(self, record: dict[str, Any]) -> bool: ...

    def retry(self) -> bool: ...

    @property
    def pending(self) -> int: ...


class MemorySink:
    """Keeps records in a list (tests, benchmarks, and `export` dry runs)."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def append(self, record: dict[str, Any]) -> bool:
        self.records.append(record)
        return True

    def retry(self) -> bool:
        return True

    @property
    def pending(self) -> int:
        return 0


Listener = Callable[[list[ev.Event]], None]


class Engine:
    """Owns the clock and the event log of one session."""

    def __init__(
        self,
        events: list[ev.Event],
        sink: Sink,
        clock: Clock,
        state: SessionState | None = None,
        log: undo.UndoLog | None = None,
    ) -> None:
        """`state`, when given, must be fold(events) (saves replaying a long record twice);
        `log`, what that replay kept for undo (undo.refold), if it did."""
        self.events = events
        self.sink = sink
        self.clock = clock
        self.saved = True  # False while the sink holds events it could not write yet
        self._listeners: list[Listener] = []
        self._seq = events[-1].seq + 1
        self._ids: dict[IdKind, int] = {}
        self._scan(events)
        self._undo = undo.Undoer(events, log)
        self.state: SessionState = state if state is not None else self._undo.refold()
        self._follow_rate()

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        agenda: Agenda,
        sink: Sink,
        clock: Clock,
        *,
        agenda_path: str | None = None,
        expected: Iterable[str] = (),
        speed: float = 1.0,
    ) -> Engine:
        created = ev.SessionCreated(
            seq=0,
            at=clock.now(),
            cmd=0,
            agenda=agenda.model_dump(mode="json"),
            agenda_path=agenda_path,
            expected=list(expected),
            speed=speed,
        )
        saved = sink.append(ev.to_record(created))
        engine = cls([created], sink, clock)
        engine.saved = saved  # a disk full from the first write shows NOT SAVED at once
        return engine

    @classmethod
    def resume(
        cls,
        events: list[ev.Event],
        sink: Sink,
        clock: Clock,
        state: SessionState | None = None,
        log: undo.UndoLog | None = None,
    ) -> Engine:
        """Carry on from a replayed journal (see record.reading) and note the restart: the
        meeting went on while the app was down, and the clock shows that. With the `log` the
        replay kept, ctrl+z takes back what was done before the restart as cheaply as ever."""
        engine = cls(events, sink, clock, state, log)
        down = max(0.0, (clock.now() - engine.events[-1].at).total_seconds())
        engine._emit([(ev.ProcessResumed, {"down_seconds": round(down, 3)})])
        return engine

    # -- plumbing --------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def retry_save(self) -> bool:
        """Try again to write what a disk error left in memory; True when all is on disk."""
        self.saved = self.sink.retry()
        return self.saved

    def now(self) -> datetime:
        """The clock, never before the last event (a wall clock set back must not undo time)."""
        now = self.clock.now()
        last = self.events[-1].at
        return now if now >= last else last

    def _next_id(self, kind: IdKind) -> int:
        """The id the next person, note or topic gets (ids are never reused, even undone)."""
        return self._ids.get(kind, -1) + 1

    def _scan(self, events: Iterable[ev.Event]) -> None:
        """The highest id of each kind."""
        ids, fields = self._ids, _ID_FIELDS
        for event in events:
            found = fields.get(event.type)
            if found is not None:
                name, field = found
                value = getattr(event, field)
                if value > ids.get(name, -1):
                    ids[name] = value

    def _emit(self, drafts: list[Draft]) -> list[ev.Event]:
        """Stamp, persist, apply and announce one command's events (none: nothing happens)."""
        if not drafts:
            return []
        at = self.now()
        cmd = self._seq
        out: list[ev.Event] = []
        for event_type, data in drafts:
            event = ev.stamp(event_type, {"seq": self._seq, "at": at, "cmd": cmd, **data})
            self._seq += 1
            self.saved = self.sink.append(ev.to_record(event))
            self.events.append(event)
            out.append(event)
        if out[0].type not in ev.NOT_UNDOABLE:
            self._undo.keep(self.state, cmd, drafts)
        self._scan(out)
        self._undo.scan(out)
        for event in out:
            if isinstance(event, ev.Undone):
                self._undo.take_back(self.state, event.target)
            else:
                apply(self.state, event)
        self._follow_rate()
        for listener in list(self._listeners):
            listener(out)
        return out

    def _follow_rate(self) -> None:
        """A rehearsal's clock runs at the rate the state says: real speed until the start, its
        speed after, real speed again while the host practises turns (`toggle_speed`)."""
        clock = self.clock
        if isinstance(clock, ScaledClock) and clock.speed != self.state.rate:
            clock.set_speed(self.state.rate)

    @staticmethod
    def _seed() -> int:
        return random.SystemRandom().randrange(2**31)

    # -- the clock and the agenda ----------------------------------------------------------------
    def toggle_clock(self) -> ClockChange:
        """`space`: start the session, or pause / resume the clock."""
        change, drafts = schedule.toggle_clock(
            self.state, self.now(), self._seed(), self._next_id("topic")
        )
        self._emit(drafts)
        return change

    def start(self) -> None:
        self._emit(schedule.start(self.state, self.now(), self._seed(), self._next_id("topic")))

    def toggle_speed(self) -> float:
        """`*` in a rehearsal: real speed, or fast again. Returns the clock's new speed."""
        self._emit(schedule.toggle_speed(self.state))
        return self.state.rate

    def set_speed(self, speed: float) -> list[ev.Event]:
        """A rehearsal resumed with another `--speed` (see schedule.set_speed)."""
        return self._emit(schedule.set_speed(self.state, speed))

    def next_segment(self) -> int | None:
        """`]`: on to the next segment (its index); after the last one, the end (None)."""
        index, drafts = schedule.next_segment(self.state, self._seed(), self._next_id("topic"))
        self._emit(drafts)
        return index

    def end_session(self) -> None:
        self._emit(schedule.end_session(self.state))

    def extend(self, minutes: int) -> None:
        """`+` / `-`: a minute more or less for the current segment."""
        self._emit(schedule.extend(self.state, minutes))

    # -- people and turns ------------------------------------------------------------------------
    def check_in(self, name: str) -> int:
        """`a`: someone arrives (or comes back). Returns their person id."""
        (event,) = self._emit(rounds.check_in(self.state, name, self._next_id("person")))
        assert isinstance(event, ev.PersonCheckedIn)
        return event.person_id

    def list_attendees(self, names: Iterable[str]) -> None:
        """Names expected (RSVPs) that the session does not list yet."""
        self._emit(rounds.list_attendees(self.state, names))

    def mark_left(self, person_id: int) -> None:
        self._emit(rounds.mark_left(self.state, person_id))

    def next_speaker(self) -> None:
        """`n`: the current speaker is done; the next one is up."""
        self._emit(rounds.next_speaker(self.state))

    def pass_turn(self) -> None:
        """`p`: the current speaker passes (offered one more turn at the end, if so set)."""
        self._emit(rounds.pass_turn(self.state))

    def absent(self) -> None:
        """`x`: the current speaker is not here: skipped, not counted as a pass."""
        self._emit(rounds.absent(self.state))

    def raise_hand(self, person_id: int) -> None:
        """`h`: add someone to the open-floor queue."""
        self._emit(rounds.raise_hand(self.state, person_id))

    def lower_hand(self, person_id: int) -> None:
        self._emit(rounds.lower_hand(self.state, person_id))

    def set_queue_order(self, order: ev.QueueOrder) -> None:
        self._emit(rounds.set_queue_order(self.state, order))

    # -- notes -----------------------------------------------------------------------------------
    def add_note(self, text: str, author: str | None = None) -> int:
        """`/`: a note, with the current segment and speaker as its context. Returns its id.
        `author`: the note-taker who wrote it (None: the host)."""
        (event,) = self._emit(notes.add_note(self.state, text, self._next_id("note"), author))
        assert isinstance(event, ev.NoteAdded)
        return event.note_id

    def edit_note(self, note_id: int, text: str, by: str | None = None) -> None:
        """`by`: a note-taker, who may change only their own notes (None: the host, any)."""
        self._emit(notes.edit_note(self.state, note_id, text, by))

    def delete_note(self, note_id: int, by: str | None = None) -> None:
        self._emit(notes.delete_note(self.state, note_id, by))

    # -- voting ----------------------------------------------------------------------------------
    def nominate(self, topic: str, by: int | None = None) -> int:
        """Returns the new topic's id."""
        (event,) = self._emit(voting.nominate(self.state, topic, by, self._next_id("topic")))
        assert isinstance(event, ev.TopicNominated)
        return event.topic_id

    def withdraw(self, topic_id: int) -> None:
        self._emit(voting.withdraw(self.state, topic_id))

    def record_votes(self, topic_id: int, votes: int) -> None:
        """The count for one topic: hands (approval), votes (plurality) or dots."""
        self._emit(voting.record_votes(self.state, topic_id, votes))

    def start_runoff(self) -> None:
        self._emit(voting.start_runoff(self.state))

    def pick_winner(self, topic_id: int) -> None:
        """The host settles a tie (recorded as the host's pick)."""
        self._emit(voting.pick_winner(self.state, topic_id))

    def close_vote(self) -> int:
        """Declare the winner (its topic id). A tie must be settled first."""
        (event,) = self._emit(voting.close_vote(self.state))
        assert isinstance(event, ev.VoteClosed)
        return event.winner

    # -- undo ------------------------------------------------------------------------------------
    def undoable(self) -> ev.Event | None:
        """The first event of the last command that can still be undone."""
        for event in reversed(self.events):
            if event.type in ev.NOT_UNDOABLE or event.cmd in self._undo.undone:
                continue
            return self.events[event.cmd]  # seq is the position in the journal
        return None

    def undo(self) -> ev.Event:
        """`ctrl+z`: take back the last action (its events stay in the journal, marked undone)."""
        target = self.undoable()
        if target is None:
            raise CommandError("Nothing to undo")
        self._emit([(ev.Undone, {"target": target.cmd})])
        return target
