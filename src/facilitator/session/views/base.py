"""What every view is built from: a person as the screens name them, and which panel shows.

A view names a person by id and name only (`PersonRef`), a frozen copy, never the session's
mutable record of them; `screen_kind` says what the session is doing, which picks the panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from facilitator.session.state import SessionState

ScreenKind = Literal[
    "before", "arrival", "intros", "discussion", "voting", "break", "custom", "ended"
]


@dataclass(frozen=True, slots=True)
class PersonRef:
    id: int
    name: str


def people_refs(state: SessionState, ids: list[int]) -> tuple[PersonRef, ...]:
    return tuple(PersonRef(pid, state.people[pid].name) for pid in ids)


def screen_kind(state: SessionState) -> ScreenKind:
    """What the session is doing: which panel the screens show."""
    if state.finished:
        return "ended"
    segment = state.segment
    return "before" if segment is None else segment.kind
