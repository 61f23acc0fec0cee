"""The schedule: the clock, the segments in order, and time derived from them.

Time derived (remaining and overtime, turn budgets, schedule drift, the projected end) is a pure
function of (state, now): nothing counts ticks, so whatever the screen's refresh rate, the
numbers cannot drift. Decisions start, pause and resume the clock, move to the next segment and
change a segment's length; the apply functions below change the state for those events.

There is one plan: the planned start (the agenda's, on its date and near its time; else the
actual start) plus the agenda's lengths gives every segment's planned clock time, before the
start (as a start now would record it) and after. A segment followed by one with a clock time
(`at`) ends at that time in the plan, whenever it began: started early it is longer, started
late it is shorter.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from facilitator.session import events as ev
from facilitator.session import rounds, voting
from facilitator.session.drafts import CommandError, Draft, draft
from facilitator.session.state import SegmentRun, SessionState, Turn

WARN_SECONDS = 120
SHORTEST = 60
"""A segment that began after the clock time that ends it still gets this many seconds."""
Level = Literal["ok", "soon", "over"]

# The agenda's start counts on its date (any day, without one) when the session starts up to an
# hour early or two hours late.
EARLY_WINDOW, LATE_WINDOW = timedelta(hours=1), timedelta(hours=2)


def plan_start(state: SessionState, now: datetime) -> datetime:
    """Where the plan starts: recorded when the session started; before that, what a start now
    would record, so the schedule shown before and after the start is the same one."""
    if state.planned_start is not None:
        return state.planned_start
    return _planned_start(state, now)


def _planned_start(state: SessionState, now: datetime) -> datetime:
    """The agenda's start on its date (any day when it has none) when now is from an hour
    before to two hours after it; otherwise (a rehearsal, a try-out on another day, a start far
    from the planned time) the schedule is measured from the actual start."""
    start_at: time | None = state.agenda.start_time
    if start_at is None or state.speed != 1.0:
        return now
    local_now = now.astimezone()
    day = state.agenda.session.date
    days = [day] if day is not None else [local_now.date() + timedelta(days=d) for d in (-1, 0, 1)]
    for candidate in days:
        planned = datetime.combine(candidate, start_at).astimezone()  # local time that day
        if planned - EARLY_WINDOW <= local_now <= planned + LATE_WINDOW:
            return planned.astimezone(now.tzinfo)
    return now


def planned_times(state: SessionState, now: datetime) -> list[datetime]:
    """Each segment's planned clock start, then the planned end (the agenda's lengths)."""
    at = plan_start(state, now)
    times = [at]
    for segment in state.agenda.segments:
        at += timedelta(seconds=segment.planned_seconds)
        times.append(at)
    return times


def _fixed_end(state: SessionState, index: int, plan: datetime) -> datetime | None:
    """The planned clock time that ends segment `index`: the next segment's `at`, if it has one."""
    segments = state.agenda.segments
    if index + 1 >= len(segments) or segments[index + 1].at is None:
        return None
    return plan + timedelta(seconds=sum(s.planned_seconds for s in segments[: index + 1]))


def _length(state: SessionState, index: int, began: datetime, plan: datetime) -> int:
    """A segment's length when it begins at `began`: up to the clock time that ends it (never
    under a minute), else the agenda's length."""
    end = _fixed_end(state, index, plan)
    if end is None:
        return state.agenda.segments[index].planned_seconds
    return max(SHORTEST, math.ceil((end - began).total_seconds()))  # never ends before it


def planned_seconds(state: SessionState, index: int) -> int:
    """A segment's planned length, with the host's extra minutes: once it has begun, up to the
    clock time that ends it (see `_length`); before, the agenda's."""
    run = state.runs.get(index)
    if run is None or state.planned_start is None:
        return state.agenda.segments[index].planned_seconds
    return _length(state, index, run.started_at, state.planned_start) + run.extra_seconds


def first_seconds(state: SessionState, now: datetime) -> int:
    """Before the start: how long the first segment would run if the session started now."""
    return _length(state, 0, now, plan_start(state, now))


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


