"""The reference evening at each stage, built through the engine (as the keys would)."""

from __future__ import annotations

from facilitator.clock import FakeClock
from facilitator.session.engine import Engine

from .conftest import EVENING, make_engine

STAGES = ("not-started", "arrival", "intros", "discussion", "voting", "voting-tie", "ended")
PEOPLE = ("Rob", "Aroha", "Ben", "Mere", "Tama", "Priya", "[bold]Sam[/]")


def evening(stage: str) -> Engine:
    clock = FakeClock(EVENING)
    engine = make_engine(clock, expected=["Wiremu", "Lena"])
    if stage == "not-started":
        return engine
    engine.start()
    clock.advance(minutes=3)
    for name in PEOPLE:
        engine.check_in(name)
        clock.advance(minutes=2)
    if stage == "arrival":
        return engine
    clock.advance(minutes=13, seconds=20)
    engine.next_segment()
    clock.advance(18)
    engine.next_speaker()
    clock.advance(3)
    engine.pass_turn()
    clock.advance(25)
    engine.add_note("Ben works on [red]evals[/red]")
    if stage == "intros":
        return engine
    for _ in range(4):
        clock.advance(20)
        engine.next_speaker()
    engine.absent()
    clock.advance(20)
    engine.next_segment()
    for _ in range(6):
        clock.advance(minutes=4)
        engine.next_speaker()
    engine.set_queue_order("progressive")
    engine.raise_hand(1)
    engine.raise_hand(0)
    engine.raise_hand(3)
    engine.add_note("todo: post the paper link https://example.org/paper")
    engine.add_note("q: are features linear?")
    clock.advance(minutes=9, seconds=30)
    if stage == "discussion":
        return engine
    clock.advance(minutes=13)
    engine.next_segment()
    engine.nominate("Circuit tracing", by=0)
    engine.nominate("Probing classifiers", by=2)
    clock.advance(minutes=2)
    if stage == "voting":
        return engine
    engine.record_votes(0, 4)
    engine.record_votes(1, 4)
    engine.record_votes(2, 1)
    clock.advance(minutes=1)
    if stage == "voting-tie":
        return engine
    engine.start_runoff()
    engine.record_votes(0, 3)
    engine.record_votes(1, 2)
    engine.close_vote()
    clock.advance(minutes=3)
    engine.next_segment()
    return engine
