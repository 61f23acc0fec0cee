"""The vote for the next topic: nominations, counts, ties, runoffs and the winner.

Tallies are pure functions of the vote state; decisions check a command against the state and
the voting method; the apply functions change the state for each voting event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from facilitator.agenda import Segment
from facilitator.identity import name_key
from facilitator.session import events as ev
from facilitator.session.drafts import CommandError, Draft, clean_text, draft
from facilitator.session.state import Nomination, SessionState, VoteRound, VoteState


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


def voting_segment(state: SessionState) -> Segment | None:
    """The segment the vote belongs to: the one it was counted in, else the agenda's first."""
    index = state.vote.segment
    if index is None:
        index = next((i for i, s in enumerate(state.agenda.segments) if s.kind == "voting"), None)
    return None if index is None else state.agenda.segments[index]


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
    dots = segment.dots  # the agenda sets it for every dot vote
    if method == "dot" and dots is not None and total > dots * voters:
        return f"{total} dots in all is more than {dots} each for the {voters} people present"
    return None


# -- decisions ----------------------------------------------------------------------------------


def _require_open_vote(state: SessionState) -> Segment:
    if not state.started:
        raise CommandError("The session has not started: press space to start")
    if state.finished:
        raise CommandError("The session has ended")
    segment = state.segment
    assert segment is not None
    if segment.kind != "voting":
        raise CommandError("Votes are counted in the voting segment")
    if state.vote.winner is not None:
        raise CommandError("The vote is closed (ctrl+z reopens it)")
    return segment


def nominate(state: SessionState, topic: str, by: int | None, new_id: int) -> list[Draft]:
    topic = clean_text(topic, "topic")
    if state.vote.winner is not None:
        raise CommandError("The vote is closed (ctrl+z reopens it)")
    for n in state.vote.nominations.values():
        if not n.withdrawn and name_key(n.topic) == name_key(topic):
            raise CommandError(f"{n.topic} is already nominated")
    if by is not None and by not in state.people:
        raise CommandError("Unknown person")
    return [draft(ev.TopicNominated, topic_id=new_id, topic=topic, by=by, source="nominated")]


def backlog_nominations(state: SessionState, first_id: int) -> list[Draft]:
    """The agenda's backlog, offered again when the voting segment starts (once each)."""
    known = {name_key(n.topic) for n in state.vote.nominations.values()}
    drafts: list[Draft] = []
    for topic in state.agenda.session.backlog:
        if name_key(topic) not in known:
            known.add(name_key(topic))
            topic_id = first_id + len(drafts)
            drafts.append(
                draft(ev.TopicNominated, topic_id=topic_id, topic=topic, by=None, source="backlog")
            )
    return drafts


def withdraw(state: SessionState, topic_id: int) -> list[Draft]:
    _require_open_vote(state)
    n = state.vote.nominations.get(topic_id)
    if n is None or n.withdrawn:
        raise CommandError("No such topic")
    return [draft(ev.TopicWithdrawn, topic_id=topic_id)]


def record_votes(state: SessionState, topic_id: int, votes: int) -> list[Draft]:
    """The count for one topic: hands (approval), votes (plurality) or dots."""
    segment = _require_open_vote(state)
    if topic_id not in {n.id for n in candidates(state.vote)}:
        raise CommandError("That topic is not in this round of voting")
    if votes < 0:
        raise CommandError("Votes cannot be negative")
    problem = limit_problem(segment, state.vote, topic_id, votes, len(state.present()))
    if problem:
        raise CommandError(problem)
    return [draft(ev.VotesRecorded, topic_id=topic_id, votes=votes)]


def start_runoff(state: SessionState) -> list[Draft]:
    """A new round of voting among the tied topics only."""
    _require_open_vote(state)
    t = tally(state.vote)
    if not t.tie:
        raise CommandError("There is no tie to settle")
    return [draft(ev.RunoffStarted, topic_ids=[n.id for n in t.leaders])]


def pick_winner(state: SessionState, topic_id: int) -> list[Draft]:
    """The host settles a tie (recorded as the host's pick)."""
    _require_open_vote(state)
    t = tally(state.vote)
    if not t.tie:
        raise CommandError("The host's pick settles a tie; there is none")
    if topic_id not in {n.id for n in t.leaders}:
        raise CommandError("Pick one of the tied topics")
    return [draft(ev.VoteClosed, winner=topic_id, decided_by="host")]


def close_vote(state: SessionState) -> list[Draft]:
    """Declare the winner. A tie must be settled first, by runoff or the host's pick."""
    _require_open_vote(state)
    t = tally(state.vote)
    if not t.leaders:
        raise CommandError("No votes have been entered")
    if t.tie:
        names = " and ".join(n.topic for n in t.leaders)
        raise CommandError(f"Tie between {names}: run a runoff or pick the winner")
    return [draft(ev.VoteClosed, winner=t.leaders[0].id, decided_by=_how(state.vote))]


def closing_on_leaving(state: SessionState) -> list[Draft]:
    """Leaving the voting segment with a clear leader closes the vote (no extra key)."""
    segment = state.segment
    if segment is None or segment.kind != "voting" or state.vote.winner is not None:
        return []
    t = tally(state.vote)
    if len(t.leaders) != 1:
        return []
    return [draft(ev.VoteClosed, winner=t.leaders[0].id, decided_by=_how(state.vote))]


def _how(vote: VoteState) -> Literal["votes", "runoff"]:
    return "runoff" if len(vote.rounds) > 1 else "votes"


# -- how the events change the state -------------------------------------------------------------


def topic_nominated(state: SessionState, e: ev.TopicNominated) -> None:
    state.vote.nominations[e.topic_id] = Nomination(e.topic_id, e.topic, e.by, e.source, e.at)


def topic_withdrawn(state: SessionState, e: ev.TopicWithdrawn) -> None:
    state.vote.nominations[e.topic_id].withdrawn = True
    for round_ in state.vote.rounds:
        round_.counts.pop(e.topic_id, None)


def votes_recorded(state: SessionState, e: ev.VotesRecorded) -> None:
    state.vote.rounds[-1].counts[e.topic_id] = e.votes


def runoff_started(state: SessionState, e: ev.RunoffStarted) -> None:
    state.vote.rounds.append(VoteRound(list(e.topic_ids)))


def vote_closed(state: SessionState, e: ev.VoteClosed) -> None:
    state.vote.winner = e.winner
    state.vote.decided_by = e.decided_by
