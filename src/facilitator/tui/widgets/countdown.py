"""The current segment's big countdown, its progress, and the warning in words."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits

from facilitator.session.state import SessionState
from facilitator.session.timing import Level, clock_text, level, planned_seconds, remaining
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel

WORDS: dict[Level, str] = {"ok": "", "soon": "⚠ 2 MIN LEFT", "over": "⏰ TIME UP · OVER"}


class ProgressLine(Panel):
    """How much of the segment has gone, as a line of text (cheap; no animation)."""

    _fraction = 0.0

    def show_fraction(self, fraction: float) -> None:
        self._fraction = min(1.0, max(0.0, fraction))
        width = self.size.width
        done = round(self._fraction * width)
        self.show(Content.assemble(Content("━" * done).stylize("bold"), "─" * (width - done)))

    def on_resize(self) -> None:
        self.show_fraction(self._fraction)


class Countdown(Vertical):
    """Remaining time as Digits; `+m:ss` once over. Colour and a word, never colour alone."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="segment-line"):
            yield Panel(id="segment-title", layout="never")
            yield Panel(id="warning")
        yield Digits("0:00", id="digits")
        yield ProgressLine(id="progress", layout="never")

    def show(self, state: SessionState, now: datetime) -> Level | None:
        """Render, and return the warning level (None when no segment runs)."""
        digits = self.query_one("#digits", Digits)
        title = self.query_one("#segment-title", Panel)
        warning = self.query_one("#warning", Panel)
        bar = self.query_one(ProgressLine)
        segment = state.segment
        if segment is None or state.current is None:
            title.show(Content("Session ended" if state.finished else "Press space to start"))
            first = state.agenda.segments[0].planned_seconds if state.agenda.segments else 0
            self._digits(digits, clock_text(0 if state.finished else first))
            warning.show(Content(""))
            bar.show_fraction(1.0 if state.finished else 0.0)
            self._level(None)
            return None
        left = remaining(state, now)
        lvl = level(left)
        number = f"{state.current + 1}/{len(state.agenda.segments)}"
        run = state.run
        phase = f" · {run.phase}" if run is not None and run.phase != "timer" else ""
        paused = "  ‖ PAUSED" if state.paused else ""
        title.show(Content.assemble(plain(segment.title, "bold"), f"  {number}{phase}{paused}"))
        self._digits(digits, clock_text(left))
        planned = planned_seconds(state, state.current)
        bar.show_fraction((planned - max(0.0, left)) / planned if planned else 1.0)
        warning.show(Content(WORDS[lvl]))
        self._level(lvl)
        return lvl

    def _digits(self, digits: Digits, text: str) -> None:
        if digits.value != text:
            digits.update(text)

    def _level(self, lvl: Level | None) -> None:
        for name in ("soon", "over"):
            self.set_class(lvl == name, f"-{name}")
