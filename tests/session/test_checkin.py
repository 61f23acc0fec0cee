"""Check-in at the door, as pure rules: what a typed name points at, and one notion of a person."""

from __future__ import annotations

import pytest

from facilitator.session import views
from facilitator.session.engine import CommandError, Engine
from tests.session.helpers import make_engine

EXPECTED = ("Smith, Bob", "Zoë Ōtaki", "Bobby Tables", "Ben", "Benjamin Lee")


def door() -> Engine:
    engine, _, _ = make_engine(expected=EXPECTED)
    engine.toggle_clock()
    return engine


@pytest.mark.parametrize(
    ("typed", "pick"),
    [
        ("Smith", "Smith, Bob"),  # a last name
        ("bob smith", "Smith, Bob"),  # both names, in any order
        ("tab", "Bobby Tables"),  # any part
        ("zoe otaki", "Zoë Ōtaki"),  # accents ignored
        ("ZOË  ŌTAKI", "Zoë Ōtaki"),  # case and spacing ignored
        ("ōta", "Zoë Ōtaki"),
        ("ben", "Ben"),  # the exact name wins over the names it is part of
        ("lee", "Benjamin Lee"),
    ],
)
def test_enter_picks_the_one_name_that_fits(typed: str, pick: str) -> None:
    found = views.checkin_match(door().state, typed)
    assert found.pick == pick
    assert found.new is None if found.exact else found.new == " ".join(typed.split())


def test_several_names_fit_and_none_is_picked() -> None:
    found = views.checkin_match(door().state, "bob")
    assert found.pick is None
    assert found.matches == ("Smith, Bob", "Bobby Tables")
    assert found.new == "bob"  # someone new is still possible, but only as an explicit choice


def test_a_new_name_is_only_offered_as_new() -> None:
    found = views.checkin_match(door().state, " Mere  Kawa ")
    assert (found.pick, found.matches, found.new) == (None, (), "Mere Kawa")


def test_nothing_typed_lists_everyone_and_picks_no_one() -> None:
    state = door().state
    found = views.checkin_match(state, "  ")
    assert found.pick is None and found.new is None
    assert found.matches == views.checkin(state).expected
    assert found.matches[-len(EXPECTED) :] == EXPECTED


def test_someone_already_here_is_neither_picked_nor_added_again() -> None:
    engine = door()
    engine.check_in("Ben")
    found = views.checkin_match(engine.state, "BEN")
    assert found.here == "Ben"
    assert found.matches == ("Benjamin Lee",)
    assert found.pick is None and found.new is None  # not Benjamin: the host typed Ben


def test_someone_who_left_is_found_to_come_back() -> None:
    engine = door()
    pid = engine.check_in("Ana Walker")
    engine.mark_left(pid)
    assert views.checkin_match(engine.state, "walk").pick == "Ana Walker"


def test_the_same_person_whatever_the_spelling() -> None:
    engine = door()
    pid = engine.check_in("zoe otaki")
    assert engine.state.people[pid].name == "Zoë Ōtaki"  # as listed in the RSVPs
    with pytest.raises(CommandError, match="Zoë Ōtaki is already checked in"):
        engine.check_in("ZOË ŌTAKI")
    with pytest.raises(CommandError, match="already checked in"):
        engine.check_in("Zoe  Otaki")
    assert "Zoë Ōtaki" not in views.checkin(engine.state).expected
