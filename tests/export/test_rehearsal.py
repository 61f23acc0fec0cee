"""A rehearsal's summary says so: in the title of every format, in the JSON (`rehearsal`, the
speed), with the real time it took; the real evening's summary carries no such mark."""

from __future__ import annotations

import json
from datetime import timedelta

from facilitator.clock import FakeClock, ScaledClock
from facilitator.export import export
from facilitator.export.common import span
from facilitator.session.engine import Engine, MemorySink
from tests.reference import EVENING, record_of, reference_agenda, reference_evening

TITLE = "LLM Interpretability: Tracing Thoughts"


def rehearsed(*, finish: bool = True) -> dict[str, str]:
    """A x10 rehearsal a week early: 3 real minutes fast, 2 at real speed, 1 fast again."""
    wall = FakeClock(EVENING - timedelta(days=7))
    engine = Engine.create(reference_agenda(), MemorySink(), ScaledClock(wall, 10), speed=10)
    engine.toggle_clock()
    engine.check_in("Rob")
    wall.advance(minutes=3)
    engine.next_segment()
    engine.toggle_speed()
    wall.advance(minutes=2)
    engine.toggle_speed()
    wall.advance(minutes=1)
    if finish:
        engine.end_session()
    else:
        engine.add_note("still going")
    record = record_of(engine)
    return {fmt: export(record, fmt) for fmt in ("md", "html", "text", "json")}


def test_a_rehearsal_is_marked_with_its_speed_and_real_duration() -> None:
    out = rehearsed()
    session = json.loads(out["json"])["session"]
    assert session["rehearsal"] is True and session["speed"] == 10
    assert session["speeds"] == [10]  # `*` and back is not another speed
    assert session["speed_changed"] is True
    assert session["real_seconds"] == 6 * 60
    mark = f"{TITLE} (rehearsal x10)"
    assert out["md"].startswith(f"# {mark}\n")
    assert f"<title>{mark}</title>" in out["html"] and f"<h1>{mark}</h1>" in out["html"]
    assert out["text"].startswith(f"{mark} — Thursday 19 November 2026")
    note = (
        "A rehearsal: its clock ran 10 times faster than real time (parts of it at real"
        " speed); it took 6 min of real time."
    )
    for fmt in ("md", "html", "text"):
        assert note in out[fmt], fmt
    assert (
        "- **Date:** Thursday 19 November 2026 (planned for Thursday 26 November 2026), 18:00\n"
        in (out["md"])
    )  # no end time: it would be on the rehearsal's fast clock


def test_a_running_rehearsal_says_how_long_so_far() -> None:
    out = rehearsed(finish=False)
    assert "it took 6 min of real time so far." in out["md"]


def test_a_rehearsal_resumed_faster_names_both_speeds() -> None:
    """x10 for 3 real minutes, then resumed with --speed 60 for 2: no part at real speed."""
    wall = FakeClock(EVENING - timedelta(days=7))
    engine = Engine.create(reference_agenda(), MemorySink(), ScaledClock(wall, 10), speed=10)
    engine.toggle_clock()
    engine.check_in("Rob")
    wall.advance(minutes=3)
    engine.set_speed(60)  # what `run --speed 60` records on the resume
    wall.advance(minutes=2)
    engine.end_session()
    record = record_of(engine)
    session = json.loads(export(record, "json"))["session"]
    assert session["speed"] == 60 and session["speeds"] == [10, 60]
    assert session["speed_changed"] is False  # no part at real speed
    assert session["real_seconds"] == 5 * 60
    assert export(record, "md").startswith(f"# {TITLE} (rehearsal x10, then x60)\n")
    note = (
        "A rehearsal: its clock ran 10, then 60 times faster than real time; it took 5 min of"
        " real time."
    )
    for fmt in ("md", "html", "text"):
        assert note in export(record, fmt), fmt


def test_the_real_evening_carries_no_rehearsal_mark() -> None:
    record = record_of(reference_evening())
    session = json.loads(export(record, "json"))["session"]
    assert session["rehearsal"] is False and session["speed"] == 1
    assert session["real_seconds"] == 78 * 60 + 12  # 18:00 to 19:18:12
    for fmt in ("md", "html", "text"):
        assert "rehearsal" not in export(record, fmt).lower(), fmt


def test_real_lengths_read_as_words() -> None:
    assert [span(n) for n in (22, 60, 9 * 60 + 29, 92 * 60)] == [
        "22 s",
        "1 min",
        "9 min",
        "1 h 32 min",
    ]
