"""Reading a record back into events: every check an event had, and the line that fails it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facilitator.record.journal import JournalError
from facilitator.record.reading import RecordError, load_record
from facilitator.session import events as ev
from tests.reference import evening

START = {"seq": 1, "at": "2026-11-26T05:00:00Z", "cmd": 1, "type": "session_started"}


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def created() -> dict[str, Any]:
    return ev.to_record(evening("not-started").engine.events[0])


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ({**START, "planned_start": "2026-11-26T05:00:00Z", "extra": 1}, "unknown field `extra`"),
        ({**START, "planned_start": "not a time"}, "`$.planned_start`"),
        ({**START}, "missing required field `planned_start`"),
        ({**START, "type": "session_exploded"}, "`$.type`"),
        ({**START, "type": "hand_raised", "person_id": -1}, ">= 0 - at `$.person_id`"),
        ({**START, "type": "turn_ended", "outcome": "shouted"}, "`$.outcome`"),
        ({**START, "cmd": "1", "type": "clock_paused"}, "`$.cmd`"),
    ],
)
def test_a_bad_line_is_named_with_its_field(tmp_path: Path, line: Any, problem: str) -> None:
    path = write(tmp_path / "r.jsonl", [created(), line])
    with pytest.raises(RecordError, match=r"r\.jsonl:2: not a facilitator event") as caught:
        load_record(path)
    assert problem in str(caught.value)


def test_a_line_out_of_sequence_before_a_bad_one_is_named_first(tmp_path: Path) -> None:
    late = {**START, "seq": 7, "planned_start": START["at"]}
    path = write(tmp_path / "r.jsonl", [created(), late, {"hello": "world"}])
    with pytest.raises(RecordError, match=r"r\.jsonl:2: event out of sequence \(seq 7\)"):
        load_record(path)


def test_each_event_reads_back_as_written() -> None:
    events = evening("ended").engine.events
    records = [ev.to_record(e) for e in events]
    assert ev.parse_events(json.loads(json.dumps(records))) == events
    assert {type(e) for e in events} >= {ev.NoteEdited, ev.RunoffStarted, ev.Undone}


def test_every_event_type_is_its_tag() -> None:
    for cls in ev.BaseEvent.__subclasses__():
        assert cls.__struct_config__.tag == cls.type, cls.__name__


@pytest.mark.parametrize(
    "damage",
    [
        lambda lines: [lines[0], "", *lines[1:]],  # a blank line: skipped
        lambda lines: [lines[0], "   ", *lines[1:]],
        lambda lines: [lines[0] + " " + lines[1], "", *lines[2:]],  # two lines run together
    ],
)
def test_the_fast_reading_gives_way_to_the_careful_one(tmp_path: Path, damage: Any) -> None:
    """What the one-pass decoder would take differently from reading line by line goes the
    careful way: a blank line is skipped as before, two events on a line are refused."""
    engine = evening("intros").engine
    lines = [json.dumps(ev.to_record(e)) for e in engine.events]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(damage(lines)) + "\n", encoding="utf-8")
    if any(line.count('"seq"') > 1 for line in damage(lines)):
        with pytest.raises(JournalError, match=r"r\.jsonl: line 1 is not valid JSON"):
            load_record(path)
    else:
        assert load_record(path).events == engine.events
