"""Keys typed ahead of a text field.

A host presses `a` and types the name straight away, or `/` and the note. The field takes the
keyboard a moment later (a prompt has to mount, a focus is applied after the key that asked for
it; longer on a busy laptop), and Textual routes each key to whatever had the keyboard when the
key arrived. Keys typed in that moment went to the screen beneath, where `n` moved to the next
speaker and `p` passed, or to the new prompt before its field was ready, and were dropped.

A `TypeAhead` holds the keys that come while its field is being given the keyboard and types
them in, in order, as soon as it has it: characters and backspace into the field, enter and
escape as the field's screen does (check in, count, save the note, cancel). Keys after one that
closed the field go on to whatever has the keyboard then. The App hands every key that went
astray to the top screen's `typeahead` (`FacilitatorApp.on_key`): all keys while a field is
being given the keyboard, and afterwards a character that reached a screen instead of the
field that has the keyboard (it was routed before the focus moved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakSet

from textual import events
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input

ResultT = TypeVar("ResultT")


class TypeAhead:
    """The keys typed ahead of one screen's text fields.

    `enter(field)` and `escape(field)` do what those keys do in the field, and return the field
    that takes the next keys, or None when the field was closed (the next keys go on to whatever
    has the keyboard then)."""

    def __init__(
        self,
        screen: Screen[Any],
        *,
        enter: Callable[[Input], Input | None],
        escape: Callable[[Input], Input | None],
        waiting: bool = False,
    ) -> None:
        self._screen = screen
        self._enter = enter
        self._escape = escape
        self._early: list[events.Key] | None = [] if waiting else None
        self._sent: WeakSet[events.Key] = WeakSet()  # sent on from here: never taken twice

    @property
    def waiting(self) -> bool:
        """A field is being given the keyboard: every key waits for it."""
        return self._early is not None

    def expect(self, field: Input) -> None:
        """Give `field` the keyboard; the keys that come meanwhile are typed into it."""
        if self._early is None:
            self._early = []
        field.focus()
        self._screen.app.call_later(self._type_early, field)  # after the focus: a call_later too

    def takes(self, event: events.Key, focused: Widget | None) -> bool:
        """Whether a key no binding took yet, on its way up to the App, went astray."""
        if event in self._sent:
            return False
        return self.waiting or (isinstance(focused, Input) and event.is_printable)

    def take(self, event: events.Key) -> None:
        key = events.Key(event.key, event.character)
        if self._early is not None:
            self._early.append(key)
        else:
            self._send(key)  # to the focused field, as a key arriving now

    def _type_early(self, field: Input) -> None:
        early, self._early = self._early or [], None
        into: Input | None = field
        for index, key in enumerate(early):
            if into is None or not self._screen.is_current:  # the field was closed
                for rest in early[index:]:
                    self._send(rest)
                return
            if key.key == "enter":
                into = self._enter(into)
            elif key.key == "escape":
                into = self._escape(into)
            elif key.key == "backspace":
                into.action_delete_left()
            elif key.is_printable and key.character:
                into.insert_text_at_cursor(key.character)  # refused if the field refuses it
            else:
                self._send(key)

    def _send(self, key: events.Key) -> None:
        self._sent.add(key)
        self._screen.app.post_message(key)


class TypingScreen(ModalScreen[ResultT]):
    """A modal screen whose first thing is a text field: it takes the keys typed ahead of it,
    from the moment it is pushed. Subclasses call `keyboard_to(field)` when mounted (instead of
    `field.focus()`) and say what enter does (`enter_ahead`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.typeahead = TypeAhead(self, enter=self.enter_ahead, escape=self._close, waiting=True)

    def keyboard_to(self, field: Input) -> None:
        self.typeahead.expect(field)

    def enter_ahead(self, field: Input) -> Input | None:
        """Enter, typed ahead in `field`: what enter does there; the field for the next keys."""
        raise NotImplementedError

    def _close(self, field: Input) -> None:
        self.dismiss(None)
