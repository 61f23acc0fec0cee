"""Export time for a big record, per format, and how it grows with the number of notes.

A record of 300 people and N notes (every kind, with URLs and names inside the text), built
with the real engine; then `export(record, fmt)` timed (best of several runs) for N = 1,000 and
10,000. The growth should be linear: the ratio 10k / 1k at most 12 (the baseline is the 1k run
in the same process, so the machine's speed cancels out). `md-anon` is Markdown with
`anonymous=True`, the slowest path (every note's text is searched for names).

Run:  python benchmarks/export.py   (from the repository root; add --quick for a smoke run)
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from facilitator.agenda import parse_agenda
from facilitator.clock import FakeClock
from facilitator.export import FORMATS, export
from facilitator.record.reading import Record
from facilitator.session.engine import Engine, MemorySink

AGENDA = """
[session]
title = "Benchmark evening"
host = "Person 0"
start = 18:00:00
backlog = ["Topic A", "Topic B"]

[[session.materials]]
title = "A paper"
url = "https://example.com/paper"

[[segments]]
title = "Arrive"
kind = "arrival"
minutes = 30

[[segments]]
title = "Discussion"
kind = "discussion"
minutes = 120
open_floor = true

[[segments]]
title = "Vote"
kind = "voting"
minutes = 10
"""
TARGET_RATIO = 12.0


def build_record(people: int, notes: int) -> Record:
    """A finished session: everyone checks in and speaks once, notes spread over the turns."""
    clock = FakeClock(datetime(2026, 11, 26, 5, 0, tzinfo=UTC))
    engine = Engine.create(parse_agenda(AGENDA, "bench.toml"), MemorySink(), clock)
    engine.toggle_clock()
    for i in range(people):
        engine.check_in(f"Person {i}")
    engine.next_segment()
    per_turn, extra = divmod(notes, people)
    for turn in range(people):
        for j in range(per_turn + (1 if turn < extra else 0)):
            clock.advance(1)
            kind = ("", "todo: ", "q: ", "")[j % 4]
            url = f" https://example.com/{turn}/{j}" if j % 5 == 0 else ""
            engine.add_note(f"{kind}Person {turn} said *something* about item {j}{url}")
        if turn % 7 == 3:
            engine.pass_turn()
        else:
            engine.next_speaker()
    engine.next_segment()
    for t in range(3):
        engine.nominate(f"Topic {t}", t)
    for tid in engine.state.vote.nominations:
        engine.record_votes(tid, min(people, 3 + tid))
    engine.close_vote()
    engine.next_segment()
    return Record(Path("bench.jsonl"), engine.events, engine.state, [])


def best_time(record: Record, fmt: str, repeats: int) -> float:
    best = float("inf")
    anonymous = fmt.endswith("-anon")
    for _ in range(repeats):
        gc.collect()  # start each run from the same heap, not with another run's garbage
        began = time.perf_counter()
        export(record, fmt.removesuffix("-anon"), anonymous=anonymous)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - began)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller record, fewer runs")
    args = parser.parse_args()
    os.environ.setdefault("TZ", "Pacific/Auckland")
    time.tzset()
    people = 300
    small, big = (100, 1_000) if args.quick else (1_000, 10_000)
    repeats = 2 if args.quick else 5
    records = {n: build_record(people, n) for n in (small, big)}
    print(f"$ python benchmarks/export.py{' --quick' if args.quick else ''}")
    print(f"{people} people; best of {repeats} runs; Python {sys.version.split()[0]}\n")
    print(f"{'format':<8}{f'{small:,} notes':>14}{f'{big:,} notes':>15}{'ratio':>8}  verdict")
    worst = 0.0
    for fmt in [*FORMATS, "md-anon"]:
        t_small = best_time(records[small], fmt, 3 * repeats)  # cheap: more runs, less noise
        t_big = best_time(records[big], fmt, repeats)
        ratio = t_big / t_small
        worst = max(worst, ratio)
        verdict = "linear" if ratio <= TARGET_RATIO else f"over {TARGET_RATIO:g}"
        print(f"{fmt:<8}{t_small * 1e3:>11.1f} ms{t_big * 1e3:>12.1f} ms{ratio:>8.2f}  {verdict}")
    print(f"\nworst ratio {worst:.2f} (target <= {TARGET_RATIO:g} for 10x the notes)")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
