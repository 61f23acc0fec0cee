"""Time to the first frame of the whole `facilitator run` process versus a bare app that does
the same unavoidable work: Textual with the same widgets and stylesheet, and the same pydantic
validation of the same agenda (the agenda's checks are the product too).

Both are started in a real pseudo-terminal, alternating, and timed from exec until the
agenda's title appears in their output (python start-up and imports included: what a host
waits for). This environment may set PYTHONDONTWRITEBYTECODE, so the benchmark first compiles
the bytecode (`python -m compileall` of the package and its dependencies), as an installed
app has it. Target (issue 12): ours <= 1.2x the bare app.

Run from the repository root: ``python benchmarks/startup.py [--runs 10]``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import pty
import select
import signal
import statistics
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGENDA = ROOT / "sessions" / "llm-interpretability.toml"
MARKER = b"Tracing Thoughts"
TARGET = 1.2
BARE = f"""
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Input, Label, Static
from facilitator.agenda import load_agenda  # the same validation (pydantic) of the same agenda

agenda = load_agenda({str(AGENDA)!r})
CSS = {str(ROOT / "src" / "facilitator" / "tui" / "facilitator.tcss")!r}


class Bare(App[None]):
    CSS_PATH = CSS

    def compose(self):
        with Horizontal(id="header"):
            yield Label(agenda.session.title, id="title")
            yield Static("not started", id="schedule")
            yield Static("18:00", id="wallclock")
        yield Label("", id="notice")
        yield Label("", id="unsaved")
        with Horizontal(id="body"):
            yield Static("\\n".join(s.title for s in agenda.segments), id="agenda")
            with Vertical(id="main"):
                with Vertical(id="countdown"):
                    with Horizontal(id="segment-line"):
                        yield Static("Press space to start", id="segment-title")
                        yield Static("", id="warning")
                    yield Digits("30:00", id="digits")
                    yield Static("", id="progress")
                yield Static("Nobody is speaking", id="speaker")
                for name in ("people", "checkin", "vote", "summary"):
                    yield Static("", id=name)
        with Vertical(id="notes"):
            yield Input(placeholder="A note", id="note-input")
            yield Static("No notes yet", id="notes-list")
        yield Static("space start  n next  p pass", id="keys")


Bare().run()
"""


def compile_bytecode() -> None:
    """What an installed app has and this environment may not write by itself."""
    for folder in (ROOT / "src", Path(sysconfig.get_paths()["purelib"])):
        compileall.compile_dir(folder, quiet=2, workers=0)


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


def spread(values: list[float]) -> str:
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"(quartiles {q1 * 1e3:.0f}-{q3 * 1e3:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    compile_bytecode()
    bare: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        for run in range(-1, runs):  # run -1 warms the disk cache for both, and is not counted
            b = first_frame([sys.executable, str(script)], {})
            records = {"FACILITATOR_RECORDS": f"{tmp}/records-{run}"}
            argv = [sys.executable, "-m", "facilitator", "run", str(AGENDA)]
            o = first_frame(argv, records)
            if run >= 0:
                bare.append(b)
                ours.append(o)
    b, o = statistics.median(bare), statistics.median(ours)
    ratio = o / b
    print(f"first frame, whole process, bytecode compiled first (median of {runs}, alternating)")
    print(
        f"  bare app: same widgets, stylesheet, agenda validation  {b * 1e3:6.0f} ms {spread(bare)}"
    )
    print(
        f"  facilitator run                                        {o * 1e3:6.0f} ms {spread(ours)}"
    )
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"  ratio {ratio:.2f}   target <= {TARGET}: {verdict}")
    print("Reproduce: python benchmarks/startup.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
