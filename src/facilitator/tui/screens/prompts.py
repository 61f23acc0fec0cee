"""Small modal questions: a line of text, or a choice from a filterable list (or both)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from facilitator.tui.text import clean, plain
from facilitator.tui.widgets.calm_input import CalmInput

SHOWN = 40  # choices listed at once; typing filters the rest


@dataclass(frozen=True)
class Choice:
    key: str | None  # None: free text typed by the host
    text: str


class Prompt(ModalScreen[Choice | None]):
    """Type a value (enter), or pick from the choices below (down, enter); escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def __init__(
        self,
        title: str,
        *,
        choices: list[tuple[str, str]] | None = None,
        free_text: bool = True,
        value: str = "",
        placeholder: str = "",
        integer: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self._choices = list(choices or [])
        self._free_text = free_text
        self._value = value
        self._placeholder = placeholder
        self._integer = integer

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(plain(self._title), id="prompt-title")
            suggester = (
                SuggestFromList([clean(text) for _, text in self._choices], case_sensitive=False)
                if self._free_text and self._choices
                else None
            )
            yield CalmInput(
                value=clean(self._value),  # an Input would send control codes to the terminal
                placeholder=self._placeholder,
                suggester=suggester,
                type="integer" if self._integer else "text",
                id="prompt-input",
            )
            if self._choices:
                yield OptionList(id="prompt-choices")
            if not self._choices:
                hint = "enter: OK · escape: cancel"
            elif self._free_text:
                hint = "→ completes · ↓ list · enter: OK · escape: cancel"
            else:
                hint = "type to filter · ↓ list · enter: pick · escape: cancel"
            yield Label(Content(hint), id="prompt-hint")

    def on_mount(self) -> None:
        self._filter(self._value)
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Changed, "#prompt-input")
    def _changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, typed: str) -> None:
        if not self._choices:
            return
        key = typed.strip().casefold()
        matches = [(k, t) for k, t in self._choices if key in t.casefold()]
        options = self.query_one("#prompt-choices", OptionList)
        options.clear_options()
        options.add_options(Option(plain(t), id=k) for k, t in matches[:SHOWN])
        if len(matches) > SHOWN:
            options.add_option(
                Option(Content(f"… {len(matches) - SHOWN} more: type to filter"), disabled=True)
            )
        if matches:
            options.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        """↓ from the input goes to the list; ↑ from the top of the list comes back."""
        if not self._choices:
            return
        field = self.query_one("#prompt-input", Input)
        options = self.query_one("#prompt-choices", OptionList)
        if event.key == "down" and self.focused is field:
            event.stop()
            options.focus()
        elif event.key == "up" and self.focused is options and options.highlighted in (0, None):
            event.stop()
            field.focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not self._free_text:
            options = self.query_one("#prompt-choices", OptionList)
            index = options.highlighted
            if index is not None and not options.get_option_at_index(index).disabled:
                self._pick(options.get_option_at_index(index))
            return
        exact = [k for k, t in self._choices if t.casefold() == typed.casefold()]
        self.dismiss(Choice(exact[0] if exact else None, typed))

    @on(OptionList.OptionSelected, "#prompt-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option)

    def _pick(self, option: Option) -> None:
        key = option.id
        text = dict(self._choices).get(key or "", "")
        self.dismiss(Choice(key, text))

    def action_cancel(self) -> None:
        self.dismiss(None)
