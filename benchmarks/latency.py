"""Key-to-screen latency of the live TUI, and its time to the first frame.

Measures, headless with Textual's Pilot and a real Journal (fsync) in a temp dir:
- `n` (next speaker) and a note (`/`, text, enter): median time from the key press until the
  event is fsynced and the screen has updated (`await pilot.pause()`), in a session with
  300 people and 10,000 notes versus an empty session. Target: median < 16 ms, ratio < 1.5.
- the time to the first frame of the facilitator app versus a bare Textual app (one Label),
  alternating in the same run. Target: ratio <= 1.2.

Run: /work/venv/bin/python benchmarks/latency.py [--presses 60] [--starts 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import RenderableType
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Label

from facilitator.agenda import Agenda, load_agenda
from facilitator.clock import SystemClock
from facilitator.record.journal import Journal
from facilitator.record.reading import parse_records
from facilitator.session.engine import Engine, MemorySink
from facilitator.tui.app import FacilitatorApp

AGENDA = Path(__file__).resolve().parent.parent / "sessions" / "llm-interpretability.toml"
SIZE = (80, 24)


def build_record(path: Path, agenda: Agenda, people: int, notes: int) -> None:
    """A session in its discussion round, written as a journal (as a long evening leaves it)."""
    sink = MemorySink()
    engine = Engine.create(agenda, sink, SystemClock(), agenda_path=str(AGENDA))
    engine.start()
    for i in range(max(people, 2)):
        engine.check_in(f"Person {i:03d}")
    engine.next_segment()  # intros
    engine.next_segment()  # discussion: a round over everyone
    for i in range(notes):
        engine.add_note(f"note {i}: todo: something worth remembering" if i % 7 == 0 else f"n{i}")
    with path.open("w") as out:
        for record in sink.records:
            out.write(json.dumps(record, separators=(",", ":")) + "\n")


def resume(path: Path) -> tuple[Engine, Journal]:
    journal = Journal.open(path)
    events = parse_records(path, journal.existing.records)
    return Engine.resume(events, journal, SystemClock()), journal


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

    def _stamp(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        if self.armed and renderable is not None:
            self.armed = False
            self.at = time.perf_counter()
            self._done.set()
        self._display(screen, renderable)

    async def key(self, key: str, character: str | None) -> float:
        """Send a key as the terminal would; seconds until the next frame is written."""
        self._done.clear()
        self.armed = True
        start = time.perf_counter()
        self._driver.send_message(events.Key(key, character))
        await asyncio.wait_for(self._done.wait(), 2)
        return self.at - start


async def key_latencies(path: Path, presses: int) -> dict[str, list[float]]:
    engine, journal = resume(path)
    saved_at: list[float] = []
    engine.subscribe(lambda _events: saved_at.append(time.perf_counter()))  # before the app's
    app = FacilitatorApp(engine, quiet=True)
    times: dict[str, list[float]] = {"n": [], "note": [], "n fsync": []}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            watch = FrameWatch(app)
            for i in range(presses):
                engine.check_in(f"Late {i}")  # keeps someone waiting in the round (not timed)
                await pilot.pause()
                before = len(engine.events)
                start = time.perf_counter()
                times["n"].append(await watch.key("n", "n"))
                times["n fsync"].append(saved_at[-1] - start)
                assert last_type(engine) == "turn_ended" and len(engine.events) > before

                await pilot.press("slash")
                focused = app.focused
                assert isinstance(focused, Input)
                focused.value = f"q: benchmark note {i}?"
                await pilot.pause()
                times["note"].append(await watch.key("enter", "\r"))
                await pilot.press("escape")  # back to the keys (not timed)
                await pilot.pause()
                assert last_type(engine) == "note_added"
            assert engine.saved and journal.pending == 0
    finally:
        journal.close()
    return times


def last_type(engine: Engine) -> str:
    return engine.events[-1].type


async def bare_latencies(presses: int) -> list[float]:
    """The floor: a bare app whose key handler updates one Label (Textual's frame pacing)."""
    app = BareApp()
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        watch = FrameWatch(app)
        for _ in range(presses):
            times.append(await watch.key("n", "n"))
            await pilot.pause()
    return times


class BareApp(App[None]):
    count = 0

    def compose(self) -> ComposeResult:
        yield Label("hello")

    def on_key(self) -> None:
        self.count += 1
        self.query_one(Label).update(f"hello {self.count}")


async def first_frame(make: Callable[[], App[None]]) -> float:
    """Seconds from creating the app to its first composed frame."""
    start = time.perf_counter()
    app = make()
    stamps: list[float] = []
    display = app._display

    def stamp(screen: Screen[object], renderable: RenderableType | None) -> None:
        if renderable is not None and not stamps:
            stamps.append(time.perf_counter())
        display(screen, renderable)

    app._display = stamp  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    return stamps[0] - start


async def starts(agenda: Agenda, count: int) -> dict[str, list[float]]:
    def facilitator() -> App[None]:
        return FacilitatorApp(Engine.create(agenda, MemorySink(), SystemClock()), quiet=True)

    makers: dict[str, Callable[[], App[None]]] = {"bare": BareApp, "facilitator": facilitator}
    times: dict[str, list[float]] = {name: [] for name in makers}
    for make in makers.values():  # warm up: imports, CSS caches
        await first_frame(make)
    for _ in range(count):
        for name, make in makers.items():
            times[name].append(await first_frame(make))
    return times


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.2f}"


async def main(presses: int, start_count: int) -> int:
    agenda = load_agenda(AGENDA)
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, people, notes in (("empty", 2, 0), ("300 people, 10k notes", 300, 10_000)):
            path = Path(tmp) / f"{people}-{notes}.jsonl"
            build_record(path, agenda, people, notes)
            results[label] = await key_latencies(path, presses)
    empty, full = results["empty"], results["300 people, 10k notes"]
    floor = await bare_latencies(presses)
    head = f"{'key to frame':<22}{'empty ms':>10}{'300p/10k ms':>13}{'ratio':>8}"
    print(f"{head}   (median of {presses})")
    keys_ok = True
    for key, title in (
        ("n fsync", "n: until fsynced"),
        ("n", "n: until the frame"),
        ("note", "note: enter to frame"),
    ):
        a, b = statistics.median(empty[key]), statistics.median(full[key])
        keys_ok = keys_ok and b < 0.016 and b / a < 1.5
        print(f"{title:<22}{ms(empty[key]):>10}{ms(full[key]):>13}{b / a:>8.2f}")
    print(f"{'bare app key to frame':<22}{ms(floor):>10}   (Textual's frame pacing: 60 fps)")
    frames = await starts(agenda, start_count)
    bare, ours = statistics.median(frames["bare"]), statistics.median(frames["facilitator"])
    print(
        f"{'first frame':<22}{'bare ms':>10}{'ours ms':>13}{'ratio':>8}   (median of {start_count})"
    )
    print(f"{'':<22}{bare * 1000:>10.2f}{ours * 1000:>13.2f}{ours / bare:>8.2f}")
    met = {True: "met", False: "NOT met"}
    print(f"target key median < 16 ms and ratio < 1.5: {met[keys_ok]}")
    print(f"target first frame ratio <= 1.2: {met[ours / bare <= 1.2]}")
    print("command: python benchmarks/latency.py " + " ".join(sys.argv[1:]))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--starts", type=int, default=10)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.presses, args.starts)))
