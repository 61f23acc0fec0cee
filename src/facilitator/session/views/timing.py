"""Time on the screens: the header, the agenda, the segment's countdown and the speaker's timer.

These answer "how are we doing for time": the drift against the plan and the projected end, each
segment's planned clock start, what is left of this segment, how long the speaker has spoken
against their budget. They depend on `now`; the screens rebuild them once a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from facilitator.agenda import SegmentKind
from facilitator.session import schedule
from facilitator.session.schedule import Level
from facilitator.session.state import Phase, SessionState, TurnKind
from facilitator.session.views.base import PersonRef, ScreenKind, screen_kind

Mark = Literal["done", "current", "next", "later"]


# -- the header -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeaderView:
    title: str
    speed: float
    """A rehearsal's speed (`--speed`); 1 on the night."""
    clock_speed: float
    """How fast the clock runs now: `speed`, or 1 while a rehearsal runs at real speed."""
    started: bool
    finished: bool
    drift_minutes: int
    """> 0 behind, < 0 ahead of the plan."""
    status: str
    """"on time", "4 min behind", "2 min ahead" (meaningful once started)."""
    projected_end: datetime | None
    planned_end: datetime
    """The plan's end (before the start: if it started now)."""
    now: datetime

    @property
    def rehearsal(self) -> bool:
        return self.speed != 1

    @property
    def behind(self) -> bool:
        return self.drift_minutes > 0


def header(state: SessionState, now: datetime) -> HeaderView:
    status = schedule.schedule_status(state, now)
    return HeaderView(
        title=state.agenda.session.title,
        speed=state.speed,
        clock_speed=state.rate if state.started and not state.finished else state.speed,
        started=state.started,
        finished=state.finished,
        drift_minutes=status.drift_minutes,
        status=status.text,
        projected_end=status.projected_end,
        planned_end=schedule.planned_end(state, now),
        now=now,
    )


# -- the agenda -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgendaRow:
    index: int
    title: str
    kind: SegmentKind
    start: datetime
    """Planned clock start: from the planned start (before the start, the one a start now
    would record), so the times are the same before and after `space`."""
    planned_seconds: int
    """The plan, with the minutes the host added or took away."""
    actual_seconds: float | None
    """How long it ran, once done."""
    mark: Mark


@dataclass(frozen=True, slots=True)
class AgendaView:
    rows: tuple[AgendaRow, ...]


def agenda(state: SessionState, now: datetime) -> AgendaView:
    rows: list[AgendaRow] = []
    times = schedule.planned_times(state, now)
    for index, segment in enumerate(state.agenda.segments):
        actual = schedule.actual_seconds(state, index)
        mark: Mark
        if index == state.current:
            mark = "current"
        elif actual is not None:
            mark = "done"
        elif state.current is not None and index == state.current + 1:
            mark = "next"
        else:
            mark = "later"
        planned = schedule.planned_seconds(state, index)
        if index == 0 and not state.started:
            planned = schedule.first_seconds(state, now)
        rows.append(
            AgendaRow(index, segment.title, segment.kind, times[index], planned, actual, mark)
        )
    return AgendaView(tuple(rows))


# -- the countdown --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountdownView:
    kind: ScreenKind
    turns: bool
    """The segment runs a round of speaking turns."""
    title: str
    """The segment's title; empty before the start and after the end."""
    number: int
    """1-based position of the segment (0 when none runs)."""
    count: int
    phase: Phase | None
    paused: bool
    seconds_left: float
    """Negative once the segment runs over; before the start, how long the first segment
    would run if started now (up to the clock time that ends it)."""
    level: Level | None
    """None when no segment runs."""
    fraction_done: float

    @property
    def text(self) -> str:
        return schedule.clock_text(self.seconds_left)


def countdown(state: SessionState, now: datetime) -> CountdownView:
    segments = state.agenda.segments
    kind = screen_kind(state)
    if state.current is None:
        first = schedule.first_seconds(state, now)
        return CountdownView(
            kind, False, "", 0, len(segments), None, False, 0 if state.finished else first, None,
            1.0 if state.finished else 0.0,
        )  # fmt: skip
    left = schedule.remaining(state, now)
    planned = schedule.planned_seconds(state, state.current)
    run = state.run
    return CountdownView(
        kind=kind,
        turns=segments[state.current].has_turns,
        title=segments[state.current].title,
        number=state.current + 1,
        count=len(segments),
        phase=None if run is None or run.phase == "timer" else run.phase,
        paused=state.paused,
        seconds_left=left,
        level=schedule.level(left),
        fraction_done=min(1.0, max(0.0, (planned - max(0.0, left)) / planned if planned else 1.0)),
    )


# -- the speaker (changes every second) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeakerView:
    speaker: PersonRef | None
    turn_kind: TurnKind | None
    spent: float
    budget: float | None
    phase: Phase | None

    @property
    def over(self) -> bool:
        return self.budget is not None and self.spent > self.budget

    @property
    def spent_text(self) -> str:
        return schedule.clock_text(-self.spent).lstrip("+") if self.spent else "0:00"

    @property
    def budget_text(self) -> str | None:
        return None if self.budget is None else schedule.clock_text(self.budget)


def speaker(state: SessionState, now: datetime) -> SpeakerView:
    turn, person, run = state.current_turn, state.speaker, state.run
    phase = None if run is None else run.phase
    if turn is None or person is None:
        return SpeakerView(None, None, 0.0, None, phase)
    return SpeakerView(
        PersonRef(person.id, person.name),
        turn.kind,
        schedule.turn_seconds(state, turn, now),
        schedule.turn_budget(state, now),
        phase,
    )
