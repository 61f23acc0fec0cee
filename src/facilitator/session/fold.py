"""The fold: how each event changes the session's state.

`apply` updates the state in place for one event (the fold owns the state; no I/O, no clock:
every time comes from the event). `fold` builds a state from a whole journal, leaving out the
commands that were undone. Who speaks next, what a pass or an absence means, and when a round
gives way to the open floor are decided here and nowhere else.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from typing import Any

from facilitator.agenda import Segment, agenda_from_json
from facilitator.identity import name_key, unique
from facilitator.session import events as ev
from facilitator.session.state import (
    ROUND_KINDS,
    Nomination,
    Note,
    Person,
    QueueItem,
    SegmentRun,
    SessionState,
    Turn,
    TurnKind,
    VoteRound,
    note_kind,
    note_urls,
)


def new_state(created: ev.SessionCreated) -> SessionState:
    return SessionState(
        agenda=agenda_from_json(created.agenda),
        agenda_path=created.agenda_path,
        created_at=created.at,
        speed=created.speed,
        expected=unique(created.expected),
    )


def fold(events: list[ev.Event]) -> SessionState:
    """The state after `events` (the first must be SessionCreated), undone commands left out."""
    if not events or not isinstance(events[0], ev.SessionCreated):
        raise ValueError("a record starts with session_created")
    undone = {e.target for e in events if isinstance(e, ev.Undone)}
    state = new_state(events[0])
    for event in events[1:]:
        if event.cmd not in undone:
            apply(state, event)
    return state


def round_order(state: SessionState, segment: Segment, seed: int | None) -> list[int]:
    """Everyone present, in the segment's order; `shuffle` is replayable from its recorded seed."""
    people = state.present()
    if segment.order == "alphabetical":
        people.sort(key=lambda p: (p.name.casefold(), p.arrival))
    elif segment.order == "shuffle":
        random.Random(seed).shuffle(people)
    elif segment.order == "as-listed":
        listed = [name_key(n) for n in [*(p.name for p in state.agenda.people), *state.expected]]
        rank = {name: i for i, name in reversed(list(enumerate(listed)))}
        people.sort(key=lambda p: (rank.get(name_key(p.name), len(rank)), p.arrival))
    return [p.id for p in people]


def apply(state: SessionState, event: ev.Event) -> SessionState:
    """Apply one event to the state in place (and return it)."""
    handler = _HANDLERS.get(event.type)
    if handler is not None:
        handler(state, event)
    return state


def _session_started(state: SessionState, e: ev.SessionStarted) -> None:
    state.started_at = e.at
    state.planned_start = e.planned_start
    state.running_since = e.at
    state.run_base = 0.0
    state.paused_since = None


def _close_segment(state: SessionState, at: datetime) -> None:
    run = state.run
    if run is None:
        return
    if run.current_turn is not None:
        _end_turn(state, at, "spoke")
    run.ended_at = at
    run.ended_run = state.run_at(at)
    state.hands.clear()


def _segment_started(state: SessionState, e: ev.SegmentStarted) -> None:
    _close_segment(state, e.at)
    segment = state.agenda.segments[e.index]
    run = SegmentRun(index=e.index, started_at=e.at, started_run=state.run_at(e.at), seed=e.seed)
    state.runs[e.index] = run
    state.current = e.index
    if segment.kind in ROUND_KINDS:
        run.phase = "round"
        run.queue = [QueueItem(pid) for pid in round_order(state, segment, e.seed)]
        _advance(state, e.at)
    if segment.kind == "voting":
        state.vote.segment = e.index


def _session_ended(state: SessionState, e: ev.SessionEnded) -> None:
    _close_segment(state, e.at)
    state.run_base = state.run_at(e.at)
    state.running_since = None
    state.paused_since = None
    state.ended_at = e.at
    state.current = None


def _clock_paused(state: SessionState, e: ev.ClockPaused) -> None:
    state.run_base = state.run_at(e.at)
    state.running_since = None
    state.paused_since = e.at


def _clock_resumed(state: SessionState, e: ev.ClockResumed) -> None:
    state.running_since = e.at
    state.paused_since = None


def _segment_extended(state: SessionState, e: ev.SegmentExtended) -> None:
    if state.run is not None:
        state.run.extra_seconds += e.seconds


def _attendees_listed(state: SessionState, e: ev.AttendeesListed) -> None:
    state.expected = unique([*state.expected, *e.names])


def _person_checked_in(state: SessionState, e: ev.PersonCheckedIn) -> None:
    person = state.people.get(e.person_id)
    if person is None:
        person = Person(e.person_id, e.name, True, e.at, len(state.people))
        state.people[e.person_id] = person
    person.present = True
    run = state.run
    if run is None or run.phase != "round":
        return
    # A late arrival (or someone back) joins the end of the round, before the revisits of passers,
    # unless they already had their turn in it.
    had_turn = any(
        t.person_id == person.id and t.kind == "round" and t.outcome != "absent"
        for t in state.segment_turns(run.index)
    )
    queued = any(item.person_id == person.id for item in run.queue)
    speaking = state.current_turn is not None and state.current_turn.person_id == person.id
    if had_turn or queued or speaking:
        return
    first_revisit = next((i for i, item in enumerate(run.queue) if item.revisit), len(run.queue))
    run.queue.insert(first_revisit, QueueItem(person.id))
    if run.current_turn is None:
        _advance(state, e.at)


def _forget(state: SessionState, person_id: int) -> None:
    run = state.run
    if run is not None:
        run.queue = [item for item in run.queue if item.person_id != person_id]
    if person_id in state.hands:
        state.hands.remove(person_id)


