"""The shared piece of every text panel: update only when the content really changed.

`layout` says when a new text can change the panel's size: "never" for panels sized by the
stylesheet (a redraw of that panel only: the cheap path the 1 Hz tick and most keys take),
"lines" for auto-height panels (a new layout only when the number of lines changes), and
"always" for auto-width ones.
"""

from __future__ import annotations

from typing import Literal

from textual.content import Content
from textual.widgets import Static

Layout = Literal["never", "lines", "always"]


class Panel(Static):
    """A Static that skips refreshes for identical content (the 1 Hz tick calls it often)."""

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, layout: Layout = "always"
    ) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self._shown = Content("")
        self._layout = layout

    def show(self, content: Content) -> None:
        if content.is_same(self._shown):
            return
        if self._layout == "lines":
            relayout = content.plain.count("\n") != self._shown.plain.count("\n")
        else:
            relayout = self._layout == "always"
        self._shown = content
        self.update(content, layout=relayout)

    @property
    def text(self) -> str:
        return self._shown.plain
