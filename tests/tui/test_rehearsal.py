"""A rehearsal on screen: marked with its speed, and `*` runs it at real speed (and fast again)."""

from __future__ import annotations

from facilitator.clock import FakeClock, ScaledClock
from facilitator.session.engine import Engine, MemorySink
from facilitator.tui.app import FacilitatorApp

from .conftest import EVENING, make_engine, panel_text, reference_agenda


async def test_star_switches_a_rehearsal_between_real_and_fast() -> None:
    wall = FakeClock(EVENING)
    engine = Engine.create(reference_agenda(), MemorySink(), ScaledClock(wall, 10), speed=10)
    app = FacilitatorApp(engine, quiet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert panel_text(pilot, "#rehearsal") == "REHEARSAL x10"
        assert "* real/fast" in panel_text(pilot, "#keys")
        await pilot.press("space", "asterisk")
        await pilot.pause()
        assert engine.state.rate == 1
        assert panel_text(pilot, "#rehearsal") == "REHEARSAL REAL TIME"
        before = engine.now()
        wall.advance(20)
        assert (engine.now() - before).total_seconds() == 20
        await pilot.press("asterisk")
        await pilot.pause()
        assert panel_text(pilot, "#rehearsal") == "REHEARSAL x10"


async def test_star_on_the_night_changes_nothing() -> None:
    engine = make_engine()
    app = FacilitatorApp(engine, quiet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert "real/fast" not in panel_text(pilot, "#keys")
        count = len(engine.events)
        await pilot.press("asterisk")
        await pilot.pause()
        assert len(engine.events) == count
        assert not app.screen.query("#rehearsal")
