"""The vote from the keyboard: a runoff says it is one vote each, and a tie stays settleable."""

from __future__ import annotations

from textual.widgets import Label

from facilitator.tui.screens.run import RunScreen
from facilitator.tui.screens.vote_entry import VoteEntry
from tests.reference import WINNER, evening

from .conftest import answer, make_app, panel_text


async def test_a_runoff_is_one_vote_each_on_screen() -> None:
    engine = evening("voting-tie").engine  # approval: hands up per topic
    app = make_app(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Vote: show of hands, 11 here" in panel_text(pilot, "#vote")
        await pilot.press("r")
        await pilot.pause()
        assert "Runoff 1: one vote each, 11 here" in panel_text(pilot, "#vote")
        assert "v runoff votes, one each · k host's pick" in panel_text(pilot, "#vote")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VoteEntry)
        title = app.screen.query_one("#vote-entry-title", Label)
        assert str(title.render()) == "Runoff: count the votes (one each)"
        await answer(pilot, "6")
        await answer(pilot, "6")  # 12 votes from 11 people: refused, the row keeps the focus
        assert isinstance(app.screen, VoteEntry)
        await answer(pilot, "5")
        assert isinstance(app.screen, RunScreen)
        await pilot.press("w")
        await pilot.pause()
        assert engine.state.vote.winner is not None
        assert engine.state.vote.nominations[engine.state.vote.winner].topic != WINNER  # 6 to 5
