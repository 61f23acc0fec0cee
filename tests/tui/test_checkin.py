"""Check-in at the door from the keyboard: quick (enter picks the one name that fits) and
forgiving (accents, case, any part), and a new person only when the host says so."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from facilitator.clock import FakeClock
from facilitator.tui.screens.prompts import Prompt
from facilitator.tui.screens.run import RunScreen

from .conftest import make_app, make_engine

EXPECTED = ["Smith, Bob", "Zoë Ōtaki", "Bobby Tables", "Rob Bobson"]


async def type_name(pilot: Pilot[None], text: str) -> Prompt:
    """`a`, then `text` typed key by key (the list filters as the host types)."""
    await pilot.press("a")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, Prompt)
    await pilot.press(*text)
    await pilot.pause()
    return screen


def listed(prompt: Prompt) -> list[str]:
    options = prompt.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def present(pilot: Pilot[None]) -> list[str]:
    app = pilot.app
    assert isinstance(app.screen, RunScreen)
    return [p.name for p in app.screen.engine.state.present()]


async def test_enter_checks_in_the_one_that_fits(clock: FakeClock) -> None:
    app = make_app(make_engine(clock, expected=EXPECTED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        prompt = await type_name(pilot, "Smith")
        assert listed(prompt)[0] == "Smith, Bob"
        await pilot.press("enter")  # checks in "Smith, Bob", not a new person "Smith"
        await pilot.pause()
        assert present(pilot) == ["Smith, Bob"]

        prompt = await type_name(pilot, "zoe")  # no accent typed
        assert listed(prompt)[0] == "Zoë Ōtaki"
        await pilot.press("enter")
        await pilot.pause()
        assert present(pilot) == ["Smith, Bob", "Zoë Ōtaki"]


async def test_the_same_person_is_not_checked_in_twice(clock: FakeClock) -> None:
    app = make_app(make_engine(clock, expected=EXPECTED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await type_name(pilot, "Zoe Otaki")
        await pilot.press("enter")
        await pilot.pause()
        prompt = await type_name(pilot, "ZOË ŌTAKI")
        assert listed(prompt) == ["Zoë Ōtaki is already checked in"]
        await pilot.press("enter")  # nothing to check in: the prompt stays, saying why
        await pilot.pause()
        assert pilot.app.screen is prompt
        await pilot.press("escape")
        await pilot.pause()
        assert present(pilot) == ["Zoë Ōtaki"]


async def test_several_fit_enter_goes_to_the_list(clock: FakeClock) -> None:
    app = make_app(make_engine(clock, expected=EXPECTED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        prompt = await type_name(pilot, "bob")
        assert listed(prompt) == [
            "Smith, Bob",
            "Bobby Tables",
            "Rob Bobson",
            "+ add “bob” as a new person",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is prompt  # nobody checked in on a guess
        assert isinstance(pilot.app.focused, OptionList)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert present(pilot) == ["Rob Bobson"]


async def test_a_new_person_is_an_explicit_choice(clock: FakeClock) -> None:
    app = make_app(make_engine(clock, expected=EXPECTED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        prompt = await type_name(pilot, "Bob")
        await pilot.press("down", "down", "down", "down", "enter")  # to "+ add “Bob” …"
        await pilot.pause()
        assert present(pilot) == ["Bob"]
        prompt = await type_name(pilot, "Mere")
        assert listed(prompt) == ["+ add “Mere” as a new person"]
        assert "enter adds a new person" in str(prompt.query_one("#prompt-hint").render())
        await pilot.press("enter")
        await pilot.pause()
        assert present(pilot) == ["Bob", "Mere"]
        assert isinstance(pilot.app.screen, RunScreen)
