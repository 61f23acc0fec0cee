"""Summaries of a session record, in Markdown, JSON or HTML.

Each format renders the same `Summary` (see summary.py), built from the record's events alone,
so the three always agree and an export never needs the app that wrote the record.
"""

from __future__ import annotations

from typing import Literal

from facilitator.export import html, jsonfmt, markdown
from facilitator.export.summary import Summary, build_summary
from facilitator.record.reading import Record

Format = Literal["md", "json", "html"]
FORMATS: tuple[Format, ...] = ("md", "json", "html")
_RENDERERS = {"md": markdown.render, "json": jsonfmt.render, "html": html.render}

__all__ = ["FORMATS", "Format", "Summary", "build_summary", "export"]


def export(record: Record, fmt: Format = "md", *, anonymous: bool = False) -> str:
    """The summary of `record` as text in `fmt`. Raises ValueError for an unknown format."""
    try:
        render = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose md, json or html") from None
    return render(build_summary(record, anonymous=anonymous))
