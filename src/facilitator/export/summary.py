"""The summary of a session: one pydantic model, built from a record, that every format renders.

Markdown, JSON and HTML all start from `build_summary`, so they cannot disagree, and the JSON
export is this model dumped as is (its JSON Schema is docs/record.schema.json). Times are UTC
datetimes here; renderers show them in the local time zone. Everything is a function of the
events: "now" for a session still running is the time of its last event, never the wall clock.
"""

from __future__ import annotations

import json
from datetime import date as Day
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from facilitator.export.names import Namer
from facilitator.record.reading import Record
from facilitator.session import events as ev
from facilitator.session import schedule, views, voting
from facilitator.session.state import SessionState, Turn
from facilitator.session.voting import tally

SUMMARY_SCHEMA = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Material(_Model):
    title: str
    url: str | None = None


class SessionInfo(_Model):
    """What the agenda said about the session, and when it actually ran."""

    title: str
    group: str | None = None
    host: str | None = Field(None, description="The host's name (anonymised with the rest).")
    date: Day | None = Field(
        None,
        description="The day the session started (local time); before it starts, the agenda's"
        " date.",
    )
    planned_date: Day | None = Field(None, description="The agenda's date, if it gives one.")
    venue: str | None = None
    topic: str | None = None
    description: str | None = None
    format: str | None = None
    status: Literal["not started", "running", "finished"]
    rehearsal: bool = Field(
        False, description="A rehearsal (`run --speed`): its times are on its own, faster clock."
    )
    speed: float = Field(
        1.0,
        description="How many times faster than real time a rehearsal's clock ran (the last of"
        " `speeds`); 1 if not.",
    )
    speeds: list[float] = Field(
        [1.0],
        description="A rehearsal's speeds, in order: more than one when it was resumed with"
        " another `run --speed` (parts at real speed are `speed_changed`). [1] for a real session.",
    )
    speed_changed: bool = Field(
        False, description="The host ran parts of the rehearsal at real speed (to practise turns)."
    )
    real_seconds: int | None = Field(
        None,
        description="Wall-clock seconds from the start to the end (so far, while running): for a"
        " rehearsal, the real time it took with the app open. Null before the start.",
    )
    planned_start: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    as_of: datetime = Field(
        description="Time of the record's last event: what this summary covers."
    )


class Attendee(_Model):
    number: int = Field(description="1 for the first person checked in, 2 for the next...")
    name: str
    arrived_at: datetime
    present_at_end: bool
    spoke: int = Field(description="Turns that ended as spoke.")
    passed: int = Field(description="Turns passed.")
    speaking_seconds: int = Field(description="Total length of the turns they spoke.")


class TurnOut(_Model):
    speaker: str
    kind: Literal["round", "revisit", "floor"]
    outcome: Literal["spoke", "passed", "absent", "speaking"] = Field(
        description="`speaking`: the turn was still going when the record was read."
    )
    seconds: int
    started_at: datetime


class SegmentOut(_Model):
    index: int
    title: str
    kind: str
    status: Literal["done", "running", "not reached"]
    planned_seconds: int = Field(description="The agenda's length for the segment.")
    extra_seconds: int = Field(0, description="Minutes the host added (or took away), in seconds.")
    actual_seconds: int | None = Field(
        None, description="How long it ran, pauses excluded; so far, for a running segment."
    )
    planned_start: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    turns: list[TurnOut] = []


class NoteOut(_Model):
    id: int
    text: str
    kind: Literal["note", "todo", "question"]
    segment: str | None = Field(description="The segment's title; null before the session began.")
    segment_index: int | None
    speaker: str | None = Field(
        description="Whose turn it was when the note was taken: context, not who wrote or owns"
        " it (null: nobody had the floor)."
    )
    owner: str | None = Field(
        default=None,
        description="Whom an action item is for, named in its text as `todo @Rob: …`; null"
        " when it names nobody (whoever had the floor is not assumed).",
    )
    author: str | None = Field(
        default=None,
        description="The note-taker who wrote it (from a shared page); null: the host.",
    )
    at: datetime
    edited_at: datetime | None = None
    urls: list[str] = []


class Resource(_Model):
    url: str
    note_id: int
    speaker: str | None = Field(
        None, description="Whose turn it was when the URL was noted: context, not its source."
    )
    segment: str | None = None


