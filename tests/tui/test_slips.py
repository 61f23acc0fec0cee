"""Slips under pressure: keys typed in a text field edit the text, never the session; `]` asks
before it leaves a vote unsettled or ends the session mid-round."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Label

from facilitator.agenda import parse_agenda
from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink
from facilitator.tui.commands import COMMANDS
from facilitator.tui.screens.confirm import ConfirmLeave
from facilitator.tui.screens.prompts import Prompt
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.screens.vote_entry import VoteEntry
from tests.reference import EVENING, evening

from .conftest import make_app


def note_input(pilot: Pilot[None]) -> Input:
    focused = pilot.app.focused
    assert isinstance(focused, Input) and focused.id == "note-input", focused
    return focused


async def test_ctrl_z_while_typing_a_note_undoes_the_typing_not_the_turn() -> None:
    engine = evening("discussion").engine
    events = len(engine.events)
    speaker = engine.state.speaker
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"the model plans", "ctrl+z")
        await pilot.pause()
        assert note_input(pilot).value == "the model "  # the last word goes
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert note_input(pilot).value == ""
        assert len(engine.events) == events and engine.state.speaker is speaker
        await pilot.press(*"rhymes", "enter", "ctrl+z")
        await pilot.pause()
        assert note_input(pilot).value == ""  # a saved note does not come back to be typed again
        assert [n.text for n in engine.state.notes.values()][-1] == "rhymes"
        await pilot.press("escape", "ctrl+z")  # outside the field, ctrl+z is the session's undo
        await pilot.pause()
        assert "rhymes" not in [n.text for n in engine.state.notes.values()]


async def test_every_command_key_typed_in_a_note_is_text() -> None:
    engine = evening("discussion").engine
    events = len(engine.events)
    # F5 switches the display to the room view and back (not the session): a key of its own.
    keys = [c.key for c in COMMANDS if c.key not in ("ctrl+z", "f5")]
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *keys, "tab", "shift+tab", "up", "down")
        await pilot.pause()
        assert len(engine.events) == events
        assert isinstance(pilot.app.screen, RunScreen)
        typed = note_input(pilot).value
        assert len(typed) == len(keys) and typed.startswith(" npx]+-a")  # one character each
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert note_input(pilot).value == " "
        assert len(engine.events) == events


async def test_ctrl_z_in_a_prompt_edits_its_text() -> None:
    engine = evening("voting").engine
    events = len(engine.events)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("t", *"Probing LLMs", "ctrl+z")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Prompt)
        assert pilot.app.screen.query_one(Input).value == "Probing "
        assert len(engine.events) == events


def question(pilot: Pilot[None]) -> ConfirmLeave:
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmLeave), screen
    return screen


def said(screen: ConfirmLeave) -> str:
    return "\n".join(str(label.render()) for label in screen.query(Label))


async def test_ending_with_a_tie_asks_and_offers_the_hosts_pick() -> None:
    engine = evening("voting-tie").engine
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        text = said(question(pilot))
        assert "End the session now?" in text and "The vote is tied" in text
        assert "k: host's pick" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not engine.state.finished and isinstance(pilot.app.screen, RunScreen)

        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("k")  # settles it: the host's pick among the tied topics
        await pilot.pause()
        assert isinstance(pilot.app.screen, Prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert engine.state.vote.decided_by == "host"
        await pilot.press("right_square_bracket")  # settled: no question
        await pilot.pause()
        assert engine.state.finished


async def test_ending_anyway_leaves_the_tie_as_it_is() -> None:
    engine = evening("voting-tie").engine
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        question(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert engine.state.finished and engine.state.vote.winner is None


async def test_counts_with_no_vote_ask_for_the_counts() -> None:
    engine = evening("voting").engine
    for choice in engine.state.vote.nominations:
        engine.record_votes(choice, 0)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "v: enter votes" in said(question(pilot))
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(pilot.app.screen, VoteEntry)


TALK = """
[session]
title = "Talk"

[[segments]]
title = "Arrive"
kind = "arrival"
minutes = 5

[[segments]]
title = "Round"
kind = "discussion"
minutes = 20
"""


async def test_ending_mid_round_asks_first() -> None:
    clock = FakeClock(EVENING)
    engine = Engine.create(parse_agenda(TALK, "talk.toml"), MemorySink(), clock)
    engine.toggle_clock()
    for name in ("Ana", "Ben", "Cy", "Dee", "Eve"):
        engine.check_in(name)
    engine.next_segment()
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        text = said(question(pilot))
        assert "Ana is speaking; still to speak: Ben, Cy, Dee and 1 more." in text
        await pilot.press("n")
        await pilot.pause()
        assert not engine.state.finished
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert engine.state.finished
