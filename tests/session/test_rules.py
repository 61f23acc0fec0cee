"""The meetup's rules, one at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from facilitator.clock import FakeClock
from facilitator.session import rounds, schedule
from facilitator.session.engine import CommandError, Engine, MemorySink
from facilitator.session.events import parse_events
from facilitator.session.fold import fold
from facilitator.session.schedule import ClockChange
from tests.reference import EVENING
from tests.session.helpers import (
    make_engine,
    person,
    phase,
    queue,
    round_agenda,
    speaker,
    turn_kind,
)

PEOPLE = ["Zoe", "amir", "Bea", "Carl"]


def into_round(
    text: str, people: list[str] = PEOPLE, expected: tuple[str, ...] = ()
) -> tuple[Engine, FakeClock, MemorySink]:
    engine, clock, sink = make_engine(text, expected=expected)
    engine.toggle_clock()
    for name in people:
        engine.check_in(name)
    clock.advance(minutes=5)
    engine.next_segment()
    return engine, clock, sink


def test_orders() -> None:
    engine, *_ = into_round(round_agenda(order="alphabetical"))
    assert [speaker(engine), *queue(engine)] == ["amir", "Bea", "Carl", "Zoe"]
    engine, *_ = into_round(round_agenda(order="arrival"))
    assert [speaker(engine), *queue(engine)] == PEOPLE
    listed = (
        round_agenda(order="as-listed") + '[[people]]\nname = "Carl"\n[[people]]\nname = "Zoe"\n'
    )
    engine, *_ = into_round(listed, expected=("Bea",))
    assert [speaker(engine), *queue(engine)] == ["Carl", "Zoe", "Bea", "amir"]


def test_shuffle_is_recorded_and_replays_identically() -> None:
    orders = set()
    for _ in range(8):
        engine, _, sink = into_round(
            round_agenda(order="shuffle"), people=[f"P{i}" for i in range(8)]
        )
        order = [speaker(engine), *queue(engine)]
        orders.add(tuple(order))
        started = [r for r in sink.records if r["type"] == "segment_started"][-1]
        assert isinstance(started["seed"], int)
        replayed = fold(parse_events(sink.records))
        run = replayed.run
        assert run is not None
        assert [
            replayed.people[
                run.current_turn is not None and replayed.turns[run.current_turn].person_id
            ].name,
            *(replayed.people[i.person_id].name for i in run.queue),
        ] == order
    assert len(orders) > 1  # 8 shuffles of 8 people are not all the same


def test_pass_is_revisited_once_and_can_be_turned_off() -> None:
    engine, *_ = into_round(round_agenda())
    engine.pass_turn()  # Zoe passes
    assert queue(engine) == ["Bea", "Carl", "Zoe"]
    assert engine.state.run is not None and engine.state.run.queue[-1].revisit
    engine.next_speaker()
    engine.next_speaker()
    engine.next_speaker()
    assert speaker(engine) == "Zoe" and turn_kind(engine) == "revisit"
    engine.pass_turn()
    assert speaker(engine) is None and engine.state.run.phase == "done"
    assert [t.outcome for t in engine.state.turns] == [
        "passed",
        "spoke",
        "spoke",
        "spoke",
        "passed",
    ]

    engine, *_ = into_round(round_agenda(revisit_passed=False))
    engine.pass_turn()
    assert queue(engine) == ["Bea", "Carl"]

    engine, *_ = into_round(round_agenda(allow_pass=False))
    with pytest.raises(CommandError, match="Passing is off"):
        engine.pass_turn()


def test_absent_is_skipped_not_a_pass_and_can_come_back() -> None:
    engine, *_ = into_round(round_agenda())
    engine.absent()
    zoe = engine.state.find_person("Zoe")
    assert zoe is not None and not zoe.present
    assert engine.state.turns[0].outcome == "absent"
    assert "Zoe" not in queue(engine)
    engine.check_in("zoe")  # back from the bathroom: joins the end of the round
    assert zoe.present and queue(engine)[-1] == "Zoe"


def test_someone_leaving_is_dropped_from_the_queue() -> None:
    engine, *_ = into_round(round_agenda())
    bea = engine.state.find_person("Bea")
    assert bea is not None
    engine.mark_left(bea.id)
    assert queue(engine) == ["amir", "Carl"]
    with pytest.raises(CommandError):
        engine.mark_left(bea.id)


def test_late_arrival_goes_before_the_revisits() -> None:
    engine, *_ = into_round(round_agenda())
    engine.pass_turn()
    engine.check_in("Dev")
    assert queue(engine) == ["Bea", "Carl", "Dev", "Zoe"]


def test_empty_round_waits_for_the_first_arrival_and_can_be_closed() -> None:
    engine, *_ = into_round(round_agenda(open_floor=True), people=[])
    assert speaker(engine) is None and phase(engine) == "round"
    engine.check_in("Ana")
    assert speaker(engine) == "Ana"
    engine.next_speaker()
    assert phase(engine) == "open floor"
    with pytest.raises(CommandError, match="Nobody has a hand up"):
        engine.next_speaker()

    engine, *_ = into_round(round_agenda(), people=[])
    engine.next_speaker()  # close the empty round
    assert engine.state.run is not None and engine.state.run.phase == "done"
    with pytest.raises(CommandError, match="round is over"):
        engine.next_speaker()


def test_open_floor_fifo_and_progressive_stack() -> None:
    engine, clock, _ = into_round(round_agenda(open_floor=True))
    ids = {p.name: p.id for p in engine.state.present()}
    engine.raise_hand(ids["Bea"])  # raised during the round: waits for the open floor
    for _ in PEOPLE:
        engine.next_speaker()
    assert speaker(engine) == "Bea" and turn_kind(engine) == "floor"
    engine.raise_hand(ids["Carl"])
    with pytest.raises(CommandError, match="already has a hand up"):
        engine.raise_hand(ids["Carl"])
    with pytest.raises(CommandError, match="Bea is speaking"):
        engine.raise_hand(ids["Bea"])
    engine.next_speaker()
    assert speaker(engine) == "Carl"
    engine.raise_hand(ids["Bea"])
    engine.raise_hand(ids["Zoe"])
    engine.set_queue_order("progressive")
    engine.next_speaker()
    # Bea has spoken twice (round + floor), Zoe once: Zoe goes first despite raising later.
    assert speaker(engine) == "Zoe"
    engine.lower_hand(ids["Bea"])
    engine.next_speaker()
    assert speaker(engine) is None

    engine, *_ = into_round(round_agenda(open_floor=False))
    with pytest.raises(CommandError, match="no open floor"):
        engine.raise_hand(0)


def test_turn_budgets_fixed_and_shared() -> None:
    engine, clock, _ = into_round(round_agenda(turn_seconds=45))
    assert schedule.turn_budget(engine.state, clock.now()) == 45

    engine, clock, _ = into_round(round_agenda())  # 10 minutes, 4 people
    s = engine.state
    assert schedule.turn_budget(s, clock.now()) == pytest.approx(150)
    clock.advance(240)  # Zoe talks for 4 minutes
    engine.next_speaker()
    assert schedule.turn_budget(s, clock.now()) == pytest.approx(120)  # 6 min over 3 people
    engine.check_in("Dev")  # recomputed live
    assert schedule.turn_budget(s, clock.now()) == pytest.approx(90)
    engine.extend(2)
    assert schedule.turn_budget(s, clock.now()) == pytest.approx(120)


def test_pause_stops_segment_and_turn_time() -> None:
    engine, clock, _ = into_round(round_agenda())
    s = engine.state
    clock.advance(30)
    assert engine.toggle_clock() is ClockChange.PAUSED
    clock.advance(300)
    assert schedule.remaining(s, clock.now()) == pytest.approx(600 - 30)
    turn = s.current_turn
    assert turn is not None and schedule.turn_seconds(s, turn, clock.now()) == pytest.approx(30)
    assert engine.toggle_clock() is ClockChange.RESUMED
    clock.advance(10)
    assert schedule.remaining(s, clock.now()) == pytest.approx(560)
    # The pause pushes the projected end out: the meeting is 5 minutes further behind.
    assert schedule.schedule_status(s, clock.now()).drift_minutes == 5


def test_extend_and_overtime() -> None:
    engine, clock, _ = into_round(round_agenda())
    s = engine.state
    engine.extend(1)
    assert schedule.planned_seconds(s, 1) == 660
    engine.extend(-1)
    engine.extend(-1)
    assert schedule.planned_seconds(s, 1) == 540
    for _ in range(8):
        engine.extend(-1)
    with pytest.raises(CommandError, match="shorter than one minute"):
        engine.extend(-1)
    clock.advance(61)
    assert schedule.remaining(s, clock.now()) == pytest.approx(-1)
    assert schedule.clock_text(-1) == "+0:01"
    assert schedule.level(100) == "soon" and schedule.level(121) == "ok"
    assert schedule.level(0) == "over"
    assert schedule.clock_text(59.2) == "1:00" and schedule.clock_text(3725) == "1:02:05"


def test_schedule_drift_and_projected_end_from_the_planned_start() -> None:
    text = round_agenda().replace('title = "Test"', 'title = "Test"\nstart = 18:00:00')
    engine, clock, _ = make_engine(text, start=EVENING + timedelta(minutes=4))
    engine.toggle_clock()  # started 4 minutes late
    s = engine.state
    status = schedule.schedule_status(s, clock.now())
    assert status.text == "4 min behind"
    assert status.projected_end is not None
    assert status.projected_end.astimezone().strftime("%H:%M") == "18:24"
    clock.advance(minutes=1)
    engine.next_segment()  # cut the arrival 4 minutes short: back on time
    assert schedule.schedule_status(s, clock.now()).text == "on time"
    clock.advance(minutes=1)
    engine.next_segment()  # and cut the round 9 minutes short
    assert schedule.schedule_status(s, clock.now()).text == "9 min ahead"


def test_rehearsal_or_another_day_measures_from_the_actual_start() -> None:
    text = round_agenda().replace('title = "Test"', 'title = "Test"\nstart = 09:00:00')
    engine, clock, _ = make_engine(text)  # 18:00 local, far from 09:00
    engine.toggle_clock()
    assert engine.state.planned_start == clock.now()


def test_notes_kinds_edit_delete() -> None:
    engine, clock, _ = into_round(round_agenda())
    a = engine.add_note("  TODO: book the room  ")
    b = engine.add_note("Q: what is a transcoder?")
    c = engine.add_note("[bold]not markup[/] http://example.org/x?y=1, ok")
    s = engine.state
    assert [s.notes[i].kind for i in (a, b, c)] == ["todo", "question", "note"]
    assert s.notes[a].text == "TODO: book the room"
    assert s.notes[c].urls == ["http://example.org/x?y=1"]
    assert s.notes[a].segment == 1 and s.notes[a].speaker_id == person(engine, "Zoe")
    engine.edit_note(a, "q: who books the room?")
    assert s.notes[a].kind == "question" and s.notes[a].edited_at is not None
    engine.delete_note(b)
    assert b not in s.notes
    with pytest.raises(CommandError):
        engine.edit_note(b, "x")
    with pytest.raises(CommandError, match="empty"):
        engine.add_note("   ")
    engine.undo()
    assert b in s.notes  # undo brings a deleted note back
    assert engine.add_note("new") not in (a, b, c)


def vote_engine(method: str, **extra: object):  # type: ignore[no-untyped-def]
    opts = "".join(f"\n{k} = {v}" for k, v in extra.items())
    text = round_agenda().replace('kind = "voting"', f'kind = "voting"\nmethod = "{method}"{opts}')
    engine, clock, sink = into_round(text)
    engine.next_segment()
    tids = [engine.nominate(t) for t in ("A", "B", "C")]
    return engine, tids


def test_plurality_and_dot_limits() -> None:
    engine, (a, b, c) = vote_engine("plurality")
    engine.record_votes(a, 2)
    engine.record_votes(b, 2)
    with pytest.raises(CommandError, match="one each for the 4 people"):
        engine.record_votes(c, 1)
    engine, (a, b, c) = vote_engine("dot", dots=2)
    engine.record_votes(a, 5)
    with pytest.raises(CommandError, match="2 each"):
        engine.record_votes(b, 4)
    engine.record_votes(b, 3)
    assert engine.close_vote() == a and engine.state.vote.decided_by == "votes"
    with pytest.raises(CommandError, match="closed"):
        engine.record_votes(c, 1)


def test_tie_settled_by_host_pick_and_auto_close_on_next_segment() -> None:
    engine, (a, b, c) = vote_engine("approval")
    with pytest.raises(CommandError, match="already nominated"):
        engine.nominate(" a ")
    engine.record_votes(a, 3)
    engine.record_votes(b, 3)
    with pytest.raises(CommandError, match="one of the tied"):
        engine.pick_winner(c)
    engine.pick_winner(b)
    assert engine.state.vote.winner == b and engine.state.vote.decided_by == "host"

    engine, (a, b, c) = vote_engine("approval")
    engine.record_votes(c, 2)
    engine.next_segment()  # a clear leader is the winner without an extra key
    assert engine.state.finished and engine.state.vote.winner == c


def test_undo_takes_back_a_whole_command() -> None:
    engine, clock, sink = into_round(round_agenda())
    before = len(engine.state.turns)
    engine.next_segment()  # ends the round segment and starts the vote (with its events)
    engine.undo()
    assert engine.state.current == 1 and len(engine.state.turns) == before
    assert speaker(engine) == "Zoe"
    assert sink.records[-1]["type"] == "undone"
    # Undo again: takes back the previous action, not the undo.
    engine.undo()
    assert engine.state.current == 0
    with pytest.raises(CommandError, match="Nothing to undo"):
        for _ in range(100):
            engine.undo()
    assert not engine.state.started


def test_resume_counts_the_time_the_app_was_down() -> None:
    from facilitator.session.engine import Engine, MemorySink

    engine, clock, sink = into_round(round_agenda())
    clock.advance(60)
    clock.advance(minutes=3)  # the laptop is off for 3 minutes
    resumed = Engine.resume(parse_events(sink.records), MemorySink(), clock)
    assert resumed.state.resumes[-1][1] == pytest.approx(240)
    assert speaker(resumed) == "Zoe"
    turn = resumed.state.current_turn
    assert turn is not None
    assert schedule.turn_seconds(resumed.state, turn, clock.now()) == pytest.approx(240)
    # The restart is a fact, not an action: undo skips it.
    resumed.undo()
    assert resumed.state.current == 0


def test_commands_need_a_started_session() -> None:
    engine, _, _ = make_engine()
    with pytest.raises(CommandError, match="press space"):
        engine.next_segment()
    engine.check_in("Early bird")  # check-in works before the start
    assert len(engine.state.present()) == 1


def test_planned_start_counts_only_near_the_agenda_start() -> None:
    text = round_agenda().replace('title = "Test"', 'title = "Test"\nstart = 18:00:00')
    for offset, planned in ((-59, True), (-61, False), (119, True), (121, False)):
        engine, clock, _ = make_engine(text, start=EVENING + timedelta(minutes=offset))
        engine.toggle_clock()
        assert (engine.state.planned_start == EVENING) is planned, offset


def test_progressive_stack_orders_every_hand_not_only_the_first() -> None:
    engine, clock, _ = into_round(round_agenda(open_floor=True))
    ids = {p.name: p.id for p in engine.state.present()}
    engine.pass_turn()  # Zoe passes: she has not spoken
    for _ in range(3):
        engine.next_speaker()  # amir, Bea, Carl speak
    engine.next_speaker()  # Zoe speaks on her revisit
    for name in ("Carl", "Bea", "amir"):
        engine.raise_hand(ids[name])
    assert speaker(engine) == "Carl"  # nobody was speaking: first hand up is straight on
    engine.check_in("Dev")  # after the round: not queued, but may raise a hand
    engine.raise_hand(person(engine, "Dev"))
    engine.set_queue_order("progressive")
    order = [engine.state.people[pid].name for pid in rounds.ordered_hands(engine.state)]
    assert order == ["Dev", "Bea", "amir"]  # Dev has not spoken; the others once each
    engine.set_queue_order("fifo")
    order = [engine.state.people[pid].name for pid in rounds.ordered_hands(engine.state)]
    assert order == ["Bea", "amir", "Dev"]
