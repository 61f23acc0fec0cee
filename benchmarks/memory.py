"""Memory after resuming a 100,000-event record, against the same lines held as plain dicts.

Two fresh processes, each measured by its resident set size (VmRSS, what the system gives the
process) once the work is done and the garbage collected:

* ours: the real `facilitator run` resume (live.prepare_session -> open: the record found, read,
  checked, replayed, opened under its lock, the engine resumed), everything kept as the app
  keeps it for the evening;
* the baseline: `json.loads` of every line of the same record, the dicts kept in a list.

Each process also reports its size before the work (the interpreter and its imports), shown
beside. Target (issue 12): ours <= 1.5x the baseline.

Run from the repository root: ``python benchmarks/memory.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journal import AGENDA, READ_EVENTS, write_session

TARGET = 1.5

RSS = """
def rss():
    import gc
    gc.collect()
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
"""

OURS = (
    RSS
    + """
import json, os, sys
from datetime import datetime, timedelta
from pathlib import Path
from facilitator.clock import FakeClock
from facilitator.live import prepare_session
record, agenda = Path(sys.argv[1]), Path(sys.argv[2])
last = datetime.fromisoformat(json.loads(record.read_bytes().rsplit(b"\\n", 2)[-2])["at"])
before = rss()
live = prepare_session(agenda, clock=FakeClock(last + timedelta(minutes=1))).open(resume=True)
assert len(live.engine.events) > 100_000
print(json.dumps([before, rss()]))
"""
)

BARE = (
    RSS
    + """
import json, sys
before = rss()
with open(sys.argv[1], encoding="utf-8") as file:
    lines = [json.loads(line) for line in file]
print(json.dumps([before, rss()]))
"""
)


def measure(script: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, int]:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, env=env
    ).stdout
    before, after = json.loads(out)
    return before, after


def mib(size: int) -> str:
    return f"{size / 2**20:6.1f} MiB"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="facilitator-memory-") as temp:
        records = Path(temp) / "records"
        records.mkdir()
        record = records / "long.jsonl"
        write_session(record, READ_EVENTS)
        env = {**os.environ, "FACILITATOR_RECORDS": str(records)}
        bare = measure(BARE, str(record))
        ours = measure(OURS, str(record), str(AGENDA), env=env)
    ratio = ours[1] / bare[1]
    print(f"resident memory after {READ_EVENTS:,} events (VmRSS, after gc.collect)")
    print(f"  plain dicts (json.loads, kept)  {mib(bare[1])}   before loading {mib(bare[0])}")
    print(f"  facilitator run, resumed        {mib(ours[1])}   before resuming {mib(ours[0])}")
    print(f"  ratio {ratio:.2f}   target <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'}")
    print("Reproduce: python benchmarks/memory.py")


if __name__ == "__main__":
    main()
