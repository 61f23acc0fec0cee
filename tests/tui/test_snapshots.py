"""Snapshots of the live screen in each segment kind, the help screen and the vote.

Deterministic: the clock is frozen, local time pinned (conftest), cursor blink off, sizes fixed.
Update with `pytest tests/tui --snapshot-update` only after looking at the new SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.agenda import load_agenda
from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink

from .conftest import EVENING, make_app
from .scenes import scene

SIZES = [(80, 24), (120, 40)]
KINDS = ["arrival", "intros", "discussion", "voting-tie"]


def timer_scene(index: int) -> Engine:
    clock = FakeClock(EVENING)
    agenda = load_agenda(Path(__file__).parent / "timer.toml")
    engine = Engine.create(agenda, MemorySink(), clock, speed=60.0)
    engine.start()
    engine.check_in("Rob")
    for _ in range(index):
        engine.next_segment()
    clock.advance(minutes=8, seconds=30)
    return engine


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("stage", KINDS)
def test_run_screen(snap_compare: Any, stage: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(scene(stage)), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("index", [0, 1], ids=["break", "custom"])
def test_timer_only(snap_compare: Any, index: int, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(timer_scene(index)), terminal_size=size)


@pytest.mark.parametrize("stage", ["not-started", "ended"])
def test_before_and_after(snap_compare: Any, stage: str) -> None:
    notice = "Resumed in Discussion: 7 people here" if stage == "not-started" else None
    assert snap_compare(make_app(scene(stage), notice=notice), terminal_size=(80, 24))


def test_small_terminal(snap_compare: Any) -> None:
    assert snap_compare(make_app(scene("discussion")), terminal_size=(60, 20))


def test_help_screen(snap_compare: Any) -> None:
    assert snap_compare(make_app(scene("intros")), press=["question_mark"], terminal_size=(80, 24))


def test_vote_entry(snap_compare: Any) -> None:
    assert snap_compare(make_app(scene("voting-tie")), press=["v"], terminal_size=(80, 24))
