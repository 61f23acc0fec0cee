"""Big digits and big letters: readable from the back at every window size, never overflowing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.tui.widgets import bigdigits, bigletters
from facilitator.tui.widgets.big import digits_lines
from facilitator.tui.widgets.room import room_layout

BLOCKS = set("█▀▄ ")
COUNTDOWNS = ["0:00", "0:07", "9:59", "10:00", "59:59", "+0:01", "+12:34", "1:00:00", "+1:02:03"]


def digits_box(kind: str, turns: bool, width: int, height: int) -> tuple[int, int]:
    """The countdown's box in the room view: the whole width, the rows the layout gives it."""
    return width, room_layout(kind, turns, width, height).digits


@settings(max_examples=400, deadline=None)
@given(
    width=st.integers(60, 300),
    height=st.integers(20, 90),
    text=st.sampled_from(COUNTDOWNS),
    kind=st.sampled_from([("discussion", True), ("intros", True), ("break", False)]),
)
def test_the_countdown_fills_at_least_40_percent_of_the_width(
    width: int, height: int, text: str, kind: tuple[str, bool]
) -> None:
    box_width, box_rows = digits_box(*kind, width, height)
    lines = digits_lines(text, box_width, box_rows)
    drawn = max(len(line) for line in lines)
    assert drawn >= 0.4 * width, (width, height, text, drawn)
    assert drawn <= box_width and len(lines) <= box_rows  # inside its box: never overflows
    assert set("".join(lines)) <= BLOCKS  # thick strokes only: no thin box-drawing lines


def test_the_smallest_window_still_has_legible_digits() -> None:
    box_width, box_rows = digits_box("discussion", True, 60, 20)
    size = bigdigits.fit("+00:00", box_width, box_rows, 0.42, "0:00")
    assert size.width >= 5 and size.height >= 9  # each digit at least 5 x 9 pixels
    assert size.stroke >= 1


def test_every_digit_looks_different() -> None:
    size = bigdigits.DigitSize(5, 9)
    shapes = {d: tuple(bigdigits.render(d, size)) for d in "0123456789"}
    assert len(set(shapes.values())) == 10


def test_digits_are_all_one_width_so_the_countdown_does_not_jump() -> None:
    size = bigdigits.DigitSize(7, 13)
    widths = {len(bigdigits.render(f"{d}:{d}{d}", size)[0]) for d in "0123456789"}
    assert len(widths) == 1


NAMES = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzāēīōūéèüöçñøæ ABCDEFG-'.()0123")),
    min_size=1,
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(name=NAMES, width=st.integers(20, 300), rows=st.integers(1, 60))
def test_big_letters_never_overflow(name: str, width: int, rows: int) -> None:
    lines = bigletters.fit(name, width, rows)
    if lines is None:
        return  # shown as plain text instead (wrapped by the widget)
    assert len(lines) <= rows
    assert all(len(line) <= width for line in lines)
    assert set("".join(lines)) <= BLOCKS


def test_a_long_name_shrinks_then_wraps() -> None:
    short = bigletters.fit("Ben", 80, 20)
    long = bigletters.fit("Maximilian Alexander", 80, 20)
    assert short is not None and long is not None
    assert len(short) > max(1, len(long) // 2)  # a short name is drawn larger
    assert "" in long  # the long one wrapped onto two lines (a blank row between)
    assert bigletters.fit("Maximilian Alexander-Featherstonehaugh", 40, 4) is None


def test_accents_are_drawn_not_dropped() -> None:
    plain = bigletters.fit("Maori", 200, 20, max_scale=1)
    macron = bigletters.fit("Māori", 200, 20, max_scale=1)
    assert plain is not None and macron is not None
    assert len(macron) > len(plain)  # a row of marks above the capitals
    assert bigletters.covers("Zoë Ødegård Ça")


def test_a_script_the_font_lacks_is_left_to_plain_text() -> None:
    for name in ("伟", "Ζωή", "Anna 🎉"):
        assert not bigletters.covers(name)
        assert bigletters.fit(name, 200, 40) is None
