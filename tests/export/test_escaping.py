"""The escaping helpers on their own: Markdown text that renders exactly as typed, links only for
http(s), and the same for HTML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from facilitator.export import html, markdown

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered_text(source: str) -> str:
    """The text of a one-paragraph (or one-item) Markdown document, markup dropped. The only
    markup allowed is a link to a URL that shows as itself (a URL the user typed)."""
    tokens = MD.parse(source)
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1, [t.type for t in tokens]
    children = inline[0].children or []
    kinds = {c.type for c in children}
    assert kinds <= {"text", "softbreak", "hardbreak", "link_open", "link_close"}, kinds
    for i, child in enumerate(children):
        if child.type == "link_open":
            assert children[i + 1].content == child.attrs["href"]
    return "".join(
        "\n" if c.type in ("softbreak", "hardbreak") else c.content
        for c in children
        if c.type not in ("link_open", "link_close")
    )


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "1. not a list",
        "12) not a list",
        "=== not a heading underline",
        "*not em* _not em_ **not strong** ~~not struck~~",
        "[x](javascript:alert(1)) ![i](http://x/y.png) <http://x> <b>b</b>",
        "`code` and ``more``",
        "a | b | c",
        "&amp; &#60; &copy; & plain",
        "back\\slash\\",
        "$x$ and \\*",
        "    four spaces",
    ],
)
def test_inline_text_renders_as_typed(text: str) -> None:
    escaped = markdown.inline(text)
    assert rendered_text(f"- {escaped}") == " ".join(text.split())
    assert rendered_text(f"## {escaped}") == " ".join(text.split())


def test_newlines_and_tabs_in_inline_text_become_spaces() -> None:
    assert markdown.inline("a\n# b\r\n\tc") == "a \\# b c"


def test_block_keeps_lines_as_hard_breaks_inside_one_item() -> None:
    text = "first\n# second\n\n> third\n1. fourth\n```"
    source = "- " + markdown.block(text, 2)
    assert rendered_text(source) == "first\n# second\n> third\n1. fourth\n```"


def test_table_cells_stay_cells() -> None:
    cell = markdown.inline("a | b\nc")
    tokens = MD.parse(f"| x | y |\n| --- | --- |\n| {cell} | z |\n")
    assert [t.type for t in tokens].count("td_open") == 2


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "file:///etc/passwd", "//x"],
)
def test_only_web_urls_become_links(url: str) -> None:
    assert "](" not in markdown.link("title", url)
    assert "<a " not in html.link("title", url)


def test_web_urls_become_safe_links() -> None:
    assert markdown.link("A *b*", "https://x.org/a_b") == "[A \\*b\\*](https://x.org/a_b)"
    odd = markdown.link("t", "https://x.org/a (b)<c>")
    tokens = MD.parse(odd)
    link = next(c for c in tokens[1].children or [] if c.type == "link_open")
    assert link.attrs["href"] == "https://x.org/a%20(b)%3Cc%3E"
    assert html.link("<t>", 'https://x.org/?a=1&b="2"') == (
        '<a href="https://x.org/?a=1&amp;b=&quot;2&quot;" class="titled" '
        'rel="noopener noreferrer">&lt;t&gt;</a>'
    )


def test_html_multiline_and_escape() -> None:
    assert html.multiline("<b>\n\n'x' & y") == "&lt;b&gt;<br>&#x27;x&#x27; &amp; y"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=40))
def test_any_text_renders_as_typed(text: str) -> None:
    flat = " ".join(text.split())
    if not flat:
        return
    escaped = markdown.inline(flat)
    assert rendered_text(f"- {escaped}") == flat
    assert rendered_text(f"### {escaped}") == flat
    cells = [
        t for t in MD.parse(f"| h | i |\n| --- | --- |\n| {escaped} | x |\n") if t.type == "inline"
    ]
    assert [c.content for c in cells[:2]] == ["h", "i"] and len(cells) == 4
    assert "".join(c.content for c in cells[2].children or []) == flat
