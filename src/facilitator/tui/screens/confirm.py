"""Questions before a step that cannot be taken back by accident: quitting (nothing will be
lost), and leaving a vote unsettled or ending the session mid-round (with the key that
settles it)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from facilitator.session.views import LeavingView
from facilitator.tui.commands import COMMANDS
from facilitator.tui.text import plain

SETTLE_ACTIONS = {"pick": "pick_winner", "count": "enter_votes"}


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


class ConfirmLeave(ModalScreen[str | None]):
    """`]` would leave the vote without a winner, or end the session mid-round: ask first.
    Answers "go" (`y`: carry on anyway), the run screen's action that settles it (its own key,
    as in the footer), or None (`n` / `escape`: not yet)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('go')", "go on"),
        Binding("n,escape", "answer(None)", "not yet"),
    ]

    def __init__(self, view: LeavingView) -> None:
        super().__init__()
        self._view = view
        action = SETTLE_ACTIONS.get(view.settle or "")
        self._settle = next((c for c in COMMANDS if c.action == action), None)

    def compose(self) -> ComposeResult:
        view = self._view
        if view.ends:
            title, go = "End the session now?", "y: end the session"
        else:
            title, go = "Leave the vote without a winner?", "y: move on anyway"
        keys = [go, "n / escape: not yet"]
        if self._settle is not None:
            keys.insert(0, f"{self._settle.keys_text}: {self._settle.name.lower()}")
        with Vertical(id="confirm"):
            yield Label(Content(title), id="confirm-title")
            yield Label(plain(view.worry))
            yield Label(Content("     ".join(keys)), id="confirm-keys")

    def on_key(self, event: events.Key) -> None:
        if self._settle is not None and event.key == self._settle.key:
            event.stop()
            self.dismiss(self._settle.action)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
