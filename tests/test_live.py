"""Opening a live session (`facilitator run` up to the screen): which record, resume or fresh,
the question before an old record, and records that are never renamed or touched once done.

The wall clock is a FakeClock: a try-out a week early, the evening, the day after, a clock set
back, all without waiting. Local time is Auckland (tests/conftest.py); the example agenda is
for Thursday 26 November 2026 at 18:00.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError
from facilitator.live import LiveSession, open_session, prepare_session
from facilitator.record import journal, reading
from facilitator.record.journal import Journal, read_records
from facilitator.record.locations import RECORDS_ENV
from facilitator.record.reading import load_record
from facilitator.session import schedule

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "llm-interpretability.toml"
WEEK_BEFORE = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)  # Fri 20 Nov, 19:00 in Auckland
EVENING = datetime(2026, 11, 26, 4, 55, tzinfo=UTC)  # Thu 26 Nov, 17:55
DAY_AFTER = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)  # Fri 27 Nov, 17:00


@pytest.fixture
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "records"
    monkeypatch.setenv(RECORDS_ENV, str(folder))
    return folder


def start(record: Path, *, fresh: bool = False, attendees: Path | None = None) -> LiveSession:
    """Open on the agenda's own evening: on any other day a record would be a try-out, and an
    unanswered try-out question starts a new record (the tests on the question do that)."""
    return open_session(
        EXAMPLE, record=record, fresh=fresh, attendees=attendees, clock=FakeClock(EVENING)
    )


def evening(clock: FakeClock, *names: str, agenda: Path = EXAMPLE) -> LiveSession:
    """Run the agenda from the default folder, start it, check people in, quit."""
    live = open_session(agenda, clock=clock)
    live.engine.toggle_clock()
    for name in names:
        live.engine.check_in(name)
    live.journal.close()
    return live


def test_new_then_resume_with_new_attendees(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    assert live.notice is None
    live.engine.toggle_clock()
    live.engine.check_in("Ana")
    live.engine.add_note("q: what is a feature?")
    live.journal.close()

    csv = tmp_path / "rsvp.csv"
    csv.write_text("Name,RSVP\nWiremu,yes\nAna,yes\n", encoding="utf-8")
    again = start(record, attendees=csv)
    try:
        s = again.engine.state
        assert again.notice is not None and again.notice.startswith("Resumed in Arrive")
        assert "1 people here" in again.notice and "1 notes" in again.notice
        assert [p.name for p in s.present()] == ["Ana"]
        assert "Wiremu" in s.expected
    finally:
        again.journal.close()
    types = [r["type"] for r in read_records(record).records]
    assert types[-2:] == ["process_resumed", "attendees_listed"]


def test_the_record_names_its_agenda_and_is_dated(records: Path) -> None:
    live = evening(FakeClock(EVENING), "Ana")
    assert live.record == records / "llm-interpretability.2026-11-26.jsonl"
    created = read_records(live.record).records[0]
    assert created["agenda_path"] == str(EXAMPLE.resolve())


def test_a_finished_record_is_never_renamed_or_touched(records: Path) -> None:
    clock = FakeClock(EVENING)
    first = open_session(EXAMPLE, clock=clock)
    first.engine.toggle_clock()
    first.engine.end_session()
    first.journal.close()
    printed, before = first.record, first.record.read_bytes()
    for _ in range(3):  # every later run of the same agenda, the same day
        clock.advance(minutes=10)
        later = open_session(EXAMPLE, clock=clock)
        later.journal.close()
        assert later.record != printed and not later.engine.state.started
        assert printed.read_bytes() == before  # the path printed at exit still opens it
        assert load_record(printed).state.finished
    assert sorted(p.name for p in records.iterdir()) == [
        "llm-interpretability.2026-11-26-2.jsonl",
        "llm-interpretability.2026-11-26.jsonl",
    ]  # the second run's empty record was resumed by the third and fourth: nothing piles up


def test_a_finished_record_named_with_record_is_refused(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.engine.end_session()
    live.journal.close()
    before = record.read_bytes()
    with pytest.raises(FacilitatorError, match=r"has ended.*facilitator export"):
        start(record)
    assert record.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jsonl"]


def test_fresh_keeps_the_unfinished_record_where_it_is(records: Path) -> None:
    old = evening(FakeClock(EVENING), "Ana")
    before = old.record.read_bytes()
    fresh = open_session(EXAMPLE, fresh=True, clock=FakeClock(EVENING))
    fresh.journal.close()
    assert old.record.read_bytes() == before
    assert fresh.record != old.record and not fresh.engine.state.started
    assert fresh.kept == old.record
    assert fresh.notice is not None and str(old.record) in fresh.notice


def test_fresh_with_record_writes_beside_it(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.journal.close()
    before = record.read_bytes()
    fresh = start(record, fresh=True)
    fresh.journal.close()
    assert record.read_bytes() == before
    assert fresh.record.parent == tmp_path and fresh.record.name.startswith("r.")
    assert not fresh.engine.state.started


def test_two_agendas_with_the_same_file_name_never_share_a_record(
    records: Path, tmp_path: Path
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    november, december = tmp_path / "2026-11" / "agenda.toml", tmp_path / "2026-12" / "agenda.toml"
    for path, day in ((november, "2026-11-26"), (december, "2026-12-17")):
        path.parent.mkdir()
        path.write_text(text.replace("2026-11-26", day), encoding="utf-8")
    clock = FakeClock(EVENING)
    evening(clock, "Ana", agenda=november)  # November's meetup, left unfinished
    dec = open_session(december, clock=clock)
    dec.journal.close()
    assert dec.notice is None and not dec.engine.state.started  # not November's
    nov = open_session(november, clock=clock)
    nov.journal.close()
    assert [p.name for p in nov.engine.state.present()] == ["Ana"]


def test_a_record_of_another_agenda_is_refused_unless_asked(tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("Tracing Thoughts", "Something Else"),
        encoding="utf-8",
    )
    record = tmp_path / "r.jsonl"
    live = open_session(other, record=record, clock=FakeClock(EVENING))
    live.engine.toggle_clock()
    live.journal.close()
    with pytest.raises(FacilitatorError, match=r"another agenda.*Something Else.*--other-agenda"):
        start(record)
    again = open_session(EXAMPLE, record=record, other_agenda=True, clock=FakeClock(EVENING))
    again.journal.close()
    assert again.engine.state.started
    assert again.engine.state.agenda.session.title.endswith("Something Else")


def test_a_record_from_before_agenda_paths_were_stored_is_found_by_title_and_date(
    records: Path,
) -> None:
    clock = FakeClock(EVENING)
    old = open_session(EXAMPLE, record=records / "llm-interpretability.jsonl", clock=clock)
    old.engine.toggle_clock()
    old.engine.check_in("Ana")
    old.journal.close()
    lines = old.record.read_bytes().splitlines(keepends=True)
    created = json.loads(lines[0])
    created["agenda_path"] = "sessions/llm-interpretability.toml"  # as older versions wrote it
    old.record.write_bytes(json.dumps(created).encode() + b"\n" + b"".join(lines[1:]))
    resumed = open_session(EXAMPLE, clock=clock)
    resumed.journal.close()
    assert resumed.record == old.record
    assert [p.name for p in resumed.engine.state.present()] == ["Ana"]


# --- the question before an old record -------------------------------------------------------


def test_a_try_out_a_week_early_is_not_resumed_on_the_night(records: Path) -> None:
    tryout = evening(FakeClock(WEEK_BEFORE), "Just Trying")
    opening = prepare_session(EXAMPLE, clock=FakeClock(EVENING))
    question = opening.question
    assert question is not None and question.record == tryout.record
    assert question.try_out == "started Fri 20 Nov, but the agenda is for Thu 26 Nov"
    lines = question.lines(EVENING)
    assert lines[0].startswith("TRY-OUT")
    assert "Last used Fri 20 Nov at 19:00 (6 days ago): in Arrive / informal chat" in lines[1]
    assert "1 person here" in lines[1]
    live = opening.open()  # no answer: fresh, never a silent resume
    live.journal.close()
    assert not live.engine.state.started and live.engine.state.present() == []
    assert live.record != tryout.record and live.kept == tryout.record
    assert load_record(tryout.record).state.present()[0].name == "Just Trying"


def test_the_host_may_resume_the_old_record_on_purpose(records: Path) -> None:
    tryout = evening(FakeClock(WEEK_BEFORE), "Just Trying")
    opening = prepare_session(EXAMPLE, clock=FakeClock(EVENING))
    live = opening.open(resume=True)
    live.journal.close()
    assert live.record == tryout.record
    assert [p.name for p in live.engine.state.present()] == ["Just Trying"]


def test_a_crash_on_the_night_resumes_without_a_question(records: Path) -> None:
    clock = FakeClock(EVENING)
    first = evening(clock, "Ana")
    clock.advance(minutes=40)  # the laptop died; back 40 minutes later
    opening = prepare_session(EXAMPLE, clock=clock)
    assert opening.question is None
    live = opening.open()
    live.journal.close()
    assert live.record == first.record
    assert live.notice is not None and "the app was down 40 min" in live.notice


def test_the_day_after_asks_without_calling_it_a_try_out(records: Path) -> None:
    evening(FakeClock(EVENING), "Ana")  # the real evening, never ended
    question = prepare_session(EXAMPLE, clock=FakeClock(DAY_AFTER)).question
    assert question is not None and question.try_out is None
    assert "Thu 26 Nov at 17:55 (yesterday)" in question.lines(DAY_AFTER)[0]


def test_a_try_out_earlier_the_same_day_asks(records: Path) -> None:
    afternoon = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)  # 15:30, a try-out that afternoon
    evening(FakeClock(afternoon), "Ana")
    later = FakeClock(EVENING)  # 17:55: not three hours later, but it was before the start
    question = prepare_session(EXAMPLE, clock=later).question
    assert question is not None and question.try_out == "used before today's planned start at 18:00"


def test_the_clock_set_back_between_runs_never_freezes_the_session(records: Path) -> None:
    clock = FakeClock(EVENING)
    first = evening(clock, "Ana")
    last = read_records(first.record).records[-1]["at"]
    clock.advance(minutes=-60)  # corrected an hour backwards before the restart
    live = open_session(EXAMPLE, clock=clock)
    try:
        assert live.notice is not None and "clock is 1 h 00 min behind" in live.notice
        assert "kept running" not in live.notice  # it did not: time goes on from the record
        before = live.engine.now()
        assert before >= datetime.fromisoformat(last)
        clock.advance(seconds=90)
        assert (live.engine.now() - before).total_seconds() == 90  # time moves on at once
    finally:
        live.journal.close()


# --- rescued events ----------------------------------------------------------------------------


def _unsaved_file(record: Path, first: int, count: int, name: str = "x") -> Path:
    """What `rescue` writes at quit on a full disk: a header, then the events."""
    at = read_records(record).records[-1]["at"]
    header = {"type": "unsaved_events", "record": str(record.resolve()), "first_seq": first}
    kinds = ["clock_paused", "clock_resumed"]
    events = [
        {"type": kinds[n % 2], "seq": seq, "at": at, "cmd": seq}
        for n, seq in enumerate(range(first, first + count))
    ]
    path = record.with_name(f"{record.stem}.unsaved-{name}.jsonl")
    text = "".join(json.dumps(line) + "\n" for line in [{**header, "count": count}, *events])
    path.write_text(text, encoding="utf-8")
    return path


def test_events_rescued_at_quit_are_merged_by_the_next_run(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.journal.close()
    count = len(read_records(record).records)
    rescued = _unsaved_file(record, count, 2)
    again = start(record)
    again.journal.close()
    assert (
        again.notice is not None
        and "Merged 2 events" in again.notice
        and str(rescued) in again.notice
    )
    assert again.engine.state.paused is False  # paused then resumed: both applied
    types = [r["type"] for r in read_records(record).records]
    assert types[count : count + 3] == ["clock_paused", "clock_resumed", "process_resumed"]
    seqs = [r["seq"] for r in read_records(record).records]
    assert seqs == list(range(len(seqs)))  # no collision
    third = start(record)  # merged once: the file is passed over in silence from now on
    third.journal.close()
    assert (
        third.notice is not None and "Merged" not in third.notice and "unsaved" not in third.notice
    )
    assert rescued.exists()  # its path was printed: never renamed or deleted


def test_rescued_events_that_no_longer_fit_are_named_not_merged(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.journal.close()
    count = len(read_records(record).records)
    stale = _unsaved_file(record, count - 1, 1)  # its seq is already taken in the record
    again = start(record)
    again.journal.close()
    assert again.notice is not None and str(stale) in again.notice
    assert "were not merged" in again.notice
    seqs = [r["seq"] for r in read_records(record).records]
    assert seqs == list(range(len(seqs)))


# --- other cases -------------------------------------------------------------------------------


def test_a_record_that_is_not_a_session_is_refused(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    record.write_text('{"hello": "world"}\n', encoding="utf-8")
    with pytest.raises(FacilitatorError, match=r"r\.jsonl:1: not a facilitator event"):
        start(record)
    assert record.read_text(encoding="utf-8") == '{"hello": "world"}\n'  # untouched


def test_a_line_torn_by_a_crash_is_kept_aside_and_mentioned_on_screen(tmp_path: Path) -> None:
    record = tmp_path / "r.jsonl"
    live = start(record)
    live.engine.toggle_clock()
    live.engine.check_in("Ana")
    live.journal.close()
    with record.open("ab") as fh:
        fh.write(b'{"type":"note_added","seq":')  # the crash hit mid-write
    again = start(record)
    again.journal.close()
    assert again.notice is not None and "cut off by a crash" in again.notice
    assert [p.name for p in again.engine.state.present()] == ["Ana"]
    (side,) = tmp_path.glob("r.jsonl.torn-*")
    assert side.read_bytes() == b'{"type":"note_added","seq":'


def test_a_rehearsal_has_its_own_record(records: Path) -> None:
    wall = FakeClock(EVENING)
    rehearsal = open_session(EXAMPLE, speed=60, clock=wall)
    rehearsal.engine.toggle_clock()
    rehearsal.journal.close()
    assert rehearsal.record.name.startswith("llm-interpretability.rehearsal.")
    evening = open_session(EXAMPLE, clock=wall)
    evening.journal.close()
    assert evening.record.name.startswith("llm-interpretability.20")
    assert evening.notice is None and not evening.engine.state.started  # not the rehearsal
    again = open_session(EXAMPLE, speed=60, clock=wall)
    again.journal.close()
    assert again.record == rehearsal.record and again.engine.state.started
    shutil.rmtree(records)


def test_a_rehearsal_runs_at_real_speed_until_space_and_resumes_at_its_speed(
    records: Path,
) -> None:
    wall = FakeClock(WEEK_BEFORE)
    live = open_session(EXAMPLE, speed=10, clock=wall)
    engine = live.engine
    wall.advance(30)
    assert engine.now() == WEEK_BEFORE + timedelta(seconds=30)  # real time before the start
    engine.toggle_clock()
    wall.advance(60)
    assert engine.now() == WEEK_BEFORE + timedelta(seconds=30 + 600)
    engine.toggle_speed()  # practise a turn at real speed, then quit
    wall.advance(20)
    engine.add_note("a turn practised at real speed")
    live.journal.close()
    again = open_session(EXAMPLE, speed=10, clock=wall, resume=True)  # asked: a try-out
    again.journal.close()
    assert again.record == live.record
    assert again.notice is not None and "kept running" not in again.notice
    assert "The rehearsal's clock carries on from where it stopped." in again.notice
    before = again.engine.now()
    wall.advance(5)
    assert again.engine.now() == before + timedelta(seconds=5)  # still at real speed


def rehearse(wall: FakeClock, speed: float = 10, *, start: bool = True) -> LiveSession:
    """A rehearsal of the example in the default folder: started, a minute of real time, quit."""
    live = open_session(EXAMPLE, speed=speed, clock=wall)
    if start:
        live.engine.toggle_clock()
        wall.advance(60)
        live.engine.check_in("Ana")
    live.journal.close()
    return live


def test_a_rehearsal_resumed_with_another_speed_runs_at_it_from_then_on(records: Path) -> None:
    wall = FakeClock(EVENING)
    first = rehearse(wall, 10)
    wall.advance(30)  # the app closed for half a minute
    again = open_session(EXAMPLE, speed=60, clock=wall)
    engine = again.engine
    try:
        assert again.record == first.record
        assert again.notice is not None and again.notice.endswith(" Speed now x60 (was x10).")
        before = engine.now()
        wall.advance(10)
        assert engine.now() == before + timedelta(seconds=600)  # x60, not x10
        assert engine.toggle_speed() == 1.0  # `*`: real speed, then fast again: x60
        wall.advance(5)
        assert engine.toggle_speed() == 60
        wall.advance(1)
        engine.add_note("after the faster resume")
    finally:
        again.journal.close()
    records_ = read_records(first.record).records
    assert [(r["type"], r.get("speed")) for r in records_[-5:]] == [
        ("process_resumed", None),
        ("speed_changed", 60),  # the same fact `*` records, so a replay runs the same clock
        ("speed_changed", 1),
        ("speed_changed", 60),
        ("note_added", None),
    ]
    replayed = load_record(first.record).state
    assert replayed.speed == 60 and replayed.rate == 60
    assert replayed.speeds == [10, 60]
    (note,) = replayed.notes.values()
    assert schedule.real_seconds(replayed, note.at) == 60 + 10 + 5 + 1  # the app open


def test_a_rehearsal_resumed_with_its_own_speed_is_left_as_it_was(records: Path) -> None:
    wall = FakeClock(EVENING)
    first = rehearse(wall, 10)
    again = open_session(EXAMPLE, speed=10, clock=wall)
    again.journal.close()
    assert again.record == first.record
    assert again.notice is not None and "Speed" not in again.notice
    assert "speed_changed" not in [r["type"] for r in read_records(first.record).records]


def test_a_rehearsal_not_started_yet_takes_the_new_speed_from_its_start(records: Path) -> None:
    wall = FakeClock(EVENING)
    first = rehearse(wall, 10, start=False)
    again = open_session(EXAMPLE, speed=60, clock=wall)
    try:
        assert again.record == first.record
        assert again.notice is not None
        assert again.notice.endswith(" Speed now x60 from the start (was x10).")
        engine = again.engine
        before = engine.now()
        wall.advance(10)
        assert engine.now() == before + timedelta(seconds=10)  # real time until space
        engine.toggle_clock()
        before = engine.now()
        wall.advance(10)
        assert engine.now() == before + timedelta(seconds=600)
    finally:
        again.journal.close()


def test_speed_1_on_a_started_rehearsal_is_real_time_as_the_star_key_gives(records: Path) -> None:
    wall = FakeClock(EVENING)
    first = rehearse(wall, 10)
    again = open_session(EXAMPLE, record=first.record, speed=1, clock=wall)
    engine = again.engine
    try:
        assert again.notice is not None
        assert again.notice.endswith(" Speed now real time (was x10); * runs it x10 again.")
        assert "set back" not in again.notice  # its fast clock is ahead of the wall: no news
        before = engine.now()
        wall.advance(10)
        assert engine.now() == before + timedelta(seconds=10)
        assert engine.state.speed == 10  # still a rehearsal, marked as one
        assert engine.toggle_speed() == 10
    finally:
        again.journal.close()


def test_speed_1_on_a_rehearsal_not_started_is_refused_with_the_reason(records: Path) -> None:
    wall = FakeClock(EVENING)
    first = rehearse(wall, 10, start=False)
    before = first.record.read_bytes()
    with pytest.raises(FacilitatorError) as refused:
        open_session(EXAMPLE, record=first.record, speed=1, clock=wall)
    assert str(refused.value) == (
        f"{first.record} is a rehearsal not started yet: it runs x10 from its start (space),"
        " and * switches it to real time. Leave out --speed 1 to resume it."
    )
    assert first.record.read_bytes() == before


def test_speed_on_the_record_of_a_real_session_is_refused_not_a_rehearsal(
    records: Path,
) -> None:
    clock = FakeClock(EVENING)
    night = evening(clock, "Ana")
    before = night.record.read_bytes()
    with pytest.raises(FacilitatorError) as refused:
        open_session(EXAMPLE, record=night.record, speed=60, clock=clock)
    assert str(refused.value) == (
        f"{night.record} is the record of a real session, not a rehearsal: --speed does not"
        " change it. Leave out --speed to resume it, or add --fresh for a rehearsal."
    )
    assert night.record.read_bytes() == before
    rehearsal = open_session(EXAMPLE, record=night.record, speed=60, fresh=True, clock=clock)
    rehearsal.journal.close()
    assert rehearsal.engine.state.speed == 60 and rehearsal.record.name.startswith(
        f"{night.record.stem}.rehearsal."
    )
    assert night.record.read_bytes() == before


def test_a_rehearsal_says_the_unfinished_evening_is_left_alone(records: Path) -> None:
    clock = FakeClock(EVENING)
    night = evening(clock, "Ana")
    rehearsal = open_session(EXAMPLE, speed=60, clock=clock)
    rehearsal.journal.close()
    assert rehearsal.record != night.record and rehearsal.engine.state.speed == 60
    assert rehearsal.notice == (
        f"A rehearsal, in a record of its own: the unfinished session {night.record} is left"
        " as it is (run without --speed to resume it)."
    )
    real = open_session(EXAMPLE, speed=1, clock=clock)  # --speed 1: the real session
    real.journal.close()
    assert real.record == night.record
    assert real.notice is not None and real.notice.endswith(
        f" --speed 1 is real time: this is the session, not the unfinished rehearsal"
        f" {rehearsal.record} (kept as it is; --speed 60 resumes it)."
    )


# --- a resume reads the record once -------------------------------------------------------------


def test_a_resume_reads_and_replays_the_record_once(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding the record reads and replays it; opening it under its lock finds the same bytes
    and neither parses nor replays them again (a long record would cost that twice)."""
    clock = FakeClock(EVENING)
    evening(clock, "Ana", "Ben")
    counted: list[str] = []
    for module, name in (
        (reading, "decode_events"),
        (reading, "fold"),
        (reading, "refold"),
        (journal, "parse_data"),
    ):
        real = getattr(module, name)

        def counting(*args: Any, _real: Any = real, _name: str = name) -> Any:
            counted.append(_name)
            return _real(*args)

        monkeypatch.setattr(module, name, counting)
    live = open_session(EXAMPLE, clock=clock)
    live.journal.close()
    assert counted == ["decode_events", "refold"]  # the replay that keeps what undo needs
    assert [p.name for p in live.engine.state.present()] == ["Ana", "Ben"]


