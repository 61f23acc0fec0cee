"""The current segment's big countdown, its progress, and the warning in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits

from facilitator.session.schedule import Level
from facilitator.session.views import CountdownView
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

    _view: CountdownView | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="segment-line"):
            yield Panel(id="segment-title", layout="never")
            yield Panel(id="warning")
        yield Digits("0:00", id="digits")
        yield ProgressLine(id="progress", layout="never")

    def show(self, view: CountdownView) -> None:
        if view == self._view:
            return  # the same second of the same segment: nothing moved
        self._view = view
        digits = self.query_one("#digits", Digits)
        title = self.query_one("#segment-title", Panel)
        if view.level is None:
            title.show(Content("Session ended" if view.kind == "ended" else "Press space to start"))
        else:
            phase = f" · {view.phase}" if view.phase else ""
            paused = "  ‖ PAUSED" if view.paused else ""
            number = f"{view.number}/{view.count}"
            title.show(Content.assemble(plain(view.title, "bold"), f"  {number}{phase}{paused}"))
        self._digits(digits, view.text)
        self.query_one("#warning", Panel).show(Content(WORDS[view.level] if view.level else ""))
        self.query_one(ProgressLine).show_fraction(view.fraction_done)
        for name in ("soon", "over"):
            self.set_class(view.level == name, f"-{name}")

    def _digits(self, digits: Digits, text: str) -> None:
        if digits.value != text:
            digits.update(text)
