"""Problems found in an agenda file, rendered the way uv and ruff render theirs.

A host fixing an agenda before the meetup needs every mistake at once, each pointing at the
line to change, so a problem carries its source line and a caret under the offending text.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.errors import FacilitatorError

_WINDOW = 100
"""Source lines longer than this are cut around the problem so the snippet stays readable."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an agenda, located in its file when the file is known."""

    file: str
    """The path as the user gave it, so the message points where they typed."""
    line: int | None
    """1-based line, or None when the problem has no place in the text (e.g. a missing file)."""
    message: str
    """What is wrong and where in the agenda, e.g. 'segment 3 "Discussion": minutes ...'."""
    source: str | None = None
    """The text of that line, shown under the message."""
    column: int | None = None
    """1-based column (in characters) where the caret starts."""
    span: int = 1
    """How many characters the caret underlines."""

    @classmethod
    def at(
        cls, file: str, line: int, message: str, source: str, column: int, span: int = 1
    ) -> Problem:
        """A problem at a place in the text, keeping only the part of a long line near it.

        Long lines are cut when the problem is made, not when it is shown: a file with
        thousands of problems on one long line must not hold thousands of copies of it.
        """
        if len(source) > _WINDOW:
            start = max(0, min(column - 1 - _WINDOW // 3, len(source) - _WINDOW))
            end = start + _WINDOW
            lead, tail = ("…" if start else ""), ("…" if end < len(source) else "")
            span = max(1, min(span, end - (column - 1)))
            column = column - start + len(lead)
            source = lead + source[start:end] + tail
        return cls(file, line, message, source, column, span)

    def format(self) -> str:
        """`FILE:LINE: message`, then the source line with a caret under the problem."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        head = f"{where}: {self.message}"
        if self.line is None or self.source is None:
            return head
        number = str(self.line)
        gutter = " " * len(number)
        lines = [head, f"{gutter} |", f"{number} | {_display(self.source)}".rstrip()]
        if self.column is not None:
            before = self.source[: self.column - 1]
            under = self.source[self.column - 1 : self.column - 1 + max(1, self.span)]
            pad, width = display_width(_display(before)), display_width(_display(under))
            lines.append(f"{gutter} | {' ' * pad}{'^' * max(1, width)}")
        return "\n".join(lines)


class AgendaError(FacilitatorError):
    """Everything wrong with an agenda; the only exception the agenda loader raises."""

    problems: list[Problem]

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems) or [Problem("<agenda>", None, "invalid agenda")]
        super().__init__(self.problems)

    def __str__(self) -> str:
        return "\n".join(problem.format() for problem in self.problems)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # category Cc
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _display(text: str) -> str:
    """Tabs as spaces, and control characters as a visible mark, one per character."""
    return _CONTROL.sub(lambda m: "    " if m.group() == "\t" else "�", text)


def display_width(text: str) -> int:
    """Terminal columns taken by `text`: wide CJK characters take two, combining marks none."""
    width = len(text)
    for ch in _NON_ASCII.findall(text):
        if unicodedata.combining(ch):
            width -= 1
        elif unicodedata.east_asian_width(ch) in "WF":
            width += 1
    return width


def show_value(value: object, limit: int = 40) -> str:
    """A value as the user wrote it in TOML, quoted and escaped, short enough for one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = str(value) if value.bit_length() < 10_000 else "a huge number"
        return digits if len(digits) <= limit else f"{digits[:20]}… ({len(digits)} digits)"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        cut = value if len(value) <= limit else value[:limit] + "…"
        return json.dumps(cut, ensure_ascii=False)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"


def clock(seconds: int) -> str:
    """Seconds after the session's midnight as a wall-clock time, marking later days."""
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")
    return text + (f" (+{days} day{'s' if days > 1 else ''})" if days else "")
