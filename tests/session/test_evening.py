"""The reference evening, scripted with a fake clock: 12 people, passes and a revisit, someone
who leaves, two late arrivals, an overrun, an undo, and a tied vote settled by a runoff."""

from __future__ import annotations

import pytest

from facilitator.session import schedule
from facilitator.session.engine import CommandError
from facilitator.session.schedule import ClockChange
from facilitator.session.voting import tally
from tests.session.helpers import make_engine, queue, speaker

FIRST_TEN = ["Rob", "Aroha", "Ben", "Chen", "Dana", "Eli", "Farah", "Gus", "Hana", "Ivan"]


def test_reference_evening() -> None:
    engine, clock, sink = make_engine()
    s = engine.state

    # 18:00 the host starts; people trickle in during the arrival segment.
    assert engine.toggle_clock() is ClockChange.STARTED
    assert s.current == 0 and s.segment is not None and s.segment.kind == "arrival"
    for name in FIRST_TEN:
        clock.advance(minutes=2)
        engine.check_in(name)
    assert [p.name for p in s.present()] == FIRST_TEN
    with pytest.raises(CommandError, match="already checked in"):
        engine.check_in("rob")
    with pytest.raises(CommandError, match="no speaking turns"):
        engine.next_speaker()

    # 18:30 introductions: everyone here, in order of arrival, 20 s each.
    clock.advance(minutes=10)
    assert schedule.schedule_status(s, clock.now()).text == "on time"
    engine.next_segment()
    assert s.segment is not None and s.segment.kind == "intros"
    assert speaker(engine) == "Rob"
    assert queue(engine) == FIRST_TEN[1:]
    assert schedule.turn_budget(s, clock.now()) == 20
    for expected in FIRST_TEN[:5]:
        assert speaker(engine) == expected
        clock.advance(20)
        engine.next_speaker()
    # Two late arrivals join the end of the round.
    engine.check_in("Jade")
    engine.check_in("Kiri")
    assert queue(engine)[-2:] == ["Jade", "Kiri"]
    while s.run is not None and s.run.phase == "round":
        clock.advance(45)
        engine.next_speaker()
    intro_turns = [t for t in s.turns if t.segment == 1]
    assert len(intro_turns) == 12
    assert {t.person_id for t in intro_turns} == {p.id for p in s.present()}
    # The intros ran over: 12 people at 20-45 s is nearly 7 minutes.
    assert schedule.remaining(s, clock.now()) < 0
    assert schedule.level(schedule.remaining(s, clock.now())) == "over"
    assert schedule.clock_text(schedule.remaining(s, clock.now())).startswith("+")
    behind = schedule.schedule_status(s, clock.now())
    assert behind.text == "2 min behind"

    # 18:36 discussion: a reading-group round with passes, someone who left, and an undo.
    engine.next_segment()
    assert schedule.actual_seconds(s, 1) == pytest.approx(5 * 20 + 7 * 45)
    assert s.segment is not None and s.segment.kind == "discussion"
    order = [speaker(engine), *queue(engine)]
    assert order == [*FIRST_TEN, "Jade", "Kiri"]
    passers = {"Ben", "Dana", "Gus"}
    while queue(engine) or speaker(engine) in passers or speaker(engine) == "Farah":
        who = speaker(engine)
        clock.advance(60)
        if who in passers and s.current_turn is not None and s.current_turn.kind == "round":
            engine.pass_turn()
        elif who == "Farah":
            engine.absent()  # Farah had to leave
        elif who == "Ivan":
            engine.next_speaker()
            assert speaker(engine) == "Jade"
            engine.undo()  # a slip: Ivan was still talking
            assert speaker(engine) == "Ivan"
            clock.advance(60)
            engine.next_speaker()
        elif s.current_turn is not None and s.current_turn.kind == "revisit":
            # Ben speaks on his second chance; Dana and Gus pass again.
            if who == "Ben":
                engine.next_speaker()
            else:
                engine.pass_turn()
        else:
            engine.next_speaker()
    turns = [t for t in s.turns if t.segment == 2]
    outcome = {(s.people[t.person_id].name, t.kind): t.outcome for t in turns}
    assert outcome[("Ben", "round")] == "passed" and outcome[("Ben", "revisit")] == "spoke"
    assert outcome[("Dana", "revisit")] == "passed" and outcome[("Gus", "revisit")] == "passed"
    assert outcome[("Farah", "round")] == "absent" and ("Farah", "revisit") not in outcome
    assert not s.people[s.find_person("Farah").id].present  # type: ignore[union-attr]
    revisits = [t for t in turns if t.kind == "revisit"]
    assert sorted(s.people[t.person_id].name for t in revisits) == ["Ben", "Dana", "Gus"]
    assert s.run is not None and s.run.phase == "open floor"

    # Open floor: hands go up; the progressive stack puts who spoke least first.
    ids = {p.name: p.id for p in s.present()}
    engine.raise_hand(ids["Aroha"])  # nobody speaking: Aroha is straight up
    assert speaker(engine) == "Aroha"
    engine.raise_hand(ids["Chen"])
    engine.raise_hand(ids["Dana"])
    engine.set_queue_order("progressive")
    clock.advance(90)
    engine.next_speaker()
    assert speaker(engine) == "Dana"  # Dana had not spoken in the discussion; Chen had
    engine.add_note("todo: Rob to share the attribution graph notebook")
    engine.add_note("q: do features compose linearly?")
    engine.add_note("See https://transformer-circuits.pub/2025/attribution-graphs/biology.html.")
    clock.advance(60)
    engine.next_speaker()
    assert speaker(engine) == "Chen"
    kinds = [n.kind for n in s.notes.values()]
    assert kinds == ["todo", "question", "note"]
    assert next(iter(s.notes.values())).speaker_id == ids["Dana"]
    assert list(s.notes.values())[2].urls == [
        "https://transformer-circuits.pub/2025/attribution-graphs/biology.html"
    ]

    # 19:25 the vote: the backlog is offered again; a tie, settled by a runoff.
    engine.next_segment()
    assert s.segment is not None and s.segment.kind == "voting"
    topics = {n.topic: n.id for n in s.vote.nominations.values()}
    assert list(topics) == ["Sparse autoencoders"]
    assert s.vote.nominations[topics["Sparse autoencoders"]].source == "backlog"
    topics["Chain of thought faithfulness"] = engine.nominate(
        "Chain of thought faithfulness", by=ids["Hana"]
    )
    topics["Refusal circuits"] = engine.nominate("Refusal circuits", by=ids["Ivan"])
    engine.record_votes(topics["Sparse autoencoders"], 6)
    engine.record_votes(topics["Chain of thought faithfulness"], 6)
    engine.record_votes(topics["Refusal circuits"], 3)
    with pytest.raises(CommandError, match="more than the 11 people"):
        engine.record_votes(topics["Refusal circuits"], 12)
    assert tally(s.vote).tie
    with pytest.raises(CommandError, match="Tie between"):
        engine.close_vote()
    engine.start_runoff()
    assert {n.topic for n in tally(s.vote).results[0:2] for n in [n[0]]} == {
        "Sparse autoencoders",
        "Chain of thought faithfulness",
    }
    with pytest.raises(CommandError, match="not in this round"):
        engine.record_votes(topics["Refusal circuits"], 1)
    engine.record_votes(topics["Sparse autoencoders"], 4)
    engine.record_votes(topics["Chain of thought faithfulness"], 7)
    winner = engine.close_vote()
    assert s.vote.nominations[winner].topic == "Chain of thought faithfulness"
    assert s.vote.decided_by == "runoff"

    engine.next_segment()
    assert s.finished
    # Everything the host did is in the sink, in order, and replays to the same state.
    assert [r["seq"] for r in sink.records] == list(range(len(sink.records)))
    from facilitator.session.events import parse_events
    from facilitator.session.fold import fold

    assert fold(parse_events(sink.records)) == engine.state
