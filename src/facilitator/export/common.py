"""What the Markdown and HTML summaries share: how times read, the charts, and the discussion
grouped by segment and by whose turn it was (context, never authorship). Kept apart from the
escaping, which differs per format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from rich.cells import cell_len

from facilitator.agenda import vote_words
from facilitator.controls import visible
from facilitator.export.summary import NominationOut, NoteOut, SegmentOut, Summary
from facilitator.session.notes import parse_note

RUNOFF = "Runoff (one vote each)"
"""A runoff's heading: whatever the method, a runoff between tied topics is one vote each."""
BAR = "█"
BAR_WIDTH = 20
LABEL_WIDTH = 32
# A URL in text: http(s), up to a space, a quote, an angle bracket or a pipe (a raw `|` would
# split a Markdown table cell; real URLs write it %7C).
_URL = re.compile(r"https?://[^\s<>\"'`|]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"*_~"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def clock(at: datetime | None) -> str:
    """A wall-clock time in the local time zone, as people at the meetup read it."""
    return "" if at is None else at.astimezone().strftime("%H:%M")


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def long_date(summary: Summary) -> str:
    """The day the session ran, and the agenda's date beside it when that was another day."""
    s = summary.session
    if s.date is None:
        return ""
    text = _long(s.date)
    if s.planned_date is not None and s.planned_date != s.date:
        text += f" (planned for {_long(s.planned_date)})"
    return text


def title(summary: Summary) -> str:
    """The session's title, marked when the record is a rehearsal (user text: escape it)."""
    s = summary.session
    return f"{s.title} (rehearsal {_speeds(s.speeds, 'x')})" if s.rehearsal else s.title


def _speeds(speeds: list[float], mark: str = "") -> str:
    """'x10', or 'x10, then x60' for a rehearsal resumed at another speed."""
    return ", then ".join(f"{mark}{speed:g}" for speed in speeds)


def when(summary: Summary) -> str:
    """The date, with the actual start and end clock times once known (a rehearsal's end is
    on its fast clock: its real length is in `rehearsal_note`)."""
    s = summary.session
    text = long_date(summary)
    if s.started_at is not None:
        end = f"–{clock(s.ended_at)}" if s.ended_at and not s.rehearsal else ""
        text = f"{text}, {clock(s.started_at)}{end}".lstrip(", ")
    return text


def rehearsal_note(summary: Summary) -> str | None:
    """What a rehearsal's times mean, and how long it really took."""
    s = summary.session
    if not s.rehearsal:
        return None
    parts = " (parts of it at real speed)" if s.speed_changed else ""
    took = ""
    if s.real_seconds is not None:
        took = f"; it took {span(s.real_seconds)} of real time"
        took += " so far" if s.status == "running" else ""
    return (
        f"A rehearsal: its clock ran {_speeds(s.speeds)} times faster than real time{parts}{took}."
        " The clock times and lengths below are on the rehearsal's clock."
    )


def attendance(summary: Summary) -> str:
    """One sentence: how many came, against the RSVPs, and how many left early."""
    line = f"{plural(len(summary.attendees), 'person', 'people')} checked in"
    if summary.expected:
        line += f" ({plural(summary.expected, 'RSVP')})"
    left = [a for a in summary.attendees if not a.present_at_end]
    if left and summary.session.status == "finished":
        line += f"; {len(left)} left early"
    return line + "."


def progress(summary: Summary) -> str | None:
    """A warning line for a summary of a session that has not finished."""
    s = summary.session
    if s.status == "running":
        return f"Still in progress: this summary covers up to {clock(s.as_of)}."
    if s.status == "not started":
        return "The session has not started yet."
    return None


def actual(segment: SegmentOut) -> str:
    shown = duration(segment.actual_seconds)
    return f"{shown} so far" if segment.status == "running" else shown


def extra(segment: SegmentOut) -> str:
    """The minutes the host added or took away, e.g. "+1 min"."""
    return f"{segment.extra_seconds // 60:+d} min" if segment.extra_seconds else ""


def nomination_note(nomination: NominationOut) -> str:
    """Who nominated a topic (or that it came from the backlog), and if it was withdrawn."""
    by = f"by {nomination.by}" if nomination.by else ""
    if not by and nomination.source == "backlog":
        by = "from the backlog"
    withdrawn = "withdrawn" if nomination.withdrawn else ""
    return ", ".join(part for part in (by, withdrawn) if part)


def method(summary: Summary) -> str | None:
    vote = summary.vote
    if vote.method is None:
        return None
    return vote_words(vote.method, vote.dots).long


def duration(seconds: int | None) -> str:
    """`m:ss`, or `h:mm:ss` past an hour."""
    if seconds is None:
        return "–"
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    text = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
    return f"-{text}" if seconds < 0 else text


def span(seconds: int) -> str:
    """A length in words: "45 s", "9 min", "1 h 32 min" (minutes rounded)."""
    if seconds < 60:
        return f"{seconds} s"
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def difference(segment: SegmentOut) -> str:
    """Over (+) or under (-) the agenda's plan; empty until the segment has run."""
    if segment.actual_seconds is None or segment.status != "done":
        return ""
    delta = segment.actual_seconds - segment.planned_seconds
    return "0:00" if delta == 0 else ("+" if delta > 0 else "") + duration(delta)


def total_difference(summary: Summary) -> str:
    """The whole session against its plan, once it has finished."""
    if summary.session.status != "finished":
        return ""
    planned = sum(seg.planned_seconds for seg in summary.segments)
    delta = sum(seg.actual_seconds or 0 for seg in summary.segments) - planned
    return "0:00" if delta == 0 else ("+" if delta > 0 else "") + duration(delta)


def bar_cells(value: int, top: int) -> int:
    """Bar length for `value` when `top` fills BAR_WIDTH (at least one cell for any value > 0)."""
    if value <= 0 or top <= 0:
        return 0
    return max(1, round(BAR_WIDTH * value / top))


def fit(label: str, width: int = LABEL_WIDTH) -> str:
    """One line, at most `width` columns wide (an emoji or a CJK character takes two), for a
    chart label; control characters are written out first, so they are counted as shown."""
    label = " ".join(visible(label).split())
    if cell_len(label) <= width:
        return label
    end = len(label)
    while end and cell_len(label[:end]) > width - 1:
        end -= 1
    return label[:end] + "…"


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` display columns."""
    return text + " " * max(0, width - cell_len(text))


def text_chart(rows: list[tuple[str, int, str]]) -> list[str]:
    """Lines of a bar chart: label, bar, value text (rows are (label, value, shown)). Labels
    are padded by display width, so the bars line up after emoji and CJK names."""
    if not rows:
        return []
    top = max(value for _, value, _ in rows)
    labels = [fit(label) for label, _, _ in rows]
    width = max(cell_len(label) for label in labels)
    return [
        f"{pad(label, width)}  {(BAR * bar_cells(value, top)).ljust(BAR_WIDTH)}  {shown}".rstrip()
        for label, (_, value, shown) in zip(labels, rows, strict=True)
    ]


def action(note: NoteOut) -> tuple[str | None, str]:
    """A todo or question without its marker, as (owner, what), read by the one parser of
    notes: `todo @Rob: share the notebook` is Rob's; one that names nobody has no owner
    (whoever held the floor is not assumed to own it)."""
    return note.owner, parse_note(note.text).body


def during(speaker: str | None) -> str | None:
    """Whose turn it was, as context: never as the author or owner of a note."""
    return None if speaker is None else f"during {speaker}'s turn"


def turn_heading(speaker: str) -> str:
    """The heading over the notes taken while someone had the floor."""
    return f"During {speaker}'s turn"


def context(segment: str | None, speaker: str | None) -> str:
    """Where a note or link was taken: "Discussion, during Wei's turn"."""
    return ", ".join(part for part in (segment, during(speaker)) if part)


def split_urls(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_url) runs: each http(s) URL on its own, without the
    punctuation that ends a sentence after it, or a closing bracket it did not open."""
    out: list[tuple[str, bool]] = []
    done = 0
    for match in _URL.finditer(text):
        url = _trim(match.group())
        if match.start() > done:
            out.append((text[done : match.start()], False))
        out.append((url, True))
        done = match.start() + len(url)
    if done < len(text):
        out.append((text[done:], False))
    return out


def _trim(url: str) -> str:
    while url and (url[-1] in _TRAILING or _unopened(url)):
        url = url[:-1]
    return url


def _unopened(url: str) -> bool:
    """Does `url` end with a closing bracket it never opened, as in `(see https://x.org)`?"""
    opener = _CLOSERS.get(url[-1])
    return opener is not None and url.count(url[-1]) > url.count(opener)


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs become links: never javascript:, data: or a local file."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def credit(note: NoteOut) -> str | None:
    """A note-taker's note is signed with their name; the host's notes are not."""
    return None if note.author is None else f"noted by {note.author}"


def attribution(note: NoteOut) -> str:
    return ", ".join(part for part in (context(note.segment, note.speaker), credit(note)) if part)


@dataclass
class SegmentTalk:
    """One segment of the discussion: who spoke and who passed, and its notes by whose turn it
    was when they were taken."""

    title: str
    shared: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    revisited: list[str] = field(default_factory=list)  # passed, then shared when offered again
    floor: list[tuple[str, int]] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    notes: list[NoteOut] = field(default_factory=list)  # taken while nobody had the floor
    by_turn: dict[str, list[NoteOut]] = field(default_factory=dict)  # speaker -> notes

    @property
    def empty(self) -> bool:
        return not (self.shared or self.passed or self.floor or self.notes or self.by_turn)


def _add_once(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def discussion(summary: Summary) -> list[SegmentTalk]:
    """The segments that had turns or notes (plain notes only: todos and questions have their
    own sections), in agenda order; notes from before the start come first."""
    early = SegmentTalk("Before the start")
    talks = [SegmentTalk(s.title) for s in summary.segments]
    for segment, talk in zip(summary.segments, talks, strict=True):
        spoke_in_round: set[str] = set()
        floor: dict[str, int] = {}
        for turn in segment.turns:
            name = turn.speaker
            if turn.kind == "floor":
                if turn.outcome in ("spoke", "speaking"):
                    floor[name] = floor.get(name, 0) + 1
            elif turn.outcome in ("spoke", "speaking"):
                spoke_in_round.add(name)
                _add_once(talk.revisited if turn.kind == "revisit" else talk.shared, name)
            elif turn.outcome == "passed":
                _add_once(talk.passed, name)
            elif turn.outcome == "absent":
                _add_once(talk.absent, name)
        talk.passed = [n for n in talk.passed if n not in spoke_in_round]
        talk.absent = [n for n in talk.absent if n not in spoke_in_round]
        talk.floor = list(floor.items())
    for note in summary.notes:
        if note.kind != "note":
            continue
        talk = early if note.segment_index is None else talks[note.segment_index]
        if note.speaker is None:
            talk.notes.append(note)
        else:
            talk.by_turn.setdefault(note.speaker, []).append(note)
    return [t for t in [early, *talks] if not t.empty]


def speaking_rows(summary: Summary) -> list[tuple[str, int, str]]:
    """Speaking time per person who spoke, most first (ties by arrival)."""
    people = [a for a in summary.attendees if a.speaking_seconds > 0]
    people.sort(key=lambda a: (-a.speaking_seconds, a.number))
    return [(a.name, a.speaking_seconds, duration(a.speaking_seconds)) for a in people]


def and_join(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C" (items already escaped for the format)."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def settled_text(summary: Summary) -> str:
    """How the vote was decided, in words."""
    vote = summary.vote
    if vote.decided_by == "runoff":
        return "settled by a runoff"
    if vote.decided_by == "host":
        return "tie settled by the host's pick"
    if vote.decided_by == "votes":
        return "by votes"
    return ""
