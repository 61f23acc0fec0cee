"""The planned schedule as `facilitator validate` prints it: plain text, no markup."""

from __future__ import annotations

import datetime

from facilitator.agenda.models import Agenda, Segment
from facilitator.agenda.problems import clock, display_width


def format_schedule(agenda: Agenda, file: str) -> str:
    """A plain-text table of the planned schedule, then a total line."""
    rows = agenda.schedule()
    timed = rows[0][1] is not None
    origin = rows[0][1]
    headings = ["#", "clock"] if timed else ["#"]
    headings += ["min", "kind", "title", "options"]
    table = [headings]
    for number, (segment, begin, end) in enumerate(rows, start=1):
        cells = [str(number)]
        if begin is not None and end is not None and origin is not None:
            cells.append(f"{_at(begin, origin)}–{_at(end, origin)}")
        cells += [
            _length(segment.planned_seconds),
            segment.kind,
            _plain(segment.title, 50),
            _options(segment),
        ]
        table.append(cells)
    widths = [max(display_width(row[i]) for row in table) for i in range(len(headings))]
    numeric = {0, headings.index("min")}
    lines = []
    for row in table:
        cells = [
            " " * (w - display_width(c)) + c if i in numeric else c + " " * (w - display_width(c))
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    count = len(agenda.segments)
    total = f"{count} segment{'s' if count != 1 else ''}, {_length(agenda.total_seconds)} min"
    if origin is not None and rows[-1][2] is not None:
        total += f", {_at(origin, origin)}–{_at(rows[-1][2], origin)}"
    when = f" ({agenda.session.date.isoformat()})" if agenda.session.date else ""
    head = f'{file}: valid agenda "{_plain(agenda.session.title, 80)}"{when}'
    return "\n".join([head, "", *lines, "", total])


def _at(moment: datetime.datetime, origin: datetime.datetime) -> str:
    """A clock time, marked when it falls on a later day than the session starts."""
    midnight = origin.replace(hour=0, minute=0, second=0, microsecond=0)
    return clock(int((moment - midnight).total_seconds()))


def _length(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}" if rest else str(minutes)


def _options(segment: Segment) -> str:
    if segment.kind == "voting":
        if segment.method == "dot":
            return f"dot vote, {segment.vote_words.name}"
        return f"{segment.method} vote"
    if not segment.has_turns:
        return ""
    parts = [f"order={segment.order}"]
    if segment.turn_seconds is not None:
        parts.append(f"{segment.turn_seconds} s turns")
    if not segment.allow_pass:
        parts.append("no passing")
    elif not segment.revisit_passed:
        parts.append("passers not revisited")
    if segment.open_floor:
        parts.append("open floor")
    return ", ".join(parts)


def _plain(text: str, limit: int) -> str:
    """User text safe for one line of a terminal: no control characters, not too long."""
    flat = "".join(
        " " if ch.isspace() else ch if ch.isprintable() or ch == "\u200d" else "�" for ch in text
    )
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
