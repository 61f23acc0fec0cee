"""Quit, after a confirmation that says nothing will be lost."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label


class ConfirmQuit(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,q,enter", "answer(True)", "quit"),
        Binding("n,escape", "answer(False)", "stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(Content("Quit facilitator?"), id="confirm-title")
            yield Label(Content("Everything is already saved: run the same command to resume."))
            yield Label(Content("y / enter: quit     n / escape: stay"), id="confirm-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
