"""One notion of "the same name": case, accents and spacing do not count, everything else does."""

from __future__ import annotations

from facilitator.export.summary import build_summary
from facilitator.identity import name_key, unique
from facilitator.session import views
from tests.reference import record_of
from tests.session.helpers import make_engine, round_agenda


def test_case_accents_and_spacing_do_not_count() -> None:
    assert name_key("Zoë  Ōtaki") == name_key("ZOE OTAKI") == name_key(" zoe otaki ")
    assert name_key("João P.") != name_key("Joao Pereira")
    assert name_key("Ana-Maria") != name_key("Ana Maria")


def test_unique_tidies_and_drops_repeats() -> None:
    assert unique(["Ana  Smith", "ana smith", " Zoë ", "Zoe", ""], drop=["BEN"]) == [
        "Ana Smith",
        "Zoë",
    ]


def test_an_expected_name_with_a_double_space_leaves_the_list_at_check_in() -> None:
    engine, _, _ = make_engine(round_agenda(), expected=("Ana  Smith", "Zoë Ōtaki"))
    engine.toggle_clock()
    engine.check_in("Ana Smith")
    engine.check_in("ZOE OTAKI")
    assert engine.state.expected == ["Ana Smith", "Zoë Ōtaki"]
    assert [p.name for p in engine.state.present()] == ["Ana Smith", "Zoë Ōtaki"]  # as listed
    assert views.checkin(engine.state).expected == ()
    assert len(views.expected_names(engine.state)) == 2  # the export's RSVP count agrees


def test_the_screen_and_the_export_count_the_same_people_expected() -> None:
    engine, _, _ = make_engine(round_agenda(), expected=("Ana  Smith", "ana smith", "Zoë"))
    engine.toggle_clock()
    engine.check_in("zoe")
    summary = build_summary(record_of(engine))
    assert summary.expected == len(views.expected_names(engine.state)) == 2
    assert views.checkin(engine.state).expected == ("Ana Smith",)
