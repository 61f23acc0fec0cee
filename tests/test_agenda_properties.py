"""Whatever an agenda file holds, loading it gives an Agenda or an AgendaError, never a traceback.

Mutations start from the shipped example: keys deleted, values swapped for junk of any type,
unicode inserted, huge numbers, bytes cut off or corrupted.
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.agenda import (
    Agenda,
    AgendaError,
    agenda_from_json,
    dump_agenda,
    load_agenda,
    parse_agenda,
)

EXAMPLE_PATH = Path(__file__).resolve().parent.parent / "sessions" / "llm-interpretability.toml"
EXAMPLE = EXAMPLE_PATH.read_text(encoding="utf-8")
EXAMPLE_DATA = tomllib.loads(EXAMPLE)
EXAMPLE_JSON = json.loads(json.dumps(parse_agenda(EXAMPLE).model_dump(mode="json")))

QUICK = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

KEYS = st.sampled_from(
    [
        "title",
        "kind",
        "minutes",
        "minuts",
        "at",
        "turn_seconds",
        "dots",
        "method",
        "order",
        "name",
        "session",
        "segments",
        "people",
        "backlog",
        "start",
        "date",
        "materials",
        "url",
    ]
) | st.text(max_size=10)
SCALARS = st.one_of(
    st.integers(-5, 700),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(["arrival", "discussion", "voting", "dot", "shuffle", "", " ", "[/]"]),
    st.dates(),
    st.times(),
    st.datetimes(),
)
TOML_JUNK = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=4,
)
JSON_JUNK = st.recursive(
    st.none() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=4,
)


def containers(data: Any) -> Iterator[dict[str, Any] | list[Any]]:
    """Every table and array inside `data`, without recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            yield item
            stack.extend(item.values() if isinstance(item, dict) else item)


def mutate(draw: st.DrawFn, data: Any, junk: st.SearchStrategy[Any]) -> Any:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(list(containers(data))))
        action = draw(st.sampled_from(["delete", "replace", "insert"]))
        if isinstance(target, dict):
            if action == "insert" or not target:
                target[draw(KEYS)] = draw(junk)
                continue
            key = draw(st.sampled_from(sorted(target)))
            if action == "delete":
                del target[key]
            else:
                target[key] = draw(junk)
        else:
            if action == "insert" or not target:
                target.insert(draw(st.integers(0, len(target))), draw(junk))
                continue
            index = draw(st.integers(0, len(target) - 1))
            if action == "delete":
                del target[index]
            else:
                target[index] = draw(junk)
    return data


@st.composite
def mutated_toml(draw: st.DrawFn) -> str:
    return tomli_w.dumps(mutate(draw, EXAMPLE_DATA, TOML_JUNK))


@st.composite
def mutated_json(draw: st.DrawFn) -> Any:
    return mutate(draw, EXAMPLE_JSON, JSON_JUNK)


def outcome(call: Callable[[], Agenda], file: str, lines: int | None) -> None:
    """The load gives an Agenda that survives writing back, or problems that name the file."""
    try:
        agenda = call()
    except AgendaError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.format().startswith(file)
            if problem.line is not None and lines is not None:
                assert 1 <= problem.line <= lines
        assert str(err)
        return
    assert isinstance(agenda, Agenda)
    assert parse_agenda(dump_agenda(agenda)) == agenda
    assert agenda_from_json(agenda.model_dump(mode="json")) == agenda


@QUICK
@given(mutated_toml())
def test_mutated_agendas_load_or_say_why(text: str) -> None:
    outcome(lambda: parse_agenda(text, "mutated.toml"), "mutated.toml", text.count("\n") + 1)


@QUICK
@given(st.integers(0, len(EXAMPLE)), st.text(max_size=12), st.integers(0, 40))
def test_edited_text_loads_or_says_why(at: int, insert: str, remove: int) -> None:
    text = EXAMPLE[:at] + insert + EXAMPLE[at + remove :]
    outcome(lambda: parse_agenda(text, "edited.toml"), "edited.toml", text.count("\n") + 1)


@QUICK
@given(
    st.integers(0, len(EXAMPLE.encode())),
    st.binary(max_size=8),
    st.booleans(),
)
def test_corrupted_bytes_load_or_say_why(
    tmp_path_factory: pytest.TempPathFactory, at: int, junk: bytes, truncate: bool
) -> None:
    raw = EXAMPLE.encode()
    data = raw[:at] if truncate else raw[:at] + junk + raw[at:]
    path = tmp_path_factory.mktemp("agenda") / "corrupt.toml"
    path.write_bytes(data)
    outcome(lambda: load_agenda(path), str(path), data.count(b"\n") + 1)


@QUICK
@given(mutated_json())
def test_mutated_records_rebuild_or_say_why(data: Any) -> None:
    outcome(lambda: agenda_from_json(data), "<agenda in record>", None)


@QUICK
@given(st.text(max_size=200))
def test_any_text_at_all_loads_or_says_why(text: str) -> None:
    outcome(lambda: parse_agenda(text, "any.toml"), "any.toml", text.count("\n") + 1)
