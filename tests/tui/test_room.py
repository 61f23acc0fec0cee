"""The room view: snapshots in every segment kind, nothing private on the wall, the host's keys.

Scenes are the reference evening's stages (tests/reference.py) and the timer-only scenes of
test_snapshots (break, custom), shown by the host's own app with F5 (the mirrored projector).
Update with `pytest tests/tui --snapshot-update` only after looking at the new SVGs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App

from facilitator.session.engine import Engine
from facilitator.tui.screens.room import MirrorScreen
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.widgets.big import BigDigits, BigText
from tests.reference import NOTES, WINNER, evening

from .conftest import HOSTILE, answer, make_app, make_engine, speaker
from .scenes import scene
from .test_snapshots import timer_scene

SIZES = [(80, 24), (120, 40), (200, 60)]
STAGES = ["not-started", "arrival", "intros", "discussion", "voting-tie", "ended"]


def room_scene(stage: str) -> Engine:
    if stage in ("break", "custom"):
        return timer_scene(0 if stage == "break" else 1)
    if stage == "voting-won":
        return voting_won()
    return scene(stage)


def voting_won() -> Engine:
    """The reference evening's runoff counted and the winner declared, still at the vote."""
    engine = scene("voting-tie")
    topics = {n.topic: n.id for n in engine.state.vote.nominations.values()}
    engine.start_runoff()
    engine.record_votes(topics["Sparse autoencoders"], 4)
    engine.record_votes(topics[WINNER], 6)
    engine.close_vote()
    return engine


def screen_text(app: App[Any]) -> str:
    """Every character the screen shows, row by row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("stage", [*STAGES, "voting", "voting-won", "break", "custom"])
def test_room_view(snap_compare: Any, stage: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(room_scene(stage)), press=["f5"], terminal_size=size)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60), (300, 90)])
async def test_on_screen_the_countdown_is_wide_and_the_name_the_largest_text(
    size: tuple[int, int],
) -> None:
    app = make_app(scene("intros"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        digits = app.screen.query_one(BigDigits)
        assert max(len(line) for line in digits.lines) >= 0.4 * size[0]
        name = app.screen.query_one("#room-big", BigText)
        assert name.text == "Ben"
        letters = name.big_lines()
        assert letters is not None  # drawn in letters, not as a line of text
        others = [app.screen.query_one(f"#room-{slot}", BigText) for slot in ("turn", "next")]
        for other in others:
            drawn = other.big_lines()
            assert drawn is None or len(drawn) < len(letters)
        assert "Ben" not in screen_text(app)  # the name is drawn, not written small


@pytest.mark.parametrize("stage", [*STAGES])
@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_no_note_pass_or_absence_reaches_the_wall(stage: str, size: tuple[int, int]) -> None:
    engine = evening(stage).engine
    app = make_app(engine)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        shown = screen_text(app)
        texts = [
            getattr(w, "text", "") for w in app.screen.query("BigText, Panel")
        ]  # the words behind the big letters too
    seen = shown + "\n".join(texts)
    for note in engine.state.notes.values():
        for piece in (note.text, note.text[:20]):
            assert piece not in seen
    for words in [*NOTES.values()]:
        for text in words:
            assert text[:20] not in seen
    lowered = seen.lower()
    for word in ("pass", "absent", "second chance", "spoke", "not yet", "gus"):
        assert word not in lowered, word


async def test_hostile_names_are_plain_on_the_wall() -> None:
    engine = make_engine()
    engine.start()
    for name in HOSTILE:
        engine.check_in(name)
    engine.next_segment()
    app = make_app(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did nothing
        shown = screen_text(app)
        assert "\x1b" not in shown
        assert "[bold]x[/]" in app.screen.query_one("#room-big", BigText).text


async def test_every_host_key_works_in_the_room_view() -> None:
    engine = evening("intros").engine
    app = make_app(engine)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, MirrorScreen)
        assert speaker(engine) == "Ben"
        await pilot.press("n")  # next speaker, as on the host screen
        await pilot.pause()
        assert speaker(engine) == "Chen"
        assert app.screen.query_one("#room-big", BigText).text == "Chen"  # redrawn at once
        await pilot.press("plus")
        await pilot.press("ctrl+z")
        await pilot.press("a")  # a check-in prompt opens above the room view
        await answer(pilot, "Moana")
        assert engine.state.find_person("Moana") is not None
        await pilot.press("slash")  # a note: a one-line prompt, nothing listed
        await answer(pilot, "q: a question from the floor")
        assert any(n.text == "q: a question from the floor" for n in engine.state.notes.values())
        assert isinstance(app.screen, MirrorScreen)
        notes_before = len(engine.state.notes)
        await pilot.press("e")  # would list the notes on the wall: refused, and said why
        await pilot.pause()
        assert isinstance(app.screen, MirrorScreen)
        assert len(engine.state.notes) == notes_before
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("f5")  # back to the host screen
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        await pilot.press("f5", "q")  # quit asks, from the room view too
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmQuit"
