"""The Markdown summary: reads well on GitHub and pasted into a meetup page or a forum post.

Every user string (names, notes, topics, titles) goes through `inline` or `block`, which
backslash-escape what CommonMark/GFM would interpret, so text such as `# x`, `[x](javascript:…)`
or `| a |` shows as typed and can never change the document's structure. An http(s) URL in
user text is written as an autolink, `<https://…>`, with no escapes inside: a renderer does not
undo escapes in a bare URL (GitHub's would link `%5C_`) and markdown-it's linkify would cut it
short at the first backslash. Charts are fenced code blocks (monospace in every renderer) with a
fence longer than any backtick run inside.
"""

from __future__ import annotations

import re

from facilitator.export import common as c
from facilitator.export.summary import NoteOut, Summary

_SPECIAL = "\\`*_[]<>|~$#"  # the backslash first, so the escapes are not escaped again
_ENTITY = re.compile(r"&(?=#?\w+;)")  # only an entity-like `&` would be decoded
_LINE_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")
_PLAIN_URL = re.compile(r"[^\s<>()\\`\x00-\x1f\x7f]+")
_AUTOLINK = re.compile(r"[^\s<>\x00-\x1f\x7f]+")  # what CommonMark allows between < and >


def inline(text: str, *, links: bool = True) -> str:
    """One line of user text, safe anywhere inline: a heading, a list item or a table cell.
    Its URLs become autolinks, unless `links` is false (inside a link's own text)."""
    return _line(" ".join(text.split()), links=links)


def _line(text: str, *, links: bool = True) -> str:
    pieces = c.split_urls(text) if links else [(text, False)]
    out = [f"<{piece}>" if is_url else _escaped(piece) for piece, is_url in pieces]
    if out and not pieces[0][1]:
        out[0] = _block_start(out[0])
    return "".join(out)


def _escaped(text: str) -> str:
    """Text with CommonMark's inline punctuation escaped."""
    escaped = text
    for ch in _SPECIAL:  # str.replace is several times faster than translate or re.sub here
        if ch in escaped:
            escaped = escaped.replace(ch, "\\" + ch)
    if "&" in escaped:
        escaped = _ENTITY.sub(r"\\&", escaped)
    return escaped


