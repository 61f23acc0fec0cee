"""Journal costs, each against a baseline measured in the same run.

* append+fsync per event with 10 and with 10,000 events already recorded: the ratio shows that
  appending never rewrites or re-reads the record (target <= 1.5);
* the real `facilitator run` resume of a 100,000-event record made by the engine (300 people,
  turns, raised hands, notes): live.prepare_session finds the record and reads, checks and
  replays it, then Opening.open takes its lock (Journal.open), resumes the engine and notes the
  restart, against bare ``json.loads`` of the same lines. Interleaved, medians, quartiles.
  Targets (issue 12): under 0.5 s, and <= 1.5x the bare reading.

Run from the repository root: ``python benchmarks/journal.py [--dir FOLDER]``. fsync cost is a
property of the disk: pass ``--dir`` on the disk where records really live (the default is the
system temporary folder, which may be a RAM disk).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from facilitator.agenda import load_agenda
from facilitator.clock import FakeClock
from facilitator.live import prepare_session
from facilitator.record.journal import Journal
from facilitator.record.locations import RECORDS_ENV
from facilitator.session.engine import Engine, MemorySink

APPENDS = 200  # per size, interleaved so a slow moment of the disk hits both alike
SIZES = (10, 10_000)
READ_EVENTS = 100_000
READ_RUNS = 7
AGENDA = Path(__file__).resolve().parent.parent / "sessions" / "llm-interpretability.toml"
PEOPLE = ["Aroha Ngata", "Rob", "Mei-Ling Chen", "Sione Taufa", "Priya Raghunathan", "Zoë"]


def realistic_event(seq: int) -> dict[str, Any]:
    """About 150 bytes, shaped like the session's events (type, seq, timestamp, a few fields)."""
    at = f"2026-11-26T05:{seq // 60 % 60:02d}:{seq % 60:02d}.{seq % 1000:03d}412+00:00"
    person = PEOPLE[seq % len(PEOPLE)]
    shapes: list[dict[str, Any]] = [
        {"type": "TurnStarted", "person": person, "segment": 2, "budget_seconds": 95},
        {"type": "TurnEnded", "person": person, "outcome": "spoke", "seconds": 87.4},
        {"type": "NoteAdded", "note_id": seq, "speaker": person, "text": "q: does it plan ahead?"},
        {"type": "HandRaised", "person": person, "queue": "progressive", "position": 3},
    ]
    return {"seq": seq, "at": at, "id": f"ev-{seq:06d}"} | shapes[seq % len(shapes)]


def write_events(path: Path, count: int) -> None:
    """Set-up only: write directly, one fsync, so the set-up does not dominate the run."""
    with path.open("w", encoding="utf-8") as file:
        for seq in range(count):
            file.write(json.dumps(realistic_event(seq), separators=(",", ":")) + "\n")


def append_medians(folder: Path) -> dict[int, float]:
    """Median seconds per append+fsync for each starting size, measured interleaved."""
    journals: dict[int, Journal] = {}
    times: dict[int, list[float]] = {size: [] for size in SIZES}
    try:
        for size in SIZES:
            path = folder / f"append-{size}.jsonl"
            write_events(path, size)
            journals[size] = Journal.open(path)
        for index in range(APPENDS):
            for size in SIZES:
                event = realistic_event(size + index)
                start = time.perf_counter()
                saved = journals[size].append(event)
                times[size].append(time.perf_counter() - start)
                assert saved, journals[size].last_error
    finally:
        for journal in journals.values():
            journal.close()
    return {size: statistics.median(samples) for size, samples in times.items()}