def test_a_record_changed_after_it_was_found_is_read_again(records: Path) -> None:
    clock = FakeClock(EVENING)
    evening(clock, "Ana")
    opening = prepare_session(EXAMPLE, clock=clock)
    assert opening.found is not None
    with Journal.open(opening.found.path) as other:  # another run, between finding and opening
        seq = len(read_records(opening.found.path).records)
        other.append(
            {
                "seq": seq,
                "at": "2026-11-26T04:56:00Z",
                "cmd": seq,
                "type": "person_checked_in",
                "person_id": 1,
                "name": "Ben",
            }
        )
    live = opening.open()
    live.journal.close()
    assert [p.name for p in live.engine.state.present()] == ["Ana", "Ben"]


def test_attendees_say_how_many_were_skipped_and_why(tmp_path: Path) -> None:
    csv = tmp_path / "rsvps.csv"
    csv.write_text("Name,RSVP\nWiremu,Yes\nAna,No\nBen,Waitlist\nChen,yes\n", encoding="utf-8")
    live = start(tmp_path / "r.jsonl", attendees=csv)
    try:
        assert live.notice is not None
        assert live.notice.startswith("Pre-listed 2 people from rsvps.csv; 2 skipped (")
        assert "facilitator attendees rsvps.csv shows who." in live.notice
    finally:
        live.journal.close()
    again = start(tmp_path / "r.jsonl", attendees=csv)  # said again on a resume
    try:
        assert again.notice is not None and "Pre-listed 2 people" in again.notice
    finally:
        again.journal.close()
