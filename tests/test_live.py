"""Opening a live session (`facilitator run` up to the screen): resume, archive a finished
record, --fresh, attendees."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.errors import FacilitatorError
from facilitator.live import LiveSession, open_session
from facilitator.record.journal import read_records

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "llm-interpretability.toml"


def start(record: Path, *, fresh: bool = False, attendees: Path | None = None) -> LiveSession:
    return open_session(EXAMPLE, record=record, fresh=fresh, attendees=attendees)


def test_new_then_resume_with_new_attendees(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    assert live.notice is None
    live.engine.toggle_clock()
    live.engine.check_in("Ana")
    live.engine.add_note("q: what is a feature?")
    live.journal.close()

    csv = tmp_path / "rsvp.csv"
    csv.write_text("Name,RSVP\nWiremu,yes\nAna,yes\n", encoding="utf-8")
    again = start(record, attendees=csv)
    try:
        s = again.engine.state
        assert again.notice is not None and again.notice.startswith("Resumed in Arrive")
        assert "1 people here" in again.notice and "1 notes" in again.notice
        assert [p.name for p in s.present()] == ["Ana"]
        assert "Wiremu" in s.expected
    finally:
        again.journal.close()
    types = [r["type"] for r in read_records(record).records]
    assert types[-2:] == ["process_resumed", "attendees_listed"]


def test_a_finished_session_is_kept_and_a_new_one_starts(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.engine.end_session()
    live.journal.close()
    fresh = start(record)
    fresh.journal.close()
    assert not fresh.engine.state.started
    kept = [p for p in tmp_path.glob("r.*.jsonl")]
    assert len(kept) == 1
    assert read_records(kept[0]).records[-1]["type"] == "session_ended"


def test_fresh_keeps_the_unfinished_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.journal.close()
    before = record.read_bytes()
    fresh = start(record, fresh=True)
    fresh.journal.close()
    assert "Kept the previous record as" in capsys.readouterr().out
    (kept,) = tmp_path.glob("r.*.jsonl")
    assert kept.read_bytes() == before
    assert not fresh.engine.state.started


def test_a_record_that_is_not_a_session_is_refused(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    record.write_text('{"hello": "world"}\n', encoding="utf-8")
    with pytest.raises(FacilitatorError, match=r"r\.jsonl:1: not a facilitator event"):
        start(record)
    assert record.read_text(encoding="utf-8") == '{"hello": "world"}\n'  # untouched


def test_a_line_torn_by_a_crash_is_kept_aside_and_mentioned_on_screen(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.engine.check_in("Ana")
    live.journal.close()
    with record.open("ab") as fh:
        fh.write(b'{"type":"note_added","seq":')  # the crash hit mid-write
    again = start(record)
    again.journal.close()
    assert again.notice is not None and "cut off by a crash" in again.notice
    assert [p.name for p in again.engine.state.present()] == ["Ana"]
    (side,) = tmp_path.glob("r.jsonl.torn-*")
    assert side.read_bytes() == b'{"type":"note_added","seq":'


def test_a_rehearsal_has_its_own_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATOR_RECORDS", str(tmp_path))
    rehearsal = open_session(EXAMPLE, speed=60)
    rehearsal.engine.toggle_clock()
    rehearsal.journal.close()
    assert rehearsal.record == tmp_path / "llm-interpretability.rehearsal.jsonl"
    evening = open_session(EXAMPLE)
    evening.journal.close()
    assert evening.record == tmp_path / "llm-interpretability.jsonl"
    assert evening.notice is None and not evening.engine.state.started  # not the rehearsal
