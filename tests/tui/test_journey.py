"""The whole reference evening driven from the keyboard, asserting on the engine's state."""

from __future__ import annotations

from typing import Any

from textual.widgets import Digits, Input

from facilitator.agenda import parse_agenda
from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink
from facilitator.session.state import SessionState
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.widgets.countdown import Countdown
from facilitator.tui.widgets.people import PeoplePanel, SpeakerLine

from .conftest import (
    answer,
    check_in,
    kind,
    make_app,
    make_engine,
    panel_text,
    person,
    phase,
    speaker,
    turn_kind,
    write_notes,
)


async def count_votes(pilot: Any, *counts: str) -> None:
    """`v`, then a count per topic, each with enter (the screen closes after the last)."""
    await pilot.press("v")
    for count in counts:
        await answer(pilot, count)
    assert isinstance(pilot.app.screen, RunScreen)


async def test_reference_evening(clock: FakeClock) -> None:
    engine = make_engine(clock, expected=["Mere"])
    app = make_app(engine)

    def state() -> SessionState:
        return engine.state  # not a saved reference: an undo rebuilds the state

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert state().started and kind(engine) == "arrival"

        # arrival: type names, or pick an expected one from the list
        await check_in(pilot, "Rob", "Aroha", "Ben")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "enter")  # the first expected name not here: Wei
        await pilot.pause()
        assert [p.name for p in state().present()] == ["Rob", "Aroha", "Ben", "Wei"]
        assert "4 checked in" in panel_text(pilot, "#checkin")

        clock.advance(minutes=29)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert kind(engine) == "intros"
        assert speaker(engine) == "Rob"

        # intros: Rob speaks, Aroha passes, Ben absent, Wei speaks, Aroha revisited
        clock.advance(15)
        await pilot.press("n", "p", "x")
        await pilot.pause()
        assert speaker(engine) == "Wei"
        assert "Ben" in app.screen.query_one(PeoplePanel).text  # shown as absent
        await pilot.press("n")
        await pilot.pause()
        assert speaker(engine) == "Aroha"
        assert turn_kind(engine) == "revisit"
        await pilot.press("n")
        await pilot.pause()
        assert phase(engine) == "done"
        outcomes = [(state().people[t.person_id].name, t.outcome) for t in state().turns]
        assert outcomes == [
            ("Rob", "spoke"),
            ("Aroha", "passed"),
            ("Ben", "absent"),
            ("Wei", "spoke"),
            ("Aroha", "spoke"),
        ]

        # Ben comes back before the discussion
        await check_in(pilot, "Ben")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert kind(engine) == "discussion"
        assert speaker(engine) == "Rob"
        assert "Rob" in app.screen.query_one(SpeakerLine).text

        # notes of each kind, attributed to the speaker
        await write_notes(
            pilot, "circuits are sparse", "todo: share the paper", "q: what is a feature?"
        )
        kinds = [(n.kind, n.speaker_id) for n in state().notes.values()]
        rob = person(engine, "Rob")
        assert kinds == [("note", rob), ("todo", rob), ("question", rob)]
        assert app.focused is None  # back to the keys
        assert "TODO" in panel_text(pilot, "#notes-list").splitlines()[1]

        # the round, then open floor with hands and the progressive stack
        await pilot.press("n", "n", "n", "n")
        await pilot.pause()
        assert phase(engine) == "open floor"
        await pilot.press("s")
        await pilot.pause()
        assert state().hands_order == "progressive"
        await pilot.press("h")
        await answer(pilot, "Aroha")  # the filter leaves one choice; enter picks it
        assert speaker(engine) == "Aroha"
        await pilot.press("h")
        await answer(pilot, "Ben")
        assert [state().people[p].name for p in state().hands] == ["Ben"]
        await pilot.press("n")
        await pilot.pause()
        assert speaker(engine) == "Ben"

        # time runs over: +m:ss on screen, with a word (the discussion began at 18:29:15,
        # so it runs until the vote's clock time, 19:25)
        clock.advance(minutes=57)
        app.run_screen.tick()
        await pilot.pause()
        assert app.screen.query_one(Digits).value.startswith("+")
        assert app.screen.query_one(Countdown).has_class("-over")
        assert "OVER" in panel_text(pilot, "#warning")

        # voting: backlog already nominated; nominate two more; a tie; a runoff; the winner
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert kind(engine) == "voting"
        await pilot.press("t")
        await answer(pilot, "Circuit tracing")
        await pilot.press("down", "enter")  # nominated by the first person listed: Rob
        await pilot.pause()
        await pilot.press("t")
        await answer(pilot, "Probing")
        await pilot.press("escape")  # by nobody in particular
        await pilot.pause()
        topics = {n.topic: n for n in state().vote.nominations.values()}
        assert set(topics) == {
            "Sparse autoencoders",
            "Evaluating LLM agents",
            "Circuit tracing",
            "Probing",
        }
        assert topics["Circuit tracing"].by == person(engine, "Rob")
        assert topics["Probing"].by is None

        await count_votes(pilot, "3", "1", "3", "0")  # in nomination order
        assert "TIED" in panel_text(pilot, "#vote")
        await pilot.press("w")  # a tie cannot be declared
        await pilot.pause()
        assert state().vote.winner is None
        await pilot.press("r")
        await pilot.pause()
        assert len(state().vote.rounds) == 2
        assert "Runoff 1: one vote each, 4 here" in panel_text(pilot, "#vote")
        await count_votes(pilot, "1", "3")  # the runoff: the two tied topics, one vote each
        await pilot.press("w")
        await pilot.pause()
        assert state().vote.winner is not None
        winner = state().vote.nominations[state().vote.winner or 0]
        assert winner.topic == "Circuit tracing" and state().vote.decided_by == "runoff"
        assert "WINNER" in panel_text(pilot, "#vote")

        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert state().finished

        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_undo_from_the_keyboard(clock: FakeClock) -> None:
    engine = make_engine(clock)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await check_in(pilot, "Rob", "Aroha")
        await pilot.press("right_square_bracket", "p")
        await pilot.pause()
        assert speaker(engine) == "Aroha"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert speaker(engine) == "Rob"
        assert engine.state.turns[-1].outcome is None
        await pilot.press("ctrl+z")  # the segment change
        await pilot.pause()
        assert kind(engine) == "arrival"


