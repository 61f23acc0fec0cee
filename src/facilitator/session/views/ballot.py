"""The vote, as the host counts it: the method in words, the tally, ties and the winner.

Also the topics the host picks from: the current round's topics with their counts so far, and
the tied leaders (or an uncounted runoff's topics) that the host's pick settles.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.session import voting
from facilitator.session.state import SessionState

# -- the vote -------------------------------------------------------------------------------------

DECIDED_WORDS = {"votes": "by votes", "runoff": "by runoff", "host": "host's pick"}


@dataclass(frozen=True, slots=True)
class VoteRow:
    topic_id: int
    topic: str
    votes: int
    by: str | None
    """Who nominated it (None: nobody in particular, or the backlog)."""
    from_backlog: bool
    winner: bool
    tied: bool
    """Among the tied leaders (and not the one the tie was settled for)."""
    leading: bool
    """Has the top count (> 0)."""


@dataclass(frozen=True, slots=True)
class VoteView:
    method: str
    """The current round's method in words: "show of hands", "one vote each", "3 dots each"
    (a runoff is always "one vote each")."""
    count_words: str
    """What the host counts: "hands up per topic", "votes (one each)", "dots (3 each)"."""
    voters: int
    runoff: int
    """0 for the first count, 1 for the first runoff..."""
    rows: tuple[VoteRow, ...]
    """Most votes first, ties in nomination order."""
    tie: bool
    winner: str | None
    decided: str | None
    """How the winner was decided, in words."""


def vote(state: SessionState) -> VoteView:
    v = state.vote
    segment = voting.voting_segment(state)
    words = voting.round_words(segment, v) if segment is not None else None
    result = voting.tally(v)
    top = max((n for _, n in result.results), default=0)
    rows = tuple(
        VoteRow(
            topic_id=n.id,
            topic=n.topic,
            votes=count,
            by=state.people[n.by].name if n.by is not None and n.by in state.people else None,
            from_backlog=n.source == "backlog",
            winner=v.winner == n.id,
            tied=result.tie and n in result.leaders and v.winner != n.id,
            leading=bool(top) and count == top,
        )
        for n, count in result.results
    )
    return VoteView(
        method=words.name if words else "",
        count_words=words.count if words else "",
        voters=len(state.present()),
        runoff=len(v.rounds) - 1,
        rows=rows,
        tie=result.tie,
        winner=None if v.winner is None else v.nominations[v.winner].topic,
        decided=DECIDED_WORDS.get(v.decided_by or ""),
    )


# -- the topics the host can pick from ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicChoice:
    id: int
    topic: str
    votes: int


def topic_choices(state: SessionState) -> tuple[TopicChoice, ...]:
    """The topics of the current round of voting, with their counts so far."""
    counts = state.vote.rounds[-1].counts
    return tuple(
        TopicChoice(n.id, n.topic, counts.get(n.id, 0)) for n in voting.candidates(state.vote)
    )


def tied_topics(state: SessionState) -> tuple[TopicChoice, ...]:
    """What the host's pick chooses among: the tied leaders, or an uncounted runoff's topics
    (empty when there is nothing to settle)."""
    counts = dict((n.id, c) for n, c in voting.tally(state.vote).results)
    return tuple(TopicChoice(n.id, n.topic, counts[n.id]) for n in voting.tied(state.vote))
