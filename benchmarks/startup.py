"""Time to the first frame of the whole `facilitator run` process versus a bare Textual app.

Both are started in a real pseudo-terminal, alternating, and timed from exec until the title
appears in their output (python start-up and imports included: what a host waits for).
Run from the repository root: ``python benchmarks/startup.py [--runs 8]``.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = b"Tracing Thoughts"
BARE = (
    "from textual.app import App\n"
    "from textual.widgets import Label\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Label('LLM Interpretability: Tracing Thoughts')\n"
    "Bare().run()\n"
)


def first_frame(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        os.environ.update(env, TERM="xterm-256color")
        os.execv(argv[0], argv)
    seen = b""
    elapsed = float("nan")
    try:
        while select.select([fd], [], [], 20)[0]:
            seen += os.read(fd, 65536)
            if MARKER in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    runs = parser.parse_args().runs
    bare: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            bare.append(first_frame([sys.executable, "-c", BARE], {}))
            records = {"FACILITATOR_RECORDS": f"{tmp}/records-{run}"}
            agenda = str(ROOT / "sessions" / "llm-interpretability.toml")
            ours.append(first_frame([sys.executable, "-m", "facilitator", "run", agenda], records))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"first frame, whole process (median of {runs})")
    print(f"  bare Textual app   {b * 1e3:7.0f} ms")
    print(f"  facilitator run    {o * 1e3:7.0f} ms   ratio {o / b:.2f} (target <= 1.2)")
    print("Reproduce: python benchmarks/startup.py")


if __name__ == "__main__":
    main()
