"""The events of a session: what the journal holds, one JSON object per line.

Every event carries `seq` (its position in the journal), `at` (wall-clock UTC) and `cmd`, the
seq of the first event of the host's command that produced it, so one `ctrl+z` undoes a whole
command. Events are facts in the past tense; the state is a fold over them (see fold.py).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

SCHEMA_VERSION = 1

Outcome = Literal["spoke", "passed", "absent"]
QueueOrder = Literal["fifo", "progressive"]


class BaseEvent(BaseModel):
    # Validators are built on first use, not at import: start-up is part of the product.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    seq: int = Field(ge=0)
    at: datetime
    cmd: int = Field(ge=0)


class SessionCreated(BaseEvent):
    """First line of every record: the agenda as it was, so a record stands on its own."""

    type: Literal["session_created"] = "session_created"
    schema_version: int = SCHEMA_VERSION
    agenda: dict[str, Any]
    agenda_path: str | None = None
    expected: list[str] = []
    speed: float = 1.0


class SessionStarted(BaseEvent):
    type: Literal["session_started"] = "session_started"
    planned_start: datetime


class SessionEnded(BaseEvent):
    type: Literal["session_ended"] = "session_ended"


class ProcessResumed(BaseEvent):
    """The app was restarted on this record (after a crash or a quit)."""

    type: Literal["process_resumed"] = "process_resumed"
    down_seconds: float = 0.0


class ClockPaused(BaseEvent):
    type: Literal["clock_paused"] = "clock_paused"


class ClockResumed(BaseEvent):
    type: Literal["clock_resumed"] = "clock_resumed"


class SegmentStarted(BaseEvent):
    type: Literal["segment_started"] = "segment_started"
    index: int = Field(ge=0)
    seed: int | None = None


class SegmentExtended(BaseEvent):
    type: Literal["segment_extended"] = "segment_extended"
    seconds: int


class AttendeesListed(BaseEvent):
    """Names expected (RSVPs), offered for quick check-in."""

    type: Literal["attendees_listed"] = "attendees_listed"
    names: list[str]


class PersonCheckedIn(BaseEvent):
    """A new arrival, or someone who had left coming back (same person_id)."""

    type: Literal["person_checked_in"] = "person_checked_in"
    person_id: int = Field(ge=0)
    name: str


class PersonLeft(BaseEvent):
    type: Literal["person_left"] = "person_left"
    person_id: int = Field(ge=0)


class TurnEnded(BaseEvent):
    type: Literal["turn_ended"] = "turn_ended"
    outcome: Outcome


class RoundClosed(BaseEvent):
    """The host moved on from an empty round (nobody left to speak)."""

    type: Literal["round_closed"] = "round_closed"


class HandRaised(BaseEvent):
    type: Literal["hand_raised"] = "hand_raised"
    person_id: int = Field(ge=0)


class HandLowered(BaseEvent):
    type: Literal["hand_lowered"] = "hand_lowered"
    person_id: int = Field(ge=0)


class QueueOrderSet(BaseEvent):
    type: Literal["queue_order_set"] = "queue_order_set"
    order: QueueOrder


class NoteAdded(BaseEvent):
    type: Literal["note_added"] = "note_added"
    note_id: int = Field(ge=0)
    text: str
    segment: int | None = None
    speaker_id: int | None = None
    # Who wrote it, when not the host: a note-taker's name. Left out of the line when None, so
    # the host's notes are written as before and older versions still read them.
    author: str | None = Field(default=None, exclude_if=lambda v: v is None)


class NoteEdited(BaseEvent):
    type: Literal["note_edited"] = "note_edited"
    note_id: int = Field(ge=0)
    text: str


class NoteDeleted(BaseEvent):
    type: Literal["note_deleted"] = "note_deleted"
    note_id: int = Field(ge=0)


class TopicNominated(BaseEvent):
    type: Literal["topic_nominated"] = "topic_nominated"
    topic_id: int = Field(ge=0)
    topic: str
    by: int | None = None
    source: Literal["nominated", "backlog"] = "nominated"


class TopicWithdrawn(BaseEvent):
    type: Literal["topic_withdrawn"] = "topic_withdrawn"
    topic_id: int = Field(ge=0)


class VotesRecorded(BaseEvent):
    """The count of votes (or hands, or dots) for one topic in the current round of voting."""

    type: Literal["votes_recorded"] = "votes_recorded"
    topic_id: int = Field(ge=0)
    votes: int = Field(ge=0)


class RunoffStarted(BaseEvent):
    type: Literal["runoff_started"] = "runoff_started"
    topic_ids: list[int]


class VoteClosed(BaseEvent):
    type: Literal["vote_closed"] = "vote_closed"
    winner: int = Field(ge=0)
    decided_by: Literal["votes", "runoff", "host"]


class Undone(BaseEvent):
    type: Literal["undone"] = "undone"
    target: int = Field(ge=0)


Event = Annotated[
    SessionCreated
    | SessionStarted
    | SessionEnded
    | ProcessResumed
    | ClockPaused
    | ClockResumed
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
    | Undone,
    Field(discriminator="type"),
]


@cache
def _adapter() -> TypeAdapter[Event]:
    return TypeAdapter(Event)


#: Events that are facts about the process or the record, not the host's actions: never undone.
NOT_UNDOABLE = ("session_created", "process_resumed", "undone", "attendees_listed")


def parse_event(record: dict[str, Any]) -> Event:
    """Validate one journal record (raises pydantic.ValidationError)."""
    return _adapter().validate_python(record)


def parse_events(records: list[dict[str, Any]]) -> list[Event]:
    return [_adapter().validate_python(record) for record in records]


def to_record(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json")
