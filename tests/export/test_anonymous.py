"""`--anonymous`: every name becomes "Participant N" (by arrival), the same in every section and
format, including names typed inside notes and topics."""

from __future__ import annotations

import json
import re

import pytest

from facilitator.export import FORMATS, export
from tests.reference import PEOPLE, arrivals, record_of, reference_evening, start


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_name_is_left_in_any_format(fmt: str) -> None:
    text = export(record_of(reference_evening()), fmt, anonymous=True)  # type: ignore[arg-type]
    for name in PEOPLE:
        assert not re.search(rf"(?<!\w){name}(?!\w)", text, re.IGNORECASE), name


def test_numbers_follow_arrival_and_agree_across_sections() -> None:
    data = json.loads(export(record_of(reference_evening()), "json", anonymous=True))
    assert data["anonymous"] is True
    number = {name: f"Participant {i}" for i, name in enumerate(PEOPLE, start=1)}
    assert [a["name"] for a in data["attendees"]] == list(number.values())
    assert data["session"]["host"] == number["Rob"]
    wei = next(n for n in data["notes"] if n["kind"] == "todo" and "notebook" in n["text"])
    assert wei["speaker"] == number["Wei"]
    assert wei["text"].startswith(f"todo: {number['Wei']} to share")
    revisit = next(n for n in data["notes"] if "biology paper" in n["text"])
    assert revisit["text"].startswith(f"{number['Ben']}: ") and revisit["speaker"] == number["Ben"]
    by = {n["topic"]: n["by"] for n in data["vote"]["nominations"]}
    assert by["AI for climate science"] == number["Priya"]
    turns = [t["speaker"] for s in data["segments"] for t in s["turns"]]
    assert set(turns) <= set(number.values())


def test_full_and_unambiguous_first_names_in_text() -> None:
    engine, clock = start()
    arrivals(engine, clock, ["Sam Jones", "Sam Lee", "Rangi Parata", "Will"])
    engine.add_note("rangi and SAM JONES agree; Sam disagrees; Rangiora is a town; will do")
    engine.nominate("Rangi's favourite paper", None)
    data = json.loads(export(record_of(engine), "json", anonymous=True))
    note = data["notes"][-1]["text"]
    # Full names and the unambiguous first name go; "Sam" (two people) and "Rangiora" stay.
    # "will" is someone's whole name, so it is replaced too: over-replacing is the safe side.
    expected = (
        "Participant 3 and Participant 1 agree; Sam disagrees; Rangiora is a town; Participant 4 do"
    )
    assert note == expected
    topics = [n["topic"] for n in data["vote"]["nominations"]]
    assert "Participant 3's favourite paper" in topics


def test_host_who_never_checked_in_and_rsvps_who_did_not_come() -> None:
    engine, clock = start()
    arrivals(engine, clock, ["Aroha"])
    engine.add_note("Rob sends apologies; Priya and Tom too")
    data = json.loads(export(record_of(engine), "json", anonymous=True))
    assert data["session"]["host"] == "Host"
    assert data["notes"][-1]["text"] == "Host sends apologies; Someone and Someone too"


def test_urls_are_left_whole() -> None:
    engine, clock = start()
    arrivals(engine, clock, ["Rob", "Aroha"])
    engine.add_note("Rob: see https://github.com/rob/notes and http://x.org/Aroha, says Aroha")
    data = json.loads(export(record_of(engine), "json", anonymous=True))
    assert data["notes"][-1]["text"] == (
        "Participant 1: see https://github.com/rob/notes and http://x.org/Aroha, says Participant 2"
    )
    assert data["resources"][-1]["url"] == "http://x.org/Aroha"


def test_names_are_replaced_only_as_whole_words() -> None:
    engine, clock = start()
    arrivals(engine, clock, ["rob_t", "Rob", "Mere"])
    engine.add_note("mail rob_t@example.org or rob.t@example.org; rob-smith and mere.js stay")
    engine.add_note("todo: @Rob: ask rob_t, Rob's friend, and Mere.")
    data = json.loads(export(record_of(engine), "json", anonymous=True))
    assert data["notes"][-2]["text"] == (
        "mail rob_t@example.org or rob.t@example.org; rob-smith and mere.js stay"
    )
    assert data["notes"][-1]["text"] == (
        "todo: @Participant 2: ask Participant 1, Participant 2's friend, and Participant 3."
    )


def test_names_typed_without_accents_or_in_capitals_are_replaced() -> None:
    engine, clock = start()
    arrivals(engine, clock, ["Zoë Ōtaki", "Aroha"])
    engine.add_note("Zoë Ōtaki, zoe otaki and ZOË ŌTAKI said hi; Zoe agrees with AROHA")
    data = json.loads(export(record_of(engine), "json", anonymous=True))
    assert data["notes"][-1]["text"] == (
        "Participant 1, Participant 1 and Participant 1 said hi; Participant 1 agrees with "
        "Participant 2"
    )
