"""The `?` screen: every key, from the same list as the footer and the palette."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from facilitator.tui.commands import COMMANDS, WHEN_TITLES


def columns(rehearsal: bool) -> tuple[tuple[str, ...], ...]:
    """The groups of keys in each column; a rehearsal's key only in a rehearsal."""
    return (("always", "rehearsal") if rehearsal else ("always",)), ("rounds", "voting")


def help_column(groups: tuple[str, ...]) -> Content:
    lines: list[Content] = []
    for when in groups:
        if lines:
            lines.append(Content(""))
        lines.append(Content(WHEN_TITLES[when]).stylize("bold underline"))
        for command in COMMANDS:
            if command.when == when:
                key = Content(f"{command.keys_text:>6}  ").stylize("bold")
                lines.append(Content.assemble(key, command.name))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "close")]

    def __init__(self, *, rehearsal: bool = False) -> None:
        super().__init__()
        self._rehearsal = rehearsal

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(Content("Keys"), id="help-title")
            with Horizontal(id="help-columns"):
                for groups in columns(self._rehearsal):
                    yield Static(help_column(groups), classes="help-column")
            yield Label(
                Content("ctrl+p: every command with details · escape or ?: close"),
                id="help-hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)
