"""One schedule, true to the clock: the reference agenda (26 Nov 2026, 18:00, every segment ended
by the next one's `at`) started on a fake wall clock a week early, on the day (early, on time,
late) and the day after."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from facilitator.session import schedule, views
from facilitator.session.engine import Engine
from tests.reference import EVENING, TZ
from tests.session.helpers import REFERENCE, make_engine

LOCAL = ZoneInfo(TZ)
WEEK_EARLIER = datetime(2026, 11, 19, 18, 5, tzinfo=LOCAL)  # a try-out, at about the same time
EARLY = datetime(2026, 11, 26, 17, 50, tzinfo=LOCAL)
LATE = datetime(2026, 11, 26, 18, 10, tzinfo=LOCAL)
DAY_AFTER = datetime(2026, 11, 27, 18, 10, tzinfo=LOCAL)
UNDATED = REFERENCE.replace("date = 2026-11-26\n", "")


def hm(at: datetime) -> str:
    return at.astimezone(LOCAL).strftime("%H:%M")


def rows(engine: Engine) -> list[str]:
    return [hm(r.start) for r in views.agenda(engine.state, engine.now()).rows]


def left(engine: Engine) -> float:
    return schedule.remaining(engine.state, engine.now())


@pytest.mark.parametrize(
    ("when", "planned"),
    [
        (WEEK_EARLIER, None),  # another day: the schedule runs from the actual start
        (EARLY, EVENING),
        (LATE, EVENING),
        (DAY_AFTER, None),
        (EVENING - timedelta(minutes=61), None),  # the day, but far from the time
    ],
    ids=["week-earlier", "day-early", "day-late", "day-after", "day-3h-early"],
)
def test_the_planned_start_counts_only_on_the_agenda_date(
    when: datetime, planned: datetime | None
) -> None:
    engine, clock, _ = make_engine(start=when)
    engine.toggle_clock()
    assert engine.state.planned_start == (planned or clock.now())


@pytest.mark.parametrize("when", [WEEK_EARLIER, DAY_AFTER], ids=["week-earlier", "day-after"])
def test_an_agenda_without_a_date_counts_its_start_on_any_day(when: datetime) -> None:
    engine, clock, _ = make_engine(UNDATED, start=when)
    engine.toggle_clock()
    assert hm(clock.now()) != "18:00"
    assert engine.state.planned_start is not None and hm(engine.state.planned_start) == "18:00"
    assert engine.state.planned_start.astimezone(LOCAL).date() == when.date()


@pytest.mark.parametrize(
    "when", [WEEK_EARLIER, EARLY, LATE, DAY_AFTER], ids=["week", "early", "late", "day-after"]
)
def test_the_schedule_before_and_after_space_is_one_schedule(when: datetime) -> None:
    engine, _, _ = make_engine(start=when)
    before, room_before = rows(engine), views.room(engine.state, engine.now()).next_part
    end_before = views.header(engine.state, engine.now()).planned_end
    engine.toggle_clock()
    after, room_after = rows(engine), views.room(engine.state, engine.now()).next_part
    assert before == after
    assert views.header(engine.state, engine.now()).planned_end == end_before
    assert room_before is not None and hm(room_before.at) == before[0]
    assert room_after is not None and hm(room_after.at) == after[1]
    if when.date() == EVENING.astimezone(LOCAL).date():
        assert after == ["18:00", "18:30", "18:35", "19:25"]
    else:
        assert after[0] == hm(when)


def test_started_early_the_arrival_runs_until_the_next_clock_time() -> None:
    engine, clock, _ = make_engine(start=EARLY)
    assert views.countdown(engine.state, engine.now()).text == "40:00"  # if started now
    engine.toggle_clock()
    assert left(engine) == pytest.approx(40 * 60)
    assert views.countdown(engine.state, engine.now()).text == "40:00"
    assert views.agenda(engine.state, engine.now()).rows[0].planned_seconds == 40 * 60
    assert views.header(engine.state, engine.now()).status == "on time"
    clock.advance(minutes=38)  # 18:28
    assert views.countdown(engine.state, engine.now()).level == "soon"
    clock.advance(minutes=2)  # 18:30: the introductions' clock time
    assert left(engine) == pytest.approx(0)
    engine.next_segment()
    assert left(engine) == pytest.approx(5 * 60)
    assert views.header(engine.state, engine.now()).status == "on time"


def test_started_late_the_schedule_says_so_and_the_arrival_shrinks() -> None:
    engine, clock, _ = make_engine(start=LATE)
    assert views.countdown(engine.state, engine.now()).text == "20:00"
    engine.toggle_clock()
    assert left(engine) == pytest.approx(20 * 60)
    head = views.header(engine.state, engine.now())
    assert head.status == "started 10 min late"
    assert head.projected_end is not None and hm(head.projected_end) == "19:30"
    clock.advance(minutes=23)  # 18:33: the arrival ran over the introductions' time
    assert views.header(engine.state, engine.now()).status == "3 min behind"
    engine.next_segment()
    assert left(engine) == pytest.approx(2 * 60)  # the introductions end at 18:35 all the same
    assert views.header(engine.state, engine.now()).status == "on time"


def test_a_segment_that_begins_after_its_end_time_still_gets_a_minute() -> None:
    engine, clock, _ = make_engine(start=EVENING)
    engine.toggle_clock()
    clock.advance(minutes=36)  # 18:36, past the end of the introductions (18:35)
    engine.next_segment()
    assert left(engine) == pytest.approx(schedule.SHORTEST)
    assert views.header(engine.state, engine.now()).status == "2 min behind"  # ends 18:37


def test_turn_budgets_shrink_to_the_next_clock_time() -> None:
    engine, clock, _ = make_engine(start=EVENING)
    engine.toggle_clock()
    for name in ("Rob", "Aroha", "Wei", "Priya"):
        engine.check_in(name)
    clock.advance(minutes=30)
    engine.next_segment()
    clock.advance(minutes=7)  # the introductions run 2 minutes over: the discussion at 18:37
    engine.next_segment()
    assert left(engine) == pytest.approx(48 * 60)  # until the vote at 19:25
    budget = schedule.turn_budget(engine.state, engine.now())
    assert budget == pytest.approx(48 * 60 / 4)
    assert views.header(engine.state, engine.now()).status == "on time"


def test_the_last_segment_runs_its_minutes_whenever_it_begins() -> None:
    engine, clock, _ = make_engine(start=EVENING)
    engine.toggle_clock()
    for _ in range(3):
        clock.advance(minutes=10)
        engine.next_segment()
    assert engine.state.current == 3  # the vote at 18:30, an hour early: nothing fixes its end
    assert left(engine) == pytest.approx(5 * 60)


def test_a_segment_ended_by_a_clock_time_never_ends_before_it() -> None:
    engine, _, _ = make_engine(start=EARLY + timedelta(seconds=5.6))  # space pressed mid-second
    engine.toggle_clock()
    head = views.header(engine.state, engine.now())
    assert head.projected_end is not None and hm(head.projected_end) == "19:30"  # not 19:29:59
    assert head.status == "on time"
