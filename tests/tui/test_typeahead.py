"""Keys typed ahead of a prompt: `a` and the name at once, as a quick typist (or a laggy
laptop, or ssh) delivers them, before the prompt has even opened. Every key lands where it was
meant to, in order; none is lost and none runs as a command on the screen beneath.

Pilot's `press` waits for each key to be handled; these tests post the keys as a terminal does,
all at once, and only then wait.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.session import views
from facilitator.tui.screens.prompts import CheckInPrompt
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.typeahead import OneKeyAtATime, TypingScreen
from tests.reference import evening

from .conftest import make_app, make_engine, speaker

CHARACTERS = {"enter": "\r", "escape": "\x1b", "backspace": "\x7f", "slash": "/"}
NAMES = {" ": "space", ":": "colon"}


def burst(app: App[None], *keys: str) -> None:
    """Keys arriving together from the terminal, as Textual names them (`*"Lena"` types a
    word letter by letter)."""
    for key in keys:
        event = events.Key(NAMES.get(key, key), CHARACTERS.get(key, key))
        event.set_sender(app)
        app.post_message(event)


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(5):
        await pilot.pause(0.1)


async def test_a_name_typed_at_once_after_a_is_checked_in_whole(clock: FakeClock) -> None:
    engine = make_engine(clock)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        burst(app, "a", *"Lena", "enter", "a", *"Wiremu", "enter")
        await settle(pilot)
        assert [p.name for p in engine.state.present()] == ["Lena", "Wiremu"]
        assert isinstance(app.screen, RunScreen)


async def test_letters_of_a_name_never_run_as_commands_in_a_round() -> None:
    """In a round, `p` passes and `n` moves on: "Pania" typed ahead must not."""
    scene = evening("intros")
    app = make_app(scene.engine)
    async with app.run_test(size=(80, 24)) as pilot:
        before = speaker(scene.engine)
        turns = len(scene.engine.state.turns)
        burst(app, "a", *"Pania", "enter")
        await settle(pilot)
        assert "Pania" in [p.name for p in scene.engine.state.present()]
        assert speaker(scene.engine) == before and len(scene.engine.state.turns) == turns
        burst(app, "a", *"Manu", "enter", "n")  # the key after the name is the screen's again
        await settle(pilot)
        assert "Manu" in [p.name for p in scene.engine.state.present()]
        assert speaker(scene.engine) != before


async def test_backspace_and_escape_typed_ahead(clock: FakeClock) -> None:
    engine = make_engine(clock)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        burst(app, "a", *"Lenx", "backspace", "a", "enter", "a", *"Tom", "escape")
        await settle(pilot)
        assert [p.name for p in engine.state.present()] == ["Lena"]  # Tom was cancelled
        assert isinstance(app.screen, RunScreen)


async def test_counts_typed_ahead_go_row_by_row() -> None:
    scene = evening("voting")
    app = make_app(scene.engine)
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, "v", "5", "enter", *"x3", "enter")  # a letter in a count is refused
        await settle(pilot)
        topics = views.topic_choices(scene.engine.state)
        assert [t.votes for t in topics[:3]] == [5, 3, 0], topics


async def test_a_letter_on_the_list_that_nothing_takes_is_dropped_not_looped(
    clock: FakeClock,
) -> None:
    engine = make_engine(clock, expected=["Smith, Bob", "Smith, Ann"])
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "a", *"Smith", "down")  # two fit: the list has the keys
        await pilot.pause()
        assert isinstance(app.screen, CheckInPrompt)
        await pilot.press("x", "q")  # no binding, no field: dropped (and the app still runs)
        await pilot.press("enter")
        await settle(pilot)
        assert [p.name for p in engine.state.present()] == ["Smith, Bob"]


async def test_a_note_typed_at_once_after_slash_is_text_not_commands() -> None:
    scene = evening("intros")
    app = make_app(scene.engine)
    async with app.run_test(size=(80, 24)) as pilot:
        before = speaker(scene.engine)
        burst(app, "slash", *"next: pass", "enter")
        await settle(pilot)
        assert [n.text for n in scene.engine.state.notes.values()][-1] == "next: pass"
        assert speaker(scene.engine) == before


async def test_a_prompt_that_never_gets_ready_holds_the_keys_only_a_while(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were a prompt never to give its field the keyboard, the keys behind it would not wait
    for ever: after OneKeyAtATime.OPENING they go where Textual sends them."""
    monkeypatch.setattr(TypingScreen, "keyboard_to", lambda self, field: None)
    monkeypatch.setattr(OneKeyAtATime, "OPENING", 0.3)
    engine = make_engine(clock)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        burst(app, "a", "escape", "q")
        await pilot.pause(0.1)
        assert isinstance(app.screen, CheckInPrompt)  # escape waits for the prompt
        await pilot.pause(0.6)
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmQuit"  # escape closed it, q asks
