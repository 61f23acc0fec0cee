"""The agenda: each segment with its planned clock time, done/current/next, actual length."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.content import Content

from facilitator.session.state import SessionState
from facilitator.session.timing import actual_seconds, clock_text, planned_seconds
from facilitator.tui.text import plain
from facilitator.tui.widgets.header import local_hm
from facilitator.tui.widgets.panel import Panel


class AgendaList(Panel):
    def render_state(self, state: SessionState, now: datetime) -> None:
        lines: list[Content] = []
        start = state.planned_start or now
        for index, segment in enumerate(state.agenda.segments):
            actual = actual_seconds(state, index)
            if index == state.current:
                mark, style = "▶", "bold"
            elif actual is not None:
                mark, style = "✓", "dim"
            elif state.current is not None and index == state.current + 1:
                mark, style = "›", ""
            else:
                mark, style = " ", ""
            minutes = planned_seconds(state, index) // 60
            length = clock_text(actual) if actual is not None else f"{minutes}m"
            head = f"{mark} {local_hm(start)} {length:>5} "
            lines.append(Content.assemble(head, plain(segment.title)).stylize(style))
            start += timedelta(seconds=segment.planned_seconds)
        self.show(Content("\n").join(lines))
