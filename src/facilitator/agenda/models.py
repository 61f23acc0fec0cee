"""Pydantic models of an agenda: the session, its timed segments, and the people expected.

Validation messages are written for the host editing the TOML file ("minutes must be a positive
whole number, got -5"), because the loader shows them as they are. Types are strict where TOML
has the right type (text, booleans, whole numbers), so a quoted "10" or `true` is not taken as
a number; dates and times also accept ISO text, which is how a session record stores them.
"""

import contextlib
import datetime
from dataclasses import dataclass
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    model_validator,
)
from pydantic_core import PydanticCustomError

from facilitator.agenda.problems import show_value
from facilitator.agenda.rules import (
    ROUND_KINDS,
    ROUND_OPTIONS,
    VOTE_OPTIONS,
    Issue,
    Slot,
    backlog_issues,
    option_issues,
    people_issues,
    timing,
)

SegmentKind = Literal["arrival", "intros", "discussion", "voting", "break", "custom"]
TurnOrder = Literal["arrival", "alphabetical", "shuffle", "as-listed"]
VoteMethod = Literal["approval", "plurality", "dot"]

DEFAULT_DOTS = 3


@dataclass(frozen=True)
class VoteWords:
    """How a voting method reads, everywhere it is shown (screen, room, export, validate)."""

    name: str
    """Short: "show of hands", "one vote each", "3 dots each"."""
    count: str
    """What the host counts: "hands up per topic", "votes (one each)", "dots (3 each)"."""
    long: str
    """For the summary: "approval (a show of hands; several each)"."""


def vote_words(method: VoteMethod, dots: int | None = None) -> VoteWords:
    if method == "approval":
        return VoteWords(
            "show of hands", "hands up per topic", "approval (a show of hands; several each)"
        )
    if method == "plurality":
        return VoteWords("one vote each", "votes (one each)", "plurality (one vote each)")
    n = dots or DEFAULT_DOTS
    return VoteWords(f"{n} dots each", f"dots ({n} each)", f"dot voting, {n} dots each")


VALUE_ERROR = "agenda_value"
"""Error type of a field's own check; its message is ready to show."""
RULES_ERROR = "agenda_rules"
"""Error type of a cross-field rule; the loader re-checks those itself, with line numbers."""


def _fail(message: str) -> PydanticCustomError:
    # The message goes in the context, not the template, so braces in user values stay as is.
    return PydanticCustomError(VALUE_ERROR, "{detail}", {"detail": message})


def rules_error(issues: list[Issue]) -> PydanticCustomError:
    """One validation error carrying every broken cross-field rule."""
    return PydanticCustomError(
        RULES_ERROR, "{detail}", {"detail": "; ".join(issue.message for issue in issues)}
    )


def _whole(value: object) -> int | None:
    """`value` if it is a whole number (TOML booleans are not), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _minutes(value: object) -> int:
    number = _whole(value)
    if number is None or number < 1:
        raise _fail(f"must be a positive whole number, got {show_value(value)}")
    if number > 600:
        raise _fail(f"must be at most 600 (10 hours), got {show_value(value)}")
    return number


def _turn_seconds(value: object) -> int:
    number = _whole(value)
    if number is None:
        raise _fail(f"must be a whole number of seconds, got {show_value(value)}")
    if not 5 <= number <= 3600:
        raise _fail(f"must be from 5 to 3600 seconds, got {show_value(value)}")
    return number


def _dots(value: object) -> int:
    number = _whole(value)
    if number is None:
        raise _fail(f"must be a whole number, got {show_value(value)}")
    if not 1 <= number <= 20:
        raise _fail(f"must be from 1 to 20, got {show_value(value)}")
    return number


LAST_DAY = datetime.date.max - datetime.timedelta(days=2)


def _date(value: object) -> datetime.date:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        if value >= LAST_DAY:  # a session ends up to two days after its date: still a date
            raise _fail(f"must be before {LAST_DAY}, got {value}")
        return value
    raise _fail(f"must be a date like 2026-11-26, got {show_value(value)}")


def _time(value: object) -> datetime.time:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.time.fromisoformat(value)
    if not isinstance(value, datetime.time):
        raise _fail(f"must be a clock time like 18:30:00, got {show_value(value)}")
    if value.tzinfo is not None or value.microsecond:
        raise _fail(f"must be a local time in whole seconds, like 18:30:00, got {value}")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise _fail(f"must not be empty, got {show_value(value)}")
    return value


Minutes = Annotated[int, BeforeValidator(_minutes)]
TurnSeconds = Annotated[int, BeforeValidator(_turn_seconds)]
Dots = Annotated[int, BeforeValidator(_dots)]
Day = Annotated[datetime.date, BeforeValidator(_date)]
ClockTime = Annotated[datetime.time, BeforeValidator(_time)]
Text = Annotated[str, Strict()]
Name = Annotated[str, Strict(), AfterValidator(_not_blank)]
Flag = Annotated[bool, Strict()]


class _Model(BaseModel):
    # Unknown keys are errors: a typo in an agenda must never be silently ignored.
    # Field docstrings document the format for readers; they are not loaded as pydantic
    # descriptions (use_attribute_docstrings reads the source at import: ~40 ms of start-up).
    model_config = ConfigDict(extra="forbid")


class Material(_Model):
    """Something to read or watch before the session, listed in the summary."""

    title: Name
    """What it is called, as shown in the summary."""
    url: Name
    """Where to find it."""


class PersonEntry(_Model):
    """Someone expected (an RSVP), pre-listed for one-key check-in."""

    name: Name
    """Shown exactly as written; must differ from every other name, ignoring case."""
    role: Text | None = None
    """E.g. "host" or "note-taker"."""


class SessionInfo(_Model):
    """The [session] table: what this meetup is, when and where."""

    title: Name
    """The only required detail: heads the screen and the summary."""
    group: Text | None = None
    """The meetup group, e.g. "Data Science Discussion Auckland"."""
    host: Text | None = None
    """Who facilitates."""
    date: Day | None = None
    """The meetup's date; templates leave it out."""
    start: ClockTime | None = None
    """Planned clock start; with it, every segment gets a planned clock time."""
    venue: Text | None = None
    """Where it happens."""
    topic: Name | None = None
    """This meeting's topic (often last meeting's vote winner)."""
    description: Text | None = None
    """A paragraph for the summary."""
    format: Text | None = None
    """How the discussion runs, in a sentence, so newcomers know what to expect."""
    backlog: list[Name] = Field(default_factory=list)
    """Topics nominated before and not yet chosen; offered again at the vote."""
    materials: list[Material] = Field(default_factory=list)
    """Readings and videos for the session."""

    @model_validator(mode="after")
    def _unique_backlog(self) -> Self:
        issues = backlog_issues(self.backlog)
        if issues:
            raise rules_error(issues)
        return self


