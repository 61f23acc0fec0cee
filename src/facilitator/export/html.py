"""The HTML summary: one self-contained, printable page.

No external assets and no JavaScript: the page must open offline, print cleanly, and be safe to
attach or host. Every user string goes through `esc` (html.escape, quotes included); links are
made only for http(s) URLs (in notes too); multi-line notes keep their lines with `<br>`.
"""

from __future__ import annotations

from html import escape

from facilitator.export import common as c
from facilitator.export.summary import NoteOut, Summary

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --bar: #3b6ea8; --paper: #fff; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--paper); max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem;
  margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-bottom: .3rem; }
h4 { font-size: 1rem; margin: .8rem 0 .2rem; }
.group, .muted { color: var(--muted); }
.facts { list-style: none; padding: 0; }
.facts b { display: inline-block; min-width: 5rem; }
.notice { border-left: 4px solid var(--bar); padding: .3rem .8rem; background: #f3f6fa; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart td { border: 0; padding: .1rem .5rem; }
.chart .track { width: 55%; }
.bar { height: .9rem; background: var(--bar); border-radius: 2px;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.winner { font-size: 1.15rem; }
a { color: var(--bar); overflow-wrap: anywhere; }
li { margin: .15rem 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  table, li, .chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a.titled::after { content: " (" attr(href) ")"; font-size: .85em; color: var(--muted); }
}
""".strip()


def esc(text: str) -> str:
    return escape(text, quote=True)


def multiline(text: str) -> str:
    """User text with its line breaks kept as `<br>` and its http(s) URLs as links (nothing
    else interpreted)."""
    return "<br>".join(_linked(line) for line in text.splitlines() if line.strip())


def _linked(line: str) -> str:
    return "".join(link(p, p) if is_url else esc(p) for p, is_url in c.split_urls(line))


def link(text: str, url: str | None) -> str:
    if url is None:
        return esc(text)
    if not c.is_web_url(url):
        return f"{esc(text)} <span class=muted>({esc(url)})</span>"
    titled = ' class="titled"' if text != url else ""  # print shows the URL after a title
    return f'<a href="{esc(url.strip())}"{titled} rel="noopener noreferrer">{esc(text)}</a>'


def render(summary: Summary) -> str:
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(c.title(summary))}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(c.title(summary))}</h1>",
    ]
    _header(summary, out)
    out.append("</header>")
    for part in (_attendance, _timeline, _discussion, _todos, _questions, _resources):
        part(summary, out)
    for part in (_speaking, _vote, _materials):
        part(summary, out)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _header(summary: Summary, out: list[str]) -> None:
    s = summary.session
    if s.group:
        out.append(f'<p class="group">{esc(s.group)}</p>')
    when = c.when(summary)
    facts = [("Date", when), ("Venue", s.venue), ("Host", s.host), ("Topic", s.topic)]
    facts.append(("Format", s.format))
    items = [f"<li><b>{k}</b> {esc(v)}</li>" for k, v in facts if v]
    if items:
        out += ['<ul class="facts">', *items, "</ul>"]
    for notice in (c.progress(summary), c.rehearsal_note(summary)):
        if notice:
            out.append(f'<p class="notice">{esc(notice)}</p>')


def _attendance(summary: Summary, out: list[str]) -> None:
    out += ["<section>", "<h2>Attendance</h2>", f"<p>{esc(c.attendance(summary))}</p>"]
    if summary.attendees:
        out.append("<p>" + ", ".join(esc(a.name) for a in summary.attendees) + "</p>")
    out.append("</section>")


def _timeline(summary: Summary, out: list[str]) -> None:
    out += [
        "<section>",
        "<h2>Timeline</h2>",
        "<table>",
        "<thead><tr><th>Planned</th><th>Started</th><th>Segment</th>"
        '<th class="num">Planned length</th><th class="num">Actual</th>'
        '<th class="num">Difference</th></tr></thead>',
        "<tbody>",
    ]
    for seg in summary.segments:
        extra = f' <span class="muted">({c.extra(seg)})</span>' if seg.extra_seconds else ""
        out.append(
            f"<tr><td>{c.clock(seg.planned_start)}</td><td>{c.clock(seg.started_at)}</td>"
            f"<td>{esc(seg.title)}{extra}</td>"
            f'<td class="num">{c.duration(seg.planned_seconds)}</td>'
            f'<td class="num">{c.actual(seg)}</td><td class="num">{c.difference(seg)}</td></tr>'
        )
    planned = sum(seg.planned_seconds for seg in summary.segments)
    actual = sum(seg.actual_seconds or 0 for seg in summary.segments)
    out += [
        "</tbody>",
        f'<tfoot><tr><td></td><td></td><th>Total</th><td class="num">{c.duration(planned)}</td>'
        f'<td class="num">{c.duration(actual)}</td>'
        f'<td class="num">{c.total_difference(summary)}</td></tr></tfoot>',
        "</table>",
        "</section>",
    ]


def _names(names: list[str]) -> str:
    return ", ".join(esc(n) for n in names)


def _note_li(note: NoteOut, *, by: bool = False, strip: bool = False) -> str:
    owner, text = c.action(note) if strip else (None, note.text)
    lead = f"<b>{esc(owner)}:</b> " if owner else ""
    body = lead + (multiline(text) or esc(note.text))
    who = c.attribution(note) if by else c.credit(note)
    suffix = f' <span class="muted">— {esc(who)}</span>' if who else ""
    return f"<li>{body}{suffix}</li>"


def _discussion(summary: Summary, out: list[str]) -> None:
    talks = c.discussion(summary)
    if not talks:
        return
    out += ["<section>", "<h2>Discussion</h2>"]
    for talk in talks:
        out.append(f"<h3>{esc(talk.title)}</h3>")
        floor = ", ".join(esc(n) if k == 1 else f"{esc(n)} (×{k})" for n, k in talk.floor)
        facts = [
            ("Shared", _names(talk.shared)),
            ("Passed, then shared when offered again", _names(talk.revisited)),
            ("Passed", _names(talk.passed)),
            ("Open floor", floor),
            ("Absent when called", _names(talk.absent)),
        ]
        items = [f"<li><b>{label}:</b> {value}</li>" for label, value in facts if value]
        if items:
            out += ["<ul>", *items, "</ul>"]
        if talk.notes:
            out += ["<ul>", *(_note_li(n) for n in talk.notes), "</ul>"]
        for speaker, notes in talk.by_turn.items():
            out += [
                f"<h4>{esc(c.turn_heading(speaker))}</h4>",
                "<ul>",
                *(_note_li(n) for n in notes),
                "</ul>",
            ]
    out.append("</section>")


def _kind(summary: Summary, out: list[str], kind: str, title: str) -> None:
    notes = [n for n in summary.notes if n.kind == kind]
    if notes:
        items = (_note_li(n, by=True, strip=True) for n in notes)
        out += ["<section>", f"<h2>{title}</h2>", "<ul>", *items, "</ul>", "</section>"]


def _todos(summary: Summary, out: list[str]) -> None:
    _kind(summary, out, "todo", "Action items")


def _questions(summary: Summary, out: list[str]) -> None:
    _kind(summary, out, "question", "Questions")


def _resources(summary: Summary, out: list[str]) -> None:
    if not summary.resources:
        return
    out += ["<section>", "<h2>Resources</h2>", "<ul>"]
    for r in summary.resources:
        who = c.context(r.segment, r.speaker)
        suffix = f' <span class="muted">— {esc(who)}</span>' if who else ""
        out.append(f"<li>{link(r.url, r.url)}{suffix}</li>")
    out += ["</ul>", "</section>"]


def _chart(rows: list[tuple[str, int, str]], caption: str) -> list[str]:
    top = max((value for _, value, _ in rows), default=0)
    out = [f'<table class="chart" aria-label="{esc(caption)}">', "<tbody>"]
    for label, value, shown in rows:
        width = 0 if top <= 0 else round(100 * value / top)
        out.append(
            f"<tr><td>{esc(label)}</td>"
            f'<td class="track"><div class="bar" style="width: {width}%"></div></td>'
            f'<td class="num">{esc(shown)}</td></tr>'
        )
    return [*out, "</tbody>", "</table>"]


def _speaking(summary: Summary, out: list[str]) -> None:
    rows = c.speaking_rows(summary)
    if rows:
        out += ["<section>", "<h2>Speaking time</h2>", *_chart(rows, "Speaking time"), "</section>"]


def _vote(summary: Summary, out: list[str]) -> None:
    vote = summary.vote
    if not vote.nominations:
        return
    out += ["<section>", "<h2>Vote for the next topic</h2>"]
    method = c.method(summary)
    if method:
        out.append(f"<p>Method: {esc(method)}.</p>")
    for round_ in vote.rounds:
        if round_.kind == "runoff":
            out.append(f"<h3>{c.RUNOFF}</h3>")
        rows = [(r.topic, r.votes, str(r.votes)) for r in round_.results]
        if rows:
            out += _chart(rows, "Votes" if round_.kind == "vote" else "Runoff votes")
        if round_.tied:
            tied = c.and_join([esc(t) for t in round_.tied])
            votes = c.plural(round_.results[0].votes, "vote")
            out.append(f"<p>Tie between {tied} ({votes} each).</p>")
    if vote.winner:
        how = c.settled_text(summary)
        how = f" ({how})" if how else ""
        out.append(f'<p class="winner"><b>Next topic: {esc(vote.winner)}</b>{how}</p>')
    out += ["<h3>Nominations</h3>", "<ul>"]
    for n in vote.nominations:
        why = c.nomination_note(n)
        note = f' <span class="muted">({esc(why)})</span>' if why else ""
        out.append(f"<li>{esc(n.topic)}{note}</li>")
    out += ["</ul>", "</section>"]


def _materials(summary: Summary, out: list[str]) -> None:
    if summary.materials:
        items = (f"<li>{link(m.title, m.url)}</li>" for m in summary.materials)
        out += ["<section>", "<h2>Materials</h2>", "<ul>", *items, "</ul>", "</section>"]
