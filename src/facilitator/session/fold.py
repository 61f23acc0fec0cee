"""The fold: a session's state is its events applied in order, leaving out undone commands.

`apply` is a typed `match` over the event union: each event goes to the apply function of the
rule module it belongs to (rounds, notes, voting, schedule). An event type added to the union
and not handled here is a mypy error (`assert_never`), not a silently ignored line.
"""

from __future__ import annotations

from typing import assert_never

from facilitator.agenda import agenda_from_json
from facilitator.identity import unique
from facilitator.session import events as ev
from facilitator.session import notes, rounds, schedule, voting
from facilitator.session.state import SessionState


def new_state(created: ev.SessionCreated) -> SessionState:
    return SessionState(
        agenda=agenda_from_json(created.agenda),
        agenda_path=created.agenda_path,
        created_at=created.at,
        speed=created.speed,
        speeds=[created.speed],
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


def apply(state: SessionState, event: ev.Event) -> SessionState:
    """Apply one event to the state in place (and return it)."""
    # The commonest events first: a long record is mostly turns, notes and hands.
    match event:
        case ev.TurnEnded():
            rounds.turn_ended(state, event)
        case ev.NoteAdded():
            notes.note_added(state, event)
        case ev.HandRaised():
            rounds.hand_raised(state, event)
        case ev.PersonCheckedIn():
            rounds.person_checked_in(state, event)
        case ev.NoteEdited():
            notes.note_edited(state, event)
        case ev.NoteDeleted():
            notes.note_deleted(state, event)
        case ev.RoundClosed():
            rounds.round_closed(state, event)
        case ev.HandLowered():
            rounds.hand_lowered(state, event)
        case ev.PersonLeft():
            rounds.person_left(state, event)
        case ev.SessionStarted():
            schedule.session_started(state, event)
        case ev.SessionEnded():
            schedule.session_ended(state, event)
        case ev.ProcessResumed():
            schedule.process_resumed(state, event)
        case ev.ClockPaused():
            schedule.clock_paused(state, event)
        case ev.ClockResumed():
            schedule.clock_resumed(state, event)
        case ev.SpeedChanged():
            schedule.speed_changed(state, event)
        case ev.SegmentStarted():
            schedule.segment_started(state, event)
        case ev.SegmentExtended():
            schedule.segment_extended(state, event)
        case ev.AttendeesListed():
            rounds.attendees_listed(state, event)
        case ev.QueueOrderSet():
            rounds.queue_order_set(state, event)
        case ev.TopicNominated():
            voting.topic_nominated(state, event)
        case ev.TopicWithdrawn():
            voting.topic_withdrawn(state, event)
        case ev.VotesRecorded():
            voting.votes_recorded(state, event)
        case ev.RunoffStarted():
            voting.runoff_started(state, event)
        case ev.VoteClosed():
            voting.vote_closed(state, event)
        case ev.SessionCreated() | ev.Undone():
            pass  # the record's first line builds the state; an undo is handled by `fold`
        case _:
            assert_never(event)
    return state
