"""Large letters for the room: a speaker's name read from the back of the room.

A 5x7 capital font on half-cell pixels (`▀` `▄` `█`), scaled by whole pixels, wrapped at
spaces. Accented letters keep their accents (Māori, French, Vietnamese... names are written
as their owners write them): a name is decomposed (NFD) into capitals and marks, and each
known mark is drawn above or below its letter. Text with a character the font does not have
(another script, an emoji) gets None from `fit`: the caller shows it as plain text instead,
never as something else.

Pure functions of the text and a size, like bigdigits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from facilitator.tui.widgets.bigdigits import half_blocks

HEIGHT = 7
ABOVE, BELOW = 3, 2
"""Pixel rows reserved for marks above (two and a gap) and below, only when a line has one."""

_FONT = {
    "A": "01110 10001 10001 11111 10001 10001 10001",
    "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110",
    "D": "11110 10001 10001 10001 10001 10001 11110",
    "E": "11111 10000 10000 11110 10000 10000 11111",
    "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111",
    "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "111 010 010 010 010 010 111",
    "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001",
    "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001",
    "N": "10001 10001 11001 10101 10011 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110",
    "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101",
    "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110",
    "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110",
    "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010",
    "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 01010 00100 00100 00100 00100",
    "Z": "11111 00001 00010 00100 01000 10000 11111",
    "Ø": "01111 10011 10101 10101 10101 11001 11110",
    "Æ": "01111 10100 10100 11111 10100 10100 10111",
    "Ð": "11110 10001 10001 11101 10001 10001 11110",
    "Ł": "10000 10000 10100 11000 10000 10000 11111",
    "Þ": "10000 11110 10001 10001 11110 10000 10000",
    "0": "01110 10001 10001 10001 10001 10001 01110",
    "1": "010 110 010 010 010 010 111",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11110 00001 00001 01110 00001 00001 11110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    " ": "000 000 000 000 000 000 000",
    ".": "0 0 0 0 0 0 1",
    ",": "00 00 00 00 01 01 10",
    ":": "0 0 1 0 0 1 0",
    ";": "00 00 01 00 00 01 10",
    "'": "1 1 0 0 0 0 0",
    "’": "1 1 0 0 0 0 0",
    '"': "101 101 000 000 000 000 000",
    "-": "000 000 000 111 000 000 000",
    "‐": "000 000 000 111 000 000 000",
    "–": "0000 0000 0000 1111 0000 0000 0000",
    "+": "000 000 010 111 010 000 000",
    "!": "1 1 1 1 1 0 1",
    "?": "01110 10001 00001 00010 00100 00000 00100",
    "(": "01 10 10 10 10 10 01",
    ")": "10 01 01 01 01 01 10",
    "/": "00001 00001 00010 00100 01000 10000 10000",
    "&": "01100 10010 10100 01000 10101 10010 01101",
    "#": "01010 01010 11111 01010 11111 01010 01010",
    "@": "01110 10001 10111 10101 10111 10000 01111",
    "%": "11001 11001 00010 00100 01000 10011 10011",
    "_": "00000 00000 00000 00000 00000 00000 11111",
}
_MARKS_ABOVE = {
    "\u0300": ".#... ..#..",  # grave
    "\u0301": "...#. ..#..",  # acute
    "\u0302": "..#.. .#.#.",  # circumflex
    "\u0303": ".##.# #.##.",  # tilde
    "\u0304": "..... #####",  # macron
    "\u0306": "#...# .###.",  # breve
    "\u0307": "..... ..#..",  # dot above
    "\u0308": "..... .#.#.",  # diaeresis
    "\u030a": "..#.. .#.#.",  # ring
    "\u030b": "..#.# .#.#.",  # double acute
    "\u030c": ".#.#. ..#..",  # caron
}
_MARKS_BELOW = {
    "\u0327": "..#.. .##..",  # cedilla
    "\u0328": "...#. ....#",  # ogonek
    "\u0323": "..#.. .....",  # dot below
}


@dataclass(frozen=True, slots=True)
class _Glyph:
    rows: tuple[str, ...]
    above: tuple[str, ...]
    below: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.rows[0])


def _bits(spec: str) -> tuple[str, ...]:
    return tuple(row.replace("1", "#").replace("0", ".") for row in spec.split())


def _mark(spec: str, width: int) -> tuple[str, ...]:
    """A 5-wide mark centred over a letter of `width` pixels (cut to fit narrow ones)."""
    rows = spec.split()
    if width >= 5:
        pad = (width - 5) // 2
        return tuple("." * pad + row + "." * (width - 5 - pad) for row in rows)
    cut = (5 - width) // 2
    return tuple(row[cut : cut + width] for row in rows)


def glyphs(text: str) -> list[_Glyph] | None:
    """The text as glyphs (capitals, with their marks); None if a character is not in the font."""
    out: list[_Glyph] = []
    for char in unicodedata.normalize("NFC", text.upper()):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        if base not in _FONT:
            return None
        rows = _bits(_FONT[base])
        above: tuple[str, ...] = ()
        below: tuple[str, ...] = ()
        for mark in marks:
            if mark in _MARKS_ABOVE and not above:
                above = _mark(_MARKS_ABOVE[mark], len(rows[0]))
            elif mark in _MARKS_BELOW and not below:
                below = _mark(_MARKS_BELOW[mark], len(rows[0]))
            else:
                return None  # a mark we cannot draw: plain text rather than a wrong name
        out.append(_Glyph(rows, above, below))
    return out


def covers(text: str) -> bool:
    """Whether every character of `text` can be drawn large."""
    return glyphs(text) is not None


def _line_width(line: list[_Glyph], scale: int) -> int:
    return (sum(g.width for g in line) + max(0, len(line) - 1)) * scale


def _line_pixels(line: list[_Glyph], scale: int) -> list[list[bool]]:
    above = ABOVE if any(g.above for g in line) else 0
    below = BELOW if any(g.below for g in line) else 0
    rows: list[str] = []
    for r in range(above + HEIGHT + below):
        parts: list[str] = []
        for glyph in line:
            blank = "." * glyph.width
            if r < above:
                mark = glyph.above[r] if glyph.above and r < len(glyph.above) else blank
                parts.append(mark)
            elif r < above + HEIGHT:
                parts.append(glyph.rows[r - above])
            else:
                index = r - above - HEIGHT
                parts.append(glyph.below[index] if glyph.below else blank)
        rows.append(".".join(parts))
    return [[c == "#" for c in row for _ in range(scale)] for row in rows for _ in range(scale)]


def line_rows(line: list[_Glyph], scale: int) -> int:
    above = ABOVE if any(g.above for g in line) else 0
    below = BELOW if any(g.below for g in line) else 0
    return ((above + HEIGHT + below) * scale + 1) // 2


def _wrap(words: list[list[_Glyph]], width: int, scale: int) -> list[list[_Glyph]] | None:
    """Words into lines of at most `width` columns; a word too long for a line is split."""
    space = _FONT_GLYPH_SPACE
    lines: list[list[_Glyph]] = []
    current: list[_Glyph] = []
    for word in words:
        candidate = [*current, space, *word] if current else list(word)
        if _line_width(candidate, scale) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = []
        for glyph in word:
            if current and _line_width([*current, glyph], scale) > width:
                lines.append(current)
                current = []
            if _line_width([glyph], scale) > width:
                return None
            current.append(glyph)
    if current:
        lines.append(current)
    return lines


_FONT_GLYPH_SPACE = _Glyph(_bits(_FONT[" "]), (), ())


def _lines(text: str, width: int, scale: int, max_lines: int) -> list[list[_Glyph]] | None:
    words = [glyphs(word) for word in text.split()]
    if not words or any(w is None for w in words):
        return None
    lines = _wrap([w for w in words if w is not None], width, scale)
    return None if lines is None or len(lines) > max_lines else lines


def _render(lines: list[list[_Glyph]], scale: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out:
            out.append("")
        out += half_blocks(_line_pixels(line, scale))
    return out


def fit(
    text: str, width: int, rows: int, max_scale: int = 8, max_lines: int = 3
) -> list[str] | None:
    """`text` in the largest letters that fit `width` x `rows` (lines wrap at spaces, one blank
    row between them); None when the font lacks a character or even the smallest does not fit.
    """
    for scale in range(max_scale, 0, -1):
        lines = _lines(text, width, scale, max_lines)
        if lines is None:
            continue
        height = sum(line_rows(line, scale) for line in lines) + len(lines) - 1
        if height <= rows:
            return _render(lines, scale)
    return None


def at_scale(text: str, width: int, scale: int, max_lines: int = 3) -> list[str] | None:
    """`text` in letters of exactly `scale` within `width` columns, in at most `max_lines`
    lines; None when it does not fit so or the font lacks a character (a list of several
    texts drawn at one scale, none larger than another)."""
    lines = _lines(text, width, scale, max_lines) if scale >= 1 else None
    return None if lines is None else _render(lines, scale)
