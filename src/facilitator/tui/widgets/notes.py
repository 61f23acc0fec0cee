"""Notes: the input one key away, and the latest notes (time, segment, kind, text, and as
context, during whose turn), newest first.

Only the latest notes are rendered, so a session with thousands of notes costs the same per
key as an empty one. The input is always there (its placeholder teaches `/`), mounted just
after the first frame; an `@` in it completes to the name of someone here (→ accepts), which
is how an action item names its owner: `todo @Rob: share the notebook`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from facilitator.session.notes import complete_owner
from facilitator.session.views import NoteLine, NotesView
from facilitator.tui.text import plain
from facilitator.tui.widgets.calm_input import CalmInput
from facilitator.tui.widgets.header import local_hm
from facilitator.tui.widgets.panel import Panel

LATEST = 30
SEGMENT_WIDTH = 11
KINDS = {"note": "note", "todo": "TODO", "question": "Q?"}


def note_line(note: NoteLine) -> Content:
    """One note; whose turn it was comes after the text, as context: not its author."""
    edited = " (edited)" if note.edited else ""
    kind = Content(f"{KINDS[note.kind]:<4} ").stylize("bold")
    segment = note.segment if note.segment is not None else "before"
    segment = segment if len(segment) <= SEGMENT_WIDTH else segment[: SEGMENT_WIDTH - 1] + "…"
    where = plain(f"{segment:<{SEGMENT_WIDTH}} ", "dim")
    during = plain(f" · during {note.speaker}'s turn", "dim") if note.speaker else Content("")
    by = plain(f" — {note.author}", "dim") if note.author is not None else Content("")
    text = plain(note.text)
    return Content.assemble(f"{local_hm(note.at)} ", where, kind, text, edited, during, by)


class OwnerSuggester(Suggester):
    """Completes the `@na…` being typed to someone here: `todo @Ro` -> `todo @Rob: `."""

    def __init__(self, names: Callable[[], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # who is here changes
        self._names = names

    async def get_suggestion(self, value: str) -> str | None:
        return complete_owner(value, self._names())


class NotesPanel(Vertical):
    class Written(Message):
        """The host pressed enter on a note."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, owners: Suggester, id: str | None = None) -> None:
        """`owners`: completes `@` names to someone here (an OwnerSuggester)."""
        super().__init__(id=id)
        self._owners = owners
        self._lines: dict[NoteLine, Content] = {}  # rendered notes
        self._view: NotesView | None = None

    def compose(self) -> ComposeResult:
        yield Panel(id="notes-list", layout="never")

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_input)

    def _mount_input(self) -> None:
        if not self.query("#note-input"):
            placeholder = "A note (todo @name: … / q: …) · enter saves · escape: back to the keys"
            self.mount(
                CalmInput(placeholder=placeholder, suggester=self._owners, id="note-input"),
                before=0,
            )

    @property
    def note_input(self) -> CalmInput:
        self._mount_input()
        return self.query_one("#note-input", CalmInput)

    def open_input(self) -> None:
        self.note_input.focus()

    def note_saved(self) -> None:
        """Ready for the next note (the note-taker often writes several); escape returns."""
        self.note_input.set_text("")  # ctrl+z must not bring back the note just saved

    def close_input(self) -> None:
        """Back to the keys; a note not saved stays in the input for later."""
        self.screen.set_focus(None)

    @on(Input.Submitted, "#note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Written(event.value))

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self.note_input.has_focus:
            event.stop()
            self.close_input()

    def _line(self, note: NoteLine) -> Content:
        line = self._lines.get(note)
        if line is None:
            if len(self._lines) > 4 * LATEST:
                self._lines.clear()
            line = self._lines[note] = note_line(note)
        return line

    def show_view(self, view: NotesView) -> None:
        if view == self._view:
            return
        self._view = view
        lines = [self._line(note) for note in view.latest]
        if not lines:
            lines = [Content("No notes yet: / writes one").stylize("dim")]
        self.query_one("#notes-list", Panel).show(Content("\n").join(lines))
        self.border_title = f"Notes ({view.count}) · / writes · e edits · d deletes"
