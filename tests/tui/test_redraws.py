"""Redraws proportional to the change: a key redraws the lines it changes, and no key that
changes one line lays out the whole screen (the cost that grows with what is on screen)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual.widget import Widget
from textual.widgets import Input

from facilitator.tui.widgets.panel import Panel
from tests.reference import evening

from .conftest import make_app


@contextmanager
def refreshes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, bool]]]:
    """Every widget that asks to be redrawn: (its id or class, whether it asks for a layout)."""
    seen: list[tuple[str, bool]] = []
    real = Widget.refresh

    def spy(self: Widget, *regions: object, layout: bool = False, **options: bool) -> Widget:
        seen.append((self.id or type(self).__name__, layout))
        return real(self, *regions, layout=layout, **options)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(Widget, "refresh", spy)
        yield seen


async def test_saving_a_note_lays_out_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = evening("discussion").engine
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        with refreshes(monkeypatch) as seen:
            for key in "q: and yet":
                await pilot.press("space" if key == " " else key)
            await pilot.press("enter")
            await pilot.pause()
        assert engine.state.notes[max(engine.state.notes)].text == "q: and yet"
        assert field.value == ""  # cleared for the next note
        assert [who for who, layout in seen if layout] == []
        assert {who for who, _ in seen} <= {"notes", "notes-list", "note-input"}


async def test_next_speaker_redraws_the_round_and_the_speaker_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = evening("discussion").engine
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with refreshes(monkeypatch) as seen:
            await pilot.press("n")
            await pilot.pause()
        assert {who for who, _ in seen} <= {"people", "speaker"}
        assert not any(layout for _, layout in seen)


async def test_undoing_a_note_redraws_the_notes_only(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = evening("discussion").engine
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        engine.add_note("a slip")
        await pilot.pause()
        with refreshes(monkeypatch) as seen:
            await pilot.press("ctrl+z")
            await pilot.pause()
        assert "a slip" not in {n.text for n in engine.state.notes.values()}
        assert "a slip" not in app.query_one("#notes-list", Panel).text
        assert not {"people", "speaker", "agenda", "keys"} & {who for who, _ in seen}
