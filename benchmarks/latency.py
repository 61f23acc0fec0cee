"""Key-to-frame latency of the live TUI, at any size of session, against an empty one.

What a host does all evening, timed from the key arriving (as a terminal sends it) to the next
frame composed for the terminal (Textual's Pilot, headless, 80x24; a real Journal, fsync and
all, in a temporary folder):

* `n` (next speaker), `p` (pass), `h` (the prompt to raise a hand) and `enter` in it (the hand
  goes up), a note (`enter` on the text typed), and `ctrl+z` (undoes that note);
* in an empty session (6 people) and in long ones: 300 people and a discussion of thousands of
  turns, raised hands and notes, 1,000 / 10,000 / 100,000 events (the last holds 33,000 notes),
  each resumed the way `facilitator run` does (live.prepare_session -> open).

Sessions are measured in rounds (each round opens every session in turn and presses every key
a few times), so a slow moment of the machine hits them alike; medians over all rounds, with
the spread (first and third quartile) beside them. Targets (issue 12): every key at every size
<= 1.5x the empty session; ctrl+z under 16 ms; a note under 12 ms.

`--fsync-ms 7` runs it again on a simulated slow disk: the journal's fsync (record/files.sync)
is wrapped to sleep that long after the real one, and the time spent inside it is subtracted
from each key's latency: the screen's own share must stay under 12 ms.

Run from the repository root: ``python benchmarks/latency.py [--rounds 3] [--presses 8]
[--dir FOLDER]``: fsync is a property of the disk; ``--dir`` puts the records on the one to
measure (the default is the system temporary folder).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from facilitator.agenda import load_agenda
from facilitator.clock import FakeClock
from facilitator.live import LiveSession, prepare_session
from facilitator.record import journal as journal_module
from facilitator.record.locations import RECORDS_ENV
from facilitator.session.engine import Engine, MemorySink
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.prompts import Prompt

ROOT = Path(__file__).resolve().parent.parent
AGENDA = ROOT / "sessions" / "llm-interpretability.toml"
SIZE = (80, 24)
PEOPLE = 300
SIZES = (1_000, 10_000, 100_000)
KEYS = ("n", "p", "h", "h enter", "note", "ctrl+z")
TARGET_RATIO = 1.5
TARGETS_MS = {"ctrl+z": 16.0, "note": 12.0}
SCREEN_MS = 12.0  # the screen's own share on a slow disk


def build_record(path: Path, events: int) -> None:
    """A session in its discussion's open floor with hands up, `events` long (or just started
    with 6 people when `events` is 0): as a long evening leaves it, written as its journal."""
    agenda = load_agenda(AGENDA)
    steps = max(events, 1)
    clock = FakeClock(datetime.now(UTC) - timedelta(seconds=0.3 * steps + 600))
    sink = MemorySink()
    engine = Engine.create(agenda, sink, clock, agenda_path=str(AGENDA.resolve()))
    engine.toggle_clock()
    crowd = PEOPLE if events else 6
    for index in range(crowd):
        engine.check_in(f"Person {index:03d}")
    engine.next_segment()
    engine.next_segment()  # the discussion: a round over everyone, then the open floor
    while engine.state.run is not None and engine.state.run.phase == "round":
        clock.advance(0.3)
        engine.next_speaker()
    step = 0
    while len(sink.records) < events:
        clock.advance(0.3)
        step += 1
        if step % 3 == 0:
            engine.add_note(f"q: does the model plan its rhymes ahead? ({step})")
        elif engine.state.current_turn is not None:
            engine.next_speaker()
        else:
            engine.raise_hand(step % crowd)
    with path.open("w", encoding="utf-8") as out:
        for record in sink.records:
            out.write(ev_line(record))


def ev_line(record: dict[str, Any]) -> str:
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n"


class FrameWatch:
    """Stamps the first frame composed after a key (what a terminal would be sent; headless
    apps compose it, then skip the write)."""

    def __init__(self, app: App[None]) -> None:
        driver = app._driver
        assert driver is not None
        self._display = app._display
        app._display = self._stamp  # type: ignore[method-assign]
        self._driver = driver
        self._done = asyncio.Event()
        self.armed = False
        self.at = 0.0
        self._taken: Callable[[], bool] = lambda: True

    def _stamp(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        if self.armed and renderable is not None and self._taken():
            self.armed = False
            self.at = time.perf_counter()
            self._done.set()
        self._display(screen, renderable)

    async def key(self, key: str, character: str | None, taken: Callable[[], bool]) -> float:
        """Send a key as the terminal would; seconds until the first frame composed once it has
        taken effect (`taken`: a frame the clock's tick composed before does not count)."""
        self._done.clear()
        self._taken = taken
        self.armed = True
        start = time.perf_counter()
        self._driver.send_message(events.Key(key, character))
        await asyncio.wait_for(self._done.wait(), 5)
        return self.at - start


class SlowDisk:
    """The journal's fsync, made slow (`extra` seconds more), and the time spent in it."""

    def __init__(self, extra: float) -> None:
        self.extra = extra
        self.spent = 0.0
        self._real: Callable[[int], None] = getattr(journal_module, "sync")  # noqa: B009

    def sync(self, fd: int) -> None:
        start = time.perf_counter()
        self._real(fd)
        if self.extra:
            time.sleep(self.extra)
        self.spent += time.perf_counter() - start

    @contextlib.contextmanager
    def installed(self) -> Iterator[SlowDisk]:
        setattr(journal_module, "sync", self.sync)  # noqa: B010
        try:
            yield self
        finally:
            setattr(journal_module, "sync", self._real)  # noqa: B010


def resume(path: Path) -> LiveSession:
    """The real `facilitator run` path: find the record, open it under its lock, resume."""
    return prepare_session(AGENDA, record=path).open(resume=True)


def top_up_hands(engine: Engine) -> None:
    """Keep a few hands up, so `n` and `p` always have someone next (not timed)."""
    speaking = engine.state.current_turn
    for person in engine.state.present():
        if len(engine.state.hands) >= 2:
            break
        if person.id in engine.state.hands or (speaking and speaking.person_id == person.id):
            continue
        engine.raise_hand(person.id)


async def press_keys(
    path: Path, presses: int, disk: SlowDisk, times: dict[str, list[float]]
) -> None:
    live = resume(path)
    engine = live.engine
    app = FacilitatorApp(engine, quiet=True, record_path=live.record)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            watch = FrameWatch(app)

            async def timed(name: str, key: str, character: str | None = None) -> None:
                disk.spent = 0.0
                before = len(engine.events)
                if name == "h":  # the prompt, to pick who raises a hand: nothing recorded yet
                    took = await watch.key(key, character, lambda: isinstance(app.screen, Prompt))
                else:
                    took = await watch.key(key, character, lambda: len(engine.events) > before)
                times[name].append(took)
                times[name + " screen"].append(took - disk.spent)
                times[name + " fsync"].append(disk.spent)
                await pilot.pause()

            for i in range(presses):
                top_up_hands(engine)
                await pilot.pause()
                await timed("n", "n", "n")
                await timed("p", "p", "p")
                assert last_type(engine) in ("turn_ended", "hand_raised")
                await timed("h", "h", "h")
                before = len(engine.events)
                await timed("h enter", "enter", "\r")
                assert last_type(engine) == "hand_raised" and len(engine.events) > before, (
                    path.name,
                    i,
                    app.screen,
                    app.focused,
                    engine.events[-3:],
                )
                await pilot.press("slash")
                focused = app.focused
                assert isinstance(focused, Input)
                focused.value = f"q: benchmark note {i}?"
                await pilot.pause()
                await timed("note", "enter", "\r")
                assert last_type(engine) == "note_added"
                await pilot.press("escape")  # back to the keys (not timed)
                await pilot.pause()
                await timed("ctrl+z", "ctrl+z")
                assert last_type(engine) == "undone"
            assert engine.saved and live.journal.pending == 0
    finally:
        live.journal.close()


def last_type(engine: Engine) -> str:
    return engine.events[-1].type


def quartiles(values: list[float]) -> tuple[float, float, float]:
    q1, median, q3 = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return q1, median, q3


def cell(values: list[float]) -> str:
    q1, median, q3 = quartiles(values)
    return f"{median * 1e3:6.2f} ({q1 * 1e3:.1f}-{q3 * 1e3:.1f})"


async def measure(
    folder: Path, records: dict[str, Path], rounds: int, presses: int, disk: SlowDisk
) -> dict[str, dict[str, list[float]]]:
    names = [f"{k}{part}" for k in KEYS for part in ("", " screen", " fsync")]
    results: dict[str, dict[str, list[float]]] = {
        label: {name: [] for name in names} for label in records
    }
    with disk.installed():
        for _ in range(rounds):
            for label, source in records.items():
                path = folder / f"run-{label}.jsonl"
                shutil.copy(source, path)  # each run starts from the same record
                await press_keys(path, presses, disk, results[label])
                path.unlink()
    return results


def report(results: dict[str, dict[str, list[float]]], title: str, slow: bool) -> bool:
    """One table: key to frame (fsync included) per session size, with the verdicts; on the slow
    disk, the screen's share (key to frame minus the time inside fsync) of each key that saves."""
    labels = list(results)
    width = 24
    print(f"\n{title}")
    print(f"{'ms':<12}" + "".join(f"{label:>{width}}" for label in labels))
    all_met = True
    for key in KEYS:
        part = f"{key} screen" if slow else key
        print(f"{part:<12}" + "".join(f"{cell(results[label][part]):>{width}}" for label in labels))
        fsyncs = [statistics.median(results[label][f"{key} fsync"]) for label in labels]
        if any(fsyncs):
            print(f"{'  in fsync':<12}" + "".join(f"{f * 1e3:>{width}.2f}" for f in fsyncs))
        if slow and key == "h":
            print(f"{'':<12}  (opens a prompt, saves nothing: no target on this disk)")
            continue
        verdicts = []
        base = statistics.median(results[labels[0]][part])
        for label in labels if slow else labels[1:]:
            median = statistics.median(results[label][part])
            if slow:
                ok = median * 1e3 < SCREEN_MS
                verdicts.append(f"{label} {'met' if ok else 'NOT met'}")
            else:
                ok = median / base <= TARGET_RATIO and median * 1e3 < TARGETS_MS.get(key, 1e9)
                own = statistics.median(results[label][f"{key} screen"]) / statistics.median(
                    results[labels[0]][f"{key} screen"]
                )
                verdicts.append(
                    f"{label} x{median / base:.2f} {'met' if ok else 'NOT met'}"
                    f" (minus fsync x{own:.2f})"
                )
            all_met = all_met and ok
        if slow:
            target = f"screen's share < {SCREEN_MS:g} ms"
        else:
            limit = f", < {TARGETS_MS[key]:g} ms" if key in TARGETS_MS else ""
            target = f"<= {TARGET_RATIO}x empty{limit}"
        print(f"{'':<12}  target {target}: " + "; ".join(verdicts))
    return all_met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--presses", type=int, default=8)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--fsync-ms", type=float, default=7.0, help="the slow disk (0: skip)")
    parser.add_argument("--dir", type=Path, help="folder on the disk to measure (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="facilitator-latency-", dir=args.dir) as temp:
        folder = Path(temp)
        os.environ[RECORDS_ENV] = str(folder / "records")
        records: dict[str, Path] = {}
        for events in [0, *args.sizes]:
            label = "empty" if not events else f"{events:,} events"
            records[label] = folder / f"{events}.jsonl"
            build_record(records[label], events)
        normal = asyncio.run(measure(folder, records, args.rounds, args.presses, SlowDisk(0)))
        met = report(normal, "Key to frame, this disk (fsync included)", slow=False)
        if args.fsync_ms:
            disk = SlowDisk(args.fsync_ms / 1e3)
            slow = asyncio.run(measure(folder, records, args.rounds, args.presses, disk))
            title = (
                f"Slow disk (the journal's sync wrapped to sleep {args.fsync_ms:g} ms more): "
                "key to frame minus the time inside fsync"
            )
            met = report(slow, title, slow=True) and met
    print(f"\nmedians (quartiles) of {args.rounds} rounds x {args.presses} presses per session")
    print(f"overall: {'met' if met else 'NOT met'}")
    print("Reproduce: python benchmarks/latency.py " + " ".join(sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
