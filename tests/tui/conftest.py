"""TUI test helpers: the reference evening on a frozen clock, and typing into prompts."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from facilitator.agenda import Agenda, load_agenda
from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink, Sink
from facilitator.tui.app import FacilitatorApp

os.environ["TZ"] = "Pacific/Auckland"
time.tzset()

AGENDA = Path(__file__).parent / "reference.toml"
EVENING = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # 18:00 in Auckland
HOSTILE = [
    "[bold]x[/]",
    "[@click=app.quit]y",
    "[/]",
    "<script>alert(1)</script>",
    "\x1b[31mred",
    "[B]big[/B]",
]


def reference_agenda() -> Agenda:
    return load_agenda(AGENDA)


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