def planned_end(state: SessionState, now: datetime) -> datetime:
    return planned_times(state, now)[-1]


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
    late_minutes: int = 0
    """How late the session started, while its first segment runs (0: on time or early)."""

    @property
    def text(self) -> str:
        if self.drift_minutes > 0:
            return f"{self.drift_minutes} min behind"
        if self.drift_minutes < 0:
            return f"{-self.drift_minutes} min ahead"
        if self.late_minutes > 0:  # the first segment was cut to its clock time: on time now
            return f"started {self.late_minutes} min late"
        return "on time"


def schedule_status(state: SessionState, now: datetime) -> ScheduleStatus:
    """Drift of the projected end against the planned end, in whole minutes (rounded)."""
    end = projected_end(state, now)
    if end is None or state.planned_start is None:
        return ScheduleStatus(0, end)
    drift = (end - planned_end(state, now)).total_seconds()
    late = 0
    if state.current == 0 and state.started_at is not None:
        late = max(0, round((state.started_at - state.planned_start).total_seconds() / 60))
    return ScheduleStatus(round(drift / 60), end, late)


def actual_seconds(state: SessionState, index: int) -> float | None:
    """How long a finished segment ran (pauses excluded); None if it never ran or still runs."""
    run = state.runs.get(index)
    if run is None or run.ended_run is None:
        return None
    return run.ended_run - run.started_run


def real_seconds(state: SessionState, now: datetime) -> float:
    """Wall-clock seconds from the start to `now` (or the end). The same as the session's own
    time, except in a rehearsal, whose clock runs faster: there it is the real time the
    rehearsal took with the app open."""
    if state.real_since is None:
        return state.real_base
    return state.real_base + max(0.0, (now - state.real_since).total_seconds()) / state.rate


def rehearsal(state: SessionState) -> bool:
    return state.speed != 1.0


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


# -- decisions ----------------------------------------------------------------------------------


class ClockChange(enum.Enum):
    """What `space` did."""

    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"


def toggle_clock(
    state: SessionState, now: datetime, seed: int, first_topic_id: int
) -> tuple[ClockChange, list[Draft]]:
    """`space`: start the session, or pause / resume the clock."""
    if state.finished:
        raise CommandError("The session has ended")
    if not state.started:
        return ClockChange.STARTED, start(state, now, seed, first_topic_id)
    if state.paused:
        return ClockChange.RESUMED, [draft(ev.ClockResumed)]
    return ClockChange.PAUSED, [draft(ev.ClockPaused)]


def start(state: SessionState, now: datetime, seed: int, first_topic_id: int) -> list[Draft]:
    if state.started:
        raise CommandError("The session has already started")
    return [
        draft(ev.SessionStarted, planned_start=_planned_start(state, now)),
        *segment_start(state, 0, seed, first_topic_id),
    ]


def toggle_speed(state: SessionState) -> list[Draft]:
    """`*` in a rehearsal: its clock at real speed (turns last as long as on the night), or at
    its rehearsal speed again. Everything follows the one clock, so the plan stays whole."""
    if not rehearsal(state):
        raise CommandError("Only a rehearsal (run with --speed) changes the clock's speed")
    if not state.started:
        raise CommandError(f"The rehearsal runs x{state.speed:g} from the start (space)")
    if state.finished:
        raise CommandError("The session has ended")
    return [draft(ev.SpeedChanged, speed=state.speed if state.rate == 1.0 else 1.0)]


def set_speed(state: SessionState, speed: float) -> list[Draft]:
    """A rehearsal resumed with another `--speed`: its clock runs `speed` times faster from now
    on, and `*` returns to that speed; 1 is real time, as `*` gives (still a rehearsal). The same
    fact as `*` records, so a replay runs the same clock. Nothing when nothing changes."""
    if not rehearsal(state):
        raise CommandError("Only a rehearsal (run with --speed) changes the clock's speed")
    if state.finished:
        raise CommandError("The session has ended")
    if speed == 1.0 and not state.started:
        raise CommandError(
            f"A rehearsal runs x{state.speed:g} from its start (space), and * switches it to"
            " real time"
        )
    if speed == state.speed or (speed == 1.0 and state.rate == 1.0):
        return []
    return [draft(ev.SpeedChanged, speed=speed)]


