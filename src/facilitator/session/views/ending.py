"""Endings: what leaving a segment would leave unsettled, and the session once it has ended.

`leaving` is the question `]` asks first (a vote with no winner, a round still running at the
last segment); `ended` is what the screens show after the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from facilitator.session import voting
from facilitator.session.state import SessionState

# -- after the end --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EndedView:
    people: int
    turns: int
    """Turns that ended as spoke."""
    notes: int
    next_topic: str | None


def ended(state: SessionState) -> EndedView:
    winner = state.vote.winner
    return EndedView(
        people=len(state.people),
        turns=sum(1 for t in state.turns if t.outcome == "spoke"),
        notes=len(state.notes),
        next_topic=None if winner is None else state.vote.nominations[winner].topic,
    )


# -- before leaving a segment ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeavingView:
    """What `]` would leave unsettled for good, for the host to confirm first."""

    ends: bool
    """`]` ends the session (this is the last segment)."""
    worry: str
    settle: Literal["pick", "count"] | None
    """What settles it: the host's pick among tied topics, or entering the counts."""


def leaving(state: SessionState) -> LeavingView | None:
    """Leaving the vote with no winner (a tie, an uncounted runoff, counts with no vote), or
    ending the session while its round still runs; None when `]` needs no question."""
    segment, run = state.segment, state.run
    if segment is None or run is None or state.finished:
        return None
    ends = state.current == len(state.agenda.segments) - 1
    if segment.kind == "voting":
        found = voting.unsettled(state)
        return None if found is None else LeavingView(ends, found.why, found.settle)
    if ends and segment.has_turns and run.phase == "round":
        waiting = [state.people[item.person_id].name for item in run.queue]
        person = state.speaker
        lead = f"{person.name} is speaking" if person is not None else "The round is still open"
        if waiting:
            shown = ", ".join(waiting[:3]) + (
                f" and {len(waiting) - 3} more" if waiting[3:] else ""
            )
            lead += f"; still to speak: {shown}"
        return LeavingView(True, f"{lead}.", None)
    return None
