"""Exports from real record files: finished, still being written (in this process or another),
cut short by a crash, and not started yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.export import FORMATS, export
from facilitator.record.journal import Journal
from facilitator.record.reading import load_record
from tests.reference import ROOT, arrivals, evening, record_of, reference_evening, start


def test_a_record_file_exports_like_the_session_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    with Journal.open(path) as journal:
        engine = reference_evening(journal)
    for fmt in FORMATS:
        assert export(load_record(path), fmt) == export(record_of(engine), fmt)


def test_export_during_a_live_session(tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    with Journal.open(path) as journal:
        scene = evening("intros-done", sink=journal)
        engine, clock = scene.engine, scene.clock
        engine.next_segment()  # the discussion starts: Rob is speaking
        clock.advance(90)
        engine.add_note("q: a question while Rob speaks")
        record = load_record(path)  # lock-free read of the open record
        md = export(record, "md")
        data = json.loads(export(record, "json"))
        html = export(record, "html")
    assert "> Still in progress: this summary covers up to 18:36." in md
    assert "Still in progress" in html
    assert data["session"]["status"] == "running" and data["session"]["ended_at"] is None
    discussion = data["segments"][2]
    assert discussion["status"] == "running"
    assert discussion["turns"] == [
        {
            "speaker": "Rob",
            "kind": "round",
            "outcome": "speaking",
            "seconds": 90,  # as of the last event (the note), not the wall clock
            "started_at": discussion["turns"][0]["started_at"],
        }
    ]
    assert data["segments"][3]["status"] == "not reached"
    assert data["next_topic"] is None


def test_export_from_another_process_while_the_session_runs(tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    code = (
        "import sys\n"
        "from facilitator.export import export\n"
        "from facilitator.record.reading import load_record\n"
        "print(export(load_record(sys.argv[1]), 'md'), end='')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TZ": "Pacific/Auckland"}
    with Journal.open(path) as journal:
        engine, clock = start(sink=journal)
        arrivals(engine, clock, ["Rob", "Aroha", "Wei"])
        out = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        ).stdout
        engine.check_in("Priya")  # the session carries on undisturbed
    assert out.startswith("# LLM Interpretability: Tracing Thoughts\n")
    assert "3 people checked in" in out and "Still in progress" in out


def test_export_after_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "torn.jsonl"
    with Journal.open(path) as journal:
        engine = reference_evening(journal)
    with path.open("ab") as f:  # a crash in the middle of writing one more event
        f.write(b'{"seq": 999, "at": "2026-11-26T06:30:00Z", "cmd": 999, "type": "note_ad')
    record = load_record(path)
    assert record.warnings and "cut off" in record.warnings[0]
    for fmt in FORMATS:
        assert export(record, fmt) == export(record_of(engine), fmt)


def test_export_of_a_session_that_never_started(tmp_path: Path) -> None:
    path = tmp_path / "new.jsonl"
    with Journal.open(path) as journal:
        start(sink=journal)
    record = load_record(path)
    md = export(record, "md")
    assert "> The session has not started yet." in md
    assert "0 people checked in (5 RSVPs)." in md
    data = json.loads(export(record, "json"))
    assert data["session"]["status"] == "not started" and data["attendees"] == []
    assert all(s["status"] == "not reached" for s in data["segments"])
    assert "not started" in export(record, "html")


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        export(record_of(reference_evening()), "pdf")  # type: ignore[arg-type]


def test_a_minimal_agenda_with_a_pause() -> None:
    """No people, no vote, no materials: only the sections that have something to say."""
    from facilitator.agenda import parse_agenda

    agenda = parse_agenda(
        '[session]\ntitle = "Tiny"\n[[segments]]\ntitle = "Talk"\nkind = "custom"\nminutes = 10\n'
    )
    engine, clock = start(agenda)
    engine.toggle_clock()
    clock.advance(minutes=3)
    engine.toggle_clock()  # paused for five minutes: not counted
    clock.advance(minutes=5)
    engine.toggle_clock()
    clock.advance(minutes=12)
    engine.next_segment()
    md = export(record_of(engine), "md")
    assert [line for line in md.splitlines() if line.startswith("#")] == [
        "# Tiny",
        "## Attendance",
        "## Timeline",
    ]
    assert "| 18:00 | 18:00 | Talk | 10:00 | 15:00 | +5:00 |" in md
    data = json.loads(export(record_of(engine), "json"))
    assert data["vote"]["method"] is None and data["next_topic"] is None
