"""A note-taker's notes: credited to them, changed only by them (or by the host)."""

from __future__ import annotations

import pytest

from facilitator.session import views
from facilitator.session.engine import CommandError
from facilitator.session.events import parse_event
from facilitator.session.fold import fold
from tests.reference import evening


def test_a_note_taker_note_carries_its_author_through_the_record() -> None:
    engine = evening("discussion").engine
    note_id = engine.add_note("todo: book the room", author="  Kim  ")
    (line,) = [n for n in views.notes(engine.state, 1).latest]
    assert (line.id, line.author) == (note_id, "Kim")
    assert fold(engine.events).notes[note_id].author == "Kim"  # replayed from the events
    host = engine.add_note("the host's own note")
    assert engine.state.notes[host].author is None


def test_a_host_note_is_written_as_before_and_old_lines_still_load() -> None:
    engine = evening("arrival").engine
    engine.add_note("no author here")
    record = engine.sink.records[-1]  # type: ignore[attr-defined]
    assert "author" not in record
    old = {"seq": 3, "at": "2026-11-26T05:00:00Z", "cmd": 3, "type": "note_added"}
    event = parse_event({**old, "note_id": 0, "text": "from an older version"})
    assert getattr(event, "author", "missing") is None


def test_a_note_taker_changes_only_their_own_notes() -> None:
    engine = evening("discussion").engine
    mine = engine.add_note("mine", author="Kim")
    theirs = engine.add_note("theirs", author="Sam")
    hosts = engine.add_note("the host's")
    engine.edit_note(mine, "mine, edited", by="kim")  # the same name, as identity says
    engine.delete_note(mine, by="KIM")
    for note_id in (theirs, hosts):
        with pytest.raises(CommandError, match="your own"):
            engine.edit_note(note_id, "taken over", by="Kim")
        with pytest.raises(CommandError, match="your own"):
            engine.delete_note(note_id, by="Kim")
    engine.edit_note(theirs, "the host may edit any note")
    engine.undo()  # the host's ctrl+z undoes anything, a note-taker's note too
    engine.undo()
    assert mine in engine.state.notes and engine.state.notes[mine].text == "mine, edited"


def test_an_empty_author_is_refused() -> None:
    engine = evening("arrival").engine
    with pytest.raises(CommandError, match="name is empty"):
        engine.add_note("a note", author="   ")
