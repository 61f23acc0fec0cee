"""A summary's date is the day the session ran; the agenda's date is shown beside it when the
session ran on another day (a try-out a week early, the day after), in every format."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from facilitator.export import export
from tests.reference import TZ, record_of
from tests.session.helpers import make_engine

LOCAL = ZoneInfo(TZ)
PLANNED = "Thursday 26 November 2026"


def summaries(when: datetime, *, start: bool = True) -> dict[str, str]:
    """Every format of a short session of the reference agenda run at `when`."""
    engine, clock, _ = make_engine(start=when)
    if start:
        engine.toggle_clock()
        engine.check_in("Rob")
        clock.advance(minutes=20)
        engine.end_session()
    record = record_of(engine)
    return {fmt: export(record, fmt) for fmt in ("md", "html", "text", "json")}


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (datetime(2026, 11, 19, 19, 0, tzinfo=LOCAL), "Thursday 19 November 2026"),
        (datetime(2026, 11, 25, 18, 0, tzinfo=LOCAL), "Wednesday 25 November 2026"),
        (datetime(2026, 11, 27, 18, 10, tzinfo=LOCAL), "Friday 27 November 2026"),
    ],
    ids=["week-earlier", "day-before", "day-after"],
)
def test_a_session_on_another_day_is_dated_the_day_it_ran(when: datetime, shown: str) -> None:
    out = summaries(when)
    data = json.loads(out["json"])["session"]
    assert data["date"] == when.date().isoformat()
    assert data["planned_date"] == "2026-11-26"
    beside = f"{shown} (planned for {PLANNED})"
    assert f"- **Date:** {beside}, " in out["md"]
    assert f"<li><b>Date</b> {beside}, " in out["html"]
    assert out["text"].splitlines()[0].endswith(f" — {beside}")


def test_a_session_on_its_date_shows_the_date_once() -> None:
    out = summaries(datetime(2026, 11, 26, 17, 55, tzinfo=LOCAL))
    data = json.loads(out["json"])["session"]
    assert data["date"] == data["planned_date"] == "2026-11-26"
    assert f"- **Date:** {PLANNED}, 17:55–18:15" in out["md"]
    assert "planned for" not in out["md"] + out["html"] + out["text"]


def test_a_session_that_ran_past_midnight_is_dated_the_day_it_started() -> None:
    out = summaries(datetime(2026, 11, 26, 23, 50, tzinfo=LOCAL))
    assert json.loads(out["json"])["session"]["date"] == "2026-11-26"
    assert f"- **Date:** {PLANNED}, 23:50–00:10" in out["md"]


def test_before_the_start_the_summary_shows_the_agenda_date() -> None:
    out = summaries(datetime(2026, 11, 19, 19, 0, tzinfo=LOCAL), start=False)
    data = json.loads(out["json"])["session"]
    assert data["date"] == data["planned_date"] == "2026-11-26"
    assert f"- **Date:** {PLANNED}" in out["md"]
