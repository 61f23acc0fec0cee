"""The host's commands: each is checked against the state, then becomes events.

A command's events go to the sink (the journal: written and fsynced) before they are applied to
the state and reported to listeners, so nothing is shown as done before it is on disk. When the
disk fails the sink keeps them in memory and retries (see journal.py); the engine carries on.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta
from typing import Any, Literal, Protocol, cast

from facilitator.agenda import Agenda
from facilitator.clock import Clock
from facilitator.identity import name_key, unique
from facilitator.session import events as ev
from facilitator.session.fold import apply, fold
from facilitator.session.state import ROUND_KINDS, SessionState
from facilitator.session.timing import planned_seconds
from facilitator.session.voting import candidates, limit_problem, tally

MAX_TEXT = 2000
# The agenda's start counts when the session starts up to an hour early or two hours late.
EARLY_WINDOW, LATE_WINDOW = timedelta(hours=1), timedelta(hours=2)


class CommandError(Exception):
    """A command that does not fit the moment: a one-line message for the host."""


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
Draft = tuple[type[ev.BaseEvent], dict[str, Any]]  # an event before the engine stamps seq, at, cmd


def _clean(text: str, what: str) -> str:
    text = " ".join(text.split()) if what != "note" else text.strip()
    if not text:
        raise CommandError(f"The {what} is empty")
    if len(text) > MAX_TEXT:
        raise CommandError(f"The {what} is longer than {MAX_TEXT} characters")
    return text


class Engine:
    """Owns the clock and the event log of one session."""

    def __init__(
        self, events: list[ev.Event], sink: Sink, clock: Clock, state: SessionState | None = None
    ) -> None:
        """`state`, when given, must be fold(events) (saves replaying a long record twice)."""
        self.events = events
        self.sink = sink
        self.clock = clock
        self.state: SessionState = state if state is not None else fold(events)
        self.saved = True  # False while the sink holds events it could not write yet
        self._listeners: list[Listener] = []
        self._seq = events[-1].seq + 1
        self._ids = _max_ids(events)
        self._undone = {e.target for e in events if isinstance(e, ev.Undone)}

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
        sink.append(ev.to_record(created))
        return cls([created], sink, clock)

    @classmethod
    def resume(
        cls, events: list[ev.Event], sink: Sink, clock: Clock, state: SessionState | None = None
    ) -> Engine:
        """Carry on from a replayed journal (see record.parse_records) and note the restart:
        the meeting went on while the app was down, and the clock shows that."""
        engine = cls(events, sink, clock, state)
        down = max(0.0, (clock.now() - engine.events[-1].at).total_seconds())
        engine._one(ev.ProcessResumed, down_seconds=round(down, 3))
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

    def _next_id(self, kind: str) -> int:
        self._ids[kind] = self._ids.get(kind, -1) + 1
        return self._ids[kind]

    def _emit(self, drafts: list[Draft]) -> list[ev.Event]:
        """Stamp, persist, apply and announce one command's events."""
        at = self.now()
        cmd = self._seq
        out: list[ev.Event] = []
        for event_type, data in drafts:
            event = cast(ev.Event, event_type(seq=self._seq, at=at, cmd=cmd, **data))
            self._seq += 1
            self.saved = self.sink.append(ev.to_record(event))
            self.events.append(event)
            out.append(event)
        undone = [e.target for e in out if isinstance(e, ev.Undone)]
        if undone:
            self._undone.update(undone)
            # Rebuild in place: whoever holds the state object keeps seeing the live one.
            self.state.__dict__.update(fold(self.events).__dict__)
        else:
            for event in out:
                apply(self.state, event)
        for listener in list(self._listeners):
            listener(out)
        return out

    def _one(self, event_type: type[ev.BaseEvent], **data: Any) -> list[ev.Event]:
        return self._emit([(event_type, data)])

    # -- the clock and the agenda ----------------------------------------------------------------
    def toggle_clock(self) -> str:
        """`space`: start the session, or pause / resume the clock."""
        s = self.state
        if s.finished:
            raise CommandError("The session has ended")
        if not s.started:
            self.start()
            return "started"
        if s.paused:
            self._one(ev.ClockResumed)
            return "resumed"
        self._one(ev.ClockPaused)
        return "paused"

    def start(self) -> None:
        if self.state.started:
            raise CommandError("The session has already started")
        now = self.now()
        drafts: list[Draft] = [(ev.SessionStarted, dict(planned_start=self._planned_start(now)))]
        drafts += self._segment_drafts(0)
        self._emit(drafts)

    def _planned_start(self, now: datetime) -> datetime:
        """The agenda's start on this day when it is near now; otherwise (a rehearsal, or a
        session run another day) the schedule is measured from the actual start."""
        start: time | None = self.state.agenda.session.start
        if start is None or self.state.speed != 1.0:
            return now
        local_now = now.astimezone()
        planned = local_now.replace(
            hour=start.hour, minute=start.minute, second=start.second, microsecond=0
        )
        if not planned - EARLY_WINDOW <= local_now <= planned + LATE_WINDOW:
            return now
        return planned.astimezone(now.tzinfo)

    def _segment_drafts(self, index: int) -> list[Draft]:
        segment = self.state.agenda.segments[index]
        seed = random.SystemRandom().randrange(2**31) if segment.order == "shuffle" else None
        drafts: list[Draft] = [(ev.SegmentStarted, dict(index=index, seed=seed))]
        if segment.kind == "voting":
            known = {name_key(n.topic) for n in self.state.vote.nominations.values()}
            for topic in self.state.agenda.session.backlog:
                if name_key(topic) not in known:
                    known.add(name_key(topic))
                    drafts.append(
                        (
                            ev.TopicNominated,
                            dict(
                                topic_id=self._next_id("topic"),
                                topic=topic,
                                by=None,
                                source="backlog",
                            ),
                        )
                    )
        return drafts

    def next_segment(self) -> str:
        """`]`: on to the next segment; after the last one, the session ends."""
        s = self.state
        self._require_running()
        assert s.current is not None
        drafts: list[Draft] = []
        segment = s.agenda.segments[s.current]
        if segment.kind == "voting" and s.vote.winner is None:
            t = tally(s.vote)
            if len(t.leaders) == 1:  # a clear winner needs no extra key
                drafts.append((ev.VoteClosed, dict(winner=t.leaders[0].id, decided_by=self._how())))
        if s.current + 1 < len(s.agenda.segments):
            drafts += self._segment_drafts(s.current + 1)
            self._emit(drafts)
            return s.agenda.segments[s.current].title
        drafts.append((ev.SessionEnded, {}))
        self._emit(drafts)
        return "end"

    def end_session(self) -> None:
        self._require_running()
        self._one(ev.SessionEnded)

    def extend(self, minutes: int) -> None:
        """`+` / `-`: a minute more or less for the current segment."""
        self._require_running()
        assert self.state.current is not None
        if planned_seconds(self.state, self.state.current) + 60 * minutes < 60:
            raise CommandError("A segment cannot be shorter than one minute")
        self._one(ev.SegmentExtended, seconds=60 * minutes)

    def _require_running(self) -> None:
        if not self.state.started:
            raise CommandError("The session has not started: press space to start")
        if self.state.finished:
            raise CommandError("The session has ended")

    # -- people ----------------------------------------------------------------------------------
    def check_in(self, name: str) -> int:
        """`a`: someone arrives (or comes back). Returns their person id."""
        if self.state.finished:
            raise CommandError("The session has ended")
        name = _clean(name, "name")
        known = self.state.find_person(name)
        if known is not None:
            if known.present:
                raise CommandError(f"{known.name} is already checked in")
            self._one(ev.PersonCheckedIn, person_id=known.id, name=known.name)
            return known.id
        pid = self._next_id("person")
        self._one(ev.PersonCheckedIn, person_id=pid, name=name)
        return pid

    def list_attendees(self, names: Iterable[str]) -> None:
        """Names expected (RSVPs) that the session does not list yet."""
        fresh = unique(names, drop=self.state.expected)
        if fresh:
            self._one(ev.AttendeesListed, names=fresh)

    def mark_left(self, person_id: int) -> None:
        person = self.state.people.get(person_id)
        if person is None or not person.present:
            raise CommandError("That person is not here")
        self._one(ev.PersonLeft, person_id=person_id)

    # -- turns -----------------------------------------------------------------------------------
    def _require_turns(self) -> None:
        self._require_running()
        segment = self.state.segment
        assert segment is not None
        if segment.kind not in ROUND_KINDS:
            raise CommandError(f"There are no speaking turns in {segment.title}")

    def next_speaker(self) -> None:
        """`n`: the current speaker is done; the next one is up."""
        self._require_turns()
        s = self.state
        run = s.run
        assert run is not None
        if run.current_turn is not None:
            self._one(ev.TurnEnded, outcome="spoke")
        elif run.phase == "round":
            self._one(ev.RoundClosed)
        elif run.phase == "open floor":
            raise CommandError("Nobody has a hand up: press h to add someone to the queue")
        else:
            raise CommandError("The round is over: press ] for the next segment")

    def pass_turn(self) -> None:
        """`p`: the current speaker passes (offered one more turn at the end, if so set)."""
        self._require_turns()
        segment = self.state.segment
        assert segment is not None
        if self.state.current_turn is None:
            raise CommandError("Nobody is speaking")
        if not segment.allow_pass:
            raise CommandError(f"Passing is off in {segment.title}")
        self._one(ev.TurnEnded, outcome="passed")

    def absent(self) -> None:
        """`x`: the current speaker is not here: skipped, not counted as a pass."""
        self._require_turns()
        if self.state.current_turn is None:
            raise CommandError("Nobody is speaking")
        self._one(ev.TurnEnded, outcome="absent")

    def raise_hand(self, person_id: int) -> None:
        """`h`: add someone to the open-floor queue."""
        self._require_turns()
        segment, s = self.state.segment, self.state
        assert segment is not None
        if not segment.open_floor:
            raise CommandError(f"{segment.title} has no open floor")
        person = s.people.get(person_id)
        if person is None or not person.present:
            raise CommandError("That person is not checked in")
        if person_id in s.hands:
            raise CommandError(f"{person.name} already has a hand up")
        turn = s.current_turn
        if turn is not None and turn.person_id == person_id and turn.kind == "floor":
            raise CommandError(f"{person.name} is speaking")
        self._one(ev.HandRaised, person_id=person_id)

    def lower_hand(self, person_id: int) -> None:
        if person_id not in self.state.hands:
            raise CommandError("That hand is not up")
        self._one(ev.HandLowered, person_id=person_id)

    def set_queue_order(self, order: ev.QueueOrder) -> None:
        if self.state.hands_order != order:
            self._one(ev.QueueOrderSet, order=order)

    # -- notes -----------------------------------------------------------------------------------
    def add_note(self, text: str) -> int:
        """`/`: a note, attributed to the current segment and speaker."""
        text = _clean(text, "note")
        speaker = self.state.current_turn
        nid = self._next_id("note")
        self._one(
            ev.NoteAdded,
            note_id=nid,
            text=text,
            segment=self.state.current,
            speaker_id=None if speaker is None else speaker.person_id,
        )
        return nid

    def edit_note(self, note_id: int, text: str) -> None:
        if note_id not in self.state.notes:
            raise CommandError("That note no longer exists")
        text = _clean(text, "note")
        if text != self.state.notes[note_id].text:
            self._one(ev.NoteEdited, note_id=note_id, text=text)

    def delete_note(self, note_id: int) -> None:
        if note_id not in self.state.notes:
            raise CommandError("That note no longer exists")
        self._one(ev.NoteDeleted, note_id=note_id)

    # -- voting ----------------------------------------------------------------------------------
    def nominate(self, topic: str, by: int | None = None) -> int:
        topic = _clean(topic, "topic")
        if self.state.vote.winner is not None:
            raise CommandError("The vote is closed (ctrl+z reopens it)")
        for n in self.state.vote.nominations.values():
            if not n.withdrawn and name_key(n.topic) == name_key(topic):
                raise CommandError(f"{n.topic} is already nominated")
        if by is not None and by not in self.state.people:
            raise CommandError("Unknown person")
        tid = self._next_id("topic")
        self._one(ev.TopicNominated, topic_id=tid, topic=topic, by=by, source="nominated")
        return tid

    def withdraw(self, topic_id: int) -> None:
        self._require_open_vote()
        n = self.state.vote.nominations.get(topic_id)
        if n is None or n.withdrawn:
            raise CommandError("No such topic")
        self._one(ev.TopicWithdrawn, topic_id=topic_id)

    def _require_open_vote(self) -> None:
        self._require_running()
        segment = self.state.segment
        assert segment is not None
        if segment.kind != "voting":
            raise CommandError("Votes are counted in the voting segment")
        if self.state.vote.winner is not None:
            raise CommandError("The vote is closed (ctrl+z reopens it)")

    def record_votes(self, topic_id: int, votes: int) -> None:
        """The count for one topic: hands (approval), votes (plurality) or dots."""
        self._require_open_vote()
        s = self.state
        if topic_id not in {n.id for n in candidates(s.vote)}:
            raise CommandError("That topic is not in this round of voting")
        if votes < 0:
            raise CommandError("Votes cannot be negative")
        segment = s.segment
        assert segment is not None
        problem = limit_problem(segment, s.vote, topic_id, votes, len(s.present()))
        if problem:
            raise CommandError(problem)
        self._one(ev.VotesRecorded, topic_id=topic_id, votes=votes)

    def start_runoff(self) -> None:
        """A new round of voting among the tied topics only."""
        self._require_open_vote()
        t = tally(self.state.vote)
        if not t.tie:
            raise CommandError("There is no tie to settle")
        self._one(ev.RunoffStarted, topic_ids=[n.id for n in t.leaders])

    def pick_winner(self, topic_id: int) -> None:
        """The host settles a tie (recorded as the host's pick)."""
        self._require_open_vote()
        t = tally(self.state.vote)
        if not t.tie:
            raise CommandError("The host's pick settles a tie; there is none")
        if topic_id not in {n.id for n in t.leaders}:
            raise CommandError("Pick one of the tied topics")
        self._one(ev.VoteClosed, winner=topic_id, decided_by="host")

    def close_vote(self) -> int:
        """Declare the winner. A tie must be settled first, by runoff or the host's pick."""
        self._require_open_vote()
        t = tally(self.state.vote)
        if not t.leaders:
            raise CommandError("No votes have been entered")
        if t.tie:
            names = " and ".join(n.topic for n in t.leaders)
            raise CommandError(f"Tie between {names}: run a runoff or pick the winner")
        self._one(ev.VoteClosed, winner=t.leaders[0].id, decided_by=self._how())
        return t.leaders[0].id

    def _how(self) -> Literal["votes", "runoff"]:
        return "runoff" if len(self.state.vote.rounds) > 1 else "votes"

    # -- undo ------------------------------------------------------------------------------------
    def undoable(self) -> ev.Event | None:
        """The first event of the last command that can still be undone."""
        for event in reversed(self.events):
            if event.type in ev.NOT_UNDOABLE or event.cmd in self._undone:
                continue
            return self.events[event.cmd]  # seq is the position in the journal
        return None

    def undo(self) -> ev.Event:
        """`ctrl+z`: take back the last action (its events stay in the journal, marked undone)."""
        target = self.undoable()
        if target is None:
            raise CommandError("Nothing to undo")
        self._one(ev.Undone, target=target.cmd)
        return target


def _max_ids(events: list[ev.Event]) -> dict[str, int]:
    """Ids are never reused, even those of undone events."""
    ids: dict[str, int] = {}
    for e in events:
        for kind, attr in (("person", "person_id"), ("note", "note_id"), ("topic", "topic_id")):
            if isinstance(e, ev.PersonCheckedIn | ev.NoteAdded | ev.TopicNominated) and hasattr(
                e, attr
            ):
                ids[kind] = max(ids.get(kind, -1), getattr(e, attr))
    return ids
