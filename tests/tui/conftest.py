"""TUI test helpers: the reference evening on a frozen clock, and typing into prompts."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink, Sink
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.widgets.panel import Panel
from tests.reference import AGENDA, EVENING, TZ, reference_agenda

__all__ = ["AGENDA", "EVENING", "reference_agenda"]

os.environ["TZ"] = TZ
time.tzset()

HOSTILE = [
    "[bold]x[/]",
    "[@click=app.quit]y",
    "[/]",
    "<script>alert(1)</script>",
    "\x1b[31mred",
    "[B]big[/B]",
]


def make_engine(
    clock: FakeClock | None = None,
    *,
    sink: Sink | None = None,
    expected: Iterable[str] = (),
    speed: float = 1.0,
) -> Engine:
    return Engine.create(
        reference_agenda(),
        sink or MemorySink(),
        clock or FakeClock(EVENING),
        agenda_path=str(AGENDA),
        expected=list(expected),
        speed=speed,
    )


def make_app(engine: Engine | None = None, **options: object) -> FacilitatorApp:
    return FacilitatorApp(engine or make_engine(), quiet=True, **options)  # type: ignore[arg-type]


async def answer(pilot: Pilot[None], text: str) -> None:
    """Type `text` into the focused input of a prompt and press enter."""
    await pilot.pause()
    focused = pilot.app.focused
    assert isinstance(focused, Input), f"expected an input, focus is on {focused!r}"
    focused.value = text
    await pilot.press("enter")
    await pilot.pause()


async def check_in(pilot: Pilot[None], *names: str) -> None:
    for name in names:
        await pilot.press("a")
        await answer(pilot, name)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(EVENING)


async def write_notes(pilot: Pilot[None], *texts: str) -> None:
    """`/`, each note with enter (the input stays open), then escape back to the keys."""
    await pilot.press("slash")
    for text in texts:
        await answer(pilot, text)
    await pilot.press("escape")
    await pilot.pause()


def speaker(engine: Engine) -> str | None:
    person = engine.state.speaker
    return None if person is None else person.name


def person(engine: Engine, name: str) -> int:
    found = engine.state.find_person(name)
    assert found is not None, name
    return found.id


def kind(engine: Engine) -> str | None:
    segment = engine.state.segment
    return None if segment is None else segment.kind


def phase(engine: Engine) -> str | None:
    run = engine.state.run
    return None if run is None else run.phase


def turn_kind(engine: Engine) -> str | None:
    turn = engine.state.current_turn
    return None if turn is None else turn.kind


def panel_text(pilot: Pilot[None], selector: str) -> str:
    """What a text panel of the live screen shows, as plain text."""
    return pilot.app.screen.query_one(selector, Panel).text
