"""The record vanishes during a quiet moment (no key pressed): the periodic check says so on
screen, NOT SAVED when it cannot be written again, and clears once it could."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Label

from facilitator.live import open_session
from facilitator.record.reading import load_record
from facilitator.tui.app import FacilitatorApp

from .conftest import AGENDA


def text(app: FacilitatorApp, selector: str) -> str:
    return " ".join(str(app.screen.query_one(selector, Label).render()).split())


async def test_a_record_gone_between_actions_is_told_and_written_again(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    live = open_session(AGENDA, record=folder / "evening.jsonl")
    journal = live.journal
    app = FacilitatorApp(
        live.engine, quiet=True, sink_error=lambda: journal.last_error, watch=journal.watch
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        shutil.rmtree(folder)
        folder.write_bytes(b"")  # a file where the folder was: it cannot be written again yet
        app.check_record()  # what the 5-second timer does
        await pilot.pause()
        banner = text(app, "#unsaved")
        assert "NOT SAVED" in banner and "moved or deleted" in banner
        folder.unlink()
        app.check_record()
        await pilot.pause()
        assert text(app, "#unsaved") == ""
        assert "written again to the same path" in text(app, "#notice")
    assert journal.close()
    assert load_record(folder / "evening.jsonl").state.started
