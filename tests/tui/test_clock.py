"""Time on screen comes from the clock, warnings show in words and ring the bell once."""

from __future__ import annotations

import re
from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import Digits

from facilitator.clock import FakeClock
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.widgets.countdown import Countdown

from .conftest import EVENING, make_engine, panel_text


def counting_bells(app: FacilitatorApp) -> list[int]:
    rung: list[int] = []
    app.bell = lambda: rung.append(1)  # type: ignore[method-assign]
    return rung


async def test_warnings_ring_once_per_transition(clock: FakeClock) -> None:
    engine = make_engine(clock)
    app = FacilitatorApp(engine)
    rung = counting_bells(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert app.screen.query_one(Digits).value == "30:00"
        clock.advance(minutes=27, seconds=59.5)
        app.run_screen.tick()
        assert app.screen.query_one(Digits).value == "2:01"
        assert not rung and not countdown.has_class("-soon")
        clock.advance(2)
        app.run_screen.tick()
        app.run_screen.tick()
        await pilot.pause()
        assert rung == [1] and countdown.has_class("-soon")
        assert "2 MIN LEFT" in app.screen.query_one("#warning").text  # type: ignore[attr-defined]
        clock.advance(minutes=2, seconds=5)
        app.run_screen.tick()
        await pilot.pause()
        assert rung == [1, 1] and countdown.has_class("-over")
        assert app.screen.query_one(Digits).value == "+0:06"
        await pilot.press("plus")  # a minute more: back to "soon", and quiet (no new bell
        await pilot.pause()  # for a transition the host caused)
        app.run_screen.tick()
        await pilot.pause()
        assert app.screen.query_one(Digits).value == "0:54"
        assert rung == [1, 1] and countdown.has_class("-soon")
        await pilot.press("minus", "minus")  # two less: over again, by the host's hand: quiet
        await pilot.pause()
        assert rung == [1, 1] and countdown.has_class("-over")
        await pilot.press("plus", "plus", "right_square_bracket")  # a new segment: no bell
        await pilot.pause()
        app.run_screen.tick()
        await pilot.pause()
        assert rung == [1, 1]
        clock.advance(minutes=3)  # the new segment (5 min) runs into its last 2 minutes
        app.run_screen.tick()
        await pilot.pause()
        assert rung == [1, 1, 1]


async def test_quiet_never_rings(clock: FakeClock) -> None:
    app = FacilitatorApp(make_engine(clock), quiet=True)
    rung: list[int] = []
    app.bell = lambda: rung.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(minutes=31)
        app.run_screen.tick()
        await pilot.pause()
        assert app.screen.query_one(Countdown).has_class("-over")
        await pilot.pause()
        assert app.screen.query_one(Countdown).has_class("-over")
    assert not rung


async def test_pause_stops_the_countdown(clock: FakeClock) -> None:
    engine = make_engine(clock)
    app = FacilitatorApp(engine, quiet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(60)
        await pilot.press("space")  # pause
        await pilot.pause()
        clock.advance(600)
        app.run_screen.tick()
        assert pilot.app.screen.query_one(Digits).value == "29:00"
        assert "PAUSED" in pilot.app.screen.query_one("#segment-title").text  # type: ignore[attr-defined]


def agenda_times(pilot: Pilot[None]) -> list[str]:
    return [re.findall(r"\d\d:\d\d", line)[0] for line in panel_text(pilot, "#agenda").splitlines()]


async def test_before_the_start_the_agenda_column_is_the_schedule_a_start_now_gives() -> None:
    clock = FakeClock(EVENING - timedelta(days=7))  # a try-out a week early: from the actual start
    engine = make_engine(clock)
    app = FacilitatorApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert agenda_times(pilot) == ["18:00", "18:30", "18:35", "19:25"]
        clock.advance(minutes=12)
        app.run_screen.tick()
        await pilot.pause()
        before = agenda_times(pilot)
        assert before == ["18:12", "18:42", "18:47", "19:37"]
        await pilot.press("space")
        await pilot.pause()
        assert agenda_times(pilot) == before


async def test_started_late_the_agenda_shows_the_shortened_arrival_in_whole_minutes() -> None:
    clock = FakeClock(EVENING + timedelta(minutes=10, seconds=20))  # 18:10:20 on the night
    app = FacilitatorApp(make_engine(clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.query_one(Digits).value == "19:40"  # until 18:30
        assert "18:00   20m Arrive" in panel_text(pilot, "#agenda").splitlines()[0]
        assert "started 10 min late" in panel_text(pilot, "#schedule")
