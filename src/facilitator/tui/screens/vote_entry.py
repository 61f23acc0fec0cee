"""The voting screen: one count per topic, typed in a column; enter records it and moves on.

It knows nothing of the engine: `record(topic_id, count)` is the run screen's one engine call,
and returns whether it was accepted (a refused count keeps the focus on its row).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label

from facilitator.tui.text import plain
from facilitator.tui.typeahead import TypingScreen
from facilitator.tui.widgets.calm_input import CalmInput

Row = tuple[int, str, int]  # topic id, topic, current count


class VoteEntry(TypingScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "done")]

    def __init__(self, title: str, rows: list[Row], record: Callable[[int, int], bool]) -> None:
        super().__init__()
        self._title = title
        self._rows = rows
        self._record = record

    def compose(self) -> ComposeResult:
        with Vertical(id="vote-entry"):
            yield Label(Content(self._title), id="vote-entry-title")
            for topic_id, topic, count in self._rows:
                with Horizontal(classes="vote-row"):
                    yield CalmInput(
                        value=str(count) if count else "",
                        placeholder="0",
                        type="integer",
                        id=f"votes-{topic_id}",
                        classes="vote-count",
                    )
                    yield Label(plain(topic), classes="vote-topic")
            yield Label(
                Content("enter records the count and moves on · ↑↓ move · escape: done"),
                id="vote-entry-hint",
            )

    def on_mount(self) -> None:
        self.keyboard_to(self.query(Input).first())

    @on(Input.Submitted, ".vote-count")
    def _counted(self, event: Input.Submitted) -> None:
        event.stop()
        assert event.input.id is not None
        topic_id = int(event.input.id.removeprefix("votes-"))
        if not self._record(topic_id, int(event.value or "0")):
            return
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.dismiss(None)

    def key_down(self) -> None:
        self.focus_next()

    def key_up(self) -> None:
        self.focus_previous()

    def action_close(self) -> None:
        self.dismiss(None)
