"""Every agenda the project ships (sessions/ and sessions/templates/) loads and round-trips."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from facilitator.agenda import (
    agenda_from_json,
    dump_agenda,
    format_schedule,
    load_agenda,
    parse_agenda,
)

ROOT = Path(__file__).resolve().parent.parent / "sessions"
SESSIONS = sorted(ROOT.glob("*.toml"))
TEMPLATES = sorted((ROOT / "templates").glob("*.toml"))


def test_the_examples_are_found() -> None:
    assert {p.name for p in SESSIONS} >= {"llm-interpretability.toml"}
    assert {p.name for p in TEMPLATES} >= {
        "reading-group.toml",
        "lean-coffee.toml",
        "lightning-talks.toml",
    }


@pytest.mark.parametrize("path", SESSIONS + TEMPLATES, ids=lambda p: p.name)
def test_every_shipped_agenda_loads_and_round_trips(path: Path) -> None:
    agenda = load_agenda(path)
    assert parse_agenda(dump_agenda(agenda)) == agenda
    assert agenda_from_json(agenda.model_dump(mode="json")) == agenda
    assert format_schedule(agenda, str(path)).startswith(f"{path}: valid agenda")


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_have_no_date_and_no_people(path: Path) -> None:
    agenda = load_agenda(path)
    assert agenda.session.date is None
    assert agenda.people == []


def test_the_reference_evening() -> None:
    agenda = load_agenda(ROOT / "llm-interpretability.toml")
    session = agenda.session
    assert session.title == "LLM Interpretability: Tracing Thoughts"
    assert session.group == "Data Science Discussion Auckland"
    assert session.host == "Rob"
    assert session.date == datetime.date(2026, 11, 26)
    assert session.topic == "LLM Interpretability"
    assert "Sparse autoencoders" in session.backlog
    assert [m.url for m in session.materials] == [
        "https://www.anthropic.com/research/tracing-thoughts-language-model",
        "https://www.youtube.com/watch?v=Bj9BD2D3DzA",
        "https://transformer-circuits.pub/2025/attribution-graphs/methods.html",
        "https://transformer-circuits.pub/2025/attribution-graphs/biology.html",
    ]
    rows = [
        (segment.kind, begin.strftime("%H:%M"), end.strftime("%H:%M"))
        for segment, begin, end in agenda.schedule()
        if begin is not None and end is not None
    ]
    assert rows == [
        ("arrival", "18:00", "18:30"),
        ("intros", "18:30", "18:35"),
        ("discussion", "18:35", "19:25"),
        ("voting", "19:25", "19:30"),
    ]
    intros, discussion, vote = agenda.segments[1:]
    assert intros.turn_seconds == 20
    assert (discussion.order, discussion.revisit_passed, discussion.open_floor) == (
        "arrival",
        True,
        True,
    )
    assert vote.method == "approval"
    assert (agenda.people[0].name, agenda.people[0].role) == ("Rob", "host")


def test_the_lean_coffee_template_dot_votes_and_timeboxes() -> None:
    agenda = load_agenda(ROOT / "templates" / "lean-coffee.toml")
    kinds = [s.kind for s in agenda.segments]
    assert kinds[:3] == ["arrival", "custom", "voting"]
    assert agenda.segments[2].method == "dot" and agenda.segments[2].dots == 3
    assert kinds.count("discussion") >= 2


def test_the_lightning_talks_template() -> None:
    agenda = load_agenda(ROOT / "templates" / "lightning-talks.toml")
    talks = next(s for s in agenda.segments if s.kind == "discussion")
    assert (talks.turn_seconds, talks.order, talks.open_floor) == (300, "as-listed", True)
    assert [s.kind for s in agenda.segments] == ["arrival", "discussion", "break", "voting"]
