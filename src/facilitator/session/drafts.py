"""What a meetup rule decides: events not yet stamped, or a refusal in words.

Every rule module (rounds, notes, voting, schedule) holds pure decisions: functions from the
state and the host's arguments to a list of `Draft`s, raising `CommandError` when the command
does not fit the moment. The engine stamps the drafts (seq, time, command), saves them, and only
then applies them, so a decision never touches the disk, the clock or the screen.
"""

from __future__ import annotations

from typing import Any

from facilitator.errors import FacilitatorError
from facilitator.session import events as ev

MAX_TEXT = 2000

Draft = tuple[type[ev.BaseEvent], dict[str, Any]]
"""An event before the engine stamps its seq, time and command."""


class CommandError(FacilitatorError):
    """A command that does not fit the moment: a one-line message for the host."""


def draft(event_type: type[ev.BaseEvent], **data: Any) -> Draft:
    return (event_type, data)


def clean_text(text: str, what: str) -> str:
    """A name or topic on one line with single spaces; a note keeps its lines. Never empty."""
    text = " ".join(text.split()) if what != "note" else text.strip()
    if not text:
        raise CommandError(f"The {what} is empty")
    if len(text) > MAX_TEXT:
        raise CommandError(f"The {what} is longer than {MAX_TEXT} characters")
    return text
