"""The vote for the next topic: nominations, counts, ties, runoffs and the winner.

Tallies are pure functions of the vote state; decisions check a command against the state and
the voting method; the apply functions change the state for each voting event.

Every state of a vote has a way forward: a tie is settled by a runoff or the host's pick; a
runoff is one vote each whatever the method (approval hands would tie again), and the host may
pick among its topics before they are counted; withdrawing a topic settles a tie or drops a
runoff left with one topic; the last topic standing wins without a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from facilitator.agenda import Segment, VoteMethod, VoteWords, vote_words
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


def in_runoff(vote: VoteState) -> bool:
    return len(vote.rounds) > 1


def tied(vote: VoteState) -> list[Nomination]:
    """What the host's pick chooses among: the tied leaders, or the topics of a runoff not
    counted yet (it was started to settle their tie)."""
    t = tally(vote)
    if t.tie:
        return t.leaders
    standing = candidates(vote)
    if in_runoff(vote) and not t.total and len(standing) > 1:
        return standing
    return []


def voting_segment(state: SessionState) -> Segment | None:
    """The segment the vote belongs to: the one it was counted in, else the agenda's first."""
    index = state.vote.segment
    if index is None:
        index = next((i for i, s in enumerate(state.agenda.segments) if s.kind == "voting"), None)
    return None if index is None else state.agenda.segments[index]


def round_method(segment: Segment, vote: VoteState) -> VoteMethod:
    """How the current round is counted: the segment's method, but a runoff is one vote each."""
    return "plurality" if in_runoff(vote) else segment.method


def round_words(segment: Segment, vote: VoteState) -> VoteWords:
    return vote_words(round_method(segment, vote), segment.dots)


def limit_problem(
    segment: Segment, vote: VoteState, topic_id: int, votes: int, voters: int
) -> str | None:
    """Why a count cannot be right for this round's method, or None. `voters` = people present
    (0 when nobody was checked in: then no limit can be known)."""
    if voters <= 0:
        return None
    counts = dict(vote.rounds[-1].counts)
    counts[topic_id] = votes
    total = sum(counts.values())
    method = round_method(segment, vote)
    if method == "approval" and votes > voters:
        return f"{votes} hands is more than the {voters} people present"
    if method == "plurality" and total > voters:
        why = " (a runoff is one vote each)" if in_runoff(vote) else ""
        return f"{total} votes in all is more than one each for the {voters} people present{why}"
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
    among = tied(state.vote)
    if not among:
        raise CommandError("The host's pick settles a tie; there is none")
    if topic_id not in {n.id for n in among}:
        raise CommandError("Pick one of the tied topics")
    return [draft(ev.VoteClosed, winner=topic_id, decided_by="host")]


def close_vote(state: SessionState) -> list[Draft]:
    """Declare the winner. A tie must be settled first, by runoff or the host's pick; the last
    topic standing wins without a count."""
    _require_open_vote(state)
    t = tally(state.vote)
    if not t.leaders and len(t.results) == 1:
        return [draft(ev.VoteClosed, winner=t.results[0][0].id, decided_by=_how(state.vote))]
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
    return "runoff" if in_runoff(vote) else "votes"


@dataclass(frozen=True)
class Unsettled:
    """Why leaving the vote now would leave it without a winner, and what settles it."""

    why: str
    settle: Literal["pick", "count"]
    """`pick`: the host's pick among the tied topics; `count`: enter the counts."""


def unsettled(state: SessionState) -> Unsettled | None:
    """A vote that was counted (or is in a runoff) but has no winner, and would not get one by
    leaving the voting segment. A vote nobody counted is not asked about."""
    vote = state.vote
    if vote.winner is not None or not any(r.counts for r in vote.rounds):
        return None
    among = tied(vote)
    if among:
        names = " and ".join(n.topic for n in among)
        what = "The runoff is not counted" if not tally(vote).tie else "The vote is tied"
        return Unsettled(f"{what}: {names}.", "pick")
    if not tally(vote).leaders:
        return Unsettled("Counts were entered but no topic has a vote.", "count")
    return None


# -- how the events change the state -------------------------------------------------------------


def topic_nominated(state: SessionState, e: ev.TopicNominated) -> None:
    state.vote.nominations[e.topic_id] = Nomination(e.topic_id, e.topic, e.by, e.source, e.at)


def topic_withdrawn(state: SessionState, e: ev.TopicWithdrawn) -> None:
    """A topic leaves the vote, with its counts; a runoff left with one topic is no runoff, and
    the count before it stands (where the withdrawal has settled the tie)."""
    vote = state.vote
    vote.nominations[e.topic_id].withdrawn = True
    for round_ in vote.rounds:
        round_.counts.pop(e.topic_id, None)
    if in_runoff(vote) and len(candidates(vote)) < 2:
        vote.rounds.pop()


def votes_recorded(state: SessionState, e: ev.VotesRecorded) -> None:
    state.vote.rounds[-1].counts[e.topic_id] = e.votes


def runoff_started(state: SessionState, e: ev.RunoffStarted) -> None:
    state.vote.rounds.append(VoteRound(list(e.topic_ids)))


def vote_closed(state: SessionState, e: ev.VoteClosed) -> None:
    state.vote.winner = e.winner
    state.vote.decided_by = e.decided_by
