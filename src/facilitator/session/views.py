"""The read model: what every screen shows, as plain frozen values built from (state, now).

The host's screen, the room view, shared pages and the export all read these views instead of
the session's mutable state, so a meetup fact (who is still expected, who passed, which hands
come first, how the vote method reads) is worked out once, here. Views hold user text as it was
typed; each renderer makes it safe for its medium. Times are aware datetimes; renderers show
them in local time. Nothing here imports a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Literal

from facilitator.agenda import SegmentKind
from facilitator.identity import name_key, tidy, unique
from facilitator.session import rounds, schedule, voting
from facilitator.session.rounds import expected_names as expected_names  # the read model's too
from facilitator.session.schedule import Level
from facilitator.session.state import Note, NoteKind, Phase, SessionState, TurnKind

ScreenKind = Literal[
    "before", "arrival", "intros", "discussion", "voting", "break", "custom", "ended"
]
Mark = Literal["done", "current", "next", "later"]


@dataclass(frozen=True, slots=True)
class PersonRef:
    id: int
    name: str


def _people(state: SessionState, ids: list[int]) -> tuple[PersonRef, ...]:
    return tuple(PersonRef(pid, state.people[pid].name) for pid in ids)


def screen_kind(state: SessionState) -> ScreenKind:
    """What the session is doing: which panel the screens show."""
    if state.finished:
        return "ended"
    segment = state.segment
    return "before" if segment is None else segment.kind


# -- the header -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeaderView:
    title: str
    speed: float
    """A rehearsal's speed (`--speed`); 1 on the night."""
    clock_speed: float
    """How fast the clock runs now: `speed`, or 1 while a rehearsal runs at real speed."""
    started: bool
    finished: bool
    drift_minutes: int
    """> 0 behind, < 0 ahead of the plan."""
    status: str
    """"on time", "4 min behind", "2 min ahead" (meaningful once started)."""
    projected_end: datetime | None
    planned_end: datetime
    """The plan's end (before the start: if it started now)."""
    now: datetime

    @property
    def rehearsal(self) -> bool:
        return self.speed != 1

    @property
    def behind(self) -> bool:
        return self.drift_minutes > 0


def header(state: SessionState, now: datetime) -> HeaderView:
    status = schedule.schedule_status(state, now)
    return HeaderView(
        title=state.agenda.session.title,
        speed=state.speed,
        clock_speed=state.rate if state.started and not state.finished else state.speed,
        started=state.started,
        finished=state.finished,
        drift_minutes=status.drift_minutes,
        status=status.text,
        projected_end=status.projected_end,
        planned_end=schedule.planned_end(state, now),
        now=now,
    )


# -- the agenda -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgendaRow:
    index: int
    title: str
    kind: SegmentKind
    start: datetime
    """Planned clock start: from the planned start (before the start, the one a start now
    would record), so the times are the same before and after `space`."""
    planned_seconds: int
    """The plan, with the minutes the host added or took away."""
    actual_seconds: float | None
    """How long it ran, once done."""
    mark: Mark


@dataclass(frozen=True, slots=True)
class AgendaView:
    rows: tuple[AgendaRow, ...]


def agenda(state: SessionState, now: datetime) -> AgendaView:
    rows: list[AgendaRow] = []
    times = schedule.planned_times(state, now)
    for index, segment in enumerate(state.agenda.segments):
        actual = schedule.actual_seconds(state, index)
        mark: Mark
        if index == state.current:
            mark = "current"
        elif actual is not None:
            mark = "done"
        elif state.current is not None and index == state.current + 1:
            mark = "next"
        else:
            mark = "later"
        planned = schedule.planned_seconds(state, index)
        if index == 0 and not state.started:
            planned = schedule.first_seconds(state, now)
        rows.append(
            AgendaRow(index, segment.title, segment.kind, times[index], planned, actual, mark)
        )
    return AgendaView(tuple(rows))


# -- the countdown --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountdownView:
    kind: ScreenKind
    turns: bool
    """The segment runs a round of speaking turns."""
    title: str
    """The segment's title; empty before the start and after the end."""
    number: int
    """1-based position of the segment (0 when none runs)."""
    count: int
    phase: Phase | None
    paused: bool
    seconds_left: float
    """Negative once the segment runs over; before the start, how long the first segment
    would run if started now (up to the clock time that ends it)."""
    level: Level | None
    """None when no segment runs."""
    fraction_done: float

    @property
    def text(self) -> str:
        return schedule.clock_text(self.seconds_left)


