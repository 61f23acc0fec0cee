"""Widgets that draw big text at whatever size they are given: the countdown and a name.

Both redraw only when their text or their size changes (the 1 Hz tick calls them often).
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from facilitator.tui.text import clean
from facilitator.tui.widgets import bigdigits, bigletters

FILL = 0.42
"""The share of its width the countdown fills, whatever the window's shape (40% and a margin)."""


def digits_lines(text: str, width: int, rows: int) -> list[str]:
    """The countdown `text` for a box: sized for its widest form (`+00:00`), so the digits keep
    their size from one second to the next, and at least FILL of the width even at `0:00`."""
    hours = text.count(":") > 1
    template, shortest = ("+0:00:00", "0:00:00") if hours else ("+00:00", "0:00")
    size = bigdigits.fit(template, width, rows, FILL, shortest)
    return bigdigits.render(text, size)


def centred(lines: list[str], width: int) -> Content:
    if not lines:
        return Content("")
    pad = max(0, (width - max(len(line) for line in lines)) // 2)
    return Content("\n".join(" " * pad + line for line in lines))


def letters_rows(text: str, width: int, rows: int, max_scale: int) -> int:
    """Rows `text` takes in a BigText of `width` x at most `rows`: its letters, or its plain
    lines, wrapped (a heading takes no more room than it needs)."""
    if not text.strip():
        return 0
    big = bigletters.fit(text, width, rows, max_scale) if max_scale >= 1 else None
    if big is not None:
        return len(big)
    return min(rows, len(Content(clean(text)).wrap(max(1, width))))


class BigDigits(Widget):
    """The time left in digits sized to the widget."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._cache: tuple[tuple[str, int, int], Content] | None = None

    def show(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    @property
    def lines(self) -> list[str]:
        """What the widget draws at its current size (without centring)."""
        if not self._text:
            return []
        return digits_lines(self._text, self.size.width, self.size.height)

    def render(self) -> Content:
        key = (self._text, self.size.width, self.size.height)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, centred(self.lines, self.size.width))
        return self._cache[1]


class BigText(Widget):
    """Words in the largest letters that fit (wrapping at spaces, up to `max_scale`); plain bold
    text, wrapped, when the font lacks a character or even the smallest letters do not fit."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._scale = 0
        self._cache: tuple[tuple[str, int, int, int], Content] | None = None

    def show(self, text: str, max_scale: int = 8) -> None:
        if (text, max_scale) != (self._text, self._scale):
            self._text, self._scale = text, max_scale
            self.refresh()

    @property
    def text(self) -> str:
        return self._text

    def big_lines(self) -> list[str] | None:
        """The letters as drawn at the current size; None when shown as plain text."""
        width, rows = self.size.width, self.size.height
        if not self._text.strip() or self._scale < 1:
            return None
        return bigletters.fit(self._text, width, rows, self._scale)

    def render(self) -> Content:
        key = (self._text, self._scale, self.size.width, self.size.height)
        if self._cache is None or self._cache[0] != key:
            big = self.big_lines()
            if big is not None:
                content = centred(big, self.size.width)
            else:
                wrapped = Content(clean(self._text)).wrap(max(1, self.size.width))
                content = (
                    Content("\n")
                    .join(line.center(self.size.width).rstrip() for line in wrapped)
                    .stylize("bold")
                )
            self._cache = (key, content)
        return self._cache[1]
