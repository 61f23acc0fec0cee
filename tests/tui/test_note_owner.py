"""Naming an action item's owner from the keyboard: `@` completes to someone here, and the
notes list shows whose turn it was as context, not as the note's author."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.tui.screens.room import MirrorScreen
from tests.reference import evening

from .conftest import make_app, panel_text


async def test_at_completes_an_owner_and_the_list_shows_the_turn_as_context() -> None:
    engine = evening("discussion").engine  # Aroha has the floor
    async with make_app(engine).run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"todo @pr")
        await pilot.pause(0.2)  # the suggestion comes from a worker
        await pilot.press("right")  # accepts it
        await pilot.pause()
        field = pilot.app.focused
        assert isinstance(field, Input) and field.value == "todo @Priya: "
        await pilot.press(*"share the notebook", "enter", "escape")
        await pilot.pause()
        note = list(engine.state.notes.values())[-1]
        assert (note.text, note.owner, note.kind) == (
            "todo @Priya: share the notebook",
            "Priya",
            "todo",
        )
        latest = panel_text(pilot, "#notes-list").splitlines()[0]
        assert latest.endswith("TODO todo @Priya: share the notebook · during Aroha's turn")
        assert "Aroha:" not in latest


async def test_the_room_views_note_prompt_completes_an_owner_too() -> None:
    """F5, then `/`: the one-line note prompt above the room view completes `@` names as the
    notes panel does."""
    engine = evening("discussion").engine
    async with make_app(engine).run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        room = pilot.app.screen
        assert isinstance(room, MirrorScreen)
        await pilot.press("slash", *"todo @pr")
        await pilot.pause(0.2)  # the suggestion comes from a worker
        field = pilot.app.focused
        assert isinstance(field, Input) and field.id == "prompt-input"
        await pilot.press("right")  # accepts it
        await pilot.pause()
        assert field.value == "todo @Priya: "
        await pilot.press(*"book the room", "enter")
        await pilot.pause()
        assert pilot.app.screen is room
        note = list(engine.state.notes.values())[-1]
        assert (note.text, note.owner, note.kind) == ("todo @Priya: book the room", "Priya", "todo")
