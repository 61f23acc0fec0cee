"""Shared test set-up: local time is pinned so clock times in output are stable; a fixture
that counts the events the fold applies (a refold applies every one of them)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from facilitator.session import fold as fold_module
from facilitator.session import undo

os.environ["TZ"] = "Pacific/Auckland"
time.tzset()


@pytest.fixture
def replayed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The types of the events the fold applies (a refold applies every one of them)."""
    seen: list[str] = []
    real = fold_module.apply

    def counting(state: object, event: object) -> object:
        seen.append(getattr(event, "type", "?"))
        return real(state, event)  # type: ignore[arg-type]

    monkeypatch.setattr(fold_module, "apply", counting)
    monkeypatch.setattr(undo, "apply", counting)
    yield seen
