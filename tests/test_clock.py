"""Clocks: the rehearsal clock runs X times faster; the system clock never runs backwards."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from facilitator.clock import FakeClock, ScaledClock, SystemClock


def test_scaled_clock_runs_faster_from_its_anchor() -> None:
    base = FakeClock(datetime(2026, 11, 26, 5, 0, tzinfo=UTC))
    anchor = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    clock = ScaledClock(base, 60, anchor=anchor)
    assert clock.now() == anchor
    base.advance(30)
    assert clock.now() == anchor + timedelta(minutes=30)
    with pytest.raises(ValueError):
        ScaledClock(base, 0)


def test_system_clock_tracks_wall_time_and_is_monotonic() -> None:
    clock = SystemClock()
    first = clock.now()
    assert first.tzinfo is not None
    assert abs((first - datetime.now(UTC)).total_seconds()) < 1
    readings = [clock.now() for _ in range(1000)]
    assert readings == sorted(readings)
    time.sleep(0.05)
    assert (clock.now() - first).total_seconds() >= 0.05
