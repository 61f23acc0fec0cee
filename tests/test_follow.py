"""Following a record another process writes: incremental, read-only, and never lost.

Real files and the real journal: lines appended, a half-written last line, a record cut back,
replaced, damaged; an agenda whose host starts fresh; a follower that never takes the lock.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.agenda import load_agenda
from facilitator.clock import FakeClock
from facilitator.record.follow import FollowedRecord, LatestFollower, RecordFollower, Tail
from facilitator.record.journal import Journal
from facilitator.session import events as ev
from facilitator.session import undo, views
from facilitator.session.engine import Engine
from facilitator.session.fold import fold
from tests.reference import AGENDA, EVENING, Evening, evening
from tests.session.helpers import make_engine
from tests.session.test_properties import NAMES, Step, agendas, long_evening, long_steps


def line(n: int) -> bytes:
    return json.dumps({"n": n}).encode() + b"\n"


def test_tail_reads_complete_lines_only_and_from_where_it_stopped(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(line(0) + line(1))
    tail = Tail(path)
    first = tail.look()
    assert [r["n"] for r in first.records] == [0, 1] and first.restarted
    with path.open("ab") as out:
        out.write(line(2) + b'{"n": 3')  # a line being written: not yet
    assert [r["n"] for r in tail.look().records] == [2]
    with path.open("ab") as out:
        out.write(b"}\n")
    again = tail.look()
    assert [r["n"] for r in again.records] == [3] and not again.restarted
    assert tail.look().records == []


def test_tail_starts_over_when_the_file_is_cut_back_or_replaced(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(line(0) + line(1) + line(2))
    tail = Tail(path)
    tail.look()
    with path.open("r+b") as out:
        out.truncate(len(line(0)))  # a failed write cut back
    cut = tail.look()
    assert cut.restarted and [r["n"] for r in cut.records] == [0]
    other = tmp_path / "new.jsonl"
    other.write_bytes(line(7) + line(8) + line(9))
    os.replace(other, path)  # written again at the same path: another inode
    replaced = tail.look()
    assert replaced.restarted and [r["n"] for r in replaced.records] == [7, 8, 9]


def test_tail_holds_back_a_bad_last_line_and_names_a_damaged_one(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(line(0) + b"garbage\n")
    tail = Tail(path)
    first = tail.look()
    assert [r["n"] for r in first.records] == [0] and first.problem is None
    with path.open("ab") as out:
        out.write(line(2))
    damaged = tail.look()
    assert damaged.records == [] and damaged.problem is not None and "line 2" in damaged.problem
    assert "No such file" in (Tail(tmp_path / "none.jsonl").look().problem or "")


def test_the_followed_state_is_the_hosts_state_after_every_command(tmp_path: Path) -> None:
    """The whole reference evening through a real journal, looked at after every event."""
    path = tmp_path / "evening.jsonl"
    journal = Journal.open(path)
    follower = FollowedRecord(path)
    looked: list[int] = []

    def check(_events: object) -> None:
        follower.look()
        looked.append(len(follower.events))
        assert follower.state is not None
        assert follower.events == scene.engine.events
        now = scene.clock.now()
        assert views.room(follower.state, now) == views.room(scene.engine.state, now)

    scene = Evening(sink=journal)
    scene.engine.subscribe(check)
    scene.until("ended")
    journal.close()
    assert follower.state == fold(scene.engine.events)
    assert len(looked) > 50 and follower.problem is None  # once per command


def test_the_session_time_carries_on_from_the_last_event(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    clock = FakeClock(EVENING)
    journal = Journal.open(path)
    engine = Engine.create(load_agenda(AGENDA), journal, clock, speed=10.0)
    engine.start()
    journal.close()
    written = os.stat(path).st_mtime
    record = FollowedRecord(path, wall=lambda: written + 3.0)
    record.look()
    assert (record.now() - engine.events[-1].at).total_seconds() == 30.0  # x10 rehearsal


def test_a_rehearsal_practised_at_real_speed_is_followed_at_real_speed(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    journal = Journal.open(path)
    engine = Engine.create(load_agenda(AGENDA), journal, FakeClock(EVENING), speed=10.0)
    engine.start()
    engine.toggle_speed()  # `*`: the host practises turns in real time
    journal.close()
    written = os.stat(path).st_mtime
    record = FollowedRecord(path, wall=lambda: written + 3.0)
    record.look()
    assert (record.now() - engine.events[-1].at).total_seconds() == 3.0


def test_following_takes_no_lock_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    journal = Journal.open(path)
    engine = Engine.create(load_agenda(AGENDA), journal, FakeClock(EVENING))
    follower = RecordFollower(path)
    follower.look()
    journal.close()
    before = path.read_bytes(), os.stat(path).st_mtime_ns
    again = Journal.open(path)  # the host resumes while the display follows: no lock in the way
    assert follower.record.host_running() in (True, None)
    again.close()
    follower.look()
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert follower.followed().state is not None and engine.state.started is False
    follower.close()


def test_an_agenda_is_followed_from_before_its_record_to_a_fresh_one(tmp_path: Path) -> None:
    agenda = tmp_path / "evening.toml"
    agenda.write_text(AGENDA.read_text())
    folder = tmp_path / "records"
    follower = LatestFollower(folder, agenda)
    follower.look()
    waiting = follower.followed()
    assert waiting.state is not None and not waiting.state.started  # the agenda, not started
    assert "Waiting for the host" in waiting.status

    folder.mkdir()
    first = folder / "evening.2026-11-26.jsonl"
    journal = Journal.open(first)
    engine = Engine.create(
        load_agenda(agenda), journal, FakeClock(EVENING), agenda_path=str(agenda.resolve())
    )
    engine.start()
    engine.check_in("Rob")
    assert follower.look()
    state = follower.followed().state
    assert state is not None and [p.name for p in state.present()] == ["Rob"]
    journal.close()

    fresh = folder / "evening.2026-11-26-2.jsonl"  # `run --fresh`: a new record, found by agenda
    journal = Journal.open(fresh)
    Engine.create(
        load_agenda(agenda), journal, FakeClock(EVENING), agenda_path=str(agenda.resolve())
    )
    os.utime(fresh, (os.stat(first).st_mtime + 1,) * 2)  # written after the first one
    assert follower.look()
    assert follower.current is not None and follower.current.path == fresh
    state = follower.followed().state
    assert state is not None and state.present() == []
    journal.close()

    other = tmp_path / "other.toml"  # another agenda's record in the same folder is not followed
    other.write_text(AGENDA.read_text())
    journal = Journal.open(folder / "other.2026-11-26.jsonl")
    Engine.create(load_agenda(other), journal, FakeClock(EVENING), agenda_path=str(other.resolve()))
    journal.close()
    follower.look()
    assert follower.current.path == fresh
    follower.close()


def same_as_the_fold(record: FollowedRecord) -> None:
    """The follower's state is the fold of what it read, down to the order things are listed."""
    folded = fold(record.events)
    s = record.state
    assert s == folded
    assert s is not None
    assert (list(s.notes), list(s.people), list(s.runs)) == (
        list(folded.notes),
        list(folded.people),
        list(folded.runs),
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=agendas,
    crowd=st.integers(0, len(NAMES)),
    script=long_steps,
    cuts=st.lists(st.tuples(st.integers(1, 12), st.integers(0, 400)), min_size=1, max_size=60),
    torn=st.booleans(),
)
def test_after_any_commands_and_undos_the_followed_state_is_the_fold(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    crowd: int,
    script: list[Step],
    cuts: list[tuple[int, int]],
    torn: bool,
) -> None:
    """Random evenings (restarts, RSVP lists, streaks of ctrl+z longer than the undo log
    keeps), written to the record a few lines at a time, cut anywhere, even inside a command
    or a line: after every look, the follower's state is the fold of what it read."""
    monkeypatch.setattr(undo, "DEPTH", 4)  # streaks outrun the log: the refold is taken too
    engine, sink = long_evening(text, crowd, script)
    lines = [json.dumps(r).encode() + b"\n" for r in sink.records]
    ends = list(itertools.accumulate(len(line) for line in lines))
    data = b"".join(lines)
    path = tmp_path_factory.mktemp("follow") / "r.jsonl"
    path.write_bytes(b"")
    record = FollowedRecord(path)
    done, written = 0, 0
    with path.open("ab") as out:
        for step, extra in itertools.cycle(cuts):
            done = min(len(lines), done + step)
            end = ends[done - 1]
            if torn and done < len(lines):
                end += extra % len(lines[done])  # the next line half written: not read yet
            out.write(data[written:end])
            out.flush()
            written = end
            record.look()
            assert len(record.events) == done and record.problem is None
            same_as_the_fold(record)
            if done == len(lines):
                break
    assert record.state == engine.state
    record.close()


