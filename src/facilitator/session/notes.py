"""Notes: what a note is (a plain note, an action item, a question, its links), the host's
decisions about notes, and how their events change the state."""

from __future__ import annotations

import re

from facilitator.identity import name_key
from facilitator.session import events as ev
from facilitator.session.drafts import CommandError, Draft, clean_text, draft
from facilitator.session.state import Note, NoteKind, SessionState

URL_RE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def note_kind(text: str) -> NoteKind:
    """`todo:` marks an action item, `q:` a question (case-insensitive, leading spaces allowed)."""
    head = text.lstrip().casefold()
    if head.startswith("todo:"):
        return "todo"
    if head.startswith("q:"):
        return "question"
    return "note"


def note_urls(text: str) -> list[str]:
    return [u.rstrip(".,;:!?)]}") for u in URL_RE.findall(text)]


# -- decisions ----------------------------------------------------------------------------------


def add_note(state: SessionState, text: str, new_id: int, author: str | None = None) -> list[Draft]:
    """`/`: a note, with the segment and whose turn it was as its context. `author` is the
    note-taker who wrote it (None: the host), credited in the summary."""
    text = clean_text(text, "note")
    turn = state.current_turn
    data = {"author": clean_text(author, "name")} if author is not None else {}
    return [
        draft(
            ev.NoteAdded,
            note_id=new_id,
            text=text,
            segment=state.current,
            speaker_id=None if turn is None else turn.person_id,
            **data,
        )
    ]


def _require_note(state: SessionState, note_id: int, by: str | None) -> Note:
    """The note, if `by` may change it: the host (None) any note, a note-taker their own."""
    note = state.notes.get(note_id)
    if note is None:
        raise CommandError("That note no longer exists")
    if by is not None and (note.author is None or name_key(note.author) != name_key(by)):
        raise CommandError("Only your own notes can be changed")
    return note


def edit_note(state: SessionState, note_id: int, text: str, by: str | None = None) -> list[Draft]:
    note = _require_note(state, note_id, by)
    text = clean_text(text, "note")
    return [] if text == note.text else [draft(ev.NoteEdited, note_id=note_id, text=text)]


def delete_note(state: SessionState, note_id: int, by: str | None = None) -> list[Draft]:
    _require_note(state, note_id, by)
    return [draft(ev.NoteDeleted, note_id=note_id)]


# -- how the events change the state -------------------------------------------------------------


def note_added(state: SessionState, e: ev.NoteAdded) -> None:
    state.notes[e.note_id] = Note(
        e.note_id,
        e.text,
        note_kind(e.text),
        note_urls(e.text),
        e.segment,
        e.speaker_id,
        e.at,
        author=e.author,
    )


def note_edited(state: SessionState, e: ev.NoteEdited) -> None:
    note = state.notes[e.note_id]
    note.text, note.kind, note.urls = e.text, note_kind(e.text), note_urls(e.text)
    note.edited_at = e.at


def note_deleted(state: SessionState, e: ev.NoteDeleted) -> None:
    state.notes.pop(e.note_id, None)
