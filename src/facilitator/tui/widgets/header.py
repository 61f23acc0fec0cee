"""The top line: title, rehearsal mark, schedule status, projected end, and the wall clock."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from facilitator.session.views import HeaderView
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel


def local_hm(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")


class StatusHeader(Horizontal):
    """Calm and always there: what is this, is it on time, what time is it."""

    def __init__(self, title: str, rehearsal: bool) -> None:
        super().__init__(id="header")
        self._title = title
        self._rehearsal = rehearsal

    def compose(self) -> ComposeResult:
        yield Label(plain(self._title), id="title")
        if self._rehearsal:
            yield Panel(id="rehearsal")
        yield Panel(id="schedule")
        yield Panel(id="wallclock")

    def show(self, view: HeaderView) -> None:
        if self._rehearsal:
            speed = "REAL TIME" if view.clock_speed == 1 else f"x{view.clock_speed:g}"
            self.query_one("#rehearsal", Panel).show(Content(f"REHEARSAL {speed}"))
        if view.finished:
            text = "ended"
        elif not view.started:
            text = f"not started · plan ends {local_hm(view.planned_end)}"
        else:
            end = view.projected_end
            text = view.status + (f" · ends {local_hm(end)}" if end else "")
        schedule = self.query_one("#schedule", Panel)
        schedule.show(Content(text))
        schedule.set_class(view.behind, "-behind")
        self.query_one("#wallclock", Panel).show(Content(local_hm(view.now)))
