"""The agenda: each segment with its planned clock time, done/current/next, actual length."""

from __future__ import annotations

from textual.content import Content

from facilitator.session.schedule import clock_text
from facilitator.session.views import AgendaView
from facilitator.tui.text import plain
from facilitator.tui.widgets.header import local_hm
from facilitator.tui.widgets.panel import Panel

MARKS = {"current": ("▶", "bold"), "done": ("✓", "dim"), "next": ("›", ""), "later": (" ", "")}


class AgendaList(Panel):
    def show_view(self, view: AgendaView) -> None:
        if not self.changed(view):
            return
        lines: list[Content] = []
        for row in view.rows:
            mark, style = MARKS[row.mark]
            actual = row.actual_seconds
            length = (
                clock_text(actual) if actual is not None else f"{round(row.planned_seconds / 60)}m"
            )
            head = f"{mark} {local_hm(row.start)} {length:>5} "
            lines.append(Content.assemble(head, plain(row.title)).stylize(style))
        self.show(Content("\n").join(lines))