class VoteResult(_Model):
    topic: str
    votes: int


class VoteRoundOut(_Model):
    kind: Literal["vote", "runoff"]
    results: list[VoteResult] = Field(description="Most votes first; ties in nomination order.")
    tied: list[str] = Field(description="Topics sharing the top count, when more than one.")


class NominationOut(_Model):
    topic: str
    by: str | None
    source: Literal["nominated", "backlog"]
    withdrawn: bool = False


class Vote(_Model):
    method: Literal["approval", "plurality", "dot"] | None
    dots: int | None = None
    nominations: list[NominationOut] = []
    results: list[VoteResult] = Field([], description="The first round, over every nomination.")
    rounds: list[VoteRoundOut] = Field(
        [], description="Every round: the vote, then any runoffs (one vote each)."
    )
    winner: str | None = None
    decided_by: Literal["votes", "runoff", "host"] | None = None


class Summary(_Model):
    """A session summary (`facilitator export --format json`)."""

    model_config = ConfigDict(title="facilitator session summary")

    schema_: int = Field(SUMMARY_SCHEMA, alias="schema", description="Version of this format.")
    anonymous: bool = False
    session: SessionInfo
    attendees: list[Attendee]
    expected: int = Field(0, description="How many people were listed as expected (RSVPs).")
    segments: list[SegmentOut]
    notes: list[NoteOut]
    resources: list[Resource] = Field(description="Every URL in the notes, first mention.")
    vote: Vote
    next_topic: str | None = Field(description="The vote's winner: the next session's topic.")
    materials: list[Material]


def build_summary(record: Record, *, anonymous: bool = False) -> Summary:
    """The summary of a record (finished, running, or cut short by a crash)."""
    state = record.state
    now = record.events[-1].at
    namer = Namer(state, anonymous=anonymous)
    agenda = state.agenda
    session = agenda.session
    status: Literal["not started", "running", "finished"] = (
        "finished" if state.finished else "running" if state.started else "not started"
    )
    day = state.started_at.astimezone().date() if state.started_at else session.date
    info = SessionInfo(
        title=session.title,
        group=session.group,
        host=namer.host(session.host),
        date=day,
        planned_date=session.date,
        venue=session.venue,
        topic=session.topic,
        description=session.description,
        format=session.format,
        status=status,
        rehearsal=schedule.rehearsal(state),
        speed=state.speed,
        speeds=list(state.speeds),
        speed_changed=any(isinstance(e, ev.SpeedChanged) and e.speed == 1.0 for e in record.events),
        real_seconds=round(schedule.real_seconds(state, now)) if state.started else None,
        planned_start=state.planned_start,
        started_at=state.started_at,
        ended_at=state.ended_at,
        as_of=now,
    )
    return Summary(
        anonymous=anonymous,
        session=info,
        attendees=_attendees(state, namer, now),
        expected=len(views.expected_names(state)),
        segments=_segments(state, namer, now),
        notes=_notes(state, namer),
        resources=_resources(state, namer),
        vote=_vote(state, namer),
        next_topic=_topic(state, namer, state.vote.winner),
        materials=[Material(title=m.title, url=m.url) for m in session.materials],
    )


def _attendees(state: SessionState, namer: Namer, now: datetime) -> list[Attendee]:
    spoke: dict[int, int] = {}
    passed: dict[int, int] = {}
    for turn in state.turns:
        if turn.outcome == "spoke":
            spoke[turn.person_id] = spoke.get(turn.person_id, 0) + 1
        elif turn.outcome == "passed":
            passed[turn.person_id] = passed.get(turn.person_id, 0) + 1
    seconds = schedule.speaking_seconds(state, now)
    people = sorted(state.people.values(), key=lambda p: p.arrival)
    return [
        Attendee(
            number=p.arrival + 1,
            name=namer.person(p.id),
            arrived_at=p.arrived_at,
            present_at_end=p.present,
            spoke=spoke.get(p.id, 0),
            passed=passed.get(p.id, 0),
            speaking_seconds=round(seconds.get(p.id, 0.0)),
        )
        for p in people
    ]