def segment_start(state: SessionState, index: int, seed: int, first_topic_id: int) -> list[Draft]:
    """The drafts that open segment `index`: its start, and at a vote the backlog's topics.
    `seed` is recorded only for a shuffled round, so replay gives the same order."""
    segment = state.agenda.segments[index]
    drafts = [
        draft(ev.SegmentStarted, index=index, seed=seed if segment.order == "shuffle" else None)
    ]
    if segment.kind == "voting":
        drafts += voting.backlog_nominations(state, first_topic_id)
    return drafts


def next_segment(
    state: SessionState, seed: int, first_topic_id: int
) -> tuple[int | None, list[Draft]]:
    """`]`: on to the next segment (its index), or after the last one the end (None)."""
    rounds.require_running(state)
    assert state.current is not None
    drafts = voting.closing_on_leaving(state)
    following = state.current + 1
    if following < len(state.agenda.segments):
        return following, drafts + segment_start(state, following, seed, first_topic_id)
    return None, [*drafts, draft(ev.SessionEnded)]


def end_session(state: SessionState) -> list[Draft]:
    rounds.require_running(state)
    return [draft(ev.SessionEnded)]


def extend(state: SessionState, minutes: int) -> list[Draft]:
    """`+` / `-`: a minute more or less for the current segment."""
    rounds.require_running(state)
    assert state.current is not None
    if planned_seconds(state, state.current) + 60 * minutes < 60:
        raise CommandError("A segment cannot be shorter than one minute")
    return [draft(ev.SegmentExtended, seconds=60 * minutes)]


# -- how the events change the state -------------------------------------------------------------


def session_started(state: SessionState, e: ev.SessionStarted) -> None:
    state.started_at = e.at
    state.planned_start = e.planned_start
    state.running_since = e.at
    state.run_base = 0.0
    state.paused_since = None
    state.rate = state.speed  # a rehearsal's clock runs at real speed until the start
    state.real_base, state.real_since = 0.0, e.at


def _real_mark(state: SessionState, at: datetime) -> None:
    """Bank the real time up to `at`, before the clock's rate changes there."""
    state.real_base = real_seconds(state, at)
    state.real_since = at


def _close_segment(state: SessionState, at: datetime) -> None:
    run = state.run
    if run is None:
        return
    rounds.close_round(state, at)
    run.ended_at = at
    run.ended_run = state.run_at(at)


def segment_started(state: SessionState, e: ev.SegmentStarted) -> None:
    _close_segment(state, e.at)
    segment = state.agenda.segments[e.index]
    run = SegmentRun(index=e.index, started_at=e.at, started_run=state.run_at(e.at), seed=e.seed)
    state.runs[e.index] = run
    state.current = e.index
    if segment.has_turns:
        rounds.start_round(state, e.at)
    if segment.kind == "voting":
        state.vote.segment = e.index


def session_ended(state: SessionState, e: ev.SessionEnded) -> None:
    _close_segment(state, e.at)
    state.real_base, state.real_since = real_seconds(state, e.at), None
    state.run_base = state.run_at(e.at)
    state.running_since = None
    state.paused_since = None
    state.ended_at = e.at
    state.current = None


def clock_paused(state: SessionState, e: ev.ClockPaused) -> None:
    state.run_base = state.run_at(e.at)
    state.running_since = None
    state.paused_since = e.at


def clock_resumed(state: SessionState, e: ev.ClockResumed) -> None:
    state.running_since = e.at
    state.paused_since = None


def segment_extended(state: SessionState, e: ev.SegmentExtended) -> None:
    if state.run is not None:
        state.run.extra_seconds += e.seconds


def speed_changed(state: SessionState, e: ev.SpeedChanged) -> None:
    if e.speed != 1.0 and e.speed != state.speed:  # a resume with another --speed
        state.speed = e.speed
        if state.started:
            state.speeds.append(e.speed)
        else:  # it never ran at the old one
            state.speeds[-1] = e.speed
    if state.real_since is None:  # not started, or its start undone: real speed until space
        return
    _real_mark(state, e.at)
    state.rate = e.speed


def process_resumed(state: SessionState, e: ev.ProcessResumed) -> None:
    state.resumes.append((e.at, e.down_seconds))
    if rehearsal(state) and state.real_since is not None:
        # A rehearsal's clock does not run while the app is closed; what it jumped on restart
        # (to the wall clock, when that is ahead of it) is no rehearsal time.
        _real_mark(state, e.at - timedelta(seconds=e.down_seconds))
        state.real_since = e.at
