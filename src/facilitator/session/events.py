"""The events of a session: what the journal holds, one JSON object per line.

Every event carries `seq` (its position in the journal), `at` (wall-clock UTC) and `cmd`, the
seq of the first event of the host's command that produced it, so one `ctrl+z` undoes a whole
command. Events are facts in the past tense; the state is a fold over them (see fold.py).

They are msgspec Structs: a resume decodes a long record at the speed of reading it (the lines go
straight from JSON to events, record/reading.py) into objects lighter than the lines as dicts.
The checks are in the types: an unknown field, a missing or unknown `type`, an id below 0, a
value outside its literals are refused, with the field's path (`$.seq`) in the message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal, cast

import msgspec
from msgspec import Meta, Struct

SCHEMA_VERSION = 1

Outcome = Literal["spoke", "passed", "absent"]
QueueOrder = Literal["fifo", "progressive"]
Id = Annotated[int, Meta(ge=0)]


class BaseEvent(
    Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="type", gc=False
):
    # gc=False: events hold no cycles, so the collector never walks a long record's events.
    type: ClassVar[str]
    seq: Id
    at: datetime
    cmd: Id


class SessionCreated(BaseEvent, tag="session_created", frozen=True, kw_only=True):
    """First line of every record: the agenda as it was, so a record stands on its own."""

    type: ClassVar[Literal["session_created"]] = "session_created"
    schema_version: int = SCHEMA_VERSION
    agenda: dict[str, Any]
    agenda_path: str | None = None
    expected: list[str] = []
    speed: float = 1.0


class SessionStarted(BaseEvent, tag="session_started", frozen=True):
    type: ClassVar[Literal["session_started"]] = "session_started"
    planned_start: datetime


class SessionEnded(BaseEvent, tag="session_ended", frozen=True):
    type: ClassVar[Literal["session_ended"]] = "session_ended"


class ProcessResumed(BaseEvent, tag="process_resumed", frozen=True):
    """The app was restarted on this record (after a crash or a quit)."""

    type: ClassVar[Literal["process_resumed"]] = "process_resumed"
    down_seconds: float = 0.0


class ClockPaused(BaseEvent, tag="clock_paused", frozen=True):
    type: ClassVar[Literal["clock_paused"]] = "clock_paused"


class ClockResumed(BaseEvent, tag="clock_resumed", frozen=True):
    type: ClassVar[Literal["clock_resumed"]] = "clock_resumed"


class SpeedChanged(BaseEvent, tag="speed_changed", frozen=True):
    """A rehearsal's clock runs `speed` times faster than the wall clock from here (1: real
    time, to practise turns). Times in a rehearsal's record are on its own, faster clock."""

    type: ClassVar[Literal["speed_changed"]] = "speed_changed"
    speed: Annotated[float, Meta(gt=0)]


class SegmentStarted(BaseEvent, tag="segment_started", frozen=True):
    type: ClassVar[Literal["segment_started"]] = "segment_started"
    index: Id
    seed: int | None = None


class SegmentExtended(BaseEvent, tag="segment_extended", frozen=True):
    type: ClassVar[Literal["segment_extended"]] = "segment_extended"
    seconds: int


class AttendeesListed(BaseEvent, tag="attendees_listed", frozen=True):
    """Names expected (RSVPs), offered for quick check-in."""

    type: ClassVar[Literal["attendees_listed"]] = "attendees_listed"
    names: list[str]


class PersonCheckedIn(BaseEvent, tag="person_checked_in", frozen=True):
    """A new arrival, or someone who had left coming back (same person_id)."""

    type: ClassVar[Literal["person_checked_in"]] = "person_checked_in"
    person_id: Id
    name: str


class PersonLeft(BaseEvent, tag="person_left", frozen=True):
    type: ClassVar[Literal["person_left"]] = "person_left"
    person_id: Id


class TurnEnded(BaseEvent, tag="turn_ended", frozen=True):
    type: ClassVar[Literal["turn_ended"]] = "turn_ended"
    outcome: Outcome


class RoundClosed(BaseEvent, tag="round_closed", frozen=True):
    """The host moved on from an empty round (nobody left to speak)."""

    type: ClassVar[Literal["round_closed"]] = "round_closed"


class HandRaised(BaseEvent, tag="hand_raised", frozen=True):
    type: ClassVar[Literal["hand_raised"]] = "hand_raised"
    person_id: Id


class HandLowered(BaseEvent, tag="hand_lowered", frozen=True):
    type: ClassVar[Literal["hand_lowered"]] = "hand_lowered"
    person_id: Id


