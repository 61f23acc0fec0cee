"""Notes credited honestly: the one parser of a note's text (kind, owner, body), completion of
`@` names, and the context (whose turn) kept apart from the owner."""

from __future__ import annotations

import pytest

from facilitator.session import views
from facilitator.session.notes import NoteParts, complete_owner, parse_note
from facilitator.session.state import NoteKind
from tests.reference import evening


@pytest.mark.parametrize(
    ("text", "kind", "owner", "body"),  # body: without the marker and the owner
    [
        ("todo @Rob: share the notebook", "todo", "Rob", "share the notebook"),
        ("todo: @Rob: share the notebook", "todo", "Rob", "share the notebook"),
        ("  TODO:@Zoë  Ōtaki :  read it", "todo", "Zoë Ōtaki", "read it"),
        ("todo @Ana de Souza: book it", "todo", "Ana de Souza", "book it"),
        ("todo @Participant 3: book it", "todo", "Participant 3", "book it"),  # anonymised
        ("todo @Smith, Bob: book it", "todo", "Smith, Bob", "book it"),
        ("todo: Rob to share the notebook", "todo", None, "Rob to share the notebook"),
        ("todo @Rob check the venue: x", "todo", None, "@Rob check the venue: x"),
        ("todo @Rob share the notebook", "todo", None, "@Rob share the notebook"),
        ("todo: 12:30 book the room", "todo", None, "12:30 book the room"),
        ("todo @Rob:", "todo", None, "@Rob:"),  # nothing to do: no owner of nothing
        ("q: @Rob: why?", "question", None, "@Rob: why?"),  # only an action item has an owner
        ("Rob: the model plans ahead", "note", None, "Rob: the model plans ahead"),
        ("todos: x", "note", None, "todos: x"),
    ],
)
def test_one_parser_of_a_note(text: str, kind: NoteKind, owner: str | None, body: str) -> None:
    assert parse_note(text) == NoteParts(kind, owner, body)


HERE = ["Rob", "Zoë Ōtaki", "Robyn", "Wei"]


@pytest.mark.parametrize(
    ("typed", "completed"),
    [
        ("todo @ro", "todo @Rob: "),  # the owner's place: the colon comes with the name
        ("TODO: @zo", "TODO: @Zoë Ōtaki: "),  # accents and case do not count
        ("todo @robY", "todo @Robyn: "),
        ("ask @W", "ask @Wei"),  # inside a sentence: the name only
        ("@wei", "@Wei"),
        ("todo @", None),  # nothing typed after the @ yet
        ("mail rob@ex", None),  # an e-mail address is not a name
        ("todo @Rob: share", None),
        ("todo @Mere", None),  # not here
    ],
)
def test_at_completes_the_names_of_people_here(typed: str, completed: str | None) -> None:
    assert complete_owner(typed, HERE) == completed


def test_the_owner_is_named_in_the_note_not_taken_from_the_speaker() -> None:
    engine = evening("discussion").engine  # Aroha has the floor
    first = engine.add_note("todo @Rob: share the notebook")
    second = engine.add_note("todo: Rob to share the notebook")
    by_id = {n.id: n for n in views.notes(engine.state, 5).latest}
    assert (by_id[first].kind, by_id[first].owner, by_id[first].speaker) == ("todo", "Rob", "Aroha")
    assert (by_id[second].owner, by_id[second].speaker) == (None, "Aroha")
    engine.edit_note(second, "todo @Wei: share the notebook")
    assert engine.state.notes[second].owner == "Wei"
    engine.undo()
    assert engine.state.notes[second].owner is None
