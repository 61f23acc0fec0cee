"""Notes: what a note is (a plain note, an action item, a question, its owner, its links), the
host's decisions about notes, and how their events change the state.

A note is credited honestly: it records when, in which segment and during whose turn it was
taken (context, not authorship: whoever held the floor did not write it, nor own it), and an
action item can name its owner in its text, `todo @Rob: share the notebook`. The text is the
only source: `parse_note` reads it the same way for the live screen, the fold and the export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.identity import name_key
from facilitator.session import events as ev
from facilitator.session.drafts import CommandError, Draft, clean_text, draft
from facilitator.session.state import Note, NoteKind, SessionState

URL_RE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# `todo:` / `q:` at the start (any case, spaces allowed), or `todo` right before an `@owner`.
_MARKER = re.compile(r"\s*(?P<kind>todo|q)\s*(?::|(?=@))\s*", re.IGNORECASE)
# `@Name:` right after the marker: a name of one to four words, then a colon. The words after
# the first are capitalised, numbers or particles ("Zoë Ōtaki", "Participant 3", "Ana de
# Souza"), so `todo @Rob check the venue: …` names nobody rather than "Rob check the venue".
_OWNER = re.compile(
    r"@\s*(?P<owner>[^\W\d_][^\s:@]*(?: +(?:[^\W_a-z][^\s:@]*|"
    r"(?:al|bin|da|de|del|der|di|do|dos|du|el|la|le|st|te|ten|ter|van|von)\b[^\s:@]*)){0,3})"
    r"\s*:\s*"
)
_OWNER_PLACE = re.compile(r"\s*todo\s*:?\s*", re.IGNORECASE)
# `@na` being typed at the end of a note, after a space or at the start (not an e-mail address).
_TYPING = re.compile(r"(?:^|(?<=\s))@(?P<part>[^\s:@][^:@\n]{0,40})?$")
KINDS: dict[str, NoteKind] = {"todo": "todo", "q": "question"}


@dataclass(frozen=True, slots=True)
class NoteParts:
    """What a note's text says about it."""

    kind: NoteKind
    owner: str | None
    """Whom an action item is for, named as `todo @Rob: …` (None: nobody named)."""
    body: str
    """The text without its `todo:` / `q:` marker and owner."""


def parse_note(text: str) -> NoteParts:
    """`todo:` marks an action item, `q:` a question; an action item's owner is the name
    between `@` and the colon that follows the marker (`todo @Rob: …`, `todo: @Zoë Ōtaki: …`).
    A plain note has no marker; only an action item has an owner."""
    marker = _MARKER.match(text)
    if marker is None:
        return NoteParts("note", None, text.strip())
    kind = KINDS[marker.group("kind").casefold()]
    rest = text[marker.end() :]
    owner = _OWNER.match(rest) if kind == "todo" else None
    if owner is None or not rest[owner.end() :].strip():
        return NoteParts(kind, None, rest.strip())
    return NoteParts(kind, " ".join(owner.group("owner").split()), rest[owner.end() :].strip())


def complete_owner(text: str, names: Iterable[str]) -> str | None:
    """`text` with the `@na…` being typed at its end completed to a name among `names` (case
    and accents ignored), or None. Right after `todo`, where it names the owner, the colon
    comes with it: `todo @Ro` -> `todo @Rob: `."""
    typing = _TYPING.search(text)
    if typing is None or not typing.group("part"):
        return None
    part = name_key(typing.group("part"))
    found = next((n for n in names if name_key(n).startswith(part)), None)
    if found is None:
        return None
    head = text[: typing.start()]
    return f"{head}@{found}{': ' if _OWNER_PLACE.fullmatch(head) else ''}"


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
    parts = parse_note(e.text)
    state.notes[e.note_id] = Note(
        e.note_id,
        e.text,
        parts.kind,
        note_urls(e.text),
        e.segment,
        e.speaker_id,
        e.at,
        author=e.author,
        owner=parts.owner,
    )


def note_edited(state: SessionState, e: ev.NoteEdited) -> None:
    note = state.notes[e.note_id]
    parts = parse_note(e.text)
    note.text, note.kind, note.owner, note.urls = e.text, parts.kind, parts.owner, note_urls(e.text)
    note.edited_at = e.at


def note_deleted(state: SessionState, e: ev.NoteDeleted) -> None:
    state.notes.pop(e.note_id, None)
