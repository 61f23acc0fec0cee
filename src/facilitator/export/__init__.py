"""Summaries of a session record: Markdown, JSON, HTML, or a plain-text recap for a chat.

Each format renders the same `Summary` (see summary.py), built from the record's events alone,
so they always agree and an export never needs the app that wrote the record. Whatever the
format, control characters from user text never reach the output raw (controls.py).
"""

from __future__ import annotations

from typing import Literal

from facilitator.controls import visible
from facilitator.export import html, jsonfmt, markdown, text
from facilitator.export.summary import Summary, build_summary
from facilitator.record.reading import Record

Format = Literal["md", "json", "html", "text"]
FORMATS: tuple[Format, ...] = ("md", "json", "html", "text")
_RENDERERS = {
    "md": markdown.render,
    "json": jsonfmt.render,
    "html": html.render,
    "text": text.render,
}

__all__ = ["FORMATS", "Format", "Summary", "build_summary", "export"]


def export(record: Record, fmt: Format = "md", *, anonymous: bool = False) -> str:
    """The summary of `record` as text in `fmt`. Raises ValueError for an unknown format."""
    try:
        render = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose md, json, html or text") from None
    output = render(build_summary(record, anonymous=anonymous))
    return output if fmt == "json" else visible(output)