def test_an_undo_costs_the_follower_the_command_not_a_replay(
    replayed: list[str], tmp_path: Path
) -> None:
    """Read from a long record, the host's ctrl+z applies no event again in the room view:
    what the command changed is put back, as in the host's app (tests/session/test_undo.py)."""
    path = tmp_path / "evening.jsonl"
    journal = Journal.open(path)
    scene = evening("discussion", sink=journal)
    engine = scene.engine
    for i in range(40):
        engine.add_note(f"note {i}")
    record = FollowedRecord(path)
    record.look()  # the whole record: one replay
    undone = {e.target for e in engine.events if isinstance(e, ev.Undone)}
    assert replayed == [e.type for e in engine.events[1:] if e.cmd not in undone]
    replayed.clear()
    engine.next_speaker()
    engine.delete_note(3)
    engine.add_note("a slip")
    record.look()  # three commands: their events, each applied once
    assert replayed == ["turn_ended", "note_deleted", "note_added"]
    for _ in range(3):
        replayed.clear()
        engine.undo()
        record.look()
        assert replayed == []
        same_as_the_fold(record)
    assert record.state is not None and 3 in record.state.notes
    journal.close()
    record.close()


def test_a_command_read_in_two_looks_is_undone_whole(tmp_path: Path) -> None:
    """A command's events reach the record one at a time, and a look may come between them.
    Its undo still takes back every one: here a command (as the record allows) that adds a
    note and edits another, read in two looks; the edited note gets its text back."""
    engine, _clock, sink = make_engine()
    engine.toggle_clock()
    engine.add_note("as first written")
    cmd, at = len(sink.records), engine.now()
    both = [
        ev.stamp(ev.NoteAdded, {"seq": cmd, "at": at, "cmd": cmd, "note_id": 1, "text": "new"}),
        ev.stamp(ev.NoteEdited, {"seq": cmd + 1, "at": at, "cmd": cmd, "note_id": 0, "text": "x"}),
        ev.stamp(ev.Undone, {"seq": cmd + 2, "at": at, "cmd": cmd + 2, "target": cmd}),
    ]
    path = tmp_path / "r.jsonl"
    record = FollowedRecord(path)
    lines = [json.dumps(r) + "\n" for r in [*sink.records, *map(ev.to_record, both)]]
    with path.open("a") as out:
        for upto in (cmd + 1, cmd + 2, cmd + 3):  # the command's first event, its second, undo
            out.write("".join(lines[len(record.events) : upto]))
            out.flush()
            record.look()
            assert len(record.events) == upto
            same_as_the_fold(record)
    assert record.state is not None
    assert [n.text for n in record.state.notes.values()] == ["as first written"]
    record.close()
