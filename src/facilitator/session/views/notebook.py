"""The notes as the screens list them: in which segment, during whose turn, by whom, for whom.

The newest lines for the notes panel, one note for a page that follows notes one by one, and a
note's text as typed, for the host to edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from facilitator.session.state import Note, NoteKind, SessionState


@dataclass(frozen=True, slots=True)
class NoteLine:
    id: int
    at: datetime
    segment: str | None
    """The segment's title (None: before the start)."""
    kind: NoteKind
    speaker: str | None
    """Whose turn it was when the note was taken: context, not authorship."""
    text: str
    edited: bool
    author: str | None = None
    """The note-taker who wrote it (None: the host)."""
    owner: str | None = None
    """Whom an action item is for, named in its text (`todo @Rob: …`)."""


@dataclass(frozen=True, slots=True)
class NotesView:
    count: int
    latest: tuple[NoteLine, ...]
    """Newest first."""


def _note_line(state: SessionState, note: Note) -> NoteLine:
    return NoteLine(
        id=note.id,
        at=note.at,
        segment=None if note.segment is None else state.agenda.segments[note.segment].title,
        kind=note.kind,
        speaker=None if note.speaker_id is None else state.people[note.speaker_id].name,
        text=note.text,
        edited=note.edited_at is not None,
        author=note.author,
        owner=note.owner,
    )


def notes(state: SessionState, limit: int) -> NotesView:
    latest = tuple(_note_line(state, n) for n in islice(reversed(state.notes.values()), limit))
    return NotesView(len(state.notes), latest)


def note(state: SessionState, note_id: int) -> NoteLine | None:
    """One note (None: deleted, or undone): what a page that follows notes one by one needs."""
    found = state.notes.get(note_id)
    return None if found is None else _note_line(state, found)


def note_text(state: SessionState, note_id: int) -> str | None:
    note = state.notes.get(note_id)
    return None if note is None else note.text
