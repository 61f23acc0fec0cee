"""Action items credited honestly in every format: the owner named in the note, and whose turn
it was only as context ("during Wei's turn"), never read as the speaker's item."""

from __future__ import annotations

import json

from facilitator.export import export
from facilitator.session.engine import Engine
from tests.reference import evening, record_of


def during_weis_turn() -> Engine:
    engine = evening("discussion").engine
    engine.raise_hand(engine.state.people[2].id)  # Wei (third to arrive), after Aroha
    engine.next_speaker()
    assert engine.state.speaker is not None and engine.state.speaker.name == "Wei"
    engine.add_note("todo @Rob: share the notebook")
    engine.add_note("todo: Rob to book the room")
    engine.add_note("The notebook runs on a laptop")
    return engine


def test_markdown_names_the_owner_and_says_whose_turn_as_context() -> None:
    md = export(record_of(during_weis_turn()), "md")
    assert "- [ ] **Rob:** share the notebook — *Discussion, during Wei's turn*" in md
    assert "- [ ] Rob to book the room — *Discussion, during Wei's turn*" in md
    assert "#### During Wei's turn\n\n- The notebook runs on a laptop" in md
    assert "#### Wei\n" not in md and "*Wei, Discussion*" not in md


def test_html_text_and_json_agree() -> None:
    record = record_of(during_weis_turn())
    html = export(record, "html")
    assert (
        '<li><b>Rob:</b> share the notebook <span class="muted">— Discussion, during Wei&#x27;s'
        " turn</span></li>"
    ) in html
    assert "<h4>During Wei&#x27;s turn</h4>" in html
    text = export(record, "text")
    assert "• Rob: share the notebook" in text and "• Rob to book the room" in text
    notes = json.loads(export(record, "json"))["notes"]
    items = [(n["owner"], n["speaker"], n["kind"]) for n in notes[-3:]]
    assert items == [("Rob", "Wei", "todo"), (None, "Wei", "todo"), (None, "Wei", "note")]


def test_an_owner_is_anonymised_like_any_name() -> None:
    record = record_of(during_weis_turn())
    md = export(record, "md", anonymous=True)
    assert "- [ ] **Participant 1:** share the notebook — *Discussion, during Participant 3's" in md
    notes = json.loads(export(record, "json", anonymous=True))["notes"]
    assert notes[-3]["owner"] == "Participant 1" and notes[-3]["speaker"] == "Participant 3"
