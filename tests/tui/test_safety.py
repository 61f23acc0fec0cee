"""Hostile text, the resume notice, rehearsal mode, and a failing disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Label

from facilitator.clock import FakeClock
from facilitator.record.journal import Journal
from facilitator.record.reading import parse_records
from facilitator.session.engine import Engine
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.widgets.panel import Panel
from facilitator.tui.widgets.people import PeoplePanel

from .conftest import (
    HOSTILE,
    answer,
    check_in,
    make_app,
    make_engine,
    reference_agenda,
    write_notes,
)


def shown(text: str) -> str:
    """How user text appears on screen: exactly as typed, control characters made visible."""
    return text.replace("\x1b", "\\x1b")


async def test_hostile_text_is_shown_literally_and_does_nothing(clock: FakeClock) -> None:
    engine = make_engine(clock, expected=["[@click=app.quit]expected"])
    app = make_app(engine)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space")
        await check_in(pilot, *HOSTILE)
        await check_in(pilot, HOSTILE[0])  # refused: the warning names them, as text
        await pilot.press("a")  # the expected name with an action link in the pick list
        await pilot.pause()
        app.focused.value = "expec"  # type: ignore[union-attr]
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running
        assert {p.name for p in engine.state.present()} == {*HOSTILE, "[@click=app.quit]expected"}
        checkin = app.screen.query_one("#checkin").text  # type: ignore[attr-defined]
        for name in HOSTILE[:3]:
            assert name in checkin

        await pilot.press("right_square_bracket")
        await pilot.pause()
        await write_notes(pilot, *HOSTILE)
        notes = app.screen.query_one("#notes-list").text  # type: ignore[attr-defined]
        for text in HOSTILE:
            assert shown(text) in notes
        assert engine.state.speaker is not None
        panel = app.screen.query_one(PeoplePanel).text
        assert HOSTILE[1] in panel

        await pilot.press("h")  # the picker lists hostile names
        await pilot.pause()
        await pilot.press("escape", "e")  # and so does the note picker
        await pilot.pause()
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press("n", "e", "x", "t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        for topic in HOSTILE[:3]:
            await pilot.press("t")
            await answer(pilot, topic)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("t")
        await answer(pilot, HOSTILE[0])  # refused as a duplicate: a warning naming it
        await pilot.press("escape")
        await pilot.pause()
        vote = app.screen.query_one("#vote").text  # type: ignore[attr-defined]
        for topic in HOSTILE[:3]:
            assert topic in vote
        await pilot.pause(0.2)  # let the toasts render
        assert app.is_running


async def test_title_with_markup_is_literal(clock: FakeClock) -> None:
    agenda = reference_agenda()
    agenda.session.title = "[@click=app.quit]Tracing[/]"
    from facilitator.session.engine import MemorySink

    engine = Engine.create(agenda, MemorySink(), clock)
    async with make_app(engine).run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        title = app_title(pilot.app)
        assert title == "[@click=app.quit]Tracing[/]"


def app_title(app: Any) -> str:
    label = app.screen.query_one("#title", Label)
    return str(label.render())


async def test_notice_and_rehearsal_are_shown(clock: FakeClock) -> None:
    engine = make_engine(clock, speed=60)
    app = make_app(engine, notice="Resumed in Discussion: [b]9[/b] people")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("#notice", Label)
        assert "Resumed in Discussion: [b]9[/b] people" in str(notice.render())
        assert notice.has_class("-shown")
        assert app.screen.query_one("#rehearsal", Panel).text == "REHEARSAL x60"
        await pilot.press("escape")
        await pilot.pause()
        assert not notice.has_class("-shown")


class FlakySink:
    """A disk that fails until it is mended."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.held: list[dict[str, Any]] = []
        self.broken = False

    def append(self, record: dict[str, Any]) -> bool:
        self.held.append(record)
        return self.retry()

    def retry(self) -> bool:
        if self.broken:
            return False
        self.records += self.held
        self.held.clear()
        return True

    @property
    def pending(self) -> int:
        return len(self.held)


async def test_a_failing_disk_is_shown_and_retried(clock: FakeClock) -> None:
    sink = FlakySink()
    engine = make_engine(clock, sink=sink)
    app = make_app(engine, sink_error=lambda: "No space left on device: free some disk space")
    app.retry_seconds = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        sink.broken = True
        await pilot.press("space")
        await pilot.pause()
        banner = app.screen.query_one("#unsaved", Label)
        assert banner.has_class("-shown")
        assert "NOT SAVED" in str(banner.render())
        await check_in(pilot, "Rob")  # the app keeps working
        assert engine.state.find_person("Rob") is not None
        sink.broken = False
        await pilot.pause(0.2)
        assert not banner.has_class("-shown")
        assert engine.saved and not sink.held
        assert [r["type"] for r in sink.records][-1] == "person_checked_in"


async def test_resume_from_a_journal(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "evening.jsonl"
    journal = Journal.open(path)
    engine = make_engine(clock, sink=journal)
    engine.start()
    for name in ("Rob", "Aroha", "Ben"):
        engine.check_in(name)
    engine.next_segment()
    engine.next_speaker()
    engine.add_note("q: is attention all you need?")
    journal.close()

    clock.advance(minutes=3)  # the laptop was down
    journal = Journal.open(path)
    events = parse_records(path, journal.existing.records)
    resumed = Engine.resume(events, journal, clock)
    app = make_app(resumed, notice="Resumed in Introductions")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert resumed.state.speaker is not None and resumed.state.speaker.name == "Aroha"
        panel = app.screen.query_one(PeoplePanel).text
        assert "Rob" in panel and "Ben" in panel
        assert "Introductions" in app.screen.query_one("#segment-title").text  # type: ignore[attr-defined]
        notes = app.screen.query_one("#notes-list").text  # type: ignore[attr-defined]
        assert "is attention all you need?" in notes
        await pilot.press("n")
        await pilot.pause()
        assert resumed.state.speaker.name == "Ben"
    journal.close()
    assert parse_records(path, Journal.open(path).existing.records)[-1].type == "turn_ended"