def _block_start(escaped: str) -> str:
    """An escaped line whose start would open a block (a list, a quote, a heading underline)
    escaped too."""
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():  # "1." or "1)" would start an ordered list
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def block(text: str, indent: int) -> str:
    """Multi-line user text inside a list item: its lines joined by hard breaks, blank lines
    dropped (they would end the item), each line escaped as a line of its own."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [_line(line) for line in lines if line]
    return ("\\\n" + " " * indent).join(lines)


def link(text: str, url: str | None) -> str:
    """A link only for http(s) URLs; anything else is shown as escaped text. A URL shown as
    itself is an autolink."""
    if url is None or not c.is_web_url(url):
        return inline(text) if url is None else f"{inline(text)} ({inline(url, links=False)})"
    url = url.strip()
    if text.strip() == url and _AUTOLINK.fullmatch(url):
        return f"<{url}>"
    if _PLAIN_URL.fullmatch(url):
        return f"[{inline(text, links=False)}]({url})"
    return f"[{inline(text, links=False)}](<{_destination(url)}>)"


def _destination(url: str) -> str:
    """A URL safe inside `<...>`: no spaces, angle brackets or backslashes left raw."""
    return "".join(f"%{ord(ch):02X}" if ch in " <>\\" or ord(ch) < 32 else ch for ch in url)


def _fence(lines: list[str]) -> str:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def code_block(lines: list[str]) -> list[str]:
    fence = _fence(lines)
    return [f"{fence}text", *lines, fence]


def render(summary: Summary) -> str:
    out: list[str] = []
    _header(summary, out)
    _attendance(summary, out)
    _timeline(summary, out)
    _discussion(summary, out)
    _notes_of_kind(summary, out, "todo", "Action items", "- [ ] ")
    _notes_of_kind(summary, out, "question", "Questions", "- ")
    _resources(summary, out)
    _speaking(summary, out)
    _vote(summary, out)
    _materials(summary, out)
    return "\n".join(out).rstrip() + "\n"


def _section(out: list[str], title: str) -> None:
    out += [f"## {title}", ""]


def _header(summary: Summary, out: list[str]) -> None:
    s = summary.session
    out += [f"# {inline(c.title(summary))}", ""]
    if s.group:
        out += [f"*{inline(s.group)}*", ""]
    when = c.when(summary)
    facts = [
        ("Date", inline(when) if when else None),
        ("Venue", inline(s.venue) if s.venue else None),
        ("Host", inline(s.host) if s.host else None),
        ("Topic", inline(s.topic) if s.topic else None),
        ("Format", inline(s.format) if s.format else None),
    ]
    out += [f"- **{label}:** {value}" for label, value in facts if value]
    out.append("")
    for notice in (c.progress(summary), c.rehearsal_note(summary)):
        if notice:
            out += [f"> {notice}", ""]


def _attendance(summary: Summary, out: list[str]) -> None:
    _section(out, "Attendance")
    out += [c.attendance(summary), ""]
    if summary.attendees:
        out += [", ".join(inline(a.name) for a in summary.attendees), ""]


def _timeline(summary: Summary, out: list[str]) -> None:
    _section(out, "Timeline")
    out += [
        "| Planned | Started | Segment | Planned length | Actual | Difference |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for seg in summary.segments:
        extra = f" ({c.extra(seg)})" if seg.extra_seconds else ""
        row = [
            c.clock(seg.planned_start),
            c.clock(seg.started_at),
            inline(seg.title) + extra,
            c.duration(seg.planned_seconds),
            c.actual(seg),
            c.difference(seg),
        ]
        out.append("| " + " | ".join(row) + " |")
    planned = sum(seg.planned_seconds for seg in summary.segments)
    actual_total = sum(seg.actual_seconds or 0 for seg in summary.segments)
    out += [
        f"| | | **Total** | {c.duration(planned)} | {c.duration(actual_total)} | "
        f"{c.total_difference(summary)} |",
        "",
    ]


def _names(names: list[str]) -> str:
    return ", ".join(inline(n) for n in names)


def _discussion(summary: Summary, out: list[str]) -> None:
    talks = c.discussion(summary)
    if not talks:
        return
    _section(out, "Discussion")
    for talk in talks:
        out += [f"### {inline(talk.title)}", ""]
        facts = [
            ("Shared", _names(talk.shared)),
            ("Passed, then shared when offered again", _names(talk.revisited)),
            ("Passed", _names(talk.passed)),
            ("Open floor", ", ".join(_times(inline(n), k) for n, k in talk.floor)),
            ("Absent when called", _names(talk.absent)),
        ]
        lines = [f"- **{label}:** {value}" for label, value in facts if value]
        if lines:
            out += [*lines, ""]
        if talk.notes:
            out += [_note_item(n, "- ") for n in talk.notes]
            out.append("")
        for speaker, notes in talk.by_turn.items():
            out += [f"#### {inline(c.turn_heading(speaker))}", ""]
            out += [_note_item(n, "- ") for n in notes]
            out.append("")


def _times(name: str, count: int) -> str:
    return name if count == 1 else f"{name} (×{count})"


def _note_item(note: NoteOut, bullet: str, *, by: bool = False, strip: bool = False) -> str:
    owner, text = c.action(note) if strip else (None, note.text)
    lead = f"**{inline(owner)}:** " if owner else ""
    item = bullet + lead + (block(text, len(bullet)) or inline(note.text))
    who = c.attribution(note) if by else c.credit(note)
    return f"{item} — *{inline(who)}*" if who else item


def _notes_of_kind(summary: Summary, out: list[str], kind: str, title: str, bullet: str) -> None:
    notes = [n for n in summary.notes if n.kind == kind]
    if not notes:
        return
    _section(out, title)
    out += [_note_item(n, bullet, by=True, strip=True) for n in notes]
    out.append("")


def _resources(summary: Summary, out: list[str]) -> None:
    if not summary.resources:
        return
    _section(out, "Resources")
    for r in summary.resources:
        who = c.context(r.segment, r.speaker)
        out.append(f"- {link(r.url, r.url)}" + (f" — *{inline(who)}*" if who else ""))
    out.append("")


def _speaking(summary: Summary, out: list[str]) -> None:
    rows = c.speaking_rows(summary)
    if not rows:
        return
    _section(out, "Speaking time")
    out += [*code_block(c.text_chart(rows)), ""]


def _vote(summary: Summary, out: list[str]) -> None:
    vote = summary.vote
    if not vote.nominations:
        return
    _section(out, "Vote for the next topic")
    method = c.method(summary)
    if method:
        out += [f"Method: {inline(method)}.", ""]
    for round_ in vote.rounds:
        if round_.kind == "runoff":
            out += [f"{c.RUNOFF}:", ""]
        rows = [(r.topic, r.votes, str(r.votes)) for r in round_.results]
        if rows:
            out += [*code_block(c.text_chart(rows)), ""]
        if round_.tied:
            tied = c.and_join([inline(t) for t in round_.tied])
            votes = c.plural(round_.results[0].votes, "vote")
            out += [f"Tie between {tied} ({votes} each).", ""]
    if vote.winner:
        how = c.settled_text(summary)
        out += [f"**Next topic: {inline(vote.winner)}**" + (f" ({how})" if how else ""), ""]
    out += ["Nominations:", ""]
    for n in vote.nominations:
        why = c.nomination_note(n)
        out.append(f"- {inline(n.topic)}" + (f" ({inline(why)})" if why else ""))
    out.append("")


def _materials(summary: Summary, out: list[str]) -> None:
    if not summary.materials:
        return
    _section(out, "Materials")
    out += [f"- {link(m.title, m.url)}" for m in summary.materials]
    out.append("")
