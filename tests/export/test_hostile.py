"""Hostile text in names, notes, topics and the agenda cannot change a summary's structure or run
anything: the Markdown is checked token by token (markdown-it-py), the HTML tag by tag."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from facilitator.agenda import agenda_from_json
from facilitator.export import export
from facilitator.record.reading import Record
from tests.reference import record_of, start

HOSTILE = [
    "<script>alert(1)</script>",
    "*bold* and _under_ and **strong**",
    "a | b || c",
    "[x](javascript:alert(1))",
    "`tick` and ``two``",
    "# Heading",
    "> quote",
    "1. listy",
    "- dash",
    "+ plus",
    "&amp; &lt;b&gt; &#x3C;",
    "![img](http://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "$x^2$ ~~gone~~",
    "```",
    "trailing\\",
    "<https://evil.example>",
    "=====",
]
MULTILINE = "first line\n# second\n> third\n\n```\n<script>x</script>\n- fourth\n    indented\n---"
TITLE = "<script>alert('t')</script> *Title* | `x`"
SEGMENTS = ["# Arrive", "> Intros <b>", "[Talk](javascript:alert(1)) | x", "Vote *now*"]
SECTIONS = ["Attendance", "Timeline", "Discussion", "Action items", "Questions"]
SECTIONS += ["Resources", "Speaking time", "Vote for the next topic", "Materials"]


def hostile_agenda() -> Any:
    return agenda_from_json(
        {
            "session": {
                "title": TITLE,
                "group": "[group](javascript:alert(1))",
                "host": HOSTILE[0],
                "venue": "# venue\n> here",
                "topic": "_topic_",
                "format": "| a | b |",
                "backlog": ["<b>backlog</b>"],
                "materials": [
                    {"title": "[m](javascript:alert(1))", "url": "javascript:alert(1)"},
                    {"title": "data", "url": "data:text/html,<script>alert(1)</script>"},
                    {"title": "Fine *paper*", "url": "https://example.com/a_(b)?q=1&r=<2>"},
                ],
            },
            "segments": [
                {"title": SEGMENTS[0], "kind": "arrival", "minutes": 10},
                {"title": SEGMENTS[1], "kind": "intros", "minutes": 10},
                {"title": SEGMENTS[2], "kind": "discussion", "minutes": 30, "open_floor": True},
                {"title": SEGMENTS[3], "kind": "voting", "minutes": 5},
            ],
        }
    )


def hostile_record() -> Record:
    engine, clock = start(hostile_agenda())
    engine.toggle_clock()
    ids = {}
    for name in HOSTILE:
        clock.advance(30)
        ids[name] = engine.check_in(name)
    engine.add_note(MULTILINE)
    for _segment in (1, 2):
        engine.next_segment()
        for i, name in enumerate(HOSTILE):
            assert engine.state.speaker is not None and engine.state.speaker.name == name
            clock.advance(20 + i)
            engine.add_note(name)
            engine.add_note(f"todo: {name}")
            engine.add_note(f"q: {name}")
            engine.pass_turn() if i % 5 == 0 else engine.next_speaker()
        while engine.state.current_turn is not None:
            engine.next_speaker()
    engine.add_note("links: javascript:alert(1) https://ok.example/x_y*z")
    engine.next_segment()
    for i, name in enumerate(HOSTILE[:6]):
        tid = engine.nominate(name, ids[name])
        engine.record_votes(tid, i + 1)
    engine.next_segment()
    assert engine.state.finished
    return record_of(engine)


@pytest.fixture(scope="module")
def record() -> Record:
    return hostile_record()


# -- Markdown ------------------------------------------------------------------------------------


MARKUP = {"em_open", "em_close", "strong_open", "strong_close", "link_open", "link_close"}


def plain(token: Token) -> str:
    """The text an inline token renders to, markup dropped."""
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type not in MARKUP:
            out.append(f"<{child.type}>")
    return "".join(out)


def headings(tokens: list[Token], tag: str) -> list[str]:
    return [
        plain(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == tag
    ]


@pytest.mark.parametrize("anonymous", [False, True])
def test_markdown_structure_is_intact(record: Record, anonymous: bool) -> None:
    md = export(record, "md", anonymous=anonymous)
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(md)
    types = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not types & {"html_block", "html_inline", "image", "code_inline", "s_open"}
    assert not [t for t in tokens if t.type == "code_block"]  # no stray indented code
    assert headings(tokens, "h1") == [TITLE]
    assert headings(tokens, "h2") == SECTIONS
    assert headings(tokens, "h3") == SEGMENTS[:3]
    if not anonymous:
        assert set(headings(tokens, "h4")) == {f"During {name}'s turn" for name in HOSTILE}
    # Links: only http(s), and every link is one we made (resources and the one good material).
    hrefs = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert hrefs and all(str(h).startswith(("https://", "http://")) for h in hrefs)
    assert "https://ok.example/x_y*z" in hrefs
    # One table, every row with its six cells.
    assert [t.type for t in tokens].count("table_open") == 1
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"]
    for i in rows:
        end = next(j for j in range(i, len(tokens)) if tokens[j].type == "tr_close")
        cells = [t for t in tokens[i:end] if t.type in ("td_open", "th_open")]
        assert len(cells) == 6
    assert len(rows) == 1 + len(SEGMENTS) + 1
    # Fenced charts hold exactly their rows.
    fences = [t for t in tokens if t.type == "fence"]
    speakers = [a for a in json.loads(export(record, "json"))["attendees"] if a["speaking_seconds"]]
    assert [len(f.content.splitlines()) for f in fences] == [len(speakers), 6 + 1]
    # Every hostile string reads back verbatim somewhere in the rendered text.
    texts = "\n".join(plain(t) for t in tokens if t.type == "inline")
    for text in [*HOSTILE, TITLE, *SEGMENTS] if not anonymous else [TITLE, *SEGMENTS]:
        assert text in texts
    if anonymous:  # "```" is also someone's name, so it is replaced inside the note
        return
    assert (
        "first line\n# second\n> third\n```\n<script>x</script>\n- fourth\nindented\n---" in texts
    )


def section(tokens: list[Token], title: str) -> list[Token]:
    """The tokens under one `## title`, up to the next h2."""
    h2 = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    starts = [i for i in h2 if plain(tokens[i + 1]) == title]
    assert len(starts) == 1, title
    end = next((i for i in h2 if i > starts[0]), len(tokens))
    return tokens[starts[0] : end]


def test_markdown_lists_keep_one_item_per_note(record: Record) -> None:
    tokens = MarkdownIt("commonmark").parse(export(record, "md"))
    notes = json.loads(export(record, "json"))["notes"]
    for title, kind in (("Action items", "todo"), ("Questions", "question")):
        part = section(tokens, title)
        items = [t for t in part if t.type == "list_item_open"]
        assert len(items) == len([n for n in notes if n["kind"] == kind])
        assert {t.level for t in items} == {1}  # no nested lists made from the text
        texts = [plain(part[i + 2]) for i, t in enumerate(part) if t.type == "list_item_open"]
        assert all(" — " in text for text in texts)  # each keeps its attribution


# -- HTML ----------------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "link", "input"}


class Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.current: list[str] = []
        self.h2: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "h2":
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()
        if tag == "h2":
            self.h2.append("".join(self.current))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        self.current.append(data)


def test_html_structure_is_intact_and_inert(record: Record) -> None:
    page = export(record, "html")
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    tags = [tag for tag, _ in checker.tags]
    assert not {"script", "img", "iframe", "link", "object", "embed", "form"} & set(tags)
    assert tags.count("style") == 1 and tags.count("h1") == 1
    assert checker.h2 == SECTIONS
    for tag, attrs in checker.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert value is not None and value.startswith(("https://", "http://"))
            assert "javascript:" not in (value or "")
    text = "".join(checker.text)
    for hostile in [*HOSTILE, TITLE, *SEGMENTS]:
        assert hostile in text
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "http://evil" not in page.split("<body>")[0]


def test_html_is_self_contained(record: Record) -> None:
    page = export(record, "html")
    assert "@media print" in page
    checker = Checker()
    checker.feed(page)
    assert all(name != "src" for _, attrs in checker.tags for name, _ in attrs)
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style and "@import" not in style


# -- JSON ----------------------------------------------------------------------------------------


def test_json_keeps_text_verbatim(record: Record) -> None:
    data = json.loads(export(record, "json"))
    assert data["session"]["title"] == TITLE
    assert [a["name"] for a in data["attendees"]] == HOSTILE
    assert data["notes"][0]["text"] == MULTILINE
    assert [r["topic"] for r in data["vote"]["results"]][:1] == [HOSTILE[5]]


# -- control characters ------------------------------------------------------------------------

CONTROLS = [
    "Eve\x1b]0;pwned\x07",  # OSC 0: the terminal's title
    "Mal\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52: the clipboard
    "\x1b]8;;https://evil.example\x1b\\Click\x1b]8;;\x1b\\",  # OSC 8: a hidden link
    "Clear\x1b[2J\x1b[H",  # CSI: clear the screen
    "Ding\x07\x07",  # BEL
    "C1\x9b31m\x9d0;x\x9c",  # C1 CSI, OSC, ST
    "Ali\u202egnp.exe",  # RLO: shown reversed
]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def control_record() -> Record:
    agenda = hostile_agenda().model_copy(deep=True)
    agenda.session.title = "Night\x1b]0;title\x07"
    agenda.segments[2].title = "Talk\x1b[2J"
    engine, clock = start(agenda)
    engine.toggle_clock()
    ids = [engine.check_in(name) for name in CONTROLS]
    engine.next_segment()
    engine.next_segment()
    for name in CONTROLS:
        clock.advance(20)
        engine.add_note(f"todo: {name} https://ok.example/{name[:3]}")
        engine.next_speaker()
    engine.next_segment()
    engine.nominate("Topic\x1b]52;c;eA==\x07", ids[0])
    return record_of(engine)


@pytest.mark.parametrize("fmt", ["md", "html", "text", "json"])
@pytest.mark.parametrize("anonymous", [False, True])
def test_no_control_character_reaches_the_output(fmt: str, anonymous: bool) -> None:
    out = export(control_record(), fmt, anonymous=anonymous)  # type: ignore[arg-type]
    assert not RAW.findall(out), sorted(set(RAW.findall(out)))
    if fmt == "md":  # what a reader sees: the Markdown rendered
        tokens = MarkdownIt("commonmark").enable(["table"]).parse(out)
        out = "\n".join(plain(t) for t in tokens if t.type == "inline")
    if fmt != "json":
        assert "Night\\x1b]0;title\\x07" in out
    if fmt != "json" and not anonymous:
        assert "Ali\\u202egnp.exe" in out and "Eve\\x1b]0;pwned\\x07" in out


def test_json_keeps_control_characters_as_data() -> None:
    data = json.loads(export(control_record(), "json"))
    assert [a["name"] for a in data["attendees"]] == CONTROLS
    assert data["session"]["title"] == "Night\x1b]0;title\x07"