async def test_escape_leaves_the_note_unsaved(clock: FakeClock) -> None:
    engine = make_engine(clock)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(pilot.app.focused, Input)
        await pilot.press("h", "i", "escape")
        await pilot.pause()
        assert pilot.app.focused is None and not engine.state.notes
        await pilot.press("space")  # a key again, not text
        await pilot.pause()
        assert engine.state.started


async def test_edit_and_delete_a_note(clock: FakeClock) -> None:
    engine = make_engine(clock)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await write_notes(pilot, "first", "second")
        await pilot.press("e")  # pick from the latest notes, newest first
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the older one
        await answer(pilot, "first, edited")
        assert [n.text for n in engine.state.notes.values()] == ["first, edited", "second"]
        assert "first, edited (edited)" in app_notes(pilot)
        await pilot.press("d")
        await answer(pilot, "seco")  # typing filters; enter picks the match
        assert [n.text for n in engine.state.notes.values()] == ["first, edited"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(engine.state.notes) == 2


def app_notes(pilot: Any) -> str:
    return panel_text(pilot, "#notes-list")


async def test_a_tie_settled_by_the_hosts_pick(clock: FakeClock) -> None:
    engine = make_engine(clock)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await check_in(pilot, "Rob", "Aroha")
        await pilot.press(*["right_square_bracket"] * 3)
        await pilot.pause()
        assert engine.state.segment is not None and kind(engine) == "voting"
        await pilot.press("t")
        await answer(pilot, "Probing")
        await pilot.press("escape")
        await count_votes(pilot, "2", "0", "2")  # a backlog topic and Probing: a tie
        await pilot.press("k")
        await answer(pilot, "Prob")
        vote = engine.state.vote
        assert vote.winner is not None and vote.nominations[vote.winner].topic == "Probing"
        assert vote.decided_by == "host"
        assert "host's pick" in panel_text(pilot, "#vote")
        await pilot.press("ctrl+z")  # the host changes their mind
        await pilot.pause()
        assert engine.state.vote.winner is None


async def test_someone_leaves_and_a_late_arrival_joins(clock: FakeClock) -> None:
    engine = make_engine(clock)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await check_in(pilot, "Rob", "Aroha", "Ben")
        await pilot.press("right_square_bracket")
        await pilot.press("l")
        await answer(pilot, "Ben")  # Ben left: skipped from now on
        await check_in(pilot, "Mere")  # a late arrival joins the end of the round
        run = engine.state.run
        assert run is not None
        queue = [engine.state.people[i.person_id].name for i in run.queue]
        assert queue == ["Aroha", "Mere"]
        assert "Mere" in panel_text(pilot, "#people")


async def test_hands_go_up_and_down(clock: FakeClock) -> None:
    engine = make_engine(clock)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await check_in(pilot, "Rob", "Aroha", "Ben")
        await pilot.press("right_square_bracket", "right_square_bracket", "n", "n", "n")
        await pilot.pause()
        assert phase(engine) == "open floor"
        for name in ("Rob", "Aroha", "Ben"):
            await pilot.press("h")
            await answer(pilot, name)
        assert speaker(engine) == "Rob"
        assert [engine.state.people[p].name for p in engine.state.hands] == ["Aroha", "Ben"]
        await pilot.press("H")
        await answer(pilot, "Aroha")
        assert [engine.state.people[p].name for p in engine.state.hands] == ["Ben"]
        assert "Ben" in panel_text(pilot, "#people")


END_TITLED = """
[session]
title = "A segment called end"

[[segments]]
title = "Arrive"
kind = "arrival"
minutes = 5

[[segments]]
title = "end"
kind = "custom"
minutes = 5
"""


async def test_a_segment_titled_end_does_not_end_the_session(clock: FakeClock) -> None:
    engine = Engine.create(parse_agenda(END_TITLED), MemorySink(), clock)
    app = make_app(engine)
    said: list[str] = []
    notify = app.notify

    def spy(message: str, **options: Any) -> None:
        said.append(message)
        notify(message, **options)

    app.notify = spy  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "right_square_bracket")
        await pilot.pause()
        assert engine.state.segment is not None and engine.state.segment.title == "end"
        assert not any("ended" in text for text in said)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert engine.state.finished
        assert any("The session has ended" in text for text in said)
