"""The vote on the wall: each topic's name, a bar and its count, as large as the room allows.

A back row needs to read which topic has how many, and which is tied or has won. So the rows
under the room view's heading are shared out among the topics: each gets its name (in big
letters when every name fits them, all at the same scale, so that no topic looks bigger than
another), a bar as thick as the rows allow, and its count in big digits beside the bar; TIE or
WINNER is written after the count (in letters when the bar is tall enough and they take at
most a quarter of the width), and the tied or winning topic is drawn in the colour of the
room view's flag. Before any count is in, the names alone take the room; with more topics
than rows, one row a topic.

Pure functions of the topics and a size (`board`), and the widget that draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from facilitator.session.views import RoomTopic
from facilitator.tui.text import plain
from facilitator.tui.widgets import bigdigits, bigletters

BAR = "█"
MAX_SCALE = 2
"""The largest letters for a topic's name (the room view's TIE or winner above is larger)."""
NAME_LINES = 3
"""A name in letters wraps to at most this many lines; longer ones are written plain."""
MAX_BAR_SHARE = 4
"""A bar is at most a quarter of the rows tall (two topics on a tall screen are not walls)."""
MAX_GAP = 2
"""Rows between two topics' names before any count, at least when they are in letters (one
more than between two lines of one name), at most when they are plain."""
TIE, WINNER = "TIE", "WINNER"
STYLES = {TIE: "bold $warning", WINNER: "bold $success"}


def mark(topic: RoomTopic) -> str:
    return WINNER if topic.winner else TIE if topic.tied else ""


def _letter_rows(scale: int) -> int:
    """Rows of one line of letters at `scale` (7 half-rows a scale)."""
    return (7 * scale + 1) // 2


@dataclass(frozen=True, slots=True)
class Plan:
    """How the rows are shared: the names' scale (0: plain), each bar's rows, the rows
    between topics, and the names as drawn."""

    scale: int
    bar: int
    gap: int
    names: tuple[tuple[str, ...], ...]


def _names_at(topics: tuple[RoomTopic, ...], width: int, scale: int) -> list[list[str]] | None:
    out: list[list[str]] = []
    for topic in topics:
        lines = bigletters.at_scale(topic.topic, width, scale, NAME_LINES)
        if lines is None:
            return None
        out.append(lines)
    return out


def plan(topics: tuple[RoomTopic, ...], counted: bool, width: int, rows: int) -> Plan | None:
    """The largest names and thickest bars that fit `rows` (after the method's line); None:
    not even a line for the name and one for the bar each (then one row a topic)."""
    count = len(topics)
    most = max(1, rows // MAX_BAR_SHARE)
    for scale in range(MAX_SCALE, -1, -1):
        if scale:
            drawn = _names_at(topics, width, scale)
            if drawn is None:
                continue
            names = tuple(tuple(lines) for lines in drawn)
        else:
            names = tuple((topic.topic,) for topic in topics)
        used = sum(len(lines) for lines in names)
        if not counted:  # the names alone, spread out: in letters, two topics further apart
            # than two lines of one name (up to a line of letters apart)
            widest = max(MAX_GAP, _letter_rows(scale))
            spread = min(widest, (rows - used) // (count - 1)) if count > 1 else 0
            if used <= rows and spread >= (MAX_GAP if scale and count > 1 else 0):
                return Plan(scale, 0, spread, names)
            continue
        # Letters for the names only when the bars and counts are at least as tall.
        least = max(3, _letter_rows(scale)) if scale else 1
        for gap in (1, 0):  # a row between topics, when the bars can spare it
            bar = min(most, (rows - used - gap * (count - 1)) // count)
            if bar >= least:
                return Plan(scale, bar, gap, names)
    return None


def _count_size(bar: int) -> bigdigits.DigitSize | None:
    """Digits as tall as a bar of `bar` rows (None: too thin for big digits)."""
    if 2 * bar < bigdigits.MIN_HEIGHT:
        return None
    return bigdigits.fit("0", 10_000, bar)


def _mark_lines(word: str, bar: int, width: int) -> list[str]:
    """TIE or WINNER beside a count: in letters when the bar is as tall as they are and they
    take at most a quarter of the width (the heading above says it larger), else in bold."""
    if not word:
        return []
    big = bigletters.at_scale(word, width // 4, 1, 1) if bar >= _letter_rows(1) else None
    return big if big is not None else [word]


def _centred_rows(lines: list[str], rows: int, width: int) -> list[str]:
    """`lines` in the middle of `rows` rows, each `width` wide."""
    top = (rows - len(lines)) // 2
    blank = " " * width
    padded = [line.ljust(width) for line in lines]
    return [blank] * top + padded + [blank] * (rows - top - len(lines))


def board(method: str, topics: tuple[RoomTopic, ...], width: int, rows: int) -> list[Content]:
    """The vote for a box of `width` x `rows`: the method, then each topic."""
    lines: list[Content] = []
    if method:
        lines.append(Content(method[:1].upper() + method[1:]))
    if not topics:
        lines.append(Content("Topics for next time are being nominated"))
        return lines
    top = max(t.votes for t in topics)
    counted = any(t.votes for t in topics) or any(mark(t) for t in topics)
    chosen = plan(topics, counted, width, rows - len(lines) - (1 if method else 0))
    if chosen is None:
        return lines + _compact(topics, top, width, rows - len(lines))
    if method and chosen.gap:
        lines.append(Content(""))
    size = _count_size(chosen.bar) if counted else None
    counts = [str(t.votes) for t in topics]
    if size is not None:
        count_width = max(bigdigits.text_width(c, size) for c in counts)
        drawn_counts = [bigdigits.render(c, size) for c in counts]
    else:
        count_width = max(len(c) for c in counts)
        drawn_counts = [[c] for c in counts]
    marks = [mark(t) for t in topics]
    drawn_marks = [_mark_lines(word, chosen.bar, width) for word in marks]
    mark_width = max((len(line) for m in drawn_marks for line in m), default=0)
    space = 2 if size is not None else 1  # between a bar and its count, a count and its mark
    room = max(1, width - count_width - space - (mark_width + 2 * space if mark_width else 0))
    for i, topic in enumerate(topics):
        if i:
            lines += [Content("")] * chosen.gap
        style = STYLES.get(marks[i], "")
        for name_line in chosen.names[i]:
            text = plain(name_line) if chosen.scale == 0 else Content(name_line)
            lines.append(text.truncate(width, ellipsis=True).stylize(style or "bold"))
        if not counted:
            continue
        length = round(room * topic.votes / top) if top else 0
        bar_rows = chosen.bar
        digits = _centred_rows(drawn_counts[i], bar_rows, count_width)
        words = _centred_rows(drawn_marks[i], bar_rows, mark_width)
        for row in range(bar_rows):
            bar = Content(BAR * length).stylize(style or "bold")
            count = Content(digits[row]).stylize("bold")
            parts: list[Content | str] = [bar, " " * space if length else "", count]
            if mark_width:
                parts += [" " * (2 * space), Content(words[row]).stylize(style)]
            lines.append(Content.assemble(*parts).rstrip())
    return lines


def _compact(topics: tuple[RoomTopic, ...], top: int, width: int, rows: int) -> list[Content]:
    """One row a topic (the name cut short, its bar, count and mark): many topics, few rows."""
    name_width = min(max(len(t.topic) for t in topics), max(8, (2 * width) // 5))
    count_width = max(len(str(t.votes)) for t in topics)
    mark_width = max((len(mark(t)) for t in topics), default=0)
    room = max(1, width - name_width - count_width - 2 - (mark_width + 2 if mark_width else 0))
    shown = topics if len(topics) <= rows else topics[: max(0, rows - 1)]
    lines: list[Content] = []
    for topic in shown:
        style = STYLES.get(mark(topic), "")
        name = plain(topic.topic).truncate(name_width, ellipsis=True)
        name = name.pad_right(name_width - name.cell_length).stylize(style or "bold")
        length = round(room * topic.votes / top) if top else 0
        parts: list[Content | str] = [name, " ", Content(BAR * length).stylize(style or "bold")]
        parts += [" " if length else "", str(topic.votes)]
        if mark(topic):
            parts += ["  ", Content(mark(topic)).stylize(style)]
        lines.append(Content.assemble(*parts))
    if len(shown) < len(topics):
        lines.append(Content(f"… and {len(topics) - len(shown)} more").stylize("dim"))
    return lines


class VoteBoard(Widget):
    """The vote, laid out for the widget's size; redrawn only when the vote or the size
    changes (the 1 Hz tick shows it often)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._vote: tuple[str, tuple[RoomTopic, ...]] = ("", ())
        self._cache: tuple[tuple[object, ...], Content] | None = None

    def show(self, method: str, topics: tuple[RoomTopic, ...]) -> None:
        if (method, topics) != self._vote:
            self._vote = (method, topics)
            self.refresh()

    @property
    def topics(self) -> tuple[RoomTopic, ...]:
        return self._vote[1]

    @property
    def lines(self) -> list[Content]:
        width, rows = self.content_size.width, self.content_size.height
        return board(*self._vote, width, rows) if width and rows else []

    def render(self) -> Content:
        key = (self._vote, self.content_size.width, self.content_size.height)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, Content("\n").join(self.lines))
        return self._cache[1]
