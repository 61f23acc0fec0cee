"""One list of commands: the keys, the footer, the help screen and the palette agree."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input
from textual.widgets._toast import Toast

from facilitator.clock import FakeClock
from facilitator.tui.commands import COMMANDS
from facilitator.tui.screens.confirm import ConfirmQuit
from facilitator.tui.screens.help import HelpScreen, columns, help_column
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.widgets.keybar import KeyBar

from .conftest import check_in, make_app, make_engine

README_KEYS = ["space", "n", "p", "x", "]", "+", "-", "a", "h", "/", "^z", "?", "q"]


def test_every_command_is_bound_to_an_action_that_exists_and_is_helped() -> None:
    bound = {b.key: b.action for b in RunScreen.BINDINGS if isinstance(b, Binding)}
    helped = "".join(help_column(groups).plain for groups in columns(rehearsal=True))
    for command in COMMANDS:
        assert bound[command.key] == command.action
        method = "action_" + command.action.split("(")[0]
        assert callable(getattr(RunScreen, method, None)), f"{command.name}: no {method}"
        assert command.name in helped
    assert len({c.key for c in COMMANDS}) == len(COMMANDS)


def test_a_misspelt_action_is_caught() -> None:
    """The check above looks for the method itself, not only at the table it came from."""
    assert getattr(RunScreen, "action_next_speakr", None) is None


async def test_footer_shows_the_spec_keys_in_a_round(clock: FakeClock) -> None:
    engine = make_engine(clock)
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await check_in(pilot, "Rob")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        keys = pilot.app.screen.query_one(KeyBar).text
        words = keys.split()
        for key in README_KEYS:
            assert key in words, key


async def test_palette_and_help_run_the_same_commands(clock: FakeClock) -> None:
    engine = make_engine(clock)
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"start")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert engine.state.started
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)


async def test_quit_asks_first(clock: FakeClock) -> None:
    app = make_app(make_engine(clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, RunScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_asks_too_even_while_typing_a_note(clock: FakeClock) -> None:
    """Textual binds ctrl+q above every screen and text field; it must ask like `q`."""
    app = make_app(make_engine(clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"half a no")  # typing a note: ctrl+q is a reflex here
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmQuit)
        await pilot.press("escape")  # stay: the note being typed is still there
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, RunScreen)
        assert app.screen.query_one("#note-input", Input).value == "half a no"
        await pilot.press("ctrl+q", "ctrl+q")  # twice, as `q q`, quits
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (200, 60)])
async def test_a_notification_never_covers_the_keys(
    clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app(make_engine(clock))
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("ctrl+z")  # nothing to undo: said in a notification
        await pilot.pause(0.3)
        keys = app.screen.query_one(KeyBar).region
        (toast,) = app.screen.query(Toast)
        assert "Nothing to undo" in str(toast.render())
        assert toast.region.height and not toast.region.overlaps(keys), (toast.region, keys)


async def test_small_terminal_drops_the_agenda(clock: FakeClock) -> None:
    app = make_app(make_engine(clock))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#agenda").display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.query_one("#agenda").display