def write_session(path: Path, count: int) -> None:
    """A real record of `count` events made by the engine: 300 people, a round of turns, then
    an open floor of raised hands, notes throughout (a very long meetup)."""
    agenda = load_agenda(AGENDA)
    clock, sink = FakeClock(), MemorySink()
    engine = Engine.create(agenda, sink, clock)
    engine.toggle_clock()
    for index in range(300):
        engine.check_in(f"{PEOPLE[index % len(PEOPLE)]} {index}")
    engine.next_segment()
    engine.next_segment()
    step = 0
    while len(sink.records) < count:
        clock.advance(3)
        step += 1
        if step % 3 == 0:
            engine.add_note(f"q: does the model plan its rhymes ahead? ({step})")
        elif engine.state.current_turn is not None:
            engine.next_speaker()
        else:
            engine.raise_hand(step % 300)
    with path.open("w", encoding="utf-8") as file:
        for record in sink.records[:count]:
            file.write(json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n")


def resume_seconds(folder: Path, source: Path) -> float:
    """Seconds of the real resume: find the record, read it, open it under its lock, resume."""
    records = folder / "records"
    shutil.rmtree(records, ignore_errors=True)
    records.mkdir()
    shutil.copy(source, records / source.name)
    last = datetime.fromisoformat(json.loads(source.read_bytes().rsplit(b"\n", 2)[-2])["at"])
    clock = FakeClock(last + timedelta(minutes=1))
    os.environ[RECORDS_ENV] = str(records)
    gc.collect()
    start = time.perf_counter()
    live = prepare_session(AGENDA, clock=clock).open(resume=True)
    elapsed = time.perf_counter() - start
    assert live.engine.state.resumes and len(live.engine.events) > READ_EVENTS
    live.journal.close()
    del live
    gc.unfreeze()  # the resume froze its objects out of the collector's way; free them
    gc.collect()
    return elapsed


def bare_seconds(path: Path) -> float:
    """The baseline: read, split, json.loads every line, nothing checked."""
    start = time.perf_counter()
    [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return time.perf_counter() - start


def interleaved(folder: Path, record: Path) -> tuple[list[float], list[float]]:
    bare: list[float] = []
    ours: list[float] = []
    for _ in range(READ_RUNS):
        bare.append(bare_seconds(record))
        ours.append(resume_seconds(folder, record))
    return bare, ours


def spread(values: list[float]) -> str:
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"quartiles {q1 * 1e3:.0f}-{q3 * 1e3:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="folder on the disk to measure (default: temp)")
    args = parser.parse_args()
    command = "python benchmarks/journal.py" + (f" --dir {args.dir}" if args.dir else "")

    with tempfile.TemporaryDirectory(prefix="facilitator-bench-", dir=args.dir) as temp:
        folder = Path(temp)
        medians = append_medians(folder)
        record = folder / "read.jsonl"
        write_session(record, READ_EVENTS)
        megabytes = record.stat().st_size / 1e6
        bare_runs, resume_runs = interleaved(folder, record)

    small, large = (medians[size] for size in SIZES)
    ratio = large / small
    bare, resume = statistics.median(bare_runs), statistics.median(resume_runs)
    met = {True: "met", False: "NOT met"}
    rows = [
        (f"append+fsync, {SIZES[0]:,} events before", f"{small * 1e3:.3f} ms", "median of 200"),
        (f"append+fsync, {SIZES[1]:,} events before", f"{large * 1e3:.3f} ms", "median of 200"),
        ("  ratio", f"{ratio:.2f}", f"target <= 1.5: {met[ratio <= 1.5]}"),
        (f"bare json.loads, {READ_EVENTS:,} lines", f"{bare * 1e3:.0f} ms", spread(bare_runs)),
        ("resume, `facilitator run` path", f"{resume * 1e3:.0f} ms", spread(resume_runs)),
        ("  under 0.5 s", f"{resume:.3f} s", f"target < 0.5 s: {met[resume < 0.5]}"),
        ("  ratio to bare", f"{resume / bare:.2f}", f"target <= 1.5: {met[resume / bare <= 1.5]}"),
    ]
    python = sys.version.split()[0]
    print(f"facilitator journal benchmark (Python {python}, folder {args.dir or 'temp'})")
    for name, value, note in rows:
        print(f"  {name:<38} {value:>10}   {note}")
    print(f"{megabytes:.1f} MB record; resume and bare medians of {READ_RUNS}, interleaved")
    print(f"Reproduce: {command}")


if __name__ == "__main__":
    main()
