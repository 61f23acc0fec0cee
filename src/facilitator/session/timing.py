"""Time, derived: remaining and overtime, turn budgets, schedule drift and the projected end.

Everything here is a pure function of (state, now). Nothing counts ticks, so whatever the
screen refresh rate, the numbers cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from facilitator.session.state import SessionState, Turn

WARN_SECONDS = 120
Level = Literal["ok", "soon", "over"]


def planned_seconds(state: SessionState, index: int) -> int:
    """A segment's planned length, with the host's extra minutes."""
    run = state.runs.get(index)
    extra = run.extra_seconds if run is not None else 0
    return state.agenda.segments[index].planned_seconds + extra


def segment_elapsed(state: SessionState, index: int, now: datetime) -> float:
    run = state.runs.get(index)
    if run is None:
        return 0.0
    end = run.ended_run if run.ended_run is not None else state.run_at(now)
    return max(0.0, end - run.started_run)


def remaining(state: SessionState, now: datetime) -> float:
    """Seconds left in the current segment; negative once it runs over."""
    if state.current is None:
        return 0.0
    return planned_seconds(state, state.current) - segment_elapsed(state, state.current, now)


def level(seconds_left: float) -> Level:
    if seconds_left <= 0:
        return "over"
    if seconds_left <= WARN_SECONDS:
        return "soon"
    return "ok"


def turn_seconds(state: SessionState, turn: Turn, now: datetime) -> float:
    end = turn.ended_run if turn.ended_run is not None else state.run_at(now)
    return max(0.0, end - turn.started_run)


def turn_budget(state: SessionState, now: datetime) -> float | None:
    """The current speaker's budget: the segment's `turn_seconds`, or else the time the segment
    had left when the turn began, shared among everyone still to speak (recomputed live as
    people join, leave, or the host adds time)."""
    run, turn = state.run, state.current_turn
    if run is None or turn is None:
        return None
    segment = state.agenda.segments[run.index]
    if segment.turn_seconds is not None:
        return float(segment.turn_seconds)
    left_at_start = planned_seconds(state, run.index) - (turn.started_run - run.started_run)
    waiting = len(run.queue) if run.phase == "round" else len(state.hands)
    return max(0.0, left_at_start) / (1 + waiting)


def planned_end(state: SessionState) -> datetime | None:
    if state.planned_start is None:
        return None
    total = sum(s.planned_seconds for s in state.agenda.segments)
    return state.planned_start + timedelta(seconds=total)


def projected_end(state: SessionState, now: datetime) -> datetime | None:
    """When the meetup will end if every segment from here takes its planned time."""
    if state.finished:
        return state.ended_at
    if state.current is None:
        return None
    left = max(0.0, remaining(state, now))
    later = sum(s.planned_seconds for s in state.agenda.segments[state.current + 1 :])
    return now + timedelta(seconds=left + later)


@dataclass(frozen=True)
class ScheduleStatus:
    drift_minutes: int  # > 0 behind, < 0 ahead
    projected_end: datetime | None

    @property
    def text(self) -> str:
        if self.drift_minutes > 0:
            return f"{self.drift_minutes} min behind"
        if self.drift_minutes < 0:
            return f"{-self.drift_minutes} min ahead"
        return "on time"


def schedule_status(state: SessionState, now: datetime) -> ScheduleStatus:
    """Drift of the projected end against the planned end, in whole minutes (rounded)."""
    end, plan = projected_end(state, now), planned_end(state)
    if end is None or plan is None:
        return ScheduleStatus(0, end)
    drift = (end - plan).total_seconds()
    return ScheduleStatus(round(drift / 60), end)


def actual_seconds(state: SessionState, index: int) -> float | None:
    """How long a finished segment ran (pauses excluded); None if it never ran or still runs."""
    run = state.runs.get(index)
    if run is None or run.ended_run is None:
        return None
    return run.ended_run - run.started_run


def speaking_seconds(state: SessionState, now: datetime) -> dict[int, float]:
    """Seconds each person spent speaking (turns that ended as spoke, and the live turn)."""
    totals: dict[int, float] = {}
    for turn in state.turns:
        if turn.outcome == "spoke" or turn.outcome is None:
            totals[turn.person_id] = totals.get(turn.person_id, 0.0) + turn_seconds(
                state, turn, now
            )
    return totals


def clock_text(seconds: float) -> str:
    """`m:ss` for a countdown; `+m:ss` once over (hours as h:mm:ss)."""
    sign = "+" if seconds < 0 else ""
    whole = (
        int(abs(seconds)) if seconds < 0 else int(-(-seconds // 1))
    )  # round up while counting down
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m}:{s:02d}"
