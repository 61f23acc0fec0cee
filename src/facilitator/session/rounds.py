"""Presence and rounds: who is here, whose turn it is, passes, absences, raised hands.

Decisions (pure: state and arguments in, drafts out, or a CommandError) come first; then how
their events change the state. Who speaks next, what a pass or an absence means, and when a
round gives way to the open floor are decided here and nowhere else.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime

from facilitator.agenda import Segment
from facilitator.identity import name_key, unique
from facilitator.session import events as ev
from facilitator.session.drafts import CommandError, Draft, clean_text, draft
from facilitator.session.state import Person, QueueItem, SessionState, Turn, TurnKind

# -- decisions ----------------------------------------------------------------------------------


def require_running(state: SessionState) -> None:
    if not state.started:
        raise CommandError("The session has not started: press space to start")
    if state.finished:
        raise CommandError("The session has ended")


def _require_turns(state: SessionState) -> Segment:
    require_running(state)
    segment = state.segment
    assert segment is not None
    if not segment.has_turns:
        raise CommandError(f"There are no speaking turns in {segment.title}")
    return segment


def check_in(state: SessionState, name: str, new_id: int) -> list[Draft]:
    """`a`: someone arrives, or comes back (the same person, found by name). Someone expected
    is checked in as listed: "zoe otaki" typed is "Zoë Ōtaki" from the RSVPs."""
    if state.finished:
        raise CommandError("The session has ended")
    name = clean_text(name, "name")
    known = state.find_person(name)
    if known is None:
        key = name_key(name)
        listed = next((n for n in expected_names(state) if name_key(n) == key), name)
        return [draft(ev.PersonCheckedIn, person_id=new_id, name=listed)]
    if known.present:
        raise CommandError(f"{known.name} is already checked in")
    return [draft(ev.PersonCheckedIn, person_id=known.id, name=known.name)]


def list_attendees(state: SessionState, names: Iterable[str]) -> list[Draft]:
    """Names expected (RSVPs) that the session does not list yet."""
    fresh = unique(names, drop=state.expected)
    return [draft(ev.AttendeesListed, names=fresh)] if fresh else []


def mark_left(state: SessionState, person_id: int) -> list[Draft]:
    person = state.people.get(person_id)
    if person is None or not person.present:
        raise CommandError("That person is not here")
    return [draft(ev.PersonLeft, person_id=person_id)]


def next_speaker(state: SessionState) -> list[Draft]:
    """`n`: the current speaker is done; the next one is up."""
    _require_turns(state)
    run = state.run
    assert run is not None
    if run.current_turn is not None:
        return [draft(ev.TurnEnded, outcome="spoke")]
    if run.phase == "round":
        return [draft(ev.RoundClosed)]
    if run.phase == "open floor":
        raise CommandError("Nobody has a hand up: press h to add someone to the queue")
    raise CommandError("The round is over: press ] for the next segment")


def pass_turn(state: SessionState) -> list[Draft]:
    """`p`: the current speaker passes (offered one more turn at the end, if so set)."""
    segment = _require_turns(state)
    if state.current_turn is None:
        raise CommandError("Nobody is speaking")
    if not segment.allow_pass:
        raise CommandError(f"Passing is off in {segment.title}")
    return [draft(ev.TurnEnded, outcome="passed")]


def absent(state: SessionState) -> list[Draft]:
    """`x`: the current speaker is not here: skipped, not counted as a pass."""
    _require_turns(state)
    if state.current_turn is None:
        raise CommandError("Nobody is speaking")
    return [draft(ev.TurnEnded, outcome="absent")]


def raise_hand(state: SessionState, person_id: int) -> list[Draft]:
    """`h`: add someone to the open-floor queue."""
    segment = _require_turns(state)
    if not segment.open_floor:
        raise CommandError(f"{segment.title} has no open floor")
    person = state.people.get(person_id)
    if person is None or not person.present:
        raise CommandError("That person is not checked in")
    if person_id in state.hands:
        raise CommandError(f"{person.name} already has a hand up")
    turn = state.current_turn
    if turn is not None and turn.person_id == person_id and turn.kind == "floor":
        raise CommandError(f"{person.name} is speaking")
    return [draft(ev.HandRaised, person_id=person_id)]


def lower_hand(state: SessionState, person_id: int) -> list[Draft]:
    if person_id not in state.hands:
        raise CommandError("That hand is not up")
    return [draft(ev.HandLowered, person_id=person_id)]


def set_queue_order(state: SessionState, order: ev.QueueOrder) -> list[Draft]:
    return [] if state.hands_order == order else [draft(ev.QueueOrderSet, order=order)]


# -- queries --------------------------------------------------------------------------------------


def expected_names(state: SessionState) -> list[str]:
    """Everyone expected: the agenda's people and the RSVP list, each once."""
    return unique([*(p.name for p in state.agenda.people), *state.expected])


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