def _turn(state: SessionState, namer: Namer, turn: Turn, now: datetime) -> TurnOut:
    return TurnOut(
        speaker=namer.person(turn.person_id),
        kind=turn.kind,
        outcome=turn.outcome or "speaking",
        seconds=round(schedule.turn_seconds(state, turn, now)),
        started_at=turn.started_at,
    )


def _segments(state: SessionState, namer: Namer, now: datetime) -> list[SegmentOut]:
    by_segment: dict[int, list[TurnOut]] = {}
    for turn in state.turns:
        by_segment.setdefault(turn.segment, []).append(_turn(state, namer, turn, now))
    out: list[SegmentOut] = []
    planned_at = state.planned_start
    for index, segment in enumerate(state.agenda.segments):
        run = state.runs.get(index)
        status: Literal["done", "running", "not reached"] = (
            "not reached" if run is None else "running" if run.ended_at is None else "done"
        )
        out.append(
            SegmentOut(
                index=index,
                title=segment.title,
                kind=segment.kind,
                status=status,
                planned_seconds=segment.planned_seconds,
                extra_seconds=run.extra_seconds if run else 0,
                actual_seconds=None
                if run is None
                else round(schedule.segment_elapsed(state, index, now)),
                planned_start=planned_at,
                started_at=run.started_at if run else None,
                ended_at=run.ended_at if run else None,
                turns=by_segment.get(index, []),
            )
        )
        if planned_at is not None:
            planned_at = planned_at + timedelta(seconds=segment.planned_seconds)
    return out


def _segment_title(state: SessionState, index: int | None) -> str | None:
    return None if index is None else state.agenda.segments[index].title


def _notes(state: SessionState, namer: Namer) -> list[NoteOut]:
    return [
        NoteOut(
            id=note.id,
            text=namer.text(note.text),
            kind=note.kind,
            segment=_segment_title(state, note.segment),
            segment_index=note.segment,
            speaker=None if note.speaker_id is None else namer.person(note.speaker_id),
            owner=None if note.owner is None else namer.text(note.owner),
            author=namer.author(note.author),
            at=note.at,
            edited_at=note.edited_at,
            urls=note.urls,
        )
        for note in sorted(state.notes.values(), key=lambda n: (n.at, n.id))
    ]


def _resources(state: SessionState, namer: Namer) -> list[Resource]:
    seen: set[str] = set()
    out: list[Resource] = []
    for note in sorted(state.notes.values(), key=lambda n: (n.at, n.id)):
        for url in note.urls:
            if url not in seen:
                seen.add(url)
                speaker = None if note.speaker_id is None else namer.person(note.speaker_id)
                segment = _segment_title(state, note.segment)
                out.append(Resource(url=url, note_id=note.id, speaker=speaker, segment=segment))
    return out


def _topic(state: SessionState, namer: Namer, topic_id: int | None) -> str | None:
    if topic_id is None or topic_id not in state.vote.nominations:
        return None
    return namer.text(state.vote.nominations[topic_id].topic)


def _vote(state: SessionState, namer: Namer) -> Vote:
    vote = state.vote
    segment = voting.voting_segment(state)
    method = None if segment is None else segment.method
    rounds: list[VoteRoundOut] = []
    for i in range(len(vote.rounds)):
        t = tally(vote, i)
        rounds.append(
            VoteRoundOut(
                kind="vote" if i == 0 else "runoff",
                results=[VoteResult(topic=namer.text(n.topic), votes=v) for n, v in t.results],
                tied=[namer.text(n.topic) for n in t.leaders] if t.tie else [],
            )
        )
    nominations = [
        NominationOut(
            topic=namer.text(n.topic),
            by=None if n.by is None else namer.person(n.by),
            source=n.source,
            withdrawn=n.withdrawn,
        )
        for n in vote.nominations.values()
    ]
    return Vote(
        method=method,
        dots=segment.dots if segment is not None else None,
        nominations=nominations,
        results=rounds[0].results if rounds else [],
        rounds=rounds if nominations else [],
        winner=_topic(state, namer, vote.winner),
        decided_by=vote.decided_by,
    )


def json_schema() -> str:
    """The JSON Schema of the JSON export, as written to docs/record.schema.json."""
    schema = Summary.model_json_schema(by_alias=True, mode="serialization")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
