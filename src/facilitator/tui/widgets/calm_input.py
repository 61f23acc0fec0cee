"""An Input whose cursor does not blink (calm on a projector, stable in snapshots), and whose
pastes are plain text on one line.

A paste may hold what a terminal or a web page carried along: line breaks, tabs, colour codes.
Line breaks and tabs become spaces (a note keeps every line of a pasted paragraph, where a plain
Input keeps only the first); other control characters are dropped. An ESC reaches here as "␛"
(see tui/paste.py), which stays: it shows that something was there.
"""

from __future__ import annotations

import re

from textual import events
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
    cursor_blink = reactive(False, init=False)
    # An Input sets its virtual size on every change of its text, and the layout puts it back
    # to the text's width: with the base class's layout flag, each key typed (and the clearing
    # after a note is saved) would lay out the whole screen. Input still asks for a layout
    # itself when its size depends on its text (auto width or height).
    virtual_size = Reactive(Size(0, 0), layout=False)

    def _on_paste(self, event: events.Paste) -> None:
        event.text = pasted_text(event.text)  # Input's own handler then inserts it
