"""Every command, with hostile bytes in every user-text field: no ESC, BEL, C1 or bidi control
reaches the terminal (stdout, stderr) or a file the command writes.

User text comes from agendas (titles, names, venue, topics, materials), RSVP files, records
(names, notes, topics) and file names. A fixed set of known attacks runs through real processes;
hypothesis then varies the text through `main()` in-process (the same code, faster).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.cli import main
from facilitator.controls import BIDI_CONTROLS
from facilitator.live import open_session

ROOT = Path(__file__).resolve().parent.parent
ESC = "\x1b"
ATTACKS = [
    f"{ESC}]0;pwned\x07",  # OSC 0: the window title
    f"{ESC}]8;;https://evil.example{ESC}\\link{ESC}]8;;{ESC}\\",  # OSC 8: a hidden link
    f"{ESC}]52;c;cm0gLXJmIH4=\x07",  # OSC 52: the clipboard
    f"{ESC}[2J{ESC}[H",  # CSI: clear the screen
    "ding\x07",
    "\x9b31mred\x9d0;t\x9c",  # C1: one-byte CSI, OSC, ST
    "Ali\u202egnp.exe",  # RLO
]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly (control characters as \\u escapes)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def hostile_agenda(text: str) -> str:
    s = toml_string
    return f"""
[session]
title = {s("Night " + text)}
group = {s("Group " + text)}
host = {s("Host " + text)}
venue = {s("Venue " + text)}
topic = {s("Topic " + text)}
format = {s("Format " + text)}
date = 2026-11-26
start = 18:00:00
backlog = [{s("Backlog " + text)}]

[[session.materials]]
title = {s("Paper " + text)}
url = "https://example.org/paper"

[[segments]]
title = {s("Arrive " + text)}
kind = "arrival"
minutes = 10

[[segments]]
title = {s("Round " + text)}
kind = "discussion"
minutes = 20

[[segments]]
title = {s("Vote " + text)}
kind = "voting"
minutes = 5

[[people]]
name = {s("Rob " + text)}
"""


def make_inputs(folder: Path, text: str) -> dict[str, Path]:
    """An agenda, an RSVP file and a finished record, all full of `text`."""
    folder.mkdir(parents=True, exist_ok=True)
    agenda = folder / re.sub("[\x00/]", "_", f"night{text[:12]}.toml")  # a file name with it too
    agenda.write_text(hostile_agenda(text), encoding="utf-8")
    rsvp = folder / "rsvp.csv"
    rsvp.write_text(f'Name,RSVP\n"Ana {text}",yes\n"Wei {text}",no\n', encoding="utf-8")
    record = folder / "record.jsonl"
    live = open_session(agenda, record=record)
    engine = live.engine
    engine.toggle_clock()
    first = engine.check_in(f"Eve {text}")
    engine.check_in(f"Tom {text}")
    engine.next_segment()
    engine.add_note(f"todo: {text} https://ok.example/x")
    engine.next_speaker()
    engine.next_segment()
    engine.nominate(f"Next {text}", first)
    engine.end_session()
    live.journal.close()
    return {"agenda": agenda, "rsvp": rsvp, "record": record}


def commands(inputs: dict[str, Path], out: Path) -> list[list[str]]:
    agenda, rsvp, record = (str(inputs[k]) for k in ("agenda", "rsvp", "record"))
    return [
        ["validate", agenda],
        ["attendees", rsvp],
        ["attendees", rsvp, "--format", "json"],
        *[["export", record, "--format", f] for f in ("md", "json", "html", "text")],
        *[["export", record, "-o", str(out / f"summary.{ext}")] for ext in ("md", "html", "txt")],
        ["export", record, "--anonymous"],
        ["template", record, "-o", str(out / "next.toml")],
        ["new", str(out / "next.toml"), "-o", str(out / "december.toml")],
        ["validate", str(out / "december.toml")],
        ["run", agenda, "--record", record],  # a finished record: refused, naming it
        ["run", str(ROOT / "sessions" / "llm-interpretability.toml"), "--record", record],
        ["run", agenda],  # no terminal: refused
        ["export", agenda],  # an agenda where a record belongs
    ]


def clean(where: str, text: str) -> None:
    found = sorted(set(RAW.findall(text)))
    assert not found, f"{where}: raw {found!r} in {text[:400]!r}"


@contextmanager
def records_folder(folder: Path) -> Iterator[None]:
    before = os.environ.get("FACILITATOR_RECORDS")
    os.environ["FACILITATOR_RECORDS"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["FACILITATOR_RECORDS"]
        else:
            os.environ["FACILITATOR_RECORDS"] = before


def check_every_command(
    folder: Path, text: str, run: Callable[[list[str]], tuple[int, str, str]]
) -> None:
    with records_folder(folder / "records"):
        inputs = make_inputs(folder / "in", text)
    out = folder / "out"
    out.mkdir()
    for command in commands(inputs, out):
        code, stdout, stderr = run(command)
        assert "Traceback" not in stderr, (command, stderr)
        clean(f"{command[0]} stdout", stdout)
        clean(f"{command[0]} stderr", stderr)
    written = list(out.iterdir())
    assert len(written) == 5
    for path in written:
        clean(path.name, path.read_text(encoding="utf-8"))


def test_every_command_in_real_processes(tmp_path: Path) -> None:
    env = {**os.environ, "FACILITATOR_RECORDS": str(tmp_path / "records")}

    def run(command: list[str]) -> tuple[int, str, str]:
        done = subprocess.run(
            [sys.executable, "-m", "facilitator", *command],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        return done.returncode, done.stdout, done.stderr

    check_every_command(tmp_path, "".join(ATTACKS), run)


HOSTILE = st.text(
    alphabet=st.sampled_from(
        [
            ESC,
            "\x07",
            "\x9b",
            "\x9d",
            "\x9c",
            "\x85",
            "\x00",
            "\x08",
            "\x7f",
            "\r",
            "\u202e",
            *"[]];:/\\\"'<>&*_#`|ab é李🎉",
        ]
    ),
    min_size=1,
    max_size=24,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE)
def test_every_command_with_varied_hostile_text(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    folder = tmp_path_factory.mktemp("hostile")

    def run(command: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(command)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    check_every_command(folder, text, run)
