"""Records written before the code was rearranged (round 2) still load, resume and export.

The two fixtures were written by the journal of commit 9c2dfeb, running the reference evening
(tests/reference.py): one finished, one stopped as the discussion began. They must never be
regenerated: they are the proof that old records keep working.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from facilitator.export import FORMATS, export
from facilitator.live import open_session
from facilitator.record.journal import Journal
from facilitator.record.reading import load_record
from tests.reference import AGENDA, record_of, reference_evening

FIXTURES = Path(__file__).parent / "fixtures"
FINISHED = FIXTURES / "before-round-2-finished.jsonl"
UNFINISHED = FIXTURES / "before-round-2-unfinished.jsonl"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_old_record_exports_as_the_same_evening_does_now(fmt: str) -> None:
    old = load_record(FINISHED)
    assert old.state.finished and not old.warnings
    assert export(old, fmt) == export(record_of(reference_evening()), fmt)  # type: ignore[arg-type]


def test_the_journal_format_is_unchanged(tmp_path: Path) -> None:
    """The same evening, written today, is the same bytes (the script is the fixture's)."""
    path = tmp_path / "today.jsonl"
    with Journal.open(path) as journal:
        reference_evening(journal)
    assert path.read_bytes() == FINISHED.read_bytes()


def test_an_old_unfinished_record_resumes_and_carries_on(tmp_path: Path) -> None:
    record = tmp_path / "evening.jsonl"
    shutil.copy(UNFINISHED, record)
    live = open_session(AGENDA, record=record, resume=True)  # asked (days old): `r`
    try:
        state = live.engine.state
        assert live.notice is not None and live.notice.startswith("Resumed in Discussion")
        assert state.speaker is not None and state.speaker.name == "Rob"
        assert len(state.present()) == 12 and len(state.notes) == 2
        live.engine.next_speaker()
        assert state.speaker is not None and state.speaker.name == "Aroha"
        live.engine.add_note("a note after the upgrade")
    finally:
        live.journal.close()
    data = record.read_bytes()
    assert data.startswith(UNFINISHED.read_bytes())  # appended to, never rewritten
    summary = export(load_record(record), "md")
    assert "a note after the upgrade" in summary
