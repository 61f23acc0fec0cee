"""The voting keys of the run screen: nominate, enter counts, settle ties, declare the winner.

A mixin so the run screen stays small; every action is still one engine method.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from facilitator.session import views
from facilitator.session.views import PersonRef, TopicChoice
from facilitator.tui.screens.prompts import Choice
from facilitator.tui.screens.vote_entry import VoteEntry

if TYPE_CHECKING:
    from facilitator.session.engine import Engine


class VotingActions:
    engine: Engine

    if TYPE_CHECKING:
        from textual.app import App

        app: App[None]

        def attempt(self, command: Callable[..., object], *args: Any) -> bool: ...

        def ask(
            self,
            title: str,
            done: Callable[[Choice], object],
            cancel: Callable[[None], object] | None = None,
            **options: Any,
        ) -> None: ...

        def person_choices(self, people: tuple[PersonRef, ...]) -> list[tuple[str, str]]: ...

        def notify(self, message: str, **options: Any) -> None: ...

    def _pick_topic(
        self, title: str, topics: tuple[TopicChoice, ...], then: Callable[[int], object]
    ) -> None:
        if not topics:
            self.notify("No topics to pick from: t nominates one", severity="warning", markup=False)
            return
        choices = [(str(t.id), t.topic) for t in topics]
        self.ask(title, lambda c: then(int(c.key or -1)), choices=choices)

    def action_nominate(self) -> None:
        def by_whom(topic: Choice) -> None:
            def nominated(by: Choice | None) -> None:
                pid = int(by.key) if by is not None and by.key else None
                self.attempt(self.engine.nominate, topic.text, pid)

            people = self.person_choices(views.present_people(self.engine.state))
            if not people:
                nominated(None)
                return
            self.ask(
                "Nominated by (escape: nobody in particular)",
                nominated,
                choices=people,
                cancel=nominated,
            )

        self.ask("Nominate a topic", by_whom, placeholder="the topic")

    def action_enter_votes(self) -> None:
        state = self.engine.state
        rows = [(t.id, t.topic, t.votes) for t in views.topic_choices(state)]
        if not rows:
            self.notify("No topics yet: t nominates one", severity="warning", markup=False)
            return
        vote = views.vote(state)
        title = f"{'Runoff: count' if vote.runoff else 'Count'} the {vote.count_words}"
        self.app.push_screen(VoteEntry(title, rows, self._record_votes))

    def _record_votes(self, topic_id: int, votes: int) -> bool:
        return self.attempt(self.engine.record_votes, topic_id, votes)

    def action_runoff(self) -> None:
        if self.attempt(self.engine.start_runoff):
            self.notify("Runoff: enter the counts for the tied topics", timeout=4, markup=False)

    def action_pick_winner(self) -> None:
        tied = views.tied_topics(self.engine.state)
        if not tied:
            self.notify(
                "The host's pick settles a tie; there is none", severity="warning", markup=False
            )
            return
        self._pick_topic("The host picks", tied, self._picked)

    def _picked(self, topic_id: int) -> None:
        self.attempt(self.engine.pick_winner, topic_id)

    def action_close_vote(self) -> None:
        self.attempt(self.engine.close_vote)

    def _withdrawn(self, topic_id: int) -> None:
        self.attempt(self.engine.withdraw, topic_id)

    def action_withdraw(self) -> None:
        self._pick_topic(
            "Withdraw which topic?",
            views.topic_choices(self.engine.state),
            lambda tid: self._withdrawn(tid),
        )
