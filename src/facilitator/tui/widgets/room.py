"""The room view: what the whole room reads from the back, drawn from `views.room` only.

One panel for every way it reaches a wall (the host's own app, `facilitator display`). It
shows per segment kind the few things the room needs, as large as the window allows: the time
left in big digits, the speaker's name in big letters, the next three and the raised hands;
the welcome and the reading at arrival; the vote as bars; the next topic at the end. States are
words as well as colours (NEARLY TIME, TIME IS UP, PAUSED, TIE, WINNER). It is given a
RoomView and nothing else, so no note, pass or absence can reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from facilitator.session.views import RoomView
from facilitator.tui.text import plain
from facilitator.tui.widgets import bigdigits
from facilitator.tui.widgets.big import BigDigits, BigText, letters_rows
from facilitator.tui.widgets.header import local_hm
from facilitator.tui.widgets.panel import Panel
from facilitator.tui.widgets.roomvote import VoteBoard

LETTER_ROWS = 4
"""Rows of one line of scale-1 letters (seven half-rows)."""
TALL = 40
"""From this many rows, the lines under the name are drawn in letters too."""


@dataclass(frozen=True, slots=True)
class RoomLayout:
    """Rows given to each part of the room view (0: hidden) and the largest letter scales
    (0: plain bold text)."""

    heading: int = 1
    heading_scale: int = 0
    digits: int = 0
    flag: int = 0
    big: int = 0
    big_scale: int = 0
    small: int = 0
    """Rows of each of the three short lines (the turn's time, next, hands)."""
    small_scale: int = 0
    lines: bool = False
    """The panel of longer text (details, readings) takes the rest."""
    vote: bool = False
    """The vote (topics, bars, counts) takes the rest."""


def natural_digit_rows(width: int) -> int:
    """How tall the countdown would like to be at this width (digits of their natural shape)."""
    return bigdigits.fit("+00:00", width, 10_000, 0.0).rows


def _scale_within(rows: int) -> int:
    """The largest letter scale whose capitals (7 half-rows per scale) fit `rows` rows."""
    return max(1, (2 * rows) // 7)


def room_layout(kind: str, turns: bool, width: int, height: int) -> RoomLayout:
    """How the window's rows are shared, by segment kind. One row is the top line."""
    rest = height - 1
    tall = height >= TALL
    small, small_scale = (LETTER_ROWS + 1, 1) if tall else (1, 0)
    if turns:  # intros, discussion: the countdown, the speaker's name no larger than it
        room = rest - 2 - 3 * small  # heading, flag, and the turn / next / hands
        digits = max(3, min(natural_digit_rows(width), room // 2))
        big = max(0, room - digits)
        return RoomLayout(
            digits=digits, flag=1, big=big, big_scale=_scale_within(digits),
            small=small, small_scale=small_scale,
        )  # fmt: skip
    if kind in ("break", "custom"):  # the time left, and what comes next
        room = rest - 2 - small
        digits = max(3, min(natural_digit_rows(width), room))
        return RoomLayout(digits=digits, flag=1, small=small, small_scale=small_scale)
    if kind == "voting":  # TIE or the winner in letters, the topics as bars
        big = min(max(0, rest - 8), max(LETTER_ROWS, rest // 4))
        return RoomLayout(flag=1, big=big, big_scale=2, vote=True)
    if kind == "ended":  # thanks, and the next topic
        heading = min(max(1, rest // 3), 9)
        big = min(max(0, rest - heading - 4), max(LETTER_ROWS, rest // 3))
        return RoomLayout(heading, 2, flag=1, big=big, big_scale=2, lines=True)
    # before the start and at arrival: the title, what starts next and when, then the details
    heading = min(max(1, rest // 3), 10)
    return RoomLayout(heading, 2, small=small, small_scale=small_scale, lines=True)


def _names(names: tuple[str, ...]) -> Content:
    return Content(", ").join(plain(name) for name in names) if names else Content("—")


def _label(word: str, body: Content) -> Content:
    return Content.assemble(Content(word).stylize("bold"), "  ", body)


def flag_text(view: RoomView) -> tuple[str, str]:
    """The state in words, and its class: never colour alone."""
    if view.kind == "ended":
        return ("NEXT TOPIC", "-winner") if view.next_topic is not None else ("", "")
    if view.kind == "voting":
        if view.next_topic is not None:
            return "✔ WINNER", "-winner"
        if view.tie:
            return "TIE: a runoff or the host's pick decides", "-tie"
        return "", ""
    countdown = view.countdown
    if countdown.paused:
        return "‖ PAUSED", "-paused"
    if countdown.level == "over":
        return "⏰ TIME IS UP", "-over"
    if countdown.level == "soon":
        return "⚠ NEARLY TIME", "-soon"
    return "", ""


def turn_text(view: RoomView) -> str:
    """The speaker's time against their budget, OVER in words once past it."""
    speaker = view.speaker
    if speaker.speaker is None:
        return ""
    budget = f" / {speaker.budget_text}" if speaker.budget_text is not None else ""
    return f"{speaker.spent_text}{budget}" + ("  OVER" if speaker.over else "")


def names_text(label: str, names: tuple[str, ...]) -> str:
    return f"{label}: {', '.join(names)}" if names else ""


def welcome_lines(view: RoomView) -> Content:
    lines: list[Content] = []
    about = [plain(view.group)] if view.group else []
    if view.date is not None:
        about.append(Content(f"{view.date:%A %-d %B %Y}"))
    if about:
        lines.append(Content(" · ").join(about))
    if view.venue:
        lines.append(plain(view.venue))
    lines.append(Content(""))
    lines.append(Content(f"{view.here} here" if view.here else "Welcome!").stylize("bold"))
    if view.materials:
        lines += [Content(""), Content("Reading").stylize("bold underline")]
        for reading in view.materials:
            lines.append(plain(reading.title))
            lines.append(Content.assemble("  ", plain(reading.url, "underline")))
    return Content("\n").join(lines)


def next_part_text(view: RoomView) -> str:
    part = view.next_part
    return "" if part is None else f"{part.title} at {local_hm(part.at)}"


def ended_lines(view: RoomView) -> Content:
    return Content(f"{view.title} has ended. Thanks for coming, and see you next time!")


def top_line(view: RoomView, width: int) -> Content:
    """The title on the left; a rehearsal mark, the segment and the wall clock on the right."""
    countdown = view.countdown
    right: list[str] = []
    if view.speed != 1:
        right.append(f"REHEARSAL x{view.speed:g}")
    if view.kind == "voting" and countdown.level is not None:
        right.append(f"{countdown.text} left")
    if countdown.number:
        right.append(f"{countdown.number}/{countdown.count}")
    right.append(local_hm(view.now))
    tail = Content("  ·  ".join(right)).stylize("bold")
    room = max(1, width - tail.cell_length - 2)
    title = plain(view.title).truncate(room, ellipsis=True)
    return Content.assemble(title, " " * max(1, width - title.cell_length - tail.cell_length), tail)


@dataclass(frozen=True, slots=True)
class RoomTexts:
    """What each part of the room view says, by segment kind."""

    heading: str = ""
    big: str = ""
    turn: str = ""
    next: str = ""
    hands: str = ""
    lines: Content = field(default_factory=Content)


def room_texts(view: RoomView, width: int) -> RoomTexts:
    countdown = view.countdown
    if countdown.turns:
        phase = f" · {countdown.phase}" if countdown.phase else ""
        speaker = view.speaker.speaker
        return RoomTexts(
            heading=countdown.title + phase,
            big=speaker.name if speaker is not None else _idle_words(countdown.phase),
            turn=turn_text(view),
            next=names_text("Next", view.up_next),
            hands=names_text("Hands", view.hands),
        )
    if view.kind in ("break", "custom"):
        following = next_part_text(view)
        return RoomTexts(heading=countdown.title, next=following and f"Next: {following}")
    if view.kind == "voting":
        big = view.next_topic or ("TIE" if view.tie else "")
        return RoomTexts(heading=countdown.title, big=big)
    if view.kind == "ended":
        return RoomTexts("Thank you", view.next_topic or "", lines=ended_lines(view))
    return RoomTexts(view.title, next=next_part_text(view), lines=welcome_lines(view))


SLOTS = ("heading", "big", "turn", "next", "hands")


class RoomPanel(Vertical):
    """The room view, laid out for the window it is in; redrawn from a RoomView."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: RoomView | None = None
        self._layout: RoomLayout | None = None

    def compose(self) -> ComposeResult:
        yield Panel(id="room-top", layout="never")
        yield BigText(id="room-heading")
        yield BigDigits(id="room-digits")
        yield Panel(id="room-flag", layout="never")
        for slot in SLOTS[1:]:
            yield BigText(id=f"room-{slot}")
        yield Panel(id="room-lines", layout="never")
        yield VoteBoard(id="room-vote")

    @property
    def view(self) -> RoomView | None:
        return self._view

    def show(self, view: RoomView) -> None:
        self._view = view
        width, height = self.size.width, self.size.height
        if not width or not height:
            return
        countdown = view.countdown
        layout = room_layout(view.kind, countdown.turns, width, height)
        texts = room_texts(view, width)
        if not countdown.turns:  # a title or a topic takes the rows it needs, no more
            heading = letters_rows(texts.heading, width, layout.heading, layout.heading_scale)
            big = letters_rows(texts.big, width, layout.big, layout.big_scale)
            layout = replace(layout, heading=heading, big=big)
        if layout != self._layout:
            self._apply(layout)
        for name in ("soon", "over"):
            self.set_class(countdown.level == name, f"-{name}")
        top = self.query_one("#room-top", Panel)
        top.show(top_line(view, top.content_size.width or width - 2))
        scales = {
            "heading": layout.heading_scale,
            "big": layout.big_scale,
            "turn": layout.small_scale,
            "next": layout.small_scale,
            "hands": layout.small_scale,
        }
        for slot in SLOTS:
            self.query_one(f"#room-{slot}", BigText).show(getattr(texts, slot), scales[slot])
        self.query_one("#room-turn").set_class(view.speaker.over, "-over")
        self.query_one("#room-digits", BigDigits).show(countdown.text if layout.digits else "")
        flag, flag_class = flag_text(view)
        flag_panel = self.query_one("#room-flag", Panel)
        flag_panel.show(Content(flag))
        for name in ("-soon", "-over", "-paused", "-tie", "-winner"):
            flag_panel.set_class(name == flag_class, name)
        self.query_one("#room-lines", Panel).show(texts.lines)
        self.query_one("#room-vote", VoteBoard).show(view.vote_method, view.topics)

    def _apply(self, layout: RoomLayout) -> None:
        self._layout = layout
        for selector, rows in (
            ("#room-heading", layout.heading),
            ("#room-digits", layout.digits),
            ("#room-flag", layout.flag),
            ("#room-big", layout.big),
            ("#room-turn", layout.small),
            ("#room-next", layout.small),
            ("#room-hands", layout.small),
            ("#room-lines", 1 if layout.lines else 0),
            ("#room-vote", 1 if layout.vote else 0),
        ):
            widget = self.query_one(selector)
            widget.display = rows > 0
            if selector not in ("#room-lines", "#room-vote"):
                widget.styles.height = max(1, rows)

    def on_resize(self) -> None:
        if self._view is not None:
            self._layout = None
            self.show(self._view)


def _idle_words(phase: str | None) -> str:
    if phase == "open floor":
        return "Open floor"
    if phase == "done":
        return "Round over"
    return ""
