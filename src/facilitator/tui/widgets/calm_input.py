"""An Input whose cursor does not blink (calm on a projector, stable in snapshots), whose
pastes are plain text on one line, and whose ctrl+z undoes the typing.

ctrl+z in a text field takes back the last word typed (or the last paste or deletion), and
never reaches the screen, where it would undo the session's last action: a host typing a note
must not take back a turn by reflex.

A paste may hold what a terminal or a web page carried along: line breaks, tabs, colour codes.
Line breaks and tabs become spaces (a note keeps every line of a pasted paragraph, where a plain
Input keeps only the first); other control characters are dropped. An ESC reaches here as "␛"
(see tui/paste.py), which stays: it shows that something was there.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input

from facilitator.controls import BIDI_CONTROLS

_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n|\t)\s*")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")


def pasted_text(text: str) -> str:
    """One line of plain text from a paste: breaks and tabs as spaces, no control character."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", text.strip()))


class CalmInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo_typing", "undo typing", show=False)
    ]
    cursor_blink = reactive(False, init=False)
    # An Input sets its virtual size on every change of its text, and the layout puts it back
    # to the text's width: with the base class's layout flag, each key typed (and the clearing
    # after a note is saved) would lay out the whole screen. Input still asks for a layout
    # itself when its size depends on its text (auto width or height).
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Before Input's own __init__, which sets the starting value (and so calls watch_value).
        self._history: list[str] = []  # the text before each step of typing, oldest first
        self._typing = False  # the last change added one character at the end
        self._undoing = False
        super().__init__(*args, **kwargs)

    def on_mount(self) -> None:
        self._history.clear()  # the text it starts with is not a step to undo

    def watch_value(self, old: str, new: str) -> None:
        """Keep the text as it was before each word, paste or deletion."""
        if self._undoing:
            return
        typing = len(new) == len(old) + 1 and new.startswith(old)
        new_word = typing and not new[-1].isspace() and old[-1:].isspace()
        if not (typing and self._typing) or new_word:
            self._history.append(old)
        self._typing = typing

    def action_undo_typing(self) -> None:
        if not self._history:
            self.notify(
                "Nothing typed to undo here (outside a text field, ctrl+z undoes the last action)",
                timeout=3,
                markup=False,
            )
            return
        self.set_text(self._history.pop(), keep_history=True)

    def set_text(self, text: str, *, keep_history: bool = False) -> None:
        """Replace the text (the cursor at its end): a fresh start, not a step of typing."""
        self._undoing = True
        try:
            self.value = text
            self.cursor_position = len(text)
        finally:
            self._undoing = False
        self._typing = False
        if not keep_history:
            self._history.clear()

    def _on_paste(self, event: events.Paste) -> None:
        event.text = pasted_text(event.text)  # Input's own handler then inserts it
