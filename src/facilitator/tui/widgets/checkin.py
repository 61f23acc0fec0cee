"""Arrival: how many are here, who came last, and who is expected but not here yet."""

from __future__ import annotations

from textual.content import Content

from facilitator.identity import unique
from facilitator.session.state import SessionState
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel
from facilitator.tui.widgets.people import line, names


def expected_not_here(state: SessionState) -> list[str]:
    """Names from the agenda's people and the attendee list, not yet checked in."""
    here = [p.name for p in state.people.values() if p.present]
    return unique([*(p.name for p in state.agenda.people), *state.expected], drop=here)


class CheckinPanel(Panel):
    def render_state(self, state: SessionState) -> None:
        present = state.present()
        latest = [p.id for p in reversed(present)]
        expected = expected_not_here(state)
        shown = [plain(n) for n in expected[:10]]
        more = f" +{len(expected) - 10} more" if len(expected) > 10 else ""
        lines = [
            Content(f"{len(present)} checked in").stylize("bold"),
            line("Latest", names(state, latest, 10)),
            line("Expected", Content.assemble(Content(", ").join(shown) or "—", more)),
            Content("a: check someone in · l: someone left").stylize("dim"),
        ]
        self.show(Content("\n").join(lines))


class SummaryPanel(Panel):
    """After the end: what happened, and that it is all saved."""

    def render_state(self, state: SessionState) -> None:
        turns = sum(1 for t in state.turns if t.outcome == "spoke")
        lines = [
            Content("The session has ended.").stylize("bold"),
            Content(f"{len(state.people)} people · {turns} turns · {len(state.notes)} notes"),
        ]
        winner = state.vote.winner
        if winner is not None:
            topic = plain(state.vote.nominations[winner].topic, "bold")
            lines.append(Content.assemble("Next topic: ", topic))
        lines.append(
            Content("Everything is saved. q quits; the export command is printed.").stylize("dim")
        )
        self.show(Content("\n").join(lines))