def countdown(state: SessionState, now: datetime) -> CountdownView:
    segments = state.agenda.segments
    kind = screen_kind(state)
    if state.current is None:
        first = schedule.first_seconds(state, now)
        return CountdownView(
            kind, False, "", 0, len(segments), None, False, 0 if state.finished else first, None,
            1.0 if state.finished else 0.0,
        )  # fmt: skip
    left = schedule.remaining(state, now)
    planned = schedule.planned_seconds(state, state.current)
    run = state.run
    return CountdownView(
        kind=kind,
        turns=segments[state.current].has_turns,
        title=segments[state.current].title,
        number=state.current + 1,
        count=len(segments),
        phase=None if run is None or run.phase == "timer" else run.phase,
        paused=state.paused,
        seconds_left=left,
        level=schedule.level(left),
        fraction_done=min(1.0, max(0.0, (planned - max(0.0, left)) / planned if planned else 1.0)),
    )


# -- the speaker (changes every second) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeakerView:
    speaker: PersonRef | None
    turn_kind: TurnKind | None
    spent: float
    budget: float | None
    phase: Phase | None

    @property
    def over(self) -> bool:
        return self.budget is not None and self.spent > self.budget

    @property
    def spent_text(self) -> str:
        return schedule.clock_text(-self.spent).lstrip("+") if self.spent else "0:00"

    @property
    def budget_text(self) -> str | None:
        return None if self.budget is None else schedule.clock_text(self.budget)


def speaker(state: SessionState, now: datetime) -> SpeakerView:
    turn, person, run = state.current_turn, state.speaker, state.run
    phase = None if run is None else run.phase
    if turn is None or person is None:
        return SpeakerView(None, None, 0.0, None, phase)
    return SpeakerView(
        PersonRef(person.id, person.name),
        turn.kind,
        schedule.turn_seconds(state, turn, now),
        schedule.turn_budget(state, now),
        phase,
    )


# -- the round ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundView:
    next: tuple[PersonRef, ...]
    """Who is queued in this round, in order (passers' second chances last)."""
    open_floor: bool
    hands: tuple[PersonRef, ...]
    """Raised hands in the order they will be served."""
    progressive: bool
    """Hands served by progressive stack (who spoke least first), else first come."""
    spoke: tuple[PersonRef, ...]
    passed: tuple[PersonRef, ...]
    """Passed and have not spoken since in this segment."""
    absent: tuple[PersonRef, ...]
    not_yet: tuple[PersonRef, ...]
    """Here, and no turn yet in this segment."""


def round_(state: SessionState) -> RoundView | None:
    """The round at a glance; None when no segment with turns runs."""
    run, segment = state.run, state.segment
    if run is None or segment is None or not segment.has_turns:
        return None
    passed = [p for p, out in run.turned.items() if out == "passed" and p not in run.spoke]
    absent = [p for p, out in run.turned.items() if out == "absent"]
    return RoundView(
        next=_people(state, [item.person_id for item in run.queue]),
        open_floor=segment.open_floor,
        hands=_people(state, rounds.ordered_hands(state)),
        progressive=state.hands_order == "progressive",
        spoke=_people(state, list(run.spoke)),
        passed=_people(state, passed),
        absent=_people(state, absent),
        not_yet=_people(state, [p.id for p in state.present() if p.id not in run.turned]),
    )


# -- check-in -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckinView:
    here: int
    latest: tuple[PersonRef, ...]
    """Who is here, latest arrival first."""
    expected: tuple[str, ...]
    """Expected and not here (yet)."""


def checkin(state: SessionState) -> CheckinView:
    present = state.present()
    here = [p.name for p in present]
    return CheckinView(
        here=len(present),
        latest=_people(state, [p.id for p in reversed(present)]),
        expected=tuple(unique(expected_names(state), drop=here)),
    )


def fits(typed: str, text: str) -> bool:
    """Does what the host typed point at `text`? Every word typed is part of it, in any order
    ("smith" and "bob smith" both fit "Smith, Bob"); case, accents and spacing do not count,
    as for `identity.name_key`. Nothing typed fits everything."""
    key = name_key(text)
    return all(word in key for word in name_key(typed).split())


