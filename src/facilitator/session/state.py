"""SessionState: what a session is at one moment, as the fold (fold.py) leaves it.

Plain records plus the small queries every layer needs (who is speaking, who is here). Nothing
here changes the state: the rule modules' apply functions do, one event at a time, and nothing
outside session/ reads it: screens and exports read views (views/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from facilitator.agenda import Agenda, Segment
from facilitator.identity import name_key
from facilitator.session import events as ev

TurnKind = Literal["round", "revisit", "floor"]
Phase = Literal["round", "open floor", "done", "timer"]
NoteKind = Literal["note", "todo", "question"]


@dataclass(slots=True)
class Person:
    id: int
    name: str
    present: bool
    arrived_at: datetime
    arrival: int  # 0 for the first person checked in, 1 for the next...


@dataclass(slots=True)
class Turn:
    person_id: int
    segment: int
    kind: TurnKind
    started_at: datetime
    started_run: float
    ended_at: datetime | None = None
    ended_run: float | None = None
    outcome: ev.Outcome | None = None


@dataclass(slots=True)
class QueueItem:
    person_id: int
    revisit: bool = False


@dataclass(slots=True)
class SegmentRun:
    index: int
    started_at: datetime
    started_run: float
    ended_at: datetime | None = None
    ended_run: float | None = None
    extra_seconds: int = 0
    phase: Phase = "timer"
    queue: list[QueueItem] = field(default_factory=list)
    current_turn: int | None = None  # index into SessionState.turns
    seed: int | None = None
    # Kept up to date as turns start and end, so no reader rescans the segment's turns:
    turned: dict[int, ev.Outcome | None] = field(default_factory=dict)
    """Everyone who had a turn here, in order of their first, with their latest outcome
    (None while speaking)."""
    spoke: dict[int, int] = field(default_factory=dict)
    """Turns that ended as spoke, per person, in order of their first."""
    round_turns: dict[int, int] = field(default_factory=dict)
    """Round turns per person that did not end as absent (a late arrival who had one is not
    queued again)."""


@dataclass(slots=True)
class Note:
    id: int
    text: str
    kind: NoteKind
    urls: list[str]
    segment: int | None
    speaker_id: int | None
    at: datetime
    edited_at: datetime | None = None
    author: str | None = None  # the note-taker who wrote it; None: the host
    owner: str | None = None  # whom an action item is for, named in its text (`todo @Rob: …`)


@dataclass(slots=True)
class Nomination:
    id: int
    topic: str
    by: int | None
    source: Literal["nominated", "backlog"]
    at: datetime
    withdrawn: bool = False


@dataclass(slots=True)
class VoteRound:
    """One round of counting: the first over every nomination, a runoff over the tied ones."""

    topics: list[int] | None  # None: every nomination that is not withdrawn
    counts: dict[int, int] = field(default_factory=dict)


@dataclass(slots=True)
class VoteState:
    nominations: dict[int, Nomination] = field(default_factory=dict)
    rounds: list[VoteRound] = field(default_factory=lambda: [VoteRound(None)])
    winner: int | None = None
    decided_by: Literal["votes", "runoff", "host"] | None = None
    segment: int | None = None  # the voting segment the counts were entered in


@dataclass
class SessionState:
    agenda: Agenda
    agenda_path: str | None
    created_at: datetime
    speed: float = 1.0  # a rehearsal's speed (`*` returns to it); 1 for a real session
    speeds: list[float] = field(default_factory=list)  # a rehearsal's speeds, as they ran
    expected: list[str] = field(default_factory=list)
    started_at: datetime | None = None
    planned_start: datetime | None = None
    ended_at: datetime | None = None
    running_since: datetime | None = None  # None while paused, before start and after the end
    run_base: float = 0.0  # running seconds accumulated up to running_since
    paused_since: datetime | None = None
    current: int | None = None  # index of the current segment
    runs: dict[int, SegmentRun] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    turns: list[Turn] = field(default_factory=list)
    hands: list[int] = field(default_factory=list)
    hands_order: ev.QueueOrder = "fifo"
    notes: dict[int, Note] = field(default_factory=dict)
    vote: VoteState = field(default_factory=VoteState)
    resumes: list[tuple[datetime, float]] = field(default_factory=list)
    # A rehearsal's clock against the wall clock (see schedule.real_seconds):
    rate: float = 1.0  # how fast the session's clock runs now: 1 before the start
    real_base: float = 0.0  # wall-clock seconds since the start, up to real_since
    real_since: datetime | None = None  # None before the start and after the end

    # -- small queries every layer needs -------------------------------------------------------
    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def finished(self) -> bool:
        return self.ended_at is not None

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    @property
    def segment(self) -> Segment | None:
        return None if self.current is None else self.agenda.segments[self.current]

    @property
    def run(self) -> SegmentRun | None:
        return None if self.current is None else self.runs.get(self.current)

    @property
    def current_turn(self) -> Turn | None:
        run = self.run
        if run is None or run.current_turn is None:
            return None
        return self.turns[run.current_turn]

    @property
    def speaker(self) -> Person | None:
        turn = self.current_turn
        return None if turn is None else self.people[turn.person_id]

    def present(self) -> list[Person]:
        return sorted((p for p in self.people.values() if p.present), key=lambda p: p.arrival)

    def find_person(self, name: str) -> Person | None:
        key = name_key(name)
        for person in self.people.values():
            if name_key(person.name) == key:
                return person
        return None

    def run_at(self, at: datetime) -> float:
        """Seconds the session clock has run (pauses excluded) at wall time `at`."""
        if self.running_since is None:
            return self.run_base
        return self.run_base + max(0.0, (at - self.running_since).total_seconds())
