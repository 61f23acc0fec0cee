"""Templates for the next host: an agenda or a finished record in, tidy TOML out.

A template keeps what recurs (segments, format, the planned start time) and drops what belongs
to one evening (the date, the people, the description). From a record, the vote's winner
becomes the next topic and the other nominations go to the backlog, so good topics are offered
again. The materials were the old topic's reading: they are kept at the end of the file,
commented out as "last time's reading", never presented as the next topic's own.
Every text we write is parsed back with `parse_agenda` before it is returned: we never hand
the user a file that `facilitator run` would refuse.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from facilitator.agenda import Agenda, AgendaError, dump_agenda, load_agenda, parse_agenda
from facilitator.agenda.writing import toml_dumps
from facilitator.errors import FacilitatorError
from facilitator.identity import name_key, unique
from facilitator.record.journal import JournalError
from facilitator.record.reading import load_record
from facilitator.session.state import SessionState

RECORD_SUFFIXES = (".jsonl", ".json", ".ndjson")


class TemplateError(FacilitatorError):
    """Input a template cannot be made from; ``str()`` is one line naming the file."""


def _one_line(error: AgendaError | JournalError, path: Path) -> str:
    if isinstance(error, AgendaError):
        first = error.problems[0]
        where = first.file if first.line is None else f"{first.file}:{first.line}"
        more = len(error.problems) - 1
        hint = f" (and {more} more: run `facilitator validate {path}`)" if more else ""
        return f"{where}: {first.message}{hint}"
    return str(error).splitlines()[0]


def is_record(source: Path) -> bool:
    """Is `source` a session record (JSON lines) rather than an agenda (TOML)?"""
    if source.suffix.lower() in RECORD_SUFFIXES:
        return True
    if source.suffix.lower() == ".toml":
        return False
    try:
        with source.open("rb") as f:
            return f.read(1) == b"{"
    except OSError:
        return False


def _load(source: Path) -> tuple[Agenda, SessionState | None]:
    if not source.exists():
        raise TemplateError(f"{source}: no such file; give an agenda (.toml) or a record (.jsonl)")
    if source.is_dir():
        raise TemplateError(f"{source}: is a folder; give an agenda (.toml) or a record (.jsonl)")
    try:
        if is_record(source):
            record = load_record(source)
            return record.state.agenda, record.state
        return load_agenda(source), None
    except (AgendaError, JournalError) as error:
        raise TemplateError(_one_line(error, source)) from None


def _one_line_text(text: str) -> str:
    """User text made safe for a TOML comment: one line, no control characters."""
    return "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))


def _validated(text: str, what: str) -> str:
    """Parse our own output back: a bug here must fail loudly, not write a broken agenda."""
    try:
        parse_agenda(text, what)
    except AgendaError as error:  # pragma: no cover - would be a bug in this module
        raise TemplateError(f"{what}: the generated agenda is invalid ({error})") from None
    return text


def next_agenda(agenda: Agenda, state: SessionState | None) -> Agenda:
    """The agenda for the next session: topic = the winner, backlog = the rest."""
    session = agenda.session
    winner: str | None = None
    nominated: list[str] = []
    if state is not None:
        vote = state.vote
        if vote.winner is not None and vote.winner in vote.nominations:
            winner = vote.nominations[vote.winner].topic
        nominated = [n.topic for n in vote.nominations.values() if not n.withdrawn]
    done = [t for t in (winner, session.topic) if t]
    backlog = unique([*nominated, *session.backlog], done)
    update: dict[str, object] = {
        "date": None,
        "topic": winner,
        "backlog": backlog,
        "description": None,  # it describes the old topic
        "materials": [],  # so do these: see last_reading
    }
    if winner is not None:
        update["title"] = winner
    new_session = session.model_copy(update=update)
    return agenda.model_copy(update={"session": new_session, "people": []})


def last_reading(agenda: Agenda) -> str:
    """The old topic's materials as commented-out TOML, to put back by hand if still wanted."""
    materials = agenda.session.materials
    if not materials:
        return ""
    about = _one_line_text(agenda.session.topic or agenda.session.title)
    table = {"session": {"materials": [m.model_dump(exclude_none=True) for m in materials]}}
    lines = toml_dumps(table).strip().splitlines()
    return (
        f"\n# Last time's reading (on {about}): not this topic's, so left out. To use it again,\n"
        "# remove the leading '# ' from the lines below.\n"
        + "".join(f"# {line}\n" if line else "#\n" for line in lines)
    )


def make_template(source: Path) -> str:
    """A template (TOML text) from an agenda or a record. Raises TemplateError."""
    agenda, state = _load(source)
    template = next_agenda(agenda, state)
    origin = "record" if state is not None else "agenda"
    title = _one_line_text(agenda.session.title)
    day = agenda.session.date
    if day is None and state is not None and state.started_at is not None:
        day = state.started_at.astimezone().date()
    when = f" on {day.isoformat()}" if day else ""
    where = _one_line_text(str(source))
    header = [
        f"# Template for the next session, made by `facilitator template` from the {origin}",
        f'# {where} (session "{title}"{when}).',
        "# Left out: the date, the people, the description and the old topic's materials.",
    ]
    if template.session.topic:
        header.append(
            "# The topic is the one voted for; the other nominated topics are in `backlog`."
        )
    else:
        header.append("# No topic was voted for: give one with `facilitator new --topic`.")
    header.append("# Next: facilitator new THIS.toml -o NEXT.toml --date YYYY-MM-DD")
    text = "\n".join(header) + "\n\n" + dump_agenda(template) + last_reading(agenda)
    return _validated(text, str(source))


def new_agenda(
    template: Path,
    *,
    title: str | None = None,
    date: datetime.date | None = None,
    topic: str | None = None,
) -> str:
    """A new agenda (TOML text) from a template, with the given title, date and topic."""
    agenda, _ = _load(template)
    session = agenda.session
    update: dict[str, object] = {}
    for key, value in (("title", title), ("topic", topic)):
        if value is not None:
            if not value.strip():
                raise TemplateError(f"{template}: the {key} must not be empty")
            update[key] = " ".join(value.split())
    if date is not None:
        update["date"] = date
    if topic is not None and title is None and session.topic == session.title:
        update["title"] = update["topic"]  # the title was only the suggested topic
    reading = ""
    if topic is not None:
        update["backlog"] = unique(session.backlog, [topic])
        if name_key(topic) != name_key(session.topic or ""):
            reading = last_reading(agenda)  # the materials were the old topic's
            update["materials"] = []
    new = agenda.model_copy(update={"session": session.model_copy(update=update)})
    header = f"# Agenda made by `facilitator new` from {_one_line_text(str(template))}\n\n"
    return _validated(header + dump_agenda(new) + reading, str(template))
