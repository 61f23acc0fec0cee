"""Load on the share server: many open pages and a busy note-taker, against the host's keys.

One run, two processes on this machine, loopback only, bounded in time:
- the host: the real app (Textual's Pilot, headless, 80x24) on a real journal, sharing; it
  presses `n` twice a second and times each key to its frame (as benchmarks/latency.py does),
  first with no page open (the baseline), then with the load below; it samples its own memory.
- the clients (this script again, `--clients`): `--pages` event streams (half note-taker pages,
  a quarter room, a quarter phone; 8 from each loopback address, as devices would), and a
  note-taker posting `--rate` notes a second for `--seconds`.

Printed, each beside its target with met / NOT met:
- every page receives every update: each change of the host's (a key) on every page, each note
  on every note-taker page (room and phone pages show no notes: they are sent none); the p95
  delay from the change to each page under 1 s;
- no note lost: every note posted is in the record (read back from disk), credited, and on
  every note-taker page;
- the host's key-to-frame median with the clients at most 1.5x the same with none;
- memory flat: the host's RSS grows less than 10 % from the first to the last ten seconds.
Exit code 1 if a page missed an update or a note was lost (the timings are only reported).

Run: python benchmarks/share.py [--pages 200] [--rate 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from latency import FrameWatch, build_record, resume, top_up_hands

from facilitator.record.journal import read_records
from facilitator.session.events import Event
from facilitator.share.feed import NOTE_EVENTS
from facilitator.share.hub import Page
from facilitator.share.server import KEY_HEADER, ShareServer, open_share
from facilitator.tui.app import FacilitatorApp

SIZE = (80, 24)
KEY_EVERY = 0.5
PER_ADDRESS = 8
SEQ = re.compile(rb'"seq":(\d+)')


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- the clients' process -------------------------------------------------------------------------


async def page(url: str, source: str, kind: str, out: dict[str, Any], stop: asyncio.Event) -> None:
    """One open page: when each seq first arrived, and (note-taker pages) each note id."""
    import aiohttp

    seqs: list[tuple[int, float]] = []
    notes: dict[int, float] = {}
    out.setdefault("pages", []).append({"kind": kind, "seqs": seqs, "notes": notes})
    connector = aiohttp.TCPConnector(local_addr=(source, 0))
    timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
    async with (
        aiohttp.ClientSession(connector=connector, timeout=timeout) as http,
        http.get(url) as response,
    ):
        if response.status != 200:
            out.setdefault("refused", []).append(response.status)
            return
        event = b""
        while not stop.is_set():
            line = await response.content.readline()
            if not line:
                out.setdefault("ended", []).append(kind)
                return
            now = time.monotonic()
            if line.startswith(b"event: "):
                event = line[7:].strip()
            elif line.startswith(b"data: ") and event == b"state":
                found = SEQ.search(line)
                if found and (not seqs or int(found.group(1)) > seqs[-1][0]):
                    seqs.append((int(found.group(1)), now))
            elif line.startswith(b"data: ") and event == b"notes":
                for note in json.loads(line[6:])["notes"]:
                    notes.setdefault(note["id"], now)


async def note_taker(base: str, key: str, rate: float, seconds: float, out: dict[str, Any]) -> None:
    import aiohttp

    posted: list[dict[str, Any]] = []
    out["posted"] = posted
    headers = {KEY_HEADER: key, "Origin": base, "Content-Type": "application/json"}
    connector = aiohttp.TCPConnector(local_addr=("127.0.9.1", 0))
    async with aiohttp.ClientSession(connector=connector) as http:

        async def one(number: int) -> None:
            sent = time.monotonic()
            body = {
                "text": f"note {number}: todo: benchmark https://example.org/{number}",
                "author": "Bench",
            }
            async with http.post(f"{base}/api/notes", json=body, headers=headers) as answer:
                data = await answer.json()
                posted.append(
                    {
                        "status": answer.status,
                        "sent": sent,
                        "done": time.monotonic(),
                        "id": data.get("id"),
                        "saved": data.get("saved"),
                    }
                )

        start = time.monotonic()
        tasks = []
        for number in range(int(rate * seconds)):
            await asyncio.sleep(max(0.0, start + number / rate - time.monotonic()))
            tasks.append(asyncio.create_task(one(number)))
        await asyncio.gather(*tasks)


async def clients(urls: dict[str, str], pages: int, rate: float, seconds: float) -> None:
    out: dict[str, Any] = {}
    stop = asyncio.Event()
    kinds = ["notes", "room", "notes", "phone"]
    tasks = [
        asyncio.create_task(
            page(
                urls[f"events_{kinds[i % 4]}"],
                f"127.0.{10 + i // (PER_ADDRESS * 250)}.{1 + (i // PER_ADDRESS) % 250}",
                kinds[i % 4],
                out,
                stop,
            )
        )
        for i in range(pages)
    ]
    print("connected", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)  # "go"
    await note_taker(urls["base"], urls["write"], rate, seconds, out)
    await asyncio.sleep(2.0)  # the last updates
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps(out), flush=True)


# -- the host's process ---------------------------------------------------------------------------


def turned(app: FacilitatorApp, turns: int) -> bool:
    return len(app.engine.state.turns) > turns


async def press_keys(app: FacilitatorApp, watch: FrameWatch, until: float) -> list[float]:
    """`n` every KEY_EVERY seconds until `until` (hands kept up, so someone is always next)."""
    times: list[float] = []
    while time.monotonic() < until:
        top_up_hands(app.engine)
        await asyncio.sleep(KEY_EVERY)
        turns = len(app.engine.state.turns)  # `n` starts the next turn: the frame after that
        times.append(await watch.key("n", "n", partial(turned, app, turns)))
    return times


def urls_of(share: ShareServer) -> dict[str, str]:
    base = f"http://127.0.0.1:{share.port}"
    read, write = share.keys.read, share.keys.write
    return {
        "base": base,
        "write": write,
        "events_room": f"{base}/events/room/{read}",
        "events_phone": f"{base}/events/phone/{read}",
        "events_notes": f"{base}/events/notes/{write}",
    }


async def host(pages: int, rate: float, seconds: float, baseline: float) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "evening.jsonl"
        build_record(record, 1_000)  # 300 people in the discussion's open floor
        live = resume(record)
        engine, journal = live.engine, live.journal
        emitted: dict[int, float] = {}  # the host's changes (notes apart), when each was made

        def changed(events: list[Event]) -> None:
            now = time.monotonic()
            emitted.update((e.seq, now) for e in events if e.type not in NOTE_EVENTS)

        engine.subscribe(changed)
        share = open_share(engine, record, "local", problem=lambda: journal.last_error)
        app = FacilitatorApp(engine, quiet=True, share=share)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            watch = FrameWatch(app)
            quiet = await press_keys(app, watch, time.monotonic() + baseline)
            child = await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--clients", json.dumps(urls_of(share)),
                "--pages", str(pages), "--rate", str(rate), "--seconds", str(seconds),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, limit=2**30,
            )  # fmt: skip
            assert child.stdin is not None and child.stdout is not None
            await child.stdout.readline()
            while sum(share.counts().values()) < pages:
                await asyncio.sleep(0.1)
            first_seq = engine.events[-1].seq + 1
            child.stdin.write(b"go\n")
            memory: list[tuple[float, float]] = []
            start = time.monotonic()

            async def sample() -> None:
                while True:
                    memory.append((time.monotonic() - start, rss_mb()))
                    await asyncio.sleep(1.0)

            sampler = asyncio.create_task(sample())
            loaded = await press_keys(app, watch, start + seconds)
            sampler.cancel()
            result = json.loads((await child.stdout.readline()) or b"{}")
            await child.wait()
            counts = share.counts()
        journal.close()
        on_disk = {
            r["note_id"]
            for r in read_records(record).records
            if r["type"] == "note_added" and r.get("author") == "Bench"
        }
    return report(result, emitted, first_seq, quiet, loaded, memory, on_disk, counts, pages)


def report(
    result: dict[str, Any],
    emitted: dict[int, float],
    first_seq: int,
    quiet: list[float],
    loaded: list[float],
    memory: list[tuple[float, float]],
    on_disk: set[int],
    counts: dict[Page, int],
    pages: int,
) -> int:
    met = {True: "met", False: "NOT met"}
    shown = result.get("pages", [])
    delays: list[float] = []
    missed = 0
    for one in shown:
        seqs: list[tuple[int, float]] = one["seqs"]
        index = 0
        for seq in sorted(s for s in emitted if s >= first_seq):
            while index < len(seqs) and seqs[index][0] < seq:
                index += 1
            if index == len(seqs):
                missed += 1
            else:
                delays.append(seqs[index][1] - emitted[seq])
    posted = result.get("posted", [])
    ids = {p["id"] for p in posted if p["status"] == 201}
    note_pages = [p for p in shown if p["kind"] == "notes"]
    note_delays = [
        seen[str(p["id"])] - p["sent"]
        for page_ in note_pages
        for p in posted
        if (seen := page_["notes"]).get(str(p["id"])) is not None
    ]
    missing_on_pages = sum(1 for page_ in note_pages for i in ids if str(i) not in page_["notes"])
    p95 = statistics.quantiles(delays, n=20)[-1] if len(delays) > 20 else float("nan")
    n95 = statistics.quantiles(note_delays, n=20)[-1] if len(note_delays) > 20 else float("nan")
    q, busy = statistics.median(quiet), statistics.median(loaded)
    settled = [m for t, m in memory if t >= min(5.0, memory[-1][0] / 4)]  # after warming up
    early, late = statistics.median(settled[:10]), statistics.median(settled[-10:])
    failed = [p["status"] for p in posted if p["status"] != 201]
    every = missed == 0 and len(shown) == pages and not result.get("ended")
    kept = not failed and len(ids) == len(posted) and ids <= on_disk and not missing_on_pages
    print(f"pages open {len(shown)} (refused {len(result.get('refused', []))}); host counted "
          f"{sum(counts.values())} at the end; notes posted {len(posted)}")  # fmt: skip
    print(f"{'measure':<44}{'figure':>12}  target")
    rows = [
        ("every page got every update (missed)", f"{missed}", "0", every),
        ("update delay, host change to page, p95 s", f"{p95:.3f}", "< 1 s", p95 < 1.0),
        ("note delay, post to every note page, p95 s", f"{n95:.3f}", "< 1 s", n95 < 1.0),
        ("notes lost (record, pages, failed posts)",
         f"{len(posted) - len(ids & on_disk)},{missing_on_pages},{len(failed)}", "0,0,0", kept),
        ("key to frame median, no pages, ms", f"{q * 1000:.2f}", "baseline", True),
        (f"key to frame median, {pages} pages, ms", f"{busy * 1000:.2f}",
         f"<= {1.5 * q * 1000:.2f}", busy <= 1.5 * q),
        ("key to frame ratio", f"{busy / q:.2f}", "<= 1.5", busy <= 1.5 * q),
        ("host RSS first/last 10 s, MB", f"{early:.1f}/{late:.1f}", "< +10 %", late < early * 1.1),
    ]  # fmt: skip
    for title, figure, target, ok in rows:
        print(f"{title:<44}{figure:>12}  {target:<10} {met[ok]}")
    print(f"({len(quiet)} and {len(loaded)} key presses; {len(delays)} page updates)")
    print("command: python benchmarks/share.py " + " ".join(sys.argv[1:]))
    return 0 if every and kept else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0, help="notes a second")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline", type=float, default=20.0, help="seconds with no page")
    parser.add_argument("--clients", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.clients:
        asyncio.run(clients(json.loads(args.clients), args.pages, args.rate, args.seconds))
        sys.exit(0)
    sys.exit(asyncio.run(host(args.pages, args.rate, args.seconds, args.baseline)))
