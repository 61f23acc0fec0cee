"""Arrival: how many are here, who came last, and who is expected but not here yet; and after
the end, what happened."""

from __future__ import annotations

from textual.content import Content

from facilitator.session.views import CheckinView, EndedView
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel
from facilitator.tui.widgets.people import line, names


class CheckinPanel(Panel):
    def show_view(self, view: CheckinView) -> None:
        if not self.changed(view):
            return
        lines = [
            Content(f"{view.here} checked in").stylize("bold"),
            line("Latest", names(view.latest, 10)),
            line("Expected", names(view.expected, 10)),
            Content("a: check someone in · l: someone left").stylize("dim"),
        ]
        self.show(Content("\n").join(lines))


class SummaryPanel(Panel):
    """After the end: what happened, and that it is all saved."""

    def show_view(self, view: EndedView) -> None:
        if not self.changed(view):
            return
        lines = [
            Content("The session has ended.").stylize("bold"),
            Content(f"{view.people} people · {view.turns} turns · {view.notes} notes"),
        ]
        if view.next_topic is not None:
            lines.append(Content.assemble("Next topic: ", plain(view.next_topic, "bold")))
        lines.append(
            Content("Everything is saved. q quits; the export command is printed.").stylize("dim")
        )
        self.show(Content("\n").join(lines))
