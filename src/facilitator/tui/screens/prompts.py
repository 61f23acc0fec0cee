"""Small modal questions: a line of text, or a pick from a list that typing filters; and the
check-in prompt, which does both: enter checks in the one expected name that fits what was
typed, and a new person is a choice of its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from facilitator.session.views import CheckinMatch, fits
from facilitator.tui.text import clean, plain
from facilitator.tui.typeahead import TypingScreen
from facilitator.tui.widgets.calm_input import CalmInput

SHOWN = 40  # choices listed at once; typing filters the rest
NEW = "new"  # the option id of "+ add … as a new person"


@dataclass(frozen=True)
class Choice:
    key: str | None  # None: free text typed by the host
    text: str


class Prompt(TypingScreen[Choice | None]):
    """Type a value (enter); or, given choices, type to filter them and pick one (enter picks
    the highlighted one; ↓ goes to the list). Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]
    LISTS = False  # a list even without choices (the check-in's "+ add" choice)

    def __init__(
        self,
        title: str,
        *,
        choices: list[tuple[str, str]] | None = None,
        value: str = "",
        placeholder: str = "",
        integer: bool = False,
        suggester: Suggester | None = None,
    ) -> None:
        """`suggester`: completes what is typed (→ accepts), such as an owner after `todo @`."""
        super().__init__()
        self._suggester = suggester
        self._title = title
        self._choices = list(choices or [])
        self._value = value
        self._placeholder = placeholder
        self._integer = integer

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(plain(self._title), id="prompt-title")
            yield CalmInput(
                value=clean(self._value),  # an Input would send control codes to the terminal
                placeholder=self._placeholder,
                type="integer" if self._integer else "text",
                suggester=self._suggester,
                id="prompt-input",
            )
            if self._lists:
                yield OptionList(id="prompt-choices")
            yield Label(Content(self.hint("")), id="prompt-hint")

    @property
    def _lists(self) -> bool:
        return bool(self._choices) or self.LISTS

    def hint(self, typed: str) -> str:
        if not self._lists:
            return "enter: OK · escape: cancel"
        return "type to filter · ↓ list · enter: pick · escape: cancel"

    def on_mount(self) -> None:
        self._filter(self._value)
        self.keyboard_to(self.query_one("#prompt-input", Input))

    @on(Input.Changed, "#prompt-input")
    def _changed(self, event: Input.Changed) -> None:
        self._filter(event.value)
        self.query_one("#prompt-hint", Label).update(Content(self.hint(event.value)))

    def options(self, typed: str) -> list[Option]:
        """The choices that fit what was typed, the first SHOWN of them."""
        matches = [(k, t) for k, t in self._choices if fits(typed, t)]
        shown = [Option(plain(t), id=k) for k, t in matches[:SHOWN]]
        if len(matches) > SHOWN:
            more = f"… {len(matches) - SHOWN} more: type to filter"
            shown.append(Option(Content(more), disabled=True))
        return shown

    def _filter(self, typed: str) -> None:
        if not self._lists:
            return
        options = self.query_one("#prompt-choices", OptionList)
        options.clear_options()
        shown = self.options(typed)
        options.add_options(shown)
        options.highlighted = next((i for i, o in enumerate(shown) if not o.disabled), None)

    def on_key(self, event: events.Key) -> None:
        """↓ from the input goes to the list; ↑ from the top of the list comes back."""
        if not self._lists:
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
        self.enter(event.value)

    def enter(self, typed: str) -> None:
        """Enter in the input: the text itself, or the highlighted choice."""
        if not self._lists:
            self.dismiss(Choice(None, typed.strip()))
            return
        options = self.query_one("#prompt-choices", OptionList)
        index = options.highlighted
        if index is not None and not options.get_option_at_index(index).disabled:
            self.dismiss(self.chosen(options.get_option_at_index(index)))

    @on(OptionList.OptionSelected, "#prompt-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.chosen(event.option))

    def chosen(self, option: Option) -> Choice:
        key = option.id
        return Choice(key, dict(self._choices).get(key or "", ""))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CheckInPrompt(Prompt):
    """Check in: type any part of a name. Enter checks in the one name that fits (first name,
    last name, any part; accents ignored); several that fit go to the list; someone new is
    the explicit "+ add … as a new person" choice (enter picks it when nothing else fits)."""

    LISTS = True

    def __init__(self, find: Callable[[str], CheckinMatch]) -> None:
        super().__init__(
            "Check in: type any part of a name, or pick", placeholder="a name, or part of one"
        )
        self._find = find
        self._match = find("")

    def hint(self, typed: str) -> str:
        found = self._find(typed)
        if found.pick is not None:
            return "enter: check in the one highlighted · ↓ list · escape: cancel"
        if len(found.matches) > 1 and found.typed:
            return f"{len(found.matches)} names fit: enter or ↓ to pick one · escape: cancel"
        if found.new is not None and not found.matches:
            return "nobody expected fits: enter adds a new person · escape: cancel"
        return "type to filter · ↓ list · enter: pick · escape: cancel"

    def options(self, typed: str) -> list[Option]:
        self._match = found = self._find(typed)
        shown = [Option(plain(name), id=f"m{i}") for i, name in enumerate(found.matches[:SHOWN])]
        if len(found.matches) > SHOWN:
            more = f"… {len(found.matches) - SHOWN} more: type to filter"
            shown.append(Option(Content(more), disabled=True))
        if found.here is not None:
            here = Content.assemble(plain(found.here), " is already checked in")
            shown.insert(0, Option(here.stylize("dim"), disabled=True))
        if found.new is not None:
            add = Content.assemble("+ add “", plain(found.new), "” as a new person")
            shown.append(Option(add, id=NEW))
        return shown

    def enter(self, typed: str) -> None:
        found = self._find(typed)
        if found.pick is not None:
            self.dismiss(Choice(found.pick, found.pick))
        elif found.matches:
            self.query_one("#prompt-choices", OptionList).focus()  # several fit: pick one
        elif found.new is not None:
            self.dismiss(Choice(None, found.new))

    def chosen(self, option: Option) -> Choice:
        if option.id == NEW and self._match.new is not None:
            return Choice(None, self._match.new)
        name = self._match.matches[int((option.id or "m0")[1:])]
        return Choice(name, name)
