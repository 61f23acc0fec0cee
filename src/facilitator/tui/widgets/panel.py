"""The shared piece of every text panel: update only when the content really changed.

A panel drawn from a view skips even building its text when the view is the one it shows
(`changed`). `layout` says when a new text can change the panel's size: "never" for panels
sized by the stylesheet (a redraw of that panel only: the cheap path the 1 Hz tick and most
keys take), "lines" for auto-height panels (a new layout only when the number of lines
changes), and "always" for auto-width ones.
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
        self._view: object = None

    def changed(self, view: object) -> bool:
        """Whether `view` differs from the one shown last (and remember it). Views are frozen
        values: a key that changes another part of the screen costs this panel a comparison,
        not a new text."""
        if view == self._view:
            return False
        self._view = view
        return True

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
