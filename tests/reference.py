"""The reference evening: one agenda, one clock, one script, shared by every layer's tests.

Data Science Discussion Auckland, 26 November 2026, from 18:00 Pacific/Auckland (05:00 UTC):
twelve people check in; introductions with a pass and its revisit, running over; a discussion
round with notes of every kind (URLs, an edit, a deletion, an undo), two passes (one speaks on
the second chance, one passes again) and someone who has left; an open floor; the vote, a
three-way tie, a runoff; the end.

`Evening` runs the script and can stop at any of `STAGES`: the engine tests assert between them,
the screen's snapshots show each, the export tests take the finished record. The smaller pieces
(`start`, `arrivals`) build other scenes on the same agenda and clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from facilitator.agenda import Agenda, load_agenda
from facilitator.clock import FakeClock
from facilitator.record.reading import Record
from facilitator.session.engine import Engine, MemorySink, Sink

ROOT = Path(__file__).resolve().parent.parent
AGENDA = Path(__file__).resolve().parent / "reference.toml"
EVENING = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # 18:00 in Auckland (NZDT)
TZ = "Pacific/Auckland"
PEOPLE = ["Rob", "Aroha", "Wei", "Priya", "Tom", "Ben"]
PEOPLE += ["Chen", "Dana", "Eli", "Farah", "Gus", "Hana"]
WINNER = "Mechanistic interpretability of vision models"
STAGES = (
    "not-started",
    "arrival",  # 18:24, everyone here
    "intros",  # the introductions round, Tom has passed, Ben speaks
    "intros-done",  # the round is over (and over time)
    "discussion",  # the open floor, Aroha speaking
    "voting",  # the topics nominated, no counts yet
    "voting-tie",  # the counts in: two topics tied at the top
    "ended",
)
NOTES = {
    "Rob": [
        "Attribution graphs trace features across layers; see "
        "https://transformer-circuits.pub/2025/attribution-graphs/methods.html"
    ],
    "Aroha": [
        "The model plans the rhyme before writing the line",
        "q: does planning ahead show up in smaller models too?",
    ],
    "Wei": [
        "todo: Wei to share the replication notebook https://github.com/example/circuit-replication"
    ],
    "Priya": ["Arithmetic runs along two parallel paths: rough magnitude and last digit"],
    "Chen": [
        "q: how faithful are the replacement models?",
        "Multilingual features are shared across languages",
    ],
    "Eli": ["todo: book the room for next month"],
}


def reference_agenda() -> Agenda:
    return load_agenda(AGENDA)


def start(agenda: Agenda | None = None, sink: Sink | None = None) -> tuple[Engine, FakeClock]:
    """A session of `agenda` (the reference one) at 18:00 on the evening, not started yet."""
    clock = FakeClock(EVENING)
    engine = Engine.create(agenda or reference_agenda(), sink or MemorySink(), clock)
    return engine, clock


def arrivals(engine: Engine, clock: FakeClock, names: list[str] = PEOPLE) -> dict[str, int]:
    """18:00 start; everyone trickles in, two minutes apart. Returns their person ids."""
    engine.toggle_clock()
    engine.add_note("Welcome! Wi-Fi details are on the whiteboard")
    ids = {}
    for name in names:
        clock.advance(minutes=2)
        ids[name] = engine.check_in(name)
    return ids


class Evening:
    """The reference evening's engine and clock, run up to a stage of the script."""

    def __init__(self, sink: Sink | None = None) -> None:
        self.engine, self.clock = start(sink=sink)
        self.ids: dict[str, int] = {}
        self._script = self._run()
        self.stage = next(self._script)

    def until(self, stage: str) -> Evening:
        """Carry on to `stage` (not one already passed)."""
        if stage not in STAGES[STAGES.index(self.stage) :]:
            raise ValueError(f"{stage!r} is not a stage after {self.stage!r}: {STAGES}")
        while self.stage != stage:
            self.stage = next(self._script)
        return self

    def _run(self) -> Iterator[str]:
        engine, clock = self.engine, self.clock
        yield "not-started"
        self.ids = arrivals(engine, clock)
        yield "arrival"

        # 18:30 introductions: Tom passes, and is offered another turn at the end.
        clock.advance(minutes=6)
        engine.next_segment()
        while self._in_round():
            speaker, kind = self._speaker(), self._turn_kind()
            if speaker == "Ben" and kind == "round":
                yield "intros"
            clock.advance(15 if speaker == "Tom" else 22)
            if speaker == "Tom" and kind == "round":
                engine.pass_turn()
            else:
                engine.next_speaker()
        yield "intros-done"

        # The discussion round: passes, a revisit, someone who left, notes of every kind.
        engine.next_segment()
        while self._in_round():
            speaker, kind = self._speaker(), self._turn_kind()
            passes = speaker == "Dana" or (kind == "round" and speaker == "Ben")
            clock.advance(30 if passes or speaker == "Gus" else 180)
            if speaker == "Gus":
                engine.absent()  # Gus had to leave
                continue
            if passes:
                engine.pass_turn()  # Dana passes twice: the revisit is offered once only
                continue
            for text in NOTES.get(speaker or "", []):
                engine.add_note(text)
            if speaker == "Farah":
                nid = engine.add_note("Circuit tracing is expensive: hours per prompt")
                engine.edit_note(nid, "Circuit tracing is expensive: roughly hours per prompt")
                slip = engine.add_note("a note typed in the wrong place")
                engine.delete_note(slip)
                engine.add_note("another slip")
                engine.undo()
            if kind == "revisit":
                engine.add_note(
                    "Ben: the biology paper is easier to start with than the methods one"
                )
            engine.next_speaker()

        # The open floor, a minute longer: a hand goes up, its owner speaks.
        engine.extend(1)
        for turn, name in enumerate(("Aroha", "Chen", "Aroha")):
            engine.raise_hand(self.ids[name])
            clock.advance(minutes=2)
            if turn == 0:
                yield "discussion"
            engine.next_speaker()
            if name == "Chen":
                engine.add_note("Neuronpedia has interactive graphs: https://www.neuronpedia.org/")

        # 19:25 the vote: the backlog again, two new topics, a tie, a runoff.
        clock.advance(minutes=2)
        engine.next_segment()
        topics = {n.topic: n.id for n in engine.state.vote.nominations.values()}
        topics[WINNER] = engine.nominate(WINNER, self.ids["Wei"])
        climate = "AI for climate science"
        topics[climate] = engine.nominate(climate, self.ids["Priya"])
        yield "voting"
        counts = {"Sparse autoencoders": 5, WINNER: 5, "AI for climate science": 3}
        counts["Evaluating LLM agents"] = 2
        for topic, n in counts.items():
            clock.advance(10)
            engine.record_votes(topics[topic], n)
        yield "voting-tie"
        engine.start_runoff()
        engine.record_votes(topics["Sparse autoencoders"], 4)
        engine.record_votes(topics[WINNER], 6)
        engine.close_vote()
        clock.advance(minutes=3)
        engine.next_segment()  # the end
        yield "ended"

    def _in_round(self) -> bool:
        run = self.engine.state.run  # engine.state, not a saved reference: undo rebuilds it
        return run is not None and run.phase == "round"

    def _speaker(self) -> str | None:
        person = self.engine.state.speaker
        return None if person is None else person.name

    def _turn_kind(self) -> str | None:
        turn = self.engine.state.current_turn
        return None if turn is None else turn.kind


def evening(stage: str = "ended", sink: Sink | None = None) -> Evening:
    """The reference evening, run up to `stage`."""
    return Evening(sink).until(stage)


def reference_evening(sink: Sink | None = None) -> Engine:
    """The whole evening, finished."""
    return evening("ended", sink).engine


def record_of(engine: Engine, path: str = "reference.jsonl") -> Record:
    """A Record of an engine's events, as `load_record` would give for its journal."""
    return Record(Path(path), list(engine.events), engine.state, [])
