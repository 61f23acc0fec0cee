"""The reference evening at each stage (tests/reference.py), as the screen shows it."""

from __future__ import annotations

from facilitator.session.engine import Engine
from tests.reference import evening

STAGES = ("not-started", "arrival", "intros", "discussion", "voting", "voting-tie", "ended")


def scene(stage: str) -> Engine:
    return evening(stage).engine
