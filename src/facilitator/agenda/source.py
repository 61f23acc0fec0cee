"""Where each key and value of a TOML document sits, since `tomllib` keeps no positions.

A light scanner over text that `tomllib` has already accepted: it follows table headers,
arrays of tables, dotted keys, inline tables and arrays, and strings of every kind, and records
the line and column of each key and value under the same path that validation errors use,
e.g. ``("segments", 2, "minutes")``. It never raises: on text it does not follow it records less.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"?')
_LITERAL = re.compile(r"'[^'\n]*'?")
_BARE_VALUE = re.compile(r"[^,\]}#\n]*")


@dataclass(frozen=True)
class Span:
    """A run of characters on one line."""

    line: int
    """1-based line number."""
    column: int
    """1-based column, in characters."""
    width: int
    """Number of characters, at least one."""


@dataclass
class _Open:
    """An inline array or table being scanned."""

    closer: str
    path: Path
    start: int
    count: int = 0


@dataclass
class SourceMap:
    """Positions of the keys and values of one TOML text, by path."""

    text: str
    keys: dict[Path, Span] = field(default_factory=dict)
    """Where each key is written; for a table, its header."""
    values: dict[Path, Span] = field(default_factory=dict)
    """Where each value is written; for a table, its header."""

    def __post_init__(self) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._lines: dict[int, str] = {}
        self._scan()

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line ending."""
        if not 1 <= number <= len(self._starts):
            return ""
        if number not in self._lines:  # many problems may sit on one long line: cut it once
            start = self._starts[number - 1]
            self._lines[number] = self.text[start : self._eol(start)].removesuffix("\r")
        return self._lines[number]

    @property
    def line_count(self) -> int:
        """How many lines the text has."""
        return len(self._starts)

    def locate(self, path: Path, *, key: bool = False) -> Span | None:
        """The best place to point at for `path`: itself, else the nearest enclosing table."""
        first, second = (self.keys, self.values) if key else (self.values, self.keys)
        found = first.get(path) or second.get(path)
        while found is None and path:
            path = path[:-1]
            found = self.values.get(path) or self.keys.get(path)
        return found

    def span(self, start: int, end: int) -> Span:
        """The span of text[start:end], cut at the end of its first line."""
        index = bisect.bisect_right(self._starts, start) - 1
        line_start = self._starts[index]
        line_end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else len(self.text)
        if line_end > line_start and self.text[line_end - 1] == "\r":
            line_end -= 1
        return Span(index + 1, start - line_start + 1, max(1, min(end, line_end) - start))

    # -- scanning -------------------------------------------------------------------------

    def _eol(self, i: int) -> int:
        end = self.text.find("\n", i)
        return len(self.text) if end < 0 else end

    def _skip(self, i: int, *, newlines: bool) -> int:
        """Past spaces and comments (and line breaks, when allowed here)."""
        text, n = self.text, len(self.text)
        while i < n:
            ch = text[i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                i += 1
            elif ch == "#":
                i = self._eol(i)
            else:
                break
        return i

    def _scan(self) -> None:
        text, n, i = self.text, len(self.text), 0
        table: Path = ()
        arrays: dict[Path, int] = {}
        while i < n:
            i = self._skip(i, newlines=True)
            if i >= n:
                break
            if text[i] == "[":
                double = text.startswith("[[", i)
                parts, j = self._key(i + (2 if double else 1))
                j = self._skip(j, newlines=False)
                end = min(n, j + (2 if double else 1))
                header = self.span(i, end)
                path: Path = ()
                for index, (name, _, _) in enumerate(parts):
                    path += (name,)
                    last = index == len(parts) - 1
                    if path in arrays and not (last and double):
                        path += (arrays[path] - 1,)
                    if not last:
                        self.keys.setdefault(path, header)
                if double:
                    arrays[path] = arrays.get(path, 0) + 1
                    self.keys.setdefault(path, header)
                    self.values.setdefault(path, header)
                    path += (arrays[path] - 1,)
                self.keys.setdefault(path, header)
                self.values.setdefault(path, header)
                table = path
                i = self._eol(end)
                continue
            parts, j = self._key(i)
            if not parts:
                i = self._eol(i)
                continue
            path = self._keypath(table, parts)
            j = self._skip(j, newlines=False)
            if j < n and text[j] == "=":
                j += 1
            i = self._value(self._skip(j, newlines=False), path)

    def _keypath(self, table: Path, parts: list[tuple[str, int, int]]) -> Path:
        """Record the spans of a (dotted) key under `table` and return its full path."""
        path = table
        for index, (name, start, end) in enumerate(parts):
            path += (name,)
            if index == len(parts) - 1:
                self.keys[path] = self.span(start, end)
            else:
                self.keys.setdefault(path, self.span(start, end))
        return path

    def _key(self, i: int) -> tuple[list[tuple[str, int, int]], int]:
        """A dotted key at `i`: its parts as (name, start, end), and the position after it."""
        text, n = self.text, len(self.text)
        parts: list[tuple[str, int, int]] = []
        while True:
            i = self._skip_blanks(i)
            if i >= n:
                break
            start = i
            if text[i] in "\"'":
                i = self._scalar_end(i)
                name = _unquote(text[start:i])
            else:
                match = _BARE_KEY.match(text, i)
                if match is None:
                    break
                i = match.end()
                name = match.group()
            parts.append((name, start, i))
            i = self._skip_blanks(i)
            if i < n and text[i] == ".":
                i += 1
                continue
            break
        return parts, i

    def _skip_blanks(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t":
            i += 1
        return i

    def _value(self, i: int, path: Path) -> int:
        """Record the value at `i` (and everything nested in it); return the position after it.

        Iterative, so a deeply nested array cannot exhaust the stack.
        """
        text, n = self.text, len(self.text)
        stack: list[_Open] = []
        target = path
        while True:
            if i >= n:
                return n
            if text[i] in "[{":
                stack.append(_Open("]" if text[i] == "[" else "}", target, i))
                self.values[target] = self.span(i, n)
                i += 1
            else:
                end = self._scalar_end(i)
                self.values[target] = self.span(i, end)
                i = end
            while True:
                if not stack:
                    return i
                top = stack[-1]
                i = self._skip(i, newlines=True)
                if i >= n:
                    return n
                if text[i] == ",":
                    i += 1
                elif text[i] == top.closer:
                    i += 1
                    self.values[top.path] = self.span(top.start, i)
                    stack.pop()
                elif top.closer == "]":
                    target = (*top.path, top.count)
                    top.count += 1
                    break
                else:
                    parts, j = self._key(i)
                    if not parts:
                        return self._eol(i)
                    target = self._keypath(top.path, parts)
                    j = self._skip_blanks(j)
                    if j < n and text[j] == "=":
                        j += 1
                    i = self._skip_blanks(j)
                    break

    def _scalar_end(self, i: int) -> int:
        """The end of the string, number, boolean or date starting at `i` (always > i)."""
        text, n = self.text, len(self.text)
        for quotes in ('"""', "'''"):
            if text.startswith(quotes, i):
                j = i + 3
                while j < n:
                    if quotes == '"""' and text[j] == "\\":
                        j += 2
                    elif text.startswith(quotes, j):
                        j += 3
                        extra = 0
                        while j < n and text[j] == quotes[0] and extra < 2:
                            j, extra = j + 1, extra + 1
                        return j
                    else:
                        j += 1
                return n
        pattern = _BASIC if text[i] == '"' else _LITERAL if text[i] == "'" else _BARE_VALUE
        match = pattern.match(text, i)
        end = match.end() if match else i
        while end > i and text[end - 1] in " \t\r":
            end -= 1
        return max(end, i + 1)


def _unquote(quoted: str) -> str:
    """The name a quoted key stands for, decoded exactly as tomllib decodes it."""
    try:
        value = tomllib.loads(f"k = {quoted}").get("k")
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return quoted
    return value if isinstance(value, str) else quoted
