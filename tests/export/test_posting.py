"""Summaries that post cleanly: URLs that work where hosts paste the Markdown (GitHub's
cmark-gfm, markdown-it with linkify as Discourse runs it), a plain-text recap for chat apps, and
charts whose bars line up after emoji and CJK names."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import cmarkgfm
import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len

from facilitator.export import export
from facilitator.record.reading import Record
from tests.reference import arrivals, record_of, reference_evening, start

URLS = [
    "https://example.org/a_b_c/d*e*f~g~h",
    "https://en.wikipedia.org/wiki/Attention_(machine_learning)",
    "https://x.example/search?q=sparse_autoencoders&lang=en#results_2",
    "http://x.example/[draft]/notes_v2.pdf",
]


def evening_with_urls() -> Record:
    engine, clock = start()
    arrivals(engine, clock, ["Rob", "Aroha"])
    engine.add_note(f"Read {URLS[0]} first, then {URLS[1]}.")
    engine.add_note(f"todo: compare ({URLS[2]}) and {URLS[3]}")
    return record_of(engine)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def rendered_links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def gfm(markdown: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown))


def markdown_it_linkify(markdown: str) -> str:
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])
    return str(md.render(markdown))


@pytest.mark.parametrize("render", [gfm, markdown_it_linkify], ids=["cmark-gfm", "markdown-it"])
def test_urls_in_notes_are_working_links(render: object) -> None:
    html = render(export(evening_with_urls(), "md"))  # type: ignore[operator]
    hrefs = rendered_links(html)
    assert not [h for h in hrefs if "%5C" in h or "\\" in h]
    decoded = [unquote(h) for h in hrefs]  # renderers may percent-encode `[`, `]`: same URL
    for url in URLS:
        assert url in decoded, (url, hrefs)


def test_markdown_escapes_stay_outside_urls() -> None:
    md = export(evening_with_urls(), "md")
    assert f"<{URLS[0]}> first, then <{URLS[1]}>." in md
    assert f"compare (<{URLS[2]}>) and <{URLS[3]}>" in md


def test_html_links_the_urls_in_notes() -> None:
    hrefs = rendered_links(export(evening_with_urls(), "html"))
    for url in URLS:
        assert url.replace("&", "&amp;") in hrefs or url in hrefs


# -- plain text ----------------------------------------------------------------------------------


def test_text_recap_of_the_reference_evening() -> None:
    text = export(record_of(reference_evening()), "text")
    lines = text.splitlines()
    assert lines[0] == "LLM Interpretability: Tracing Thoughts — Thursday 26 November 2026"
    assert "Topic: LLM Interpretability" in lines
    assert any(line.startswith("12 people came (") and "Rob, Aroha, Wei" in line for line in lines)
    assert "Next topic: Mechanistic interpretability of vision models" in lines
    items = lines[lines.index("Action items:") + 1 : lines.index("Links:") - 1]
    assert items == [
        "• Wei to share the replication notebook https://github.com/example/circuit-replication",
        "• book the room for next month",
    ]
    links = lines[lines.index("Links:") + 1 :]
    assert "• https://www.neuronpedia.org/" in links and len(links) == 3


def test_text_has_no_markdown_and_urls_stand_alone() -> None:
    engine, clock = start()
    arrivals(engine, clock, ["Rob_T", "*Aroha*"])
    engine.add_note("todo: @Rob_T: share `the` notebook_v2 https://x.example/a_b")
    engine.add_note("todo: [x](y) # not a heading")
    text = export(record_of(engine), "text")
    assert "\\" not in text
    assert "• Rob_T: share `the` notebook_v2 https://x.example/a_b" in text
    assert "• [x](y) # not a heading" in text
    assert "2 people came (5 RSVPs): Rob_T, *Aroha*." in text
    for url in re.findall(r"https?://\S+", text):
        assert not url.endswith((".", ",", ")"))


def test_anonymous_text_gives_the_count_without_names() -> None:
    text = export(record_of(reference_evening()), "text", anonymous=True)
    assert "12 people came (" in text and "Participant" not in text.split("came")[1].split("\n")[0]


def test_markdown_action_items_show_the_named_owner() -> None:
    engine, clock = start()
    arrivals(engine, clock, ["Rob", "Wei"])
    engine.add_note("todo: @Rob: share the notebook")
    md = export(record_of(engine), "md")
    assert "- [ ] **Rob:** share the notebook" in md


# -- charts ----------------------------------------------------------------------------------------


def test_chart_bars_line_up_after_wide_names() -> None:
    engine, clock = start()
    names = ["Ana", "李雷", "Zoë 🎉", "👩‍💻 Mere", "Farah Al-Khatib"]
    arrivals(engine, clock, names)
    engine.next_segment()
    while engine.state.current_turn is not None:
        clock.advance(30)
        engine.next_speaker()
    md = export(record_of(engine), "md")
    chart = md.split("## Speaking time")[1].split("```text\n")[1].split("\n```")[0].splitlines()
    assert len(chart) == len(names)
    starts = {cell_len(line[: line.index("█")]) for line in chart}
    assert len(starts) == 1, chart
