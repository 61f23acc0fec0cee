"""The voting keys of the run screen: nominate, enter counts, settle ties, declare the winner.

A mixin so the run screen stays small; every action is still one engine method.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from facilitator.session.voting import candidates, tally
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

        def present_choices(self, exclude: list[int] | None = None) -> list[tuple[str, str]]: ...

        def notify(self, message: str, **options: Any) -> None: ...

    def _topics(self) -> list[tuple[str, str]]:
        return [(str(n.id), n.topic) for n in candidates(self.engine.state.vote)]

    def _pick_topic(
        self, title: str, topics: list[tuple[str, str]], then: Callable[[int], object]
    ) -> None:
        if not topics:
            self.notify("No topics to pick from: t nominates one", severity="warning", markup=False)
            return
        self.ask(title, lambda c: then(int(c.key or -1)), choices=topics, free_text=False)

    def action_nominate(self) -> None:
        def by_whom(topic: Choice) -> None:
            def nominated(by: Choice | None) -> None:
                pid = int(by.key) if by is not None and by.key else None
                self.attempt(self.engine.nominate, topic.text, pid)

            people = self.present_choices()
            if not people:
                nominated(None)
                return
            self.ask(
                "Nominated by (escape: nobody in particular)",
                nominated,
                choices=people,
                free_text=False,
                cancel=nominated,
            )

        self.ask("Nominate a topic", by_whom, placeholder="the topic")

    def action_enter_votes(self) -> None:
        vote = self.engine.state.vote
        counts = vote.rounds[-1].counts
        rows = [(n.id, n.topic, counts.get(n.id, 0)) for n in candidates(vote)]
        if not rows:
            self.notify("No topics yet: t nominates one", severity="warning", markup=False)
            return
        segment = self.engine.state.segment
        method = segment.method if segment is not None else "approval"
        how = {"approval": "hands up per topic", "plurality": "votes (one each)"}.get(
            method, f"dots ({segment.dots or 3} each)" if segment is not None else "dots"
        )
        runoff = " — runoff" if len(vote.rounds) > 1 else ""
        self.app.push_screen(VoteEntry(f"Count the {how}{runoff}", rows, self._record_votes))

    def _record_votes(self, topic_id: int, votes: int) -> bool:
        return self.attempt(self.engine.record_votes, topic_id, votes)

    def action_runoff(self) -> None:
        if self.attempt(self.engine.start_runoff):
            self.notify("Runoff: enter the counts for the tied topics", timeout=4, markup=False)

    def action_pick_winner(self) -> None:
        leaders = tally(self.engine.state.vote).leaders
        if len(leaders) < 2:
            self.notify(
                "The host's pick settles a tie; there is none", severity="warning", markup=False
            )
            return
        topics = [(str(n.id), n.topic) for n in leaders]
        self._pick_topic("The host picks", topics, self._picked)

    def _picked(self, topic_id: int) -> None:
        self.attempt(self.engine.pick_winner, topic_id)

    def action_close_vote(self) -> None:
        self.attempt(self.engine.close_vote)

    def _withdrawn(self, topic_id: int) -> None:
        self.attempt(self.engine.withdraw, topic_id)

    def action_withdraw(self) -> None:
        self._pick_topic(
            "Withdraw which topic?",
            self._topics(),
            lambda tid: self._withdrawn(tid),
        )
