"""A note-taker's notes are credited to them in every format, and anonymised like a name."""

from __future__ import annotations

import json

from facilitator.export import export
from tests.reference import evening, record_of


def test_every_format_credits_the_note_taker() -> None:
    scene = evening("discussion")
    scene.engine.add_note("todo: send the slides", author="Kim")
    scene.engine.add_note("A plain note from the side", author="Kim")
    record = record_of(scene.engine)
    md = export(record, "md")
    assert "send the slides — *Discussion, during Aroha's turn, noted by Kim*" in md
    assert "A plain note from the side — *noted by Kim*" in md
    html = export(record, "html")
    assert '<span class="muted">— noted by Kim</span>' in html
    notes = json.loads(export(record, "json"))["notes"]
    assert [n["author"] for n in notes if n["author"]] == ["Kim", "Kim"]
    assert sum(1 for n in notes if n["author"] is None) == len(notes) - 2


def test_an_author_is_text_in_html_and_anonymised() -> None:
    scene = evening("discussion")
    scene.engine.add_note("plain", author="<script>x</script>")
    scene.engine.add_note("q: from a participant", author="aroha")
    record = record_of(scene.engine)
    html = export(record, "html")
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    anonymous = export(record, "md", anonymous=True)
    assert "noted by Note-taker" in anonymous
    assert "noted by Participant 2" in anonymous  # Aroha checked in second
    assert "aroha" not in anonymous.casefold()
