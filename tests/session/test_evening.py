"""The reference evening (tests/reference.py) through the engine, checked stage by stage: the
rules hold at every stop, and the finished journal replays to the same state."""

from __future__ import annotations

import pytest

from facilitator.session import rounds, schedule, views
from facilitator.session.engine import CommandError, MemorySink
from facilitator.session.events import parse_events
from facilitator.session.fold import fold
from facilitator.session.state import SessionState
from facilitator.session.voting import tally
from tests.reference import PEOPLE, WINNER, Evening


def names(state: SessionState, ids: list[int]) -> list[str]:
    return [state.people[i].name for i in ids]


def outcomes(state: SessionState, segment: int) -> dict[tuple[str, str], str | None]:
    return {
        (state.people[t.person_id].name, t.kind): t.outcome
        for t in state.turns
        if t.segment == segment
    }


def test_reference_evening() -> None:
    sink = MemorySink()
    evening = Evening(sink)
    engine, clock = evening.engine, evening.clock

    # 18:24: the arrival half-hour, everyone here in order; the agenda's RSVPs are expected.
    s = evening.until("arrival").engine.state
    assert s.segment is not None and s.segment.kind == "arrival"
    assert [p.name for p in s.present()] == PEOPLE
    assert schedule.schedule_status(s, clock.now()).text == "on time"
    with pytest.raises(CommandError, match="already checked in"):
        engine.check_in("rob")
    with pytest.raises(CommandError, match="no speaking turns"):
        engine.next_speaker()

    # 18:30 introductions: everyone, in order of arrival, 20 s each; Tom has passed.
    s = evening.until("intros").engine.state
    assert s.segment is not None and s.segment.kind == "intros"
    assert s.speaker is not None and s.speaker.name == "Ben"
    run = s.run
    assert run is not None
    assert names(s, [item.person_id for item in run.queue]) == [*PEOPLE[6:], "Tom"]
    assert run.queue[-1].revisit
    assert schedule.turn_budget(s, clock.now()) == 20
    assert outcomes(s, 1)[("Tom", "round")] == "passed"

    # The round is over: twelve turns and Tom's second chance, with 28 s to spare.
    s = evening.until("intros-done").engine.state
    intros = [t for t in s.turns if t.segment == 1]
    assert len(intros) == 13 and {t.person_id for t in intros} == {p.id for p in s.present()}
    assert outcomes(s, 1)[("Tom", "revisit")] == "spoke"
    assert schedule.remaining(s, clock.now()) == pytest.approx(28)
    assert schedule.level(schedule.remaining(s, clock.now())) == "soon"
    assert schedule.schedule_status(s, clock.now()).text == "on time"

    # The discussion: Ben speaks on his second chance, Dana passes twice, Gus left;
    # an undone slip leaves no note; now the open floor, Aroha speaking.
    s = evening.until("discussion").engine.state
    turns = outcomes(s, 2)
    assert turns[("Ben", "round")] == "passed" and turns[("Ben", "revisit")] == "spoke"
    assert turns[("Dana", "round")] == "passed" and turns[("Dana", "revisit")] == "passed"
    assert turns[("Gus", "round")] == "absent" and ("Gus", "revisit") not in turns
    gus = s.find_person("Gus")
    assert gus is not None and not gus.present
    assert not any("slip" in n.text for n in s.notes.values())
    assert [e.type for e in engine.events if e.type == "undone"] == ["undone"]
    assert s.run is not None and s.run.phase == "open floor"
    assert s.speaker is not None and s.speaker.name == "Aroha"
    room = views.round_(s)
    assert room is not None
    assert [p.name for p in room.passed] == ["Dana"] and [p.name for p in room.absent] == ["Gus"]
    kinds = {n.kind for n in s.notes.values()}
    assert kinds == {"note", "todo", "question"}
    rob = next(n for n in s.notes.values() if n.text.startswith("Attribution graphs"))
    assert rob.urls == ["https://transformer-circuits.pub/2025/attribution-graphs/methods.html"]
    assert rob.speaker_id == evening.ids["Rob"]  # the context: whose turn it was

    # 19:25 the vote: the backlog is offered again beside the new nominations.
    s = evening.until("voting").engine.state
    nominations = list(s.vote.nominations.values())
    assert [(n.topic, n.source) for n in nominations[:2]] == [
        ("Sparse autoencoders", "backlog"),
        ("Evaluating LLM agents", "backlog"),
    ]
    assert nominations[2].topic == WINNER and nominations[2].by == evening.ids["Wei"]
    here = len(s.present())
    with pytest.raises(CommandError, match=f"more than the {here} people"):
        engine.record_votes(nominations[0].id, here + 1)

    # A tie between the top two: the winner cannot be declared; a runoff between them only.
    s = evening.until("voting-tie").engine.state
    t = tally(s.vote)
    assert t.tie and {n.topic for n in t.leaders} == {"Sparse autoencoders", WINNER}
    with pytest.raises(CommandError, match="Tie between"):
        engine.close_vote()

    s = evening.until("ended").engine.state
    assert s.finished and s.vote.decided_by == "runoff"
    assert s.vote.winner is not None and s.vote.nominations[s.vote.winner].topic == WINNER
    assert [n.topic for n, _ in tally(s.vote, 1).results] == [WINNER, "Sparse autoencoders"]

    # Everything the host did is in the sink, in order, and replays to the same state.
    assert [r["seq"] for r in sink.records] == list(range(len(sink.records)))
    replayed = fold(parse_events(sink.records))
    assert replayed == s


def test_a_hand_for_someone_speaking_is_refused_and_hands_follow_the_stack() -> None:
    evening = Evening().until("discussion")
    engine, ids = evening.engine, evening.ids
    with pytest.raises(CommandError, match="Aroha is speaking"):
        engine.raise_hand(ids["Aroha"])
    engine.set_queue_order("progressive")
    for name in ("Chen", "Dana", "Wei"):
        engine.raise_hand(ids[name])
    # Dana has not spoken in the discussion (two passes); Chen and Wei have, once each.
    assert names(engine.state, rounds.ordered_hands(engine.state)) == ["Dana", "Chen", "Wei"]
