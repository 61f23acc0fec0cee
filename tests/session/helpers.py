"""Building engines for tests: an agenda from TOML text, a fake clock, an in-memory sink."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator.agenda import parse_agenda
from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink

# 18:00 in Auckland (NZDT, UTC+13) on the evening of the reference meetup.
EVENING = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)

REFERENCE = """
[session]
title = "LLM Interpretability: Tracing Thoughts"
host = "Rob"
start = 18:00:00
backlog = ["Sparse autoencoders"]

[[segments]]
title = "Arrive / informal chat"
kind = "arrival"
minutes = 30

[[segments]]
title = "Introductions"
kind = "intros"
minutes = 5
turn_seconds = 20

[[segments]]
title = "Discussion"
kind = "discussion"
minutes = 50
order = "arrival"
revisit_passed = true
open_floor = true

[[segments]]
title = "Nominate and vote"
kind = "voting"
minutes = 5
method = "approval"
"""


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
