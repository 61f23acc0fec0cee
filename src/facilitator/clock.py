"""Clocks. Every time the app shows is computed from a clock, never by counting ticks.

The meeting goes on while a laptop's lid is closed, so the system clock advances with
CLOCK_BOOTTIME (which keeps counting through suspend) from a wall-clock anchor taken at start;
wall-clock jumps (NTP, a user changing the time) do not move it. Tests inject a FakeClock.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time, as an aware UTC datetime."""

    def now(self) -> datetime: ...


def _elapsed_source() -> tuple[str, float]:
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        try:
            return "boottime", time.clock_gettime(boottime)
        except OSError:  # pragma: no cover - kernels without it
            pass
    return "monotonic", time.monotonic()


class SystemClock:
    """Wall time at start-up plus the suspend-aware elapsed time since."""

    def __init__(self) -> None:
        self._anchor = datetime.now(UTC)
        self._source, self._start = _elapsed_source()
        self._last = self._anchor

    def _elapsed(self) -> float:
        if self._source == "boottime":
            return time.clock_gettime(time.CLOCK_BOOTTIME) - self._start
        # No boottime (macOS): monotonic stops during suspend, so take the wall clock when it is
        # ahead of it, but never let time run backwards.
        mono = time.monotonic() - self._start
        wall = (datetime.now(UTC) - self._anchor).total_seconds()
        return max(mono, wall)

    def now(self) -> datetime:
        current = self._anchor + timedelta(seconds=self._elapsed())
        if current < self._last:
            current = self._last
        self._last = current
        return current


class ScaledClock:
    """Rehearsal: time runs `speed` times faster from an anchor (default: the base clock's now)."""

    def __init__(self, base: Clock, speed: float, anchor: datetime | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._base = base
        self._base_start = base.now()
        self._anchor = anchor or self._base_start

    def now(self) -> datetime:
        real = (self._base.now() - self._base_start).total_seconds()
        return self._anchor + timedelta(seconds=real * self.speed)

    def set_speed(self, speed: float) -> None:
        """Run `speed` times faster from now on (time carries on from now: no jump)."""
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._anchor, self._base_start = self.now(), self._base.now()
        self.speed = speed


class FakeClock:
    """A clock that moves only when told to: whole meetups scripted without sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self.time = start or datetime(2026, 11, 26, 5, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.time

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> None:
        self.time += timedelta(seconds=seconds + 60 * minutes)
