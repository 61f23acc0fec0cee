"""The room view: what everyone in the room may see, from the back of it.

One view for the projector (F5), `facilitator display` and the shared room page, built from the
host's own views with everything private left out (notes, passes, absences).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from facilitator.session.state import SessionState
from facilitator.session.views.ballot import vote
from facilitator.session.views.base import ScreenKind, screen_kind
from facilitator.session.views.people import round_
from facilitator.session.views.timing import (
    CountdownView,
    SpeakerView,
    agenda,
    countdown,
    speaker,
)

ROOM_NEXT = 3
"""How many of the people queued next the room sees."""


@dataclass(frozen=True, slots=True)
class Reading:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class NextPart:
    title: str
    at: datetime
    """Its planned clock start."""


@dataclass(frozen=True, slots=True)
class RoomTopic:
    topic: str
    votes: int
    tied: bool
    winner: bool


@dataclass(frozen=True, slots=True)
class RoomView:
    """What the room reads from the back (a projector, a second screen, a shared page).

    Built for everyone: it carries no note, no pass, no absence, and nothing else the host
    typed for themselves. Names appear only as the speaker, the next ones up and raised hands.
    """

    kind: ScreenKind
    title: str
    group: str | None
    date: date | None
    venue: str | None
    materials: tuple[Reading, ...]
    countdown: CountdownView
    next_part: NextPart | None
    """The segment after this one (before the start: the first), with its planned time."""
    here: int
    speaker: SpeakerView
    up_next: tuple[str, ...]
    """The next few in the round (queued order), or the next hands on the open floor."""
    hands: tuple[str, ...]
    """Raised hands, in the order they will be served."""
    vote_method: str
    topics: tuple[RoomTopic, ...]
    """Most votes first."""
    tie: bool
    next_topic: str | None
    """The vote's winner, once decided."""
    now: datetime
    """The time in the room (the wall clock it shows)."""
    speed: float
    """1 for the evening; a rehearsal runs faster, and says so."""


def room(state: SessionState, now: datetime) -> RoomView:
    session = state.agenda.session
    plan = agenda(state, now).rows
    following = 0 if state.current is None else state.current + 1
    next_part = None
    if not state.finished and following < len(plan):
        next_part = NextPart(plan[following].title, plan[following].start)
    turns = round_(state)
    hands = tuple(p.name for p in turns.hands) if turns is not None else ()
    queued = tuple(p.name for p in turns.next) if turns is not None else ()
    ballot = vote(state)
    return RoomView(
        kind=screen_kind(state),
        title=session.title,
        group=session.group,
        date=session.date,
        venue=session.venue,
        materials=tuple(Reading(m.title, m.url) for m in session.materials),
        countdown=countdown(state, now),
        next_part=next_part,
        here=len(state.present()),
        speaker=speaker(state, now),
        up_next=(queued or hands)[:ROOM_NEXT],
        hands=hands,
        vote_method=ballot.method,
        topics=tuple(RoomTopic(r.topic, r.votes, r.tied, r.winner) for r in ballot.rows),
        tie=ballot.tie,
        next_topic=ballot.winner,
        now=now,
        speed=state.speed,
    )