class Segment(_Model):
    """One timed part of the meetup; its kind decides what the live screen offers."""

    title: Name
    """Shown on the agenda and in the summary."""
    kind: SegmentKind
    """arrival | intros | discussion | voting | break | custom."""
    minutes: Minutes | None = None
    """Planned length; may be left out when the next segment's `at` gives the end."""
    at: ClockTime | None = None
    """Planned clock start, as on a meetup page; must agree with the times around it."""
    turn_seconds: TurnSeconds | None = None
    """Per-person budget (intros, discussion); default: the remaining time shared out."""
    allow_pass: Flag = True
    """Whether someone may pass their turn (intros, discussion)."""
    order: TurnOrder = "arrival"
    """Who speaks first in the round (intros, discussion)."""
    revisit_passed: Flag = True
    """Offer passers one more turn at the end of the round (intros, discussion)."""
    open_floor: Flag = False
    """After the round, a raised-hands queue until time is up (intros, discussion)."""
    method: VoteMethod = "approval"
    """How votes are counted (voting)."""
    dots: Dots | None = None
    """Dots per person with method = "dot"; 3 when not given."""

    _planned_seconds: int | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _fit_kind(self) -> Self:
        fields = type(self).model_fields
        given = [
            name
            for name in (*ROUND_OPTIONS, *VOTE_OPTIONS)
            if getattr(self, name) != fields[name].default
        ]
        found = option_issues(self.kind, given, self.method)
        if found:
            raise rules_error([Issue((name,), message) for name, message in found])
        if self.method == "dot" and self.dots is None:
            self.dots = DEFAULT_DOTS
        return self

    @property
    def has_turns(self) -> bool:
        """Whether the segment runs a round of speaking turns (intros and discussion)."""
        return self.kind in ROUND_KINDS

    @property
    def vote_words(self) -> VoteWords:
        return vote_words(self.method, self.dots)

    @property
    def planned_seconds(self) -> int:
        """The resolved length, from `minutes` or from the next segment's `at`."""
        if self._planned_seconds is not None:
            return self._planned_seconds
        if self.minutes is not None:
            return self.minutes * 60
        raise ValueError("a segment with only `at` has a length only within its Agenda")


class Agenda(_Model):
    """A whole agenda file: the session, its segments in order, and the people expected."""

    session: SessionInfo
    """The [session] table."""
    segments: list[Segment] = Field(min_length=1)
    """The [[segments]], in order; at least one."""
    people: list[PersonEntry] = Field(default_factory=list)
    """The [[people]] expected (RSVPs)."""

    @model_validator(mode="after")
    def _resolve_times(self) -> Self:
        slots = [Slot(segment.at, segment.minutes) for segment in self.segments]
        planned, issues = timing(self.session.start, slots)
        issues += people_issues([person.name for person in self.people])
        if issues:
            raise rules_error(issues)
        # Copies, so a Segment shared with another Agenda keeps its own resolved length.
        self.segments = [segment.model_copy() for segment in self.segments]
        for segment, length in zip(self.segments, planned, strict=True):
            segment._planned_seconds = length
        return self

    @property
    def start_time(self) -> datetime.time | None:
        """The planned clock start: the session's `start`, else the first segment's `at`."""
        return self.session.start or self.segments[0].at

    @property
    def total_seconds(self) -> int:
        """The planned length of the whole session."""
        return sum(segment.planned_seconds for segment in self.segments)

    def schedule(
        self, start: datetime.datetime | None = None
    ) -> list[tuple[Segment, datetime.datetime | None, datetime.datetime | None]]:
        """Each segment with its planned clock start and end.

        `start` defaults to the planned start on the session's date (today for a template);
        without either, the times are None.
        """
        if start is None and self.start_time is not None:
            day = self.session.date or datetime.date.today()
            start = datetime.datetime.combine(day, self.start_time)
        rows: list[tuple[Segment, datetime.datetime | None, datetime.datetime | None]] = []
        for segment in self.segments:
            end = (
                None
                if start is None
                else start + datetime.timedelta(seconds=segment.planned_seconds)
            )
            rows.append((segment, start, end))
            start = end
        return rows
