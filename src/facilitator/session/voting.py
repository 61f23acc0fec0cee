"""Tallies, ties and runoffs. Pure functions of the vote state."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.agenda import Segment
from facilitator.session.state import Nomination, VoteState


@dataclass(frozen=True)
class Tally:
    results: list[tuple[Nomination, int]]  # most votes first, ties in nomination order
    leaders: list[Nomination]  # everyone with the top count (empty when no votes yet)
    total: int

    @property
    def tie(self) -> bool:
        return len(self.leaders) > 1


def candidates(vote: VoteState) -> list[Nomination]:
    """The topics of the current round: all standing nominations, or the runoff's."""
    topics = vote.rounds[-1].topics
    standing = [n for n in vote.nominations.values() if not n.withdrawn]
    if topics is None:
        return standing
    return [n for n in standing if n.id in topics]


def tally(vote: VoteState, round_index: int = -1) -> Tally:
    round_ = vote.rounds[round_index]
    standing = [n for n in vote.nominations.values() if not n.withdrawn]
    if round_.topics is not None:
        standing = [n for n in standing if n.id in round_.topics]
    results = sorted(
        ((n, round_.counts.get(n.id, 0)) for n in standing), key=lambda r: (-r[1], r[0].id)
    )
    top = results[0][1] if results else 0
    leaders = [n for n, votes in results if votes == top] if top > 0 else []
    return Tally(results, leaders, sum(v for _, v in results))


def limit_problem(
    segment: Segment, vote: VoteState, topic_id: int, votes: int, voters: int
) -> str | None:
    """Why a count cannot be right for this voting method, or None. `voters` = people present
    (0 when nobody was checked in: then no limit can be known)."""
    if voters <= 0:
        return None
    counts = dict(vote.rounds[-1].counts)
    counts[topic_id] = votes
    total = sum(counts.values())
    method = segment.method
    if method == "approval" and votes > voters:
        return f"{votes} hands is more than the {voters} people present"
    if method == "plurality" and total > voters:
        return f"{total} votes in all is more than one each for the {voters} people present"
    if method == "dot":
        dots = segment.dots or 3
        if total > dots * voters:
            return f"{total} dots in all is more than {dots} each for the {voters} people present"
    return None
