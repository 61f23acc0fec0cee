"""The vote's rules as pure decisions: a runoff is one vote each, and every state of a vote has
a way forward (a tie, a runoff, a topic withdrawn on the way)."""

from __future__ import annotations

import pytest

from facilitator.session import views, voting
from facilitator.session.engine import CommandError, Engine
from tests.session.helpers import make_engine, round_agenda

PEOPLE = ["Zoe", "Amir", "Bea", "Carl", "Dev", "Eru", "Fay", "Gil"]


def voting_engine(
    method: str = "approval", topics: tuple[str, ...] = ("A", "B", "C")
) -> tuple[Engine, list[int]]:
    """Eight people in the voting segment of a `method` vote, with `topics` nominated."""
    text = round_agenda().replace('kind = "voting"', f'kind = "voting"\nmethod = "{method}"')
    engine, clock, _ = make_engine(text)
    engine.toggle_clock()
    for name in PEOPLE:
        engine.check_in(name)
    engine.next_segment()
    engine.next_segment()
    return engine, [engine.nominate(t) for t in topics]


def counts(engine: Engine, *pairs: tuple[int, int]) -> None:
    for topic, n in pairs:
        engine.record_votes(topic, n)


@pytest.mark.parametrize("method", ["approval", "dot"])
def test_a_runoff_is_one_vote_each_whatever_the_method(method: str) -> None:
    engine, (a, b, c) = voting_engine(method)
    counts(engine, (a, 4), (b, 4), (c, 1))
    engine.start_runoff()
    engine.record_votes(a, 4)
    with pytest.raises(CommandError, match="one each for the 8 people"):
        engine.record_votes(b, 5)  # 4 + 5 > 8: hands or dots are no longer counted
    engine.record_votes(b, 3)
    assert engine.close_vote() == a
    assert engine.state.vote.decided_by == "runoff"


def test_the_screens_say_a_runoff_is_one_vote_each() -> None:
    engine, (a, b, _) = voting_engine("approval")
    assert views.vote(engine.state).method == "show of hands"
    counts(engine, (a, 4), (b, 4))
    engine.start_runoff()
    view = views.vote(engine.state)
    assert view.runoff == 1
    assert view.method == "one vote each"
    assert view.count_words == "votes (one each)"


def test_withdrawing_a_tied_topic_settles_the_tie() -> None:
    engine, (a, b, c) = voting_engine()
    counts(engine, (a, 3), (b, 3), (c, 1))
    engine.withdraw(a)
    assert not views.vote(engine.state).tie
    assert engine.close_vote() == b


def test_tie_runoff_then_a_tied_topic_withdrawn_can_still_be_declared() -> None:
    engine, (a, b, c) = voting_engine()
    counts(engine, (a, 3), (b, 3), (c, 1))
    engine.start_runoff()
    engine.withdraw(a)  # before any runoff count: a runoff of one topic is no runoff
    assert views.vote(engine.state).runoff == 0
    assert engine.close_vote() == b  # the count before the runoff stands: B 3, C 1
    assert engine.state.vote.decided_by == "votes"
    engine.undo()
    engine.undo()
    assert views.vote(engine.state).runoff == 1  # undoing the withdrawal brings the runoff back


def test_a_three_way_runoff_with_one_withdrawn_can_be_picked_before_counting() -> None:
    engine, (a, b, c) = voting_engine()
    counts(engine, (a, 2), (b, 2), (c, 2))
    engine.start_runoff()
    engine.withdraw(a)
    assert [t.id for t in views.tied_topics(engine.state)] == [b, c]
    engine.pick_winner(c)
    assert engine.state.vote.winner == c and engine.state.vote.decided_by == "host"


def test_the_host_can_pick_among_a_runoffs_topics_before_any_count() -> None:
    engine, (a, b, c) = voting_engine()
    counts(engine, (a, 2), (b, 2), (c, 1))
    engine.start_runoff()
    with pytest.raises(CommandError, match="one of the tied"):
        engine.pick_winner(c)
    engine.pick_winner(a)
    assert engine.state.vote.winner == a


def test_the_last_topic_standing_wins_without_a_count() -> None:
    engine, (a, b, c) = voting_engine()
    engine.withdraw(a)
    engine.withdraw(b)
    assert engine.close_vote() == c
    engine, (a,) = voting_engine(topics=("A",))
    assert engine.close_vote() == a
    engine, (a, b) = voting_engine(topics=("A", "B"))
    with pytest.raises(CommandError, match="No votes"):
        engine.close_vote()


def test_what_leaves_a_vote_unsettled() -> None:
    engine, (a, b, c) = voting_engine()
    assert voting.unsettled(engine.state) is None  # nominated, never counted: nothing to settle
    counts(engine, (a, 0), (b, 0))
    found = voting.unsettled(engine.state)
    assert found is not None and found.settle == "count"
    counts(engine, (a, 3), (b, 3))
    found = voting.unsettled(engine.state)
    assert found is not None and found.settle == "pick"
    assert "A and B" in found.why
    engine.start_runoff()
    found = voting.unsettled(engine.state)
    assert found is not None and found.settle == "pick"
    engine.record_votes(a, 5)
    assert voting.unsettled(engine.state) is None  # a clear leader closes on leaving
    engine.close_vote()
    assert voting.unsettled(engine.state) is None


def test_leaving_asks_only_when_something_would_be_left_unsettled() -> None:
    engine, (a, b, _) = voting_engine()
    assert views.leaving(engine.state) is None  # never counted: the host skipped the vote
    counts(engine, (a, 3), (b, 3))
    tie = views.leaving(engine.state)
    assert tie is not None and tie.ends and tie.settle == "pick"
    engine.record_votes(b, 2)
    assert views.leaving(engine.state) is None  # a clear leader: `]` declares it

    text = round_agenda().split('\n[[segments]]\ntitle = "Vote"')[0]
    engine, _, _ = make_engine(text)
    engine.toggle_clock()
    for name in ("Ana", "Ben"):
        engine.check_in(name)
    assert views.leaving(engine.state) is None  # arrival: not the last segment, no vote
    engine.next_segment()
    mid = views.leaving(engine.state)
    assert mid is not None and mid.ends and mid.settle is None
    assert mid.worry == "Ana is speaking; still to speak: Ben."
    engine.next_speaker()
    engine.next_speaker()
    assert views.leaving(engine.state) is None  # the round is over
