"""ctrl+z costs what the action it undoes cost: no replay of the record (session/undo.py).

The replay is counted where it happens, at the fold's `apply`: an undo within the log applies
no event again (only facts recorded since, such as a restart); an undo from before a restart
replays once, and the undos after it do not.
"""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.record.reading import load_record
from facilitator.session.engine import Engine
from facilitator.session.events import parse_events, to_record
from facilitator.session.fold import fold
from tests.reference import evening


def a_long_discussion() -> Engine:
    engine = evening("discussion").engine
    for i in range(40):
        engine.add_note(f"note {i}")
    return engine


def test_undo_replays_nothing(replayed: list[str]) -> None:
    engine = a_long_discussion()
    replayed.clear()
    engine.next_speaker()
    engine.delete_note(3)
    engine.add_note("a slip")
    for _ in range(3):
        engine.undo()
    assert replayed == []
    assert 3 in engine.state.notes
    assert engine.state == fold(engine.events)
    assert list(engine.state.notes) == list(fold(engine.events).notes)  # back in its place


def test_undo_before_a_restart_replays_once(replayed: list[str]) -> None:
    first = a_long_discussion()
    events = list(first.events)
    records = [to_record(e) for e in events]
    resumed = Engine.resume(parse_events(records), first.sink, first.clock, state=fold(events))
    replayed.clear()
    resumed.undo()  # a note from before the restart: one refold, which keeps the log again
    once = len(replayed)
    assert once >= len(events) - 1
    resumed.undo()
    resumed.undo()
    assert replayed[once:] == ["process_resumed"] * 2  # only the fact since, applied again
    assert resumed.state == fold(resumed.events)


def test_undo_after_a_real_restart_replays_nothing(replayed: list[str], tmp_path: Path) -> None:
    """The resume's replay keeps what undo needs: ctrl+z right after a restart (the host's
    last action before the crash) is as cheap as any other."""
    first = a_long_discussion()
    path = tmp_path / "evening.jsonl"
    path.write_text("".join(json.dumps(to_record(e)) + "\n" for e in first.events), "utf-8")
    record = load_record(path)
    resumed = Engine.resume(record.events, first.sink, first.clock, record.state, record.undo)
    replayed.clear()
    for _ in range(3):
        resumed.undo()
    assert replayed == ["process_resumed"] * 3  # the restart, a fact: applied again, no more
    assert resumed.state == fold(resumed.events)
