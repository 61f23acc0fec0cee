"""The command line when its surroundings fail: a reader that leaves, a full or closed output,
an ASCII-only locale, a symlink loop, a pipe given as a file. Real processes, no traceback ever.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.record.journal import Journal
from tests.reference import reference_evening

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "llm-interpretability.toml"
TEMPLATE = ROOT / "sessions" / "templates" / "reading-group.toml"


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("record") / "evening.jsonl"
    with Journal.open(path) as journal:
        reference_evening(journal)
    return path


def facilitator(
    *args: str | Path,
    stdout: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec,
        timeout=60,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> str:
    for stream in (result.stderr, result.stdout or ""):
        assert "Traceback" not in stream and "Exception ignored" not in stream, stream
    return result.stderr


def commands_writing_stdout(record: Path) -> list[list[str | Path]]:
    rsvp = record.with_name("rsvp.csv")
    rsvp.write_text("Name,RSVP\nAroha,yes\nWei,yes\n", encoding="utf-8")
    return [
        ["validate", EXAMPLE],
        ["attendees", rsvp],
        ["export", record],
        ["export", record, "--format", "json"],
        ["--help"],
        ["run", "--help"],
    ]


def test_a_reader_that_left_is_no_traceback(record: Path) -> None:
    """`facilitator validate … | head -1`, made certain: the pipe is closed before we write."""
    for command in commands_writing_stdout(record):
        read, write = os.pipe()
        os.close(read)
        try:
            result = facilitator(*command, stdout=write)
        finally:
            os.close(write)
        assert no_traceback(result) == "", command
        assert result.returncode == 141, command


def test_a_full_output_is_one_line(record: Path) -> None:
    with open("/dev/full", "w") as full:
        for command in commands_writing_stdout(record):
            result = facilitator(*command, stdout=full.fileno())
            err = no_traceback(result)
            assert result.returncode == 1, command
            assert err == "facilitator: cannot write the output: No space left on device\n"


def test_a_closed_output_is_one_line(record: Path) -> None:
    for command in commands_writing_stdout(record):
        result = facilitator(*command, stdout=None, preexec=lambda: os.close(1))
        err = no_traceback(result)
        assert result.returncode == 1, command
        assert err == "facilitator: cannot write the output: standard output is closed\n"


def test_an_ascii_only_locale(record: Path) -> None:
    ascii_env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    ascii_env["PYTHONIOENCODING"] = ""
    commands: list[list[str | Path]] = [["validate", EXAMPLE], ["export", record]]
    for command in commands:
        result = facilitator(*command, env=ascii_env)
        no_traceback(result)
        assert result.returncode == 0, command
        assert result.stdout.isascii()
    result = facilitator("validate", EXAMPLE, env=ascii_env)
    assert "18:00?18:30" in result.stdout  # an en dash the locale cannot show


def test_symlink_loops_and_pipes_are_one_line_errors(tmp_path: Path, record: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    cases: list[list[str | Path]] = [
        ["validate", loop],
        ["validate", fifo],
        ["export", loop],
        ["export", fifo],
        ["export", record, "-o", loop],
        ["template", loop, "-o", tmp_path / "t.toml"],
        ["new", loop, "-o", tmp_path / "n.toml"],
        ["new", TEMPLATE, "-o", loop],
        ["run", loop],
        ["run", fifo],
    ]
    for command in cases:
        result = facilitator(*command)
        err = no_traceback(result)
        assert result.returncode == 1, (command, err)
        assert err.startswith(("facilitator: ", str(tmp_path))), (command, err)


# --- run in a real terminal --------------------------------------------------------------------


def in_terminal(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 30) -> str:
    """Run facilitator on a pseudo-terminal; what it wrote, once it exits (it must)."""
    main, side = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator", *map(str, args)],
        stdin=side,
        stdout=side,
        stderr=side,
        env={**os.environ, "TERM": "xterm-256color", **(env or {})},
        close_fds=True,
    )
    os.close(side)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        assert process.wait(timeout=max(0.1, deadline - time.monotonic())) == 1, output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    return output.decode("utf-8", "replace")


def test_run_with_a_symlink_loop_as_record_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop)
    out = in_terminal("run", EXAMPLE, "--record", loop)
    assert "Traceback" not in out
    assert f"{loop}: Too many levels of symbolic links" in out or "symbolic links" in out


def test_run_with_a_pipe_as_record_is_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    out = in_terminal("run", EXAMPLE, "--record", fifo)
    assert "Traceback" not in out and "not a regular file" in out
