"""The question before an old record: one key answers, and enter never resumes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator.live import ResumeQuestion
from facilitator.tui.screens.resume import ResumeApp

NOW = datetime(2026, 11, 26, 4, 55, tzinfo=UTC)
QUESTION = ResumeQuestion(
    record=Path("/records/llm-interpretability.2026-11-20.jsonl"),
    fresh=Path("/records/llm-interpretability.2026-11-26.jsonl"),
    last_used=datetime(2026, 11, 20, 6, 0, tzinfo=UTC),
    holds="in Arrive / informal chat, 1 person here, 0 turns, 0 notes",
    try_out="started Fri 20 Nov, but the agenda is for Thu 26 Nov",
)


@pytest.mark.parametrize(
    ("key", "answer"),
    [("enter", False), ("f", False), ("r", True), ("q", None), ("escape", None)],
)
async def test_one_key_answers(key: str, answer: bool | None) -> None:
    app = ResumeApp(QUESTION, "LLM Interpretability", NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
    assert app.return_value is answer


async def test_the_question_shows_what_the_record_holds_and_flags_a_try_out() -> None:
    app = ResumeApp(QUESTION, "[bold]LLM\x1b[2J", NOW)  # the title is plain text, as typed
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = "\n".join(str(label.render()) for label in app.screen.query("Label"))
    assert "TRY-OUT: started Fri 20 Nov, but the agenda is for Thu 26 Nov" in text
    assert "Last used Fri 20 Nov at 19:00 (6 days ago)" in text
    assert "1 person here" in text and "llm-interpretability.2026-11-20.jsonl" in text
    assert "[bold]LLM\\x1b[2J" in text and "\x1b" not in text
    assert "f / enter" in text and "r " in text
