"""Journal costs, each against a baseline measured in the same run.

* append+fsync per event with 10 and with 10,000 events already recorded: the ratio shows that
  appending never rewrites or re-reads the record (target <= 1.5);
* a real 100,000-event record (made by the engine) read with ``read_records``, and replayed
  (read, validated as events, folded into a SessionState: what a resume costs), each against
  bare ``json.loads`` of the same lines.

Run from the repository root: ``python benchmarks/journal.py [--dir FOLDER]``. fsync cost is a
property of the disk: pass ``--dir`` on the disk where records really live (the default is the
system temporary folder, which may be a RAM disk).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from facilitator.agenda import load_agenda
from facilitator.clock import FakeClock
from facilitator.record.journal import Journal, read_records
from facilitator.record.reading import parse_records
from facilitator.session.engine import Engine, MemorySink
from facilitator.session.fold import fold

APPENDS = 200  # per size, interleaved so a slow moment of the disk hits both alike
SIZES = (10, 10_000)
READ_EVENTS = 100_000
READ_RUNS = 5
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
    agenda = load_agenda(Path(__file__).parent.parent / "sessions" / "llm-interpretability.toml")
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


def replay_seconds(path: Path) -> float:
    """Seconds from a record on disk to a ready SessionState: read, validate, fold."""
    start = time.perf_counter()
    result = read_records(path)
    fold(parse_records(path, result.records))
    return time.perf_counter() - start


def read_records_seconds(path: Path) -> float:
    start = time.perf_counter()
    read_records(path)
    return time.perf_counter() - start


def bare_seconds(path: Path) -> float:
    """The baseline: read, split, json.loads every line, nothing checked."""
    start = time.perf_counter()
    [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return time.perf_counter() - start


def best_of(measure: Callable[[Path], float], path: Path) -> float:
    return min(measure(path) for _ in range(READ_RUNS))


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
        bare = best_of(bare_seconds, record)
        read = best_of(read_records_seconds, record)
        replay = best_of(replay_seconds, record)

    small, large = (medians[size] for size in SIZES)
    ratio = large / small
    rows = [
        (f"append+fsync, {SIZES[0]:,} events before", f"{small * 1e3:.3f} ms", "median of 200"),
        (f"append+fsync, {SIZES[1]:,} events before", f"{large * 1e3:.3f} ms", "median of 200"),
        ("  ratio (target <= 1.5)", f"{ratio:.2f}", "ok" if ratio <= 1.5 else "TOO HIGH"),
        (f"bare json.loads, {READ_EVENTS:,} events", f"{bare * 1e3:.0f} ms", f"{megabytes:.1f} MB"),
        ("read_records, same file", f"{read * 1e3:.0f} ms", f"x{read / bare:.2f} of bare"),
        (
            "replay (read, validate, fold)",
            f"{replay * 1e3:.0f} ms",
            f"x{replay / bare:.2f} of bare",
        ),
    ]
    python = sys.version.split()[0]
    print(f"facilitator journal benchmark (Python {python}, folder {args.dir or 'temp'})")
    for name, value, note in rows:
        print(f"  {name:<38} {value:>10}   {note}")
    print(f"read timings are best of {READ_RUNS}. Reproduce: {command}")


if __name__ == "__main__":
    main()