@dataclass(frozen=True, slots=True)
class CheckinMatch:
    """What a name typed at check-in points at."""

    typed: str
    """As typed, tidied (one space between words)."""
    matches: tuple[str, ...]
    """Who can be checked in and fits what was typed (expected and not here, or gone and
    back), the one with exactly that name first."""
    here: str | None
    """Someone already checked in under exactly that name."""
    exact: bool
    """The first match is exactly that name (case, accents and spacing aside)."""

    @property
    def pick(self) -> str | None:
        """Whom enter checks in: the one with that name, else the only one that fits; never
        a partial match when the name typed is someone already here."""
        if not self.typed or not self.matches:
            return None
        if self.exact or (len(self.matches) == 1 and self.here is None):
            return self.matches[0]
        return None

    @property
    def new(self) -> str | None:
        """The name a new person would be checked in under (None: it names someone known)."""
        return None if not self.typed or self.exact or self.here is not None else self.typed


def checkin_match(state: SessionState, typed: str) -> CheckinMatch:
    """Check-in is quick and forgiving: any part of an expected name finds it; adding a new
    person is a separate, explicit choice."""
    people = sorted(state.people.values(), key=lambda p: p.arrival)
    here = [p.name for p in people if p.present]
    gone = [p.name for p in people if not p.present]
    names = unique([*expected_names(state), *gone], drop=here)
    typed = tidy(typed)
    key = name_key(typed)
    found = [n for n in names if fits(typed, n)]
    exact = [n for n in found if name_key(n) == key] if key else []
    return CheckinMatch(
        typed=typed,
        matches=tuple(exact + [n for n in found if n not in exact]),
        here=next((n for n in here if name_key(n) == key), None) if key else None,
        exact=bool(exact),
    )


# -- the vote -------------------------------------------------------------------------------------

DECIDED_WORDS = {"votes": "by votes", "runoff": "by runoff", "host": "host's pick"}


@dataclass(frozen=True, slots=True)
class VoteRow:
    topic_id: int
    topic: str
    votes: int
    by: str | None
    """Who nominated it (None: nobody in particular, or the backlog)."""
    from_backlog: bool
    winner: bool
    tied: bool
    """Among the tied leaders (and not the one the tie was settled for)."""
    leading: bool
    """Has the top count (> 0)."""


@dataclass(frozen=True, slots=True)
class VoteView:
    method: str
    """The current round's method in words: "show of hands", "one vote each", "3 dots each"
    (a runoff is always "one vote each")."""
    count_words: str
    """What the host counts: "hands up per topic", "votes (one each)", "dots (3 each)"."""
    voters: int
    runoff: int
    """0 for the first count, 1 for the first runoff..."""
    rows: tuple[VoteRow, ...]
    """Most votes first, ties in nomination order."""
    tie: bool
    winner: str | None
    decided: str | None
    """How the winner was decided, in words."""


def vote(state: SessionState) -> VoteView:
    v = state.vote
    segment = voting.voting_segment(state)
    words = voting.round_words(segment, v) if segment is not None else None
    result = voting.tally(v)
    top = max((n for _, n in result.results), default=0)
    rows = tuple(
        VoteRow(
            topic_id=n.id,
            topic=n.topic,
            votes=count,
            by=state.people[n.by].name if n.by is not None and n.by in state.people else None,
            from_backlog=n.source == "backlog",
            winner=v.winner == n.id,
            tied=result.tie and n in result.leaders and v.winner != n.id,
            leading=bool(top) and count == top,
        )
        for n, count in result.results
    )
    return VoteView(
        method=words.name if words else "",
        count_words=words.count if words else "",
        voters=len(state.present()),
        runoff=len(v.rounds) - 1,
        rows=rows,
        tie=result.tie,
        winner=None if v.winner is None else v.nominations[v.winner].topic,
        decided=DECIDED_WORDS.get(v.decided_by or ""),
    )


# -- notes ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoteLine:
    id: int
    at: datetime
    segment: str | None
    """The segment's title (None: before the start)."""
    kind: NoteKind
    speaker: str | None
    """Whose turn it was when the note was taken: context, not authorship."""
    text: str
    edited: bool
    author: str | None = None
    """The note-taker who wrote it (None: the host)."""
    owner: str | None = None
    """Whom an action item is for, named in its text (`todo @Rob: …`)."""


