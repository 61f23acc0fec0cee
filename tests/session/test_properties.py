"""Rules that must hold whatever the host presses, in whatever order (hypothesis)."""

from __future__ import annotations

import contextlib
import copy
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.clock import FakeClock
from facilitator.record.reading import replay
from facilitator.session import undo
from facilitator.session.engine import CommandError, Engine, MemorySink
from facilitator.session.events import parse_events
from facilitator.session.fold import fold
from facilitator.session.state import SessionState, Turn
from tests.session.helpers import REFERENCE, make_engine, round_agenda

NAMES = ["Ana", "Ben", "Cy", "Di", "Ed", "Flo"]

Step = tuple[str, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *["next"] * 6,
                *["pass"] * 3,
                "check_in",
                "absent",
                "segment",
                "hand",
                "hand",
                "lower",
                "order",
                "note",
                "extend",
                "clock",
                "undo",
                "left",
                "wait",
                "wait",
            ]
        ),
        st.integers(0, 50),
    ),
    max_size=70,
)
agendas = st.sampled_from(
    [
        REFERENCE,
        round_agenda(open_floor=True),
        round_agenda(order="shuffle", open_floor=True),
        round_agenda(order="alphabetical", revisit_passed=False),
    ]
)


def same_as_the_fold(engine: Engine, records: list[dict[str, object]]) -> None:
    """The incremental state is exactly the fold of the journal, down to the order things are
    listed in (notes newest first, people by arrival)."""
    folded = fold(parse_events(records))
    assert engine.state == folded
    s = engine.state
    assert (list(s.notes), list(s.people), list(s.runs)) == (
        list(folded.notes),
        list(folded.people),
        list(folded.runs),
    )


def restart(sink: MemorySink, clock: FakeClock, *, keep_undo: bool) -> Engine:
    """What `facilitator run` does after a crash: replay the record (keeping what undo needs,
    as the real resume does, or not: then undo refolds), then carry on."""
    events = parse_events(sink.records)
    if not keep_undo:
        return Engine.resume(events, sink, clock, state=fold(events))
    log = undo.UndoLog()
    return Engine.resume(events, sink, clock, state=replay(Path("r.jsonl"), events, log), log=log)


def do(engine: Engine, clock: FakeClock, op: str, n: int) -> None:
    s = engine.state
    present = s.present()
    pick = present[n % len(present)].id if present else n
    actions: dict[str, Callable[[], object]] = {
        "check_in": lambda: engine.check_in(NAMES[n % len(NAMES)]),
        "next": engine.next_speaker,
        "pass": engine.pass_turn,
        "absent": engine.absent,
        "segment": engine.next_segment,
        "hand": lambda: engine.raise_hand(pick),
        "lower": lambda: engine.lower_hand(pick),
        "order": lambda: engine.set_queue_order("progressive" if n % 2 else "fifo"),
        "note": lambda: engine.add_note(f"todo: {n}" if n % 3 == 0 else f"note {n}"),
        "extend": lambda: engine.extend(1 if n % 2 else -1),
        "clock": engine.toggle_clock,
        "undo": engine.undo,
        "left": lambda: engine.mark_left(pick),
        "wait": lambda: clock.advance(n * 7),
    }
    actions[op]()


def segment_turns(s: SessionState, index: int) -> list[Turn]:
    return [t for t in s.turns if t.segment == index]


def check_tallies(s: SessionState, index: int) -> None:
    """The per-segment tallies the fold keeps equal a rescan of the segment's turns."""
    run, turns = s.runs[index], segment_turns(s, index)
    turned: dict[int, str | None] = {}
    spoke: Counter[int] = Counter()
    for t in turns:
        turned.setdefault(t.person_id, None)
        if t.outcome is not None:
            turned[t.person_id] = t.outcome
        if t.outcome == "spoke":
            spoke[t.person_id] += 1
    rounds_had = Counter(t.person_id for t in turns if t.kind == "round" and t.outcome != "absent")
    assert list(run.turned.items()) == list(turned.items())
    assert list(run.spoke.items()) == list(spoke.items())  # in order of their first
    assert {p: n for p, n in run.round_turns.items() if n} == dict(rounds_had)


def check_invariants(s: SessionState) -> None:
    run = s.run
    for index in s.runs:
        check_tallies(s, index)
        turns = segment_turns(s, index)
        for person_id, count in Counter(t.person_id for t in turns if t.kind == "revisit").items():
            assert count <= 1, "a passer is revisited at most once"
            assert any(
                t.person_id == person_id and t.kind == "round" and t.outcome == "passed"
                for t in turns
            ), "only passers are revisited"
    assert sum(1 for t in s.turns if t.outcome is None) == (1 if s.current_turn else 0)
    if run is None:
        return
    queued = [item.person_id for item in run.queue]
    assert len(queued) == len(set(queued)) or any(i.revisit for i in run.queue)
    for item in run.queue:
        assert s.people[item.person_id].present
    if s.current_turn is not None:
        assert s.people[s.current_turn.person_id].present or s.current_turn.outcome
    assert len(s.hands) == len(set(s.hands))


def round_complete_invariant(before: SessionState, after: SessionState) -> None:
    """When a round ends (within its segment), everyone there had exactly one turn in it."""
    b, a = before.run, after.run
    if b is None or a is None or b.index != a.index or b.phase != "round" or a.phase == "round":
        return
    turns = segment_turns(after, a.index)
    for person in after.present():
        mine = [t for t in turns if t.person_id == person.id and t.kind == "round"]
        taken = [t for t in mine if t.outcome != "absent"]
        # A round closed by hand while empty is the only way to leave someone out.
        assert len(taken) == 1 or not turns, f"{person.name} had {len(taken)} turns"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=agendas, crowd=st.integers(0, len(NAMES)), script=steps)