def _person_left(state: SessionState, e: ev.PersonLeft) -> None:
    person = state.people[e.person_id]
    turn = state.current_turn
    if turn is not None and turn.person_id == person.id:
        _end_turn(state, e.at, "absent")
        _advance(state, e.at)
    person.present = False
    _forget(state, person.id)


def _end_turn(state: SessionState, at: datetime, outcome: ev.Outcome) -> None:
    run = state.run
    assert run is not None and run.current_turn is not None
    turn = state.turns[run.current_turn]
    turn.ended_at = at
    turn.ended_run = state.run_at(at)
    turn.outcome = outcome
    run.current_turn = None
    segment = state.agenda.segments[run.index]
    if outcome == "absent":
        state.people[turn.person_id].present = False
        _forget(state, turn.person_id)
    elif outcome == "passed" and turn.kind == "round" and segment.revisit_passed:
        run.queue.append(QueueItem(turn.person_id, revisit=True))


def _start_turn(state: SessionState, at: datetime, person_id: int, kind: TurnKind) -> None:
    run = state.run
    assert run is not None
    state.turns.append(Turn(person_id, run.index, kind, at, state.run_at(at)))
    run.current_turn = len(state.turns) - 1


def _advance(state: SessionState, at: datetime) -> None:
    """Start the next turn: the round's queue first, then (with open floor) the raised hands."""
    run = state.run
    if run is None or run.current_turn is not None:
        return
    segment = state.agenda.segments[run.index]
    if run.phase == "round":
        while run.queue:
            item = run.queue.pop(0)
            if state.people[item.person_id].present:
                _start_turn(state, at, item.person_id, "revisit" if item.revisit else "round")
                return
        if not state.present() and not state.segment_turns(run.index):
            return  # an empty room: the round waits for its first arrival
        run.phase = "open floor" if segment.open_floor else "done"
    if run.phase == "open floor":
        pid = state.next_hand()
        if pid is not None:
            state.hands.remove(pid)
            _start_turn(state, at, pid, "floor")


def _turn_ended(state: SessionState, e: ev.TurnEnded) -> None:
    _end_turn(state, e.at, e.outcome)
    _advance(state, e.at)


def _round_closed(state: SessionState, e: ev.RoundClosed) -> None:
    run = state.run
    if run is not None and run.phase == "round":
        run.queue.clear()
        segment = state.agenda.segments[run.index]
        run.phase = "open floor" if segment.open_floor else "done"
        _advance(state, e.at)


def _hand_raised(state: SessionState, e: ev.HandRaised) -> None:
    if e.person_id not in state.hands:
        state.hands.append(e.person_id)
    _advance(state, e.at)


def _hand_lowered(state: SessionState, e: ev.HandLowered) -> None:
    if e.person_id in state.hands:
        state.hands.remove(e.person_id)


def _queue_order_set(state: SessionState, e: ev.QueueOrderSet) -> None:
    state.hands_order = e.order


def _note_added(state: SessionState, e: ev.NoteAdded) -> None:
    state.notes[e.note_id] = Note(
        e.note_id, e.text, note_kind(e.text), note_urls(e.text), e.segment, e.speaker_id, e.at
    )


def _note_edited(state: SessionState, e: ev.NoteEdited) -> None:
    note = state.notes[e.note_id]
    note.text, note.kind, note.urls = e.text, note_kind(e.text), note_urls(e.text)
    note.edited_at = e.at


def _note_deleted(state: SessionState, e: ev.NoteDeleted) -> None:
    state.notes.pop(e.note_id, None)


def _topic_nominated(state: SessionState, e: ev.TopicNominated) -> None:
    state.vote.nominations[e.topic_id] = Nomination(e.topic_id, e.topic, e.by, e.source, e.at)


def _topic_withdrawn(state: SessionState, e: ev.TopicWithdrawn) -> None:
    state.vote.nominations[e.topic_id].withdrawn = True
    for round_ in state.vote.rounds:
        round_.counts.pop(e.topic_id, None)


def _votes_recorded(state: SessionState, e: ev.VotesRecorded) -> None:
    state.vote.rounds[-1].counts[e.topic_id] = e.votes


def _runoff_started(state: SessionState, e: ev.RunoffStarted) -> None:
    state.vote.rounds.append(VoteRound(list(e.topic_ids)))


def _vote_closed(state: SessionState, e: ev.VoteClosed) -> None:
    state.vote.winner = e.winner
    state.vote.decided_by = e.decided_by


def _process_resumed(state: SessionState, e: ev.ProcessResumed) -> None:
    state.resumes.append((e.at, e.down_seconds))


_HANDLERS: dict[str, Callable[[SessionState, Any], None]] = {
    "session_started": _session_started,
    "session_ended": _session_ended,
    "clock_paused": _clock_paused,
    "clock_resumed": _clock_resumed,
    "segment_started": _segment_started,
    "segment_extended": _segment_extended,
    "attendees_listed": _attendees_listed,
    "person_checked_in": _person_checked_in,
    "person_left": _person_left,
    "turn_ended": _turn_ended,
    "round_closed": _round_closed,
    "hand_raised": _hand_raised,
    "hand_lowered": _hand_lowered,
    "queue_order_set": _queue_order_set,
    "note_added": _note_added,
    "note_edited": _note_edited,
    "note_deleted": _note_deleted,
    "topic_nominated": _topic_nominated,
    "topic_withdrawn": _topic_withdrawn,
    "votes_recorded": _votes_recorded,
    "runoff_started": _runoff_started,
    "vote_closed": _vote_closed,
    "process_resumed": _process_resumed,
}