def ordered_hands(state: SessionState) -> list[int]:
    """The raised hands in the order they will speak: first come, or progressive stack (who
    has spoken least in this segment first, then first come)."""
    run = state.run
    if state.hands_order == "fifo" or run is None or len(state.hands) < 2:
        return list(state.hands)
    position = {pid: i for i, pid in enumerate(state.hands)}
    return sorted(state.hands, key=lambda pid: (run.spoke.get(pid, 0), position[pid]))


# -- how the events change the state -------------------------------------------------------------


def start_round(state: SessionState, at: datetime) -> None:
    """A segment with turns begins: everyone present is queued, and the first one is up."""
    run = state.run
    assert run is not None
    run.phase = "round"
    segment = state.agenda.segments[run.index]
    run.queue = [QueueItem(pid) for pid in round_order(state, segment, run.seed)]
    _advance(state, at)


def close_round(state: SessionState, at: datetime) -> None:
    """The segment ends: a turn still running counts as spoken; raised hands are put down."""
    run = state.run
    if run is not None and run.current_turn is not None:
        _end_turn(state, at, "spoke")
    state.hands.clear()


def attendees_listed(state: SessionState, e: ev.AttendeesListed) -> None:
    state.expected = unique([*state.expected, *e.names])


def person_checked_in(state: SessionState, e: ev.PersonCheckedIn) -> None:
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
    queued = any(item.person_id == person.id for item in run.queue)
    speaking = state.current_turn is not None and state.current_turn.person_id == person.id
    if run.round_turns.get(person.id, 0) or queued or speaking:
        return
    first_revisit = next((i for i, item in enumerate(run.queue) if item.revisit), len(run.queue))
    run.queue.insert(first_revisit, QueueItem(person.id))
    if run.current_turn is None:
        _advance(state, e.at)


def person_left(state: SessionState, e: ev.PersonLeft) -> None:
    person = state.people[e.person_id]
    turn = state.current_turn
    if turn is not None and turn.person_id == person.id:
        _end_turn(state, e.at, "absent")
        _advance(state, e.at)
    person.present = False
    _forget(state, person.id)


def turn_ended(state: SessionState, e: ev.TurnEnded) -> None:
    _end_turn(state, e.at, e.outcome)
    _advance(state, e.at)


def round_closed(state: SessionState, e: ev.RoundClosed) -> None:
    run = state.run
    if run is not None and run.phase == "round":
        run.queue.clear()
        segment = state.agenda.segments[run.index]
        run.phase = "open floor" if segment.open_floor else "done"
        _advance(state, e.at)


def hand_raised(state: SessionState, e: ev.HandRaised) -> None:
    if e.person_id not in state.hands:
        state.hands.append(e.person_id)
    _advance(state, e.at)


def hand_lowered(state: SessionState, e: ev.HandLowered) -> None:
    if e.person_id in state.hands:
        state.hands.remove(e.person_id)


def queue_order_set(state: SessionState, e: ev.QueueOrderSet) -> None:
    state.hands_order = e.order


def _forget(state: SessionState, person_id: int) -> None:
    run = state.run
    if run is not None:
        run.queue = [item for item in run.queue if item.person_id != person_id]
    if person_id in state.hands:
        state.hands.remove(person_id)


def _end_turn(state: SessionState, at: datetime, outcome: ev.Outcome) -> None:
    run = state.run
    assert run is not None and run.current_turn is not None
    turn = state.turns[run.current_turn]
    turn.ended_at = at
    turn.ended_run = state.run_at(at)
    turn.outcome = outcome
    run.current_turn = None
    run.turned[turn.person_id] = outcome
    if outcome == "spoke":
        run.spoke[turn.person_id] = run.spoke.get(turn.person_id, 0) + 1
    segment = state.agenda.segments[run.index]
    if outcome == "absent":
        if turn.kind == "round":
            run.round_turns[turn.person_id] -= 1
        state.people[turn.person_id].present = False
        _forget(state, turn.person_id)
    elif outcome == "passed" and turn.kind == "round" and segment.revisit_passed:
        run.queue.append(QueueItem(turn.person_id, revisit=True))


def _start_turn(state: SessionState, at: datetime, person_id: int, kind: TurnKind) -> None:
    run = state.run
    assert run is not None
    state.turns.append(Turn(person_id, run.index, kind, at, state.run_at(at)))
    run.current_turn = len(state.turns) - 1
    run.turned.setdefault(person_id, None)  # a revisit keeps showing the pass until it ends
    if kind == "round":
        run.round_turns[person_id] = run.round_turns.get(person_id, 0) + 1


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
        if not state.present() and not run.turned:
            return  # an empty room: the round waits for its first arrival
        run.phase = "open floor" if segment.open_floor else "done"
    if run.phase == "open floor":
        hands = ordered_hands(state)
        if hands:
            state.hands.remove(hands[0])
            _start_turn(state, at, hands[0], "floor")
