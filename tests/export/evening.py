"""The reference evening, scripted with a fake clock, as the source of every export test.

18:00 Pacific/Auckland (05:00 UTC) on 26 November 2026: twelve people check in, introductions
with a pass and its revisit, a discussion round with passes, a revisit, someone who leaves and an
open floor, notes of every kind (with URLs, an edit, a deletion and an undo), and a three-way
tie settled by a runoff.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from facilitator.agenda import Agenda, load_agenda
from facilitator.clock import FakeClock
from facilitator.record.reading import Record
from facilitator.session.engine import Engine, MemorySink, Sink

ROOT = Path(__file__).resolve().parents[2]
AGENDA = ROOT / "sessions" / "llm-interpretability.toml"
EVENING = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # 18:00 NZDT
PEOPLE = ["Rob", "Aroha", "Wei", "Priya", "Tom", "Ben"]
PEOPLE += ["Chen", "Dana", "Eli", "Farah", "Gus", "Hana"]
WINNER = "Mechanistic interpretability of vision models"


def reference_agenda() -> Agenda:
    return load_agenda(AGENDA)


def start(agenda: Agenda | None = None, sink: Sink | None = None) -> tuple[Engine, FakeClock]:
    clock = FakeClock(EVENING)
    engine = Engine.create(agenda or reference_agenda(), sink or MemorySink(), clock)
    return engine, clock


def arrivals(engine: Engine, clock: FakeClock, names: list[str] = PEOPLE) -> dict[str, int]:
    """18:00 start; everyone trickles in over the arrival half-hour."""
    engine.toggle_clock()
    engine.add_note("Welcome! Wi-Fi details are on the whiteboard")
    ids = {}
    for name in names:
        clock.advance(minutes=2)
        ids[name] = engine.check_in(name)
    return ids


def introductions(engine: Engine, clock: FakeClock, passer: str = "Tom") -> None:
    clock.advance(minutes=6)
    engine.next_segment()  # 18:30
    while engine.state.run is not None and engine.state.run.phase == "round":
        speaker = engine.state.speaker
        clock.advance(15 if speaker is None or speaker.name == passer else 22)
        turn = engine.state.current_turn
        if speaker is not None and speaker.name == passer and turn and turn.kind == "round":
            engine.pass_turn()
        else:
            engine.next_speaker()


def discussion(engine: Engine, clock: FakeClock, ids: dict[str, int]) -> None:
    engine.next_segment()
    notes = {
        "Rob": [
            "Attribution graphs trace features across layers; see "
            "https://transformer-circuits.pub/2025/attribution-graphs/methods.html"
        ],
        "Aroha": [
            "The model plans the rhyme before writing the line",
            "q: does planning ahead show up in smaller models too?",
        ],
        "Wei": [
            "todo: Wei to share the replication notebook "
            "https://github.com/example/circuit-replication"
        ],
        "Priya": ["Arithmetic runs along two parallel paths: rough magnitude and last digit"],
        "Chen": [
            "q: how faithful are the replacement models?",
            "Multilingual features are shared across languages",
        ],
        "Eli": ["todo: book the room for next month"],
    }
    while engine.state.run is not None and engine.state.run.phase == "round":
        # engine.state, not a saved reference: an undo replaces the state object
        speaker = engine.state.speaker
        turn = engine.state.current_turn
        assert speaker is not None and turn is not None
        passes = speaker.name == "Dana" or (turn.kind == "round" and speaker.name == "Ben")
        clock.advance(30 if passes or speaker.name == "Gus" else 180)
        if speaker.name == "Gus":
            engine.absent()  # Gus had to leave
            continue
        if passes:
            engine.pass_turn()  # Dana passes twice: the revisit is offered once only
            continue
        for text in notes.get(speaker.name, []):
            engine.add_note(text)
        if speaker.name == "Farah":
            nid = engine.add_note("Circuit tracing is expensive: hours per prompt")
            engine.edit_note(nid, "Circuit tracing is expensive: roughly hours per prompt")
            slip = engine.add_note("a note typed in the wrong place")
            engine.delete_note(slip)
            engine.add_note("another slip")
            engine.undo()
        if turn.kind == "revisit":
            engine.add_note("Ben: the biology paper is easier to start with than the methods one")
        engine.next_speaker()
    engine.extend(1)
    for name in ("Aroha", "Chen", "Aroha"):
        engine.raise_hand(ids[name])
        clock.advance(minutes=2)
        engine.next_speaker()
        if name == "Chen":
            engine.add_note("Neuronpedia has interactive graphs: https://www.neuronpedia.org/")


def vote(engine: Engine, clock: FakeClock, ids: dict[str, int]) -> None:
    clock.advance(minutes=2)
    engine.next_segment()
    topics = {n.topic: n.id for n in engine.state.vote.nominations.values()}
    topics[WINNER] = engine.nominate(WINNER, ids["Wei"])
    topics["AI for climate science"] = engine.nominate("AI for climate science", ids["Priya"])
    counts = {"Sparse autoencoders": 5, WINNER: 5, "AI for climate science": 3}
    counts["Evaluating LLM agents"] = 2
    for topic, n in counts.items():
        clock.advance(10)
        engine.record_votes(topics[topic], n)
    engine.start_runoff()
    engine.record_votes(topics["Sparse autoencoders"], 4)
    engine.record_votes(topics[WINNER], 6)
    engine.close_vote()
    clock.advance(minutes=3)
    engine.next_segment()  # the end


def reference_evening(sink: Sink | None = None) -> Engine:
    """The whole evening, finished."""
    engine, clock = start(sink=sink)
    ids = arrivals(engine, clock)
    introductions(engine, clock)
    discussion(engine, clock, ids)
    vote(engine, clock, ids)
    return engine


def record_of(engine: Engine, path: str = "reference.jsonl") -> Record:
    """A Record of an engine's events, as `load_record` would give for its journal."""
    return Record(Path(path), list(engine.events), engine.state, [])
