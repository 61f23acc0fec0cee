"""Building engines for tests: an agenda from TOML text, a fake clock, an in-memory sink."""

from __future__ import annotations

from datetime import datetime

from facilitator.agenda import parse_agenda
from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink
from tests.reference import AGENDA, EVENING

REFERENCE = AGENDA.read_text(encoding="utf-8")
"""The reference evening's agenda (tests/reference.toml), as text."""


def round_agenda(**options: object) -> str:
    """One discussion segment with the given options, after a short arrival."""
    lines = [f"{k} = {_toml(v)}" for k, v in options.items()]
    return "\n".join(
        [
            '[session]\ntitle = "Test"\n',
            '[[segments]]\ntitle = "Arrive"\nkind = "arrival"\nminutes = 5\n',
            '[[segments]]\ntitle = "Round"\nkind = "discussion"\nminutes = 10',
            *lines,
            '\n[[segments]]\ntitle = "Vote"\nkind = "voting"\nminutes = 5\n',
        ]
    )


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def make_engine(
    text: str = REFERENCE, *, start: datetime = EVENING, expected: tuple[str, ...] = ()
) -> tuple[Engine, FakeClock, MemorySink]:
    clock = FakeClock(start)
    sink = MemorySink()
    engine = Engine.create(parse_agenda(text, "test.toml"), sink, clock, expected=expected)
    return engine, clock, sink


def names(engine: Engine, ids: list[int]) -> list[str]:
    return [engine.state.people[i].name for i in ids]


def speaker(engine: Engine) -> str | None:
    person = engine.state.speaker
    return None if person is None else person.name


def queue(engine: Engine) -> list[str]:
    run = engine.state.run
    assert run is not None
    return names(engine, [item.person_id for item in run.queue])


def turn_kind(engine: Engine) -> str | None:
    turn = engine.state.current_turn
    return None if turn is None else turn.kind


def person(engine: Engine, name: str) -> int:
    found = engine.state.find_person(name)
    assert found is not None, name
    return found.id


def phase(engine: Engine) -> str | None:
    run = engine.state.run
    return None if run is None else run.phase
