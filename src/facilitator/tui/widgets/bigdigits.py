"""Countdown digits of any size, drawn with thick strokes of full and half blocks.

Textual's `Digits` are three rows high at any size; a room reads the countdown from the back, on
a projector that washes thin lines out. These digits are seven-segment shapes on a grid of
half-cell pixels (`▀` `▄` `█`): a pixel is one column wide and half a row tall, about square on
a terminal, and every stroke is at least one pixel thick, a fifth of the digit's width.

Pure functions of the text and a size: `fit` picks a digit size for a box, `render` draws.
"""

from __future__ import annotations

from dataclasses import dataclass

ASPECT = 1.8
"""A digit's natural height over its width (in square pixels), like a clock's digits."""
MIN_WIDTH, MIN_HEIGHT = 3, 5
"""The smallest digit that still reads: three pixels wide, five tall."""

_SEGMENTS = {
    "0": "abcdef",
    "1": "bc",
    "2": "abged",
    "3": "abgcd",
    "4": "fgbc",
    "5": "afgcd",
    "6": "afgedc",
    "7": "abc",
    "8": "abcdefg",
    "9": "abcdfg",
    "-": "g",
    "+": "gv",
    " ": "",
}
CHARACTERS = frozenset(_SEGMENTS) | {":"}


@dataclass(frozen=True, slots=True)
class DigitSize:
    width: int
    """Columns per digit."""
    height: int
    """Half-rows per digit (two per row of the terminal)."""

    @property
    def stroke(self) -> int:
        return max(1, round(self.width / 5))

    @property
    def gap(self) -> int:
        return max(1, round(self.width / 4))

    @property
    def rows(self) -> int:
        return (self.height + 1) // 2


def _advance(char: str, size: DigitSize) -> int:
    return size.stroke if char == ":" else size.width


def text_width(text: str, size: DigitSize) -> int:
    """Columns `render(text, size)` takes."""
    if not text:
        return 0
    return sum(_advance(c, size) for c in text) + size.gap * (len(text) - 1)


def fit(
    template: str, width: int, rows: int, fill: float = 0.0, shortest: str | None = None
) -> DigitSize:
    """The largest digits for which `template` fits `width` columns and `rows` rows.

    When the box is much wider than tall, digits are made wider than their natural shape rather
    than smaller, until `shortest` (default: the template) takes `fill` of the width: a
    countdown on a wide, short window must still be wide enough to read from the back.
    """
    least = template if shortest is None else shortest
    rows = max(rows, (MIN_HEIGHT + 1) // 2)
    widest = MIN_WIDTH
    while text_width(template, DigitSize(widest + 1, 1)) <= width:
        widest += 1
    natural = MIN_WIDTH
    while natural < widest and round((natural + 1) * ASPECT) <= 2 * rows:
        natural += 1
    filling = MIN_WIDTH
    while filling < widest and text_width(least, DigitSize(filling, 1)) < fill * width:
        filling += 1
    chosen = min(widest, max(natural, filling))
    height = min(round(chosen * ASPECT), 2 * rows)
    return DigitSize(chosen, max(MIN_HEIGHT, height))


def _pixels(char: str, size: DigitSize) -> list[list[bool]]:
    """One character as rows of pixels (True: ink)."""
    w, h, t = _advance(char, size), size.height, size.stroke
    grid = [[False] * w for _ in range(h)]

    def fill(rows: range, cols: range) -> None:
        for r in rows:
            for c in cols:
                if 0 <= r < h and 0 <= c < w:
                    grid[r][c] = True

    middle = (h - t) // 2
    if char == ":":
        for centre in (h // 3, h - 1 - h // 3):
            top = centre - (t - 1) // 2
            fill(range(top, top + max(1, t)), range(w))
        return grid
    strokes = {
        "a": (range(t), range(w)),
        "g": (range(middle, middle + t), range(w)),
        "d": (range(h - t, h), range(w)),
        "f": (range(middle + t), range(t)),
        "b": (range(middle + t), range(w - t, w)),
        "e": (range(middle, h), range(t)),
        "c": (range(middle, h), range(w - t, w)),
        "v": (range(h // 4, h - h // 4), range((w - t) // 2, (w - t) // 2 + t)),
    }
    for segment in _SEGMENTS[char]:
        fill(*strokes[segment])
    return grid


def render(text: str, size: DigitSize) -> list[str]:
    """`text` (digits, `:`, `+`, `-`, spaces) as rows of block characters, all one width."""
    unknown = set(text) - CHARACTERS
    if unknown:
        raise ValueError(f"no big digit for {''.join(sorted(unknown))!r}")
    rows = [[False] * text_width(text, size) for _ in range(size.height)]
    column = 0
    for char in text:
        for r, line in enumerate(_pixels(char, size)):
            rows[r][column : column + len(line)] = line
        column += _advance(char, size) + size.gap
    return half_blocks(rows)


def half_blocks(pixels: list[list[bool]]) -> list[str]:
    """Pixel rows, two per terminal row: `█` both, `▀` top, `▄` bottom."""
    glyphs = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    lines: list[str] = []
    width = len(pixels[0]) if pixels else 0
    for top in range(0, len(pixels), 2):
        upper = pixels[top]
        lower = pixels[top + 1] if top + 1 < len(pixels) else [False] * width
        lines.append("".join(glyphs[pair] for pair in zip(upper, lower, strict=True)))
    return lines
