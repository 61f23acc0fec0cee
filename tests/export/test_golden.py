"""Golden files: the reference evening in every format, compared byte for byte.

After a deliberate change, regenerate with `FACILITATOR_REGEN_GOLDEN=1 pytest tests/export`
and read the diff (`git diff tests/export/golden`) before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from facilitator.export import export
from facilitator.export.summary import json_schema
from tests.reference import PEOPLE, WINNER, record_of, reference_evening

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "record.schema.json"
REGEN = os.environ.get("FACILITATOR_REGEN_GOLDEN") == "1"

CASES = [
    ("md", False, "reference.md"),
    ("json", False, "reference.json"),
    ("html", False, "reference.html"),
    ("md", True, "reference-anonymous.md"),
    ("text", False, "reference.txt"),
]


def check_golden(path: Path, text: str) -> None:
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with FACILITATOR_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (see module doc)"


@pytest.mark.parametrize(("fmt", "anonymous", "name"), CASES)
def test_reference_evening_matches_golden(fmt: str, anonymous: bool, name: str) -> None:
    record = record_of(reference_evening())
    check_golden(GOLDEN / name, export(record, fmt, anonymous=anonymous))  # type: ignore[arg-type]


def test_schema_file_is_up_to_date() -> None:
    check_golden(SCHEMA, json_schema())


def test_json_has_the_documented_fields() -> None:
    data = json.loads(export(record_of(reference_evening()), "json"))
    assert data["schema"] == 1
    assert data["session"]["title"] == "LLM Interpretability: Tracing Thoughts"
    assert [a["name"] for a in data["attendees"]] == PEOPLE
    intros = data["segments"][1]
    assert set(intros) >= {"title", "kind", "planned_seconds", "actual_seconds", "turns"}
    assert intros["planned_seconds"] == 300
    assert {t["outcome"] for t in intros["turns"]} == {"spoke", "passed"}
    assert set(intros["turns"][0]) >= {"speaker", "outcome", "seconds"}
    assert {n["kind"] for n in data["notes"]} == {"note", "todo", "question"}
    assert set(data["notes"][0]) >= {"text", "kind", "segment", "speaker"}
    vote = data["vote"]
    assert vote["method"] == "approval"
    assert vote["results"][0] == {"topic": "Sparse autoencoders", "votes": 5}
    assert [r["kind"] for r in vote["rounds"]] == ["vote", "runoff"]
    assert vote["winner"] == data["next_topic"] == WINNER
    assert vote["decided_by"] == "runoff"


def test_the_three_formats_agree() -> None:
    """Spot checks that each format shows the same facts from the same summary."""
    record = record_of(reference_evening())
    data = json.loads(export(record, "json"))
    md, html = export(record, "md"), export(record, "html")
    for note in data["notes"]:
        words = note["text"].split()[-1]
        assert words.rstrip(".") in md.replace("\\", "") and words in html
    for person in data["attendees"]:
        assert person["name"] in md and person["name"] in html
    assert WINNER in md and WINNER in html
