"""Pasted text is text: an ESC inside a paste must not turn the rest of it into key presses.

Terminals wrap a paste in ESC[200~ ... ESC[201~ (bracketed paste). Textual 8's input parser
stops collecting the paste at any ESC inside it and replays what follows as keys: text copied
from a terminal with colours in it would run as commands ("q", "]", "x" ...), its ESC saved as
"^". `PasteGuard` sits in front of the parser and rewrites every ESC inside a paste that does
not begin the closing ESC[201~ into "␛" (U+241B, the visible symbol for escape), so the parser
keeps the paste whole; the input fields then drop any other control character (calm_input.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver
from textual.message import Message

ESC = "\x1b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESCAPE_SIGN = "\u241b"


class PasteGuard:
    """A stateful filter over the terminal's input, chunk by chunk (a marker may be split)."""

    def __init__(self) -> None:
        self.pasting = False
        self._recent = ""  # the last characters outside a paste: the start marker may be split
        self._held = ""  # inside a paste: a prefix of the closing marker, not yet decided

    def __call__(self, data: str) -> str:
        out: list[str] = []
        for char in data:
            if self.pasting:
                self._in_paste(char, out)
                continue
            out.append(char)
            self._recent = (self._recent + char)[-len(PASTE_START) :]
            if self._recent == PASTE_START:
                self.pasting, self._recent = True, ""
        if not data:  # end of input: nothing more can complete a marker
            out.append(self._held)
            self._held = ""
        return "".join(out)

    def _in_paste(self, char: str, out: list[str]) -> None:
        if not self._held and char != ESC:
            out.append(char)
            return
        self._held += char
        while self._held:
            if PASTE_END.startswith(self._held):
                if self._held == PASTE_END:
                    out.append(PASTE_END)
                    self._held, self.pasting = "", False
                return
            first, self._held = self._held[0], self._held[1:]  # text after all, not the end
            out.append(ESCAPE_SIGN if first == ESC else first)
            if self._held and self._held[0] != ESC:
                out.append(self._held)
                self._held = ""


class PasteSafeParser(XTermParser):
    """Textual's terminal parser, fed through a PasteGuard."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._guard = PasteGuard()

    def feed(self, data: str) -> Iterable[Message]:
        return super().feed(self._guard(data))


def guard_pastes() -> None:
    """Make the terminal driver parse input through the guard (it names its parser class at
    module level; replacing it there is the one way in without copying the driver)."""
    linux_driver.XTermParser = PasteSafeParser  # type: ignore[attr-defined]
