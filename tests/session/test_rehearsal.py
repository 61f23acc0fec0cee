"""A rehearsal (`run --speed X`): its clock runs X times faster from the start, `*` runs it at
real speed to practise turns (and fast again), and the record knows how long it really took."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.clock import FakeClock, ScaledClock
from facilitator.session import schedule, views
from facilitator.session.engine import CommandError, Engine, MemorySink
from facilitator.session.events import parse_events
from facilitator.session.fold import fold
from tests.reference import EVENING, reference_agenda
from tests.session.test_properties import Step, do, same_as_the_fold


def rehearsal(speed: float = 10) -> tuple[Engine, FakeClock, MemorySink]:
    """The reference agenda rehearsed at `speed`, on a fake wall clock."""
    wall, sink = FakeClock(EVENING - timedelta(days=7)), MemorySink()
    engine = Engine.create(reference_agenda(), sink, ScaledClock(wall, speed), speed=speed)
    return engine, wall, sink


def spent(engine: Engine) -> float:
    return views.speaker(engine.state, engine.now()).spent


def into_intros(engine: Engine, wall: FakeClock) -> None:
    """Start, check three people in, and move to the introductions (20-second turns)."""
    engine.toggle_clock()
    for name in ("Rob", "Aroha", "Wei"):
        engine.check_in(name)
    wall.advance(60)
    engine.next_segment()


def test_the_clock_runs_at_real_speed_until_the_start_then_fast() -> None:
    engine, wall, _ = rehearsal(10)
    created = engine.now()
    wall.advance(30)  # the host reads the screen before pressing space
    assert engine.now() == created + timedelta(seconds=30)
    engine.toggle_clock()
    assert engine.state.started_at == created + timedelta(seconds=30)  # a true start time
    wall.advance(60)
    assert schedule.remaining(engine.state, engine.now()) == pytest.approx(30 * 60 - 600)


def test_at_any_speed_turns_can_be_practised_at_real_speed() -> None:
    engine, wall, _ = rehearsal(60)
    into_intros(engine, wall)
    wall.advance(1)
    assert spent(engine) == pytest.approx(
        60
    )  # at x60 a 20-second turn is gone in a third of a second
    engine.next_speaker()
    assert engine.toggle_speed() == 1
    assert views.header(engine.state, engine.now()).clock_speed == 1
    wall.advance(15)
    speaker = views.speaker(engine.state, engine.now())
    assert speaker.spent == pytest.approx(15) and not speaker.over  # 15 s of a 20-s budget
    wall.advance(6)
    assert views.speaker(engine.state, engine.now()).over
    engine.next_speaker()
    assert engine.toggle_speed() == 60  # and fast again through the rest
    wall.advance(1)
    assert spent(engine) == pytest.approx(60)
    assert views.header(engine.state, engine.now()).clock_speed == 60


def test_real_seconds_count_the_wall_clock_at_every_speed() -> None:
    engine, wall, sink = rehearsal(10)
    wall.advance(45)  # before the start: not part of the rehearsal
    into_intros(engine, wall)  # 1 real minute
    engine.toggle_speed()
    wall.advance(40)
    engine.toggle_speed()
    wall.advance(20)
    engine.end_session()
    state = engine.state
    assert schedule.real_seconds(state, engine.now()) == pytest.approx(120)
    on_its_clock = (state.ended_at - state.started_at).total_seconds()  # type: ignore[operator]
    assert on_its_clock == pytest.approx(600 + 40 + 200)
    replayed = fold(parse_events(sink.records))
    assert schedule.real_seconds(replayed, engine.now()) == pytest.approx(120)


def test_a_rehearsal_resumed_keeps_its_speed_and_not_the_time_it_was_closed() -> None:
    engine, wall, sink = rehearsal(10)
    into_intros(engine, wall)
    engine.toggle_speed()  # practising at real speed when the app is closed
    wall.advance(30)
    engine.add_note("the last thing saved")
    wall.advance(3600)  # closed for an hour
    clock = ScaledClock(wall, 10, anchor=max(engine.events[-1].at, wall.now()))
    again = Engine.resume(parse_events(sink.records), MemorySink(), clock)
    assert again.state.rate == 1 and clock.speed == 1  # the clock follows the record
    wall.advance(10)
    assert schedule.real_seconds(again.state, again.now()) == pytest.approx(60 + 30 + 10)


def test_only_a_started_rehearsal_changes_speed_and_undo_leaves_the_clock_alone() -> None:
    engine, wall, _ = rehearsal(10)
    with pytest.raises(CommandError, match="from the start"):
        engine.toggle_speed()
    into_intros(engine, wall)
    engine.toggle_speed()
    engine.undo()  # takes back the segment change, not what happened to the clock
    assert engine.state.current == 0 and engine.state.rate == 1
    night = Engine.create(reference_agenda(), MemorySink(), FakeClock(EVENING))
    night.toggle_clock()
    with pytest.raises(CommandError, match="Only a rehearsal"):
        night.toggle_speed()


def test_an_old_rehearsal_record_replays_the_same() -> None:
    """Records written before the speed could change ran fast from their creation (here: a
    clock that is already fast, which the engine does not adjust): their real length is their
    own length over the speed."""
    fast = FakeClock(EVENING)  # on the rehearsal's clock
    engine = Engine.create(reference_agenda(), MemorySink(), fast, speed=10)
    engine.toggle_clock()
    fast.advance(minutes=15)
    engine.end_session()
    assert engine.state.rate == 10
    assert schedule.real_seconds(engine.state, engine.now()) == pytest.approx(90)


@settings(max_examples=150, deadline=None)
@given(
    script=st.lists(
        st.tuples(
            st.sampled_from(
                ["speed", "speed", "undo", "undo", "clock", "segment", "next", "check_in", "wait"]
            ),
            st.integers(0, 50),
        ),
        max_size=40,
    )
)
def test_speed_changes_and_undos_in_any_order_give_the_fold(script: list[Step]) -> None:
    """A speed change is a fact about the clock: undo passes over it, and the state after
    any mix of changes, undos and restarts is exactly the fold of the record."""
    fast = FakeClock(EVENING)  # the rehearsal's clock itself: the state is what is checked
    sink = MemorySink()
    engine = Engine.create(reference_agenda(), sink, fast, speed=10)
    engine.toggle_clock()
    for op, n in script:
        try:
            if op == "speed":
                engine.toggle_speed()
            else:
                do(engine, fast, op, n)
        except CommandError:
            continue
        same_as_the_fold(engine, sink.records)
        if n % 7 == 0:
            engine = Engine.resume(parse_events(sink.records), sink, fast)