def test_any_sequence_keeps_the_rules(text: str, crowd: int, script: list[Step]) -> None:
    engine, clock, sink = make_engine(text)
    engine.toggle_clock()
    # Most meetups have people in the room when the first round starts.
    prelude: list[Step] = [("check_in", i) for i in range(crowd)] + [("segment", 0)]
    for op, n in prelude + script:
        before = copy.deepcopy(engine.state)
        mark = len(sink.records)
        try:
            do(engine, clock, op, n)
        except CommandError:
            assert len(sink.records) == mark, "a refused command writes nothing"
            continue
        check_invariants(engine.state)
        round_complete_invariant(before, engine.state)
        same_as_the_fold(engine, sink.records)
        # Undo after any command restores the state before it.
        if len(sink.records) > mark and op != "undo":
            twin = Engine(parse_events(sink.records), MemorySink(), clock)
            twin.undo()
            assert twin.state == before


@settings(max_examples=60, deadline=None)
@given(text=agendas, script=steps, cut=st.integers(1, 400))
def test_replaying_any_prefix_gives_a_valid_state(text: str, script: list[Step], cut: int) -> None:
    engine, clock, sink = make_engine(text)
    engine.toggle_clock()
    for op, n in script:
        with contextlib.suppress(CommandError):
            do(engine, clock, op, n)
    records = sink.records[: max(1, min(cut, len(sink.records)))]
    for k in range(1, len(records) + 1):
        state = fold(parse_events(records[:k]))
        check_invariants(state)


@settings(max_examples=200, deadline=None)
@given(
    crowd=st.integers(1, 12),
    choices=st.lists(st.sampled_from(["next", "pass", "late", "left"]), max_size=60),
    revisit=st.booleans(),
)
def test_a_round_gives_everyone_present_one_turn(
    crowd: int, choices: list[str], revisit: bool
) -> None:
    engine, clock, _ = make_engine(round_agenda(revisit_passed=revisit))
    engine.toggle_clock()
    for i in range(crowd):
        engine.check_in(f"P{i}")
    engine.next_segment()
    s = engine.state
    late = 0
    for choice in choices:
        if s.run is None or s.run.phase != "round":
            break
        clock.advance(11)
        if choice == "late":
            late += 1
            engine.check_in(f"Late{late}")
        elif choice == "left" and s.run.queue:
            engine.mark_left(s.run.queue[-1].person_id)
        elif choice == "pass":
            engine.pass_turn()
        else:
            engine.next_speaker()
    while s.run is not None and s.run.phase == "round":
        engine.next_speaker()
    turns = segment_turns(s, 1)
    for person in s.present():
        mine = [t for t in turns if t.person_id == person.id]
        assert [t.kind for t in mine if t.kind == "round"] == ["round"], person.name
        passed = mine[0].outcome == "passed"
        assert len([t for t in mine if t.kind == "revisit"]) == (1 if passed and revisit else 0)


long_steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *["next"] * 4,
                "pass",
                "check_in",
                "absent",
                "segment",
                "hand",
                "lower",
                "note",
                "edit",
                "delete",
                "extend",
                "clock",
                "left",
                "wait",
                "restart",
                "attendees",
                *["undos"] * 3,
            ]
        ),
        st.integers(0, 50),
    ),
    min_size=20,
    max_size=250,
)


def long_evening(
    text: str,
    crowd: int,
    script: list[Step],
    check: Callable[[Engine, MemorySink], None] | None = None,
) -> tuple[Engine, MemorySink]:
    """`crowd` people check in, the discussion starts, then the `script`: restarts (undo
    reaches back before them), RSVP lists between commands, streaks of ctrl+z, edits and
    deletions, the host's commands. `check` runs after every step and every undo."""
    engine, clock, sink = make_engine(text)
    engine.toggle_clock()
    for i in range(crowd):
        engine.check_in(NAMES[i])
    engine.next_segment()
    for op, n in script:
        with contextlib.suppress(CommandError):
            if op == "restart":
                engine = restart(sink, clock, keep_undo=n % 2 == 0)
            elif op == "attendees":
                engine.list_attendees([f"Guest {n}", NAMES[n % len(NAMES)]])
            elif op == "undos":
                for _ in range(1 + n % 7):
                    engine.undo()
                    if check is not None:
                        check(engine, sink)
            elif op in ("edit", "delete"):
                notes = sorted(engine.state.notes)
                if notes:
                    note = notes[n % len(notes)]
                    if op == "edit":
                        engine.edit_note(note, f"edited {n}")
                    else:
                        engine.delete_note(note)
            else:
                do(engine, clock, op, n)
        if check is not None:
            check(engine, sink)
    return engine, sink


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=agendas, crowd=st.integers(0, len(NAMES)), script=long_steps)
def test_undo_after_restarts_and_long_runs_equals_the_fold(
    monkeypatch: pytest.MonkeyPatch, text: str, crowd: int, script: list[Step]
) -> None:
    """Long evenings, restarts (undo reaches back before them), RSVP lists arriving between
    commands, streaks of ctrl+z longer than the undo log keeps: always the fold's state."""
    monkeypatch.setattr(undo, "DEPTH", 4)  # the same for every example: streaks outrun it
    long_evening(text, crowd, script, check=lambda e, sink: same_as_the_fold(e, sink.records))
