"""The vote on the wall, read from the back row: it takes the rows under the heading, its bars
and counts grow with the window, and a tie or a winner is said in words beside the counts.

Through the host's app (F5) at the room view's three sizes, and the layout alone
(widgets/roomvote.board) for what the reference evening does not reach.
"""

from __future__ import annotations

import itertools

import pytest

from facilitator.session.views import RoomTopic
from facilitator.tui.widgets import bigdigits, bigletters
from facilitator.tui.widgets.roomvote import BAR, VoteBoard, board

from .conftest import make_app
from .test_room import SIZES, room_scene, screen_text


def find_blocks(rows: list[str], block: list[str]) -> list[tuple[int, int]]:
    """Where `block` (rows of big letters or digits) is drawn in `rows`: (row, column) each."""
    block = [line.rstrip() for line in block]
    found = []
    for r in range(len(rows) - len(block) + 1):
        start = rows[r].find(block[0])
        while start >= 0:
            if all(rows[r + k][start : start + len(b)] == b for k, b in enumerate(block)):
                found.append((r, start))
            start = rows[r].find(block[0], start + 1)
    return found


async def drawn(stage: str, size: tuple[int, int]) -> tuple[list[str], list[str], VoteBoard]:
    """The vote's rows, the whole screen's, and the board, in the room view (F5)."""
    app = make_app(room_scene(stage))
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        vote = app.screen.query_one(VoteBoard)
        return [line.plain for line in vote.lines], screen_text(app).splitlines(), vote


def bar_rows(rows: list[str]) -> list[tuple[int, int]]:
    """(row, the bar's length) of each row that starts with a bar: a run of blocks longer than
    any in a line of letters (their strokes, 5 pixels at most a scale, scale 2 at most here)."""
    runs = [(i, len(r) - len(r.lstrip(BAR))) for i, r in enumerate(rows)]
    return [(i, n) for i, n in runs if n > 10]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_tie_fills_the_wall_and_says_tie_beside_each_tied_count(
    size: tuple[int, int],
) -> None:
    width, height = size
    rows, screen, vote = await drawn("voting-tie", size)
    assert max(i for i, row in enumerate(screen) if row.strip()) >= height - 3, "no empty half"
    bars = bar_rows(rows)
    thickness = len(bars) // 4
    assert len(bars) == 4 * thickness  # every topic a bar, all equally thick
    lengths = [bars[i * thickness][1] for i in range(4)]
    assert lengths[0] == lengths[1] > lengths[2] > lengths[3] > 0  # 5, 5, 3, 2
    if size == (80, 24):  # names and counts in plain text; TIE after each tied count
        for topic, says in zip(vote.topics, ("5  TIE", "5  TIE", "3", "2"), strict=True):
            name = rows.index(topic.topic)
            assert any(
                row.endswith(f"{BAR} {says}") for row in rows[name + 1 : name + 1 + thickness]
            )
        return
    assert thickness >= (5 if width >= 200 else 4)  # bars grow with the window
    digits = bigdigits.fit("0", 10_000, thickness)
    for votes, (row, length) in zip((5, 5, 3, 2), bars[::thickness], strict=True):
        found = find_blocks(rows, bigdigits.render(str(votes), digits))
        # the count in digits as tall as the bar, just after it
        assert any(row <= r < row + thickness and c == length + 2 for r, c in found), votes
    tie = bigletters.at_scale("TIE", width, 1, 1)
    assert tie is not None
    marks = find_blocks(rows, tie)
    assert len(marks) == 2  # beside the two tied counts, not the others
    assert {r for r, _ in marks} <= {r for r, _ in bars[: 2 * thickness]}
    if width >= 200:  # the names in letters too, each topic's (no name written small)
        for topic in vote.topics:
            assert topic.topic not in "\n".join(screen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_winner_is_named_beside_its_count(size: tuple[int, int]) -> None:
    width, _ = size
    rows, _, vote = await drawn("voting-won", size)
    assert [(t.votes, t.winner) for t in vote.topics] == [(6, True), (4, False)]
    bars = bar_rows(rows)
    thickness = len(bars) // 2
    winner_rows = {r for r, _ in bars[:thickness]}
    assert bars[0][1] > bars[thickness][1]
    assert not any("WINNER" in rows[r] for r, _ in bars[thickness:])
    if width < 200:  # in bold beside the count (the heading above has it large)
        assert any(rows[r].endswith("WINNER") for r in winner_rows)
        return
    word = bigletters.at_scale("WINNER", width, 1, 1)
    assert word is not None
    (found,) = find_blocks(rows, word)  # in letters, beside the winner's count only
    assert found[0] in winner_rows


def test_before_the_counts_the_names_alone_take_the_room() -> None:
    topics = tuple(RoomTopic(f"Topic {i}", 0, False, False) for i in range(4))
    rows = [line.plain for line in board("show of hands", topics, 196, 46)]
    assert not bar_rows(rows) and not any(r.rstrip().endswith(" 0") for r in rows)
    names = [bigletters.at_scale(f"Topic {i}", 196, 2, 1) for i in range(4)]
    found = [find_blocks(rows, name) for name in names if name is not None]
    assert [len(f) for f in found] == [1, 1, 1, 1]  # as large as the names allow, in order
    tops = [f[0][0] for f in found]
    apart = {b - a for a, b in itertools.pairwise(tops)}  # evenly spread, in order
    assert len(apart) == 1 and apart.pop() >= len(names[0] or []) + 2
    small = [line.plain for line in board("show of hands", topics, 76, 15)]
    assert small[1:] == ["", "Topic 0", "", "", "Topic 1", "", "", "Topic 2", "", "", "Topic 3"]


def test_many_topics_in_few_rows_get_a_row_each_and_say_how_many_are_not_shown() -> None:
    topics = tuple(
        RoomTopic(f"A topic with a long name, number {i}", 20 - i, i < 2, False) for i in range(20)
    )
    rows = [line.plain for line in board("3 dots each", topics, 76, 12)]
    assert len(rows) == 12
    assert rows[0] == "3 dots each" and rows[-1] == "… and 10 more"
    assert rows[1].startswith("A topic with") and rows[1].endswith(" 20  TIE")
    assert rows[3].endswith(" 18")  # the third, not tied: no mark
    assert board("3 dots each", (), 76, 12)[1].plain == "Topics for next time are being nominated"
