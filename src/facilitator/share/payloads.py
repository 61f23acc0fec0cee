"""What each page is sent: the read model's views as JSON, built once per change for all pages.

Views are frozen dataclasses; `plain` turns them into JSON values, adding the few derived texts
a page shows as they are (the countdown's `text`, the speaker's `spent_text`) so the browser
formats nothing the host's screen formats differently. Clock times are sent in the host's local
time with its offset: a phone set to another time zone still shows the room's clock.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any

from facilitator.session import views
from facilitator.session.state import SessionState

_DERIVED: dict[type, tuple[str, ...]] = {
    views.CountdownView: ("text",),
    views.SpeakerView: ("spent_text", "budget_text", "over"),
    views.HeaderView: ("rehearsal", "behind"),
}

Json = dict[str, Any]


def plain(value: object) -> Any:
    """A view (or any value in one) as JSON data."""
    if is_dataclass(value) and not isinstance(value, type):
        out = {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        for name in _DERIVED.get(type(value), ()):
            out[name] = plain(getattr(value, name))
        return out
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.astimezone().isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 2)
    return value


def encode(data: Json) -> str:
    """Compact JSON on one line (an SSE `data:` line); user text stays text, escaped as JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def room(state: SessionState, now: datetime) -> Json:
    """The room page: the room view, as the terminal room view draws it."""
    return {"room": plain(views.room(state, now)), "header": plain(views.header(state, now))}


def phone(state: SessionState, now: datetime) -> Json:
    """The phone page: the room view (speaker, next, hands, the vote, materials) and the
    agenda with planned times."""
    return {**room(state, now), "agenda": plain(views.agenda(state, now))}


def note_taker(state: SessionState, now: datetime) -> Json:
    """The note-taker page's header: the segment and who has the floor (the notes themselves
    are sent one by one, see `note`)."""
    return {
        "countdown": plain(views.countdown(state, now)),
        "speaker": plain(views.speaker(state, now)),
        "header": plain(views.header(state, now)),
    }


def note(state: SessionState, note_id: int) -> Json | None:
    line = views.note(state, note_id)
    return None if line is None else plain(line)


def all_notes(state: SessionState) -> list[Json]:
    """Every note, oldest first (a page that connects, or reconnects, starts from these)."""
    return [plain(line) for line in reversed(views.notes(state, len(state.notes)).latest)]