class QueueOrderSet(BaseEvent, tag="queue_order_set", frozen=True):
    type: ClassVar[Literal["queue_order_set"]] = "queue_order_set"
    order: QueueOrder


class NoteAdded(BaseEvent, tag="note_added", frozen=True):
    type: ClassVar[Literal["note_added"]] = "note_added"
    note_id: Id
    text: str
    segment: int | None = None
    speaker_id: int | None = None
    # Who wrote it, when not the host: a note-taker's name. Left out of the line when None, so
    # the host's notes are written as before and older versions still read them.
    author: str | None = None


class NoteEdited(BaseEvent, tag="note_edited", frozen=True):
    type: ClassVar[Literal["note_edited"]] = "note_edited"
    note_id: Id
    text: str


class NoteDeleted(BaseEvent, tag="note_deleted", frozen=True):
    type: ClassVar[Literal["note_deleted"]] = "note_deleted"
    note_id: Id


class TopicNominated(BaseEvent, tag="topic_nominated", frozen=True):
    type: ClassVar[Literal["topic_nominated"]] = "topic_nominated"
    topic_id: Id
    topic: str
    by: int | None = None
    source: Literal["nominated", "backlog"] = "nominated"


class TopicWithdrawn(BaseEvent, tag="topic_withdrawn", frozen=True):
    type: ClassVar[Literal["topic_withdrawn"]] = "topic_withdrawn"
    topic_id: Id


class VotesRecorded(BaseEvent, tag="votes_recorded", frozen=True):
    """The count of votes (or hands, or dots) for one topic in the current round of voting."""

    type: ClassVar[Literal["votes_recorded"]] = "votes_recorded"
    topic_id: Id
    votes: Id


class RunoffStarted(BaseEvent, tag="runoff_started", frozen=True):
    type: ClassVar[Literal["runoff_started"]] = "runoff_started"
    topic_ids: list[int]


class VoteClosed(BaseEvent, tag="vote_closed", frozen=True):
    type: ClassVar[Literal["vote_closed"]] = "vote_closed"
    winner: Id
    decided_by: Literal["votes", "runoff", "host"]


class Undone(BaseEvent, tag="undone", frozen=True):
    type: ClassVar[Literal["undone"]] = "undone"
    target: Id


Event = (
    SessionCreated
    | SessionStarted
    | SessionEnded
    | ProcessResumed
    | ClockPaused
    | ClockResumed
    | SpeedChanged
    | SegmentStarted
    | SegmentExtended
    | AttendeesListed
    | PersonCheckedIn
    | PersonLeft
    | TurnEnded
    | RoundClosed
    | HandRaised
    | HandLowered
    | QueueOrderSet
    | NoteAdded
    | NoteEdited
    | NoteDeleted
    | TopicNominated
    | TopicWithdrawn
    | VotesRecorded
    | RunoffStarted
    | VoteClosed
    | Undone
)
"""One line of the record."""

#: Events that are facts about the process, the record or its clock, not the host's actions on
#: the meetup: never undone (a speed change happened to the clock; undoing it would falsify the
#: rehearsal's real duration).
NOT_UNDOABLE = ("session_created", "process_resumed", "undone", "attendees_listed", "speed_changed")

EventError = msgspec.ValidationError
"""What a line that is not a valid event raises: its message names the field (`$.seq`)."""

_BASE = ("seq", "at", "cmd")
_ORDER: dict[type[BaseEvent], tuple[str, ...]] = {
    cls: tuple(f for f in cls.__struct_fields__ if f not in _BASE)
    for cls in BaseEvent.__subclasses__()
}
_WHEN_SET = ("author",)
"""Fields written only when set: added later, so records from before (and older versions
reading newer records) see the lines they know."""


def parse_event(record: dict[str, Any]) -> Event:
    """Validate one journal record (raises EventError)."""
    return cast(Event, msgspec.convert(record, Event))


def parse_events(records: list[dict[str, Any]]) -> list[Event]:
    return msgspec.convert(records, list[Event])


def stamp(event_type: type[BaseEvent], fields: dict[str, Any]) -> Event:
    """A new event from the engine, checked like one read from the record."""
    return msgspec.convert(fields, event_type, from_attributes=False)  # type: ignore[return-value]


def to_record(event: Event) -> dict[str, Any]:
    """The record's line as a dict: seq, at, cmd, type, then the event's own fields."""
    data = msgspec.to_builtins(event)
    record = {"seq": data["seq"], "at": data["at"], "cmd": data["cmd"], "type": event.type}
    for name in _ORDER[type(event)]:
        value = data[name]
        if value is not None or name not in _WHEN_SET:
            record[name] = value
    return record