@dataclass(frozen=True, slots=True)
class NotesView:
    count: int
    latest: tuple[NoteLine, ...]
    """Newest first."""


def _note_line(state: SessionState, note: Note) -> NoteLine:
    return NoteLine(
        id=note.id,
        at=note.at,
        segment=None if note.segment is None else state.agenda.segments[note.segment].title,
        kind=note.kind,
        speaker=None if note.speaker_id is None else state.people[note.speaker_id].name,
        text=note.text,
        edited=note.edited_at is not None,
        author=note.author,
        owner=note.owner,
    )


def notes(state: SessionState, limit: int) -> NotesView:
    latest = tuple(_note_line(state, n) for n in islice(reversed(state.notes.values()), limit))
    return NotesView(len(state.notes), latest)


def note(state: SessionState, note_id: int) -> NoteLine | None:
    """One note (None: deleted, or undone): what a page that follows notes one by one needs."""
    found = state.notes.get(note_id)
    return None if found is None else _note_line(state, found)


# -- after the end --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EndedView:
    people: int
    turns: int
    """Turns that ended as spoke."""
    notes: int
    next_topic: str | None


def ended(state: SessionState) -> EndedView:
    winner = state.vote.winner
    return EndedView(
        people=len(state.people),
        turns=sum(1 for t in state.turns if t.outcome == "spoke"),
        notes=len(state.notes),
        next_topic=None if winner is None else state.vote.nominations[winner].topic,
    )


# -- before leaving a segment ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeavingView:
    """What `]` would leave unsettled for good, for the host to confirm first."""

    ends: bool
    """`]` ends the session (this is the last segment)."""
    worry: str
    settle: Literal["pick", "count"] | None
    """What settles it: the host's pick among tied topics, or entering the counts."""


def leaving(state: SessionState) -> LeavingView | None:
    """Leaving the vote with no winner (a tie, an uncounted runoff, counts with no vote), or
    ending the session while its round still runs; None when `]` needs no question."""
    segment, run = state.segment, state.run
    if segment is None or run is None or state.finished:
        return None
    ends = state.current == len(state.agenda.segments) - 1
    if segment.kind == "voting":
        found = voting.unsettled(state)
        return None if found is None else LeavingView(ends, found.why, found.settle)
    if ends and segment.has_turns and run.phase == "round":
        waiting = [state.people[item.person_id].name for item in run.queue]
        person = state.speaker
        lead = f"{person.name} is speaking" if person is not None else "The round is still open"
        if waiting:
            shown = ", ".join(waiting[:3]) + (
                f" and {len(waiting) - 3} more" if waiting[3:] else ""
            )
            lead += f"; still to speak: {shown}"
        return LeavingView(True, f"{lead}.", None)
    return None


# -- what the host can pick from ------------------------------------------------------------------


def present_people(state: SessionState) -> tuple[PersonRef, ...]:
    """Everyone here, in order of arrival."""
    return _people(state, [p.id for p in state.present()])


def hand_candidates(state: SessionState) -> tuple[PersonRef, ...]:
    """Who can raise a hand: here, hand not up, not the one speaking."""
    skip = set(state.hands)
    if state.speaker is not None:
        skip.add(state.speaker.id)
    return tuple(p for p in present_people(state) if p.id not in skip)


def raised_hands(state: SessionState) -> tuple[PersonRef, ...]:
    return _people(state, list(state.hands))


@dataclass(frozen=True, slots=True)
class TopicChoice:
    id: int
    topic: str
    votes: int


def topic_choices(state: SessionState) -> tuple[TopicChoice, ...]:
    """The topics of the current round of voting, with their counts so far."""
    counts = state.vote.rounds[-1].counts
    return tuple(
        TopicChoice(n.id, n.topic, counts.get(n.id, 0)) for n in voting.candidates(state.vote)
    )


def tied_topics(state: SessionState) -> tuple[TopicChoice, ...]:
    """What the host's pick chooses among: the tied leaders, or an uncounted runoff's topics
    (empty when there is nothing to settle)."""
    counts = dict((n.id, c) for n, c in voting.tally(state.vote).results)
    return tuple(TopicChoice(n.id, n.topic, counts[n.id]) for n in voting.tied(state.vote))


def note_text(state: SessionState, note_id: int) -> str | None:
    note = state.notes.get(note_id)
    return None if note is None else note.text


# -- the room: what everyone in the room may see ---------------------------------------------------

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
