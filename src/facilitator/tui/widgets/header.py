"""The top line: title, rehearsal mark, schedule status, projected end, and the wall clock."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from facilitator.session.state import SessionState
from facilitator.session.timing import planned_end, schedule_status
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel


def local_hm(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")


class StatusHeader(Horizontal):
    """Calm and always there: what is this, is it on time, what time is it."""

    def __init__(self, title: str, speed: float) -> None:
        super().__init__(id="header")
        self._title = title
        self._speed = speed

    def compose(self) -> ComposeResult:
        yield Label(plain(self._title), id="title")
        if self._speed != 1:
            yield Label(Content(f"REHEARSAL x{self._speed:g}"), id="rehearsal")
        yield Panel(id="schedule")
        yield Panel(id="wallclock")

    def show(self, state: SessionState, now: datetime) -> None:
        status = schedule_status(state, now)
        if state.finished:
            text = "ended"
        elif not state.started:
            end = planned_end(state)
            text = "not started" + (f" · plan ends {local_hm(end)}" if end else "")
        else:
            end_text = f" · ends {local_hm(status.projected_end)}" if status.projected_end else ""
            text = status.text + end_text
        schedule = self.query_one("#schedule", Panel)
        schedule.show(Content(text))
        schedule.set_class(status.drift_minutes > 0, "-behind")
        self.query_one("#wallclock", Panel).show(Content(local_hm(now)))
