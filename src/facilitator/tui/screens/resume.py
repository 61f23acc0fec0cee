"""The first question when an old unfinished record is found: resume it, or start fresh.

Shown before the live screen exists (its answer decides which record the screen writes), in an
app of its own. One key answers. `enter` starts fresh, the safe choice: the old record is kept
as it is, so nothing is lost, whereas resuming a week-old try-out on the night would put last
week's people and a clock hours behind on the projector.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label

from facilitator.live import ResumeQuestion
from facilitator.tui.text import clean

Answer = bool | None  # True resume, False start fresh, None quit without doing anything


class ResumeScreen(Screen[Answer]):
    DEFAULT_CSS = """
    ResumeScreen { align: center middle; }
    #resume { width: 84; max-width: 98%; height: auto; border: thick $warning;
              background: $surface; padding: 0 1; }
    #resume Label { width: 100%; }
    #resume-title { text-style: bold; margin-bottom: 1; }
    #resume-tryout { color: $warning; text-style: bold; }
    .resume-key { margin-top: 1; }
    #resume-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "answer(True)", "resume"),
        Binding("f,enter", "answer(False)", "start fresh"),
        Binding("q,escape", "answer(None)", "quit"),
    ]

    def __init__(self, question: ResumeQuestion, title: str, now: datetime) -> None:
        super().__init__()
        self.question = question
        self.title_text = title
        self.now = now

    def compose(self) -> ComposeResult:
        q = self.question
        with Vertical(id="resume"):
            yield Label(
                Content(
                    f"An unfinished record of “{clean(self.title_text)}” was found: "
                    "resume it, or start fresh?"
                ),
                id="resume-title",
            )
            for line in q.lines(self.now):
                tryout = line.startswith("TRY-OUT")
                yield Label(Content(clean(line)), id="resume-tryout" if tryout else None)
            yield Label(
                Content("f / enter  start fresh, in a new record (the old one is kept as it is):"),
                classes="resume-key",
            )
            yield Label(Content(f"           {clean(str(q.fresh))}"))
            yield Label(Content("r          resume it where it was left"), classes="resume-key")
            yield Label(Content("q / escape quit, changing nothing"), id="resume-keys")

    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)


class ResumeApp(App[Answer]):
    """Asks the one question, then exits with the answer (the live app starts after it)."""

    TITLE = "facilitator"

    def __init__(self, question: ResumeQuestion, title: str, now: datetime) -> None:
        super().__init__()
        self._screen = ResumeScreen(question, title, now)

    def on_mount(self) -> None:
        self.push_screen(self._screen, self.exit)


def ask_resume(question: ResumeQuestion, title: str, now: datetime) -> Answer:
    """Run the question full screen; the answer, or None when the host quit."""
    return ResumeApp(question, title, now).run()
