"""The plain-text recap (`--format text`): a few lines to paste into a chat after the meetup.

Slack, WhatsApp, Signal and meetup comments show Markdown escapes literally and have no tables,
so this is plain text with no markup at all: the topic, how many came, the next topic, the
action items with their owners, and the links, each URL alone between spaces so every chat app
makes it a link. User text is kept on one line per item.
"""

from __future__ import annotations

from facilitator.export import common as c
from facilitator.export.summary import Summary

BULLET = "•"


def render(summary: Summary) -> str:
    s = summary.session
    title = _flat(c.title(summary))
    day = c.long_date(summary)
    out = [f"{title} — {day}" if day else title]
    if s.topic and _flat(s.topic) != _flat(s.title):
        out.append(f"Topic: {_flat(s.topic)}")
    out += [notice for notice in (c.progress(summary), c.rehearsal_note(summary)) if notice]
    out.append(_came(summary))
    if summary.next_topic:
        out.append(f"Next topic: {_flat(summary.next_topic)}")
    elif summary.vote.nominations:
        out.append("Next topic: not decided")
    todos = [c.action(n) for n in summary.notes if n.kind == "todo"]
    if todos:
        out += ["", "Action items:"]
        out += [
            f"{BULLET} {_flat(owner)}: {_flat(what)}" if owner else f"{BULLET} {_flat(what)}"
            for owner, what in todos
        ]
    if summary.resources:
        out += ["", "Links:", *(f"{BULLET} {r.url}" for r in summary.resources)]
    return "\n".join(out) + "\n"


def _came(summary: Summary) -> str:
    """How many came, against the RSVPs, and who (unless the summary is anonymous)."""
    people = summary.attendees
    count = c.plural(len(people), "person", "people") + " came"
    if summary.expected:
        count += f" ({c.plural(summary.expected, 'RSVP')})"
    if not people or summary.anonymous:
        return count + "."
    return f"{count}: {', '.join(_flat(a.name) for a in people)}."


def _flat(text: str) -> str:
    """User text on one line, its runs of spaces and line breaks made single spaces."""
    return " ".join(text.split())
