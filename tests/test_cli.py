"""The command line as a user meets it: real processes, real files, exit codes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "llm-interpretability.toml"


def cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    return result.stderr


def test_help_everywhere() -> None:
    result = cli("--help")
    assert result.returncode == 0
    for command in ("run", "validate", "export", "new", "template"):
        assert command in result.stdout
        sub = cli(command, "--help")
        assert sub.returncode == 0 and "usage: facilitator " + command in sub.stdout


def test_validate_prints_the_schedule() -> None:
    result = cli("validate", EXAMPLE)
    assert result.returncode == 0, result.stderr
    for clock in ("18:00", "18:30", "18:35", "19:25", "19:30"):
        assert clock in result.stdout


def test_validate_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[session]\ntitle = "x"\n\n[[segments]]\ntitle = "A"\nkind = "discusion"\nminutes = -5\n',
        encoding="utf-8",
    )
    err = assert_clean_error(cli("validate", bad))
    assert f"{bad}:6:" in err and "discussion" in err
    assert f"{bad}:7:" in err and "-5" in err


@pytest.mark.parametrize(
    "content",
    [None, b"", b"\xff\xfe\x00garbage", b"[session\ntitle=", b"[session]\ntitle = 3\n"],
    ids=["missing", "empty", "not-utf8", "syntax", "types"],
)
def test_validate_never_shows_a_traceback(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "agenda.toml"
    if content is not None:
        path.write_bytes(content)
    err = assert_clean_error(cli("validate", path))
    assert str(path) in err
    assert_clean_error(cli("validate", tmp_path))  # a folder


def test_usage_errors_exit_2() -> None:
    assert_clean_error(cli("run"), code=2)
    assert_clean_error(cli("run", EXAMPLE, "--speed", "fast"), code=2)
    assert_clean_error(cli("export", "x.jsonl", "--format", "pdf"), code=2)
    assert_clean_error(cli("new", "t.toml", "-o", "n.toml", "--date", "26/11/2026"), code=2)


def test_run_refuses_a_record_in_use(tmp_path: Path) -> None:
    record = tmp_path / "meetup.jsonl"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from facilitator.record.journal import Journal;"
            f"j = Journal.open(Path({str(record)!r})); print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        err = assert_clean_error(cli("run", EXAMPLE, "--record", record))
        assert "is open in another facilitator" in err and str(holder.pid) in err
    finally:
        holder.kill()
        holder.wait()


def test_run_rejects_bad_agenda_and_bad_attendees(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[session]\n", encoding="utf-8")
    err = assert_clean_error(cli("run", bad, "--record", tmp_path / "r.jsonl"))
    assert str(bad) in err
    csv = tmp_path / "rsvp.csv"
    csv.write_text("Member,RSVP\nAna,yes\n", encoding="utf-8")
    err = assert_clean_error(
        cli("run", EXAMPLE, "--record", tmp_path / "r.jsonl", "--attendees", csv)
    )
    assert str(csv) in err and "name" in err.lower()


def test_export_of_a_missing_record_is_one_line(tmp_path: Path) -> None:
    err = assert_clean_error(cli("export", tmp_path / "nope.jsonl"))
    assert "nope.jsonl" in err and len(err.strip().splitlines()) == 1


def test_outputs_never_overwrite_by_accident(tmp_path: Path) -> None:
    template = tmp_path / "t.toml"
    assert cli("template", EXAMPLE, "-o", template).returncode == 0
    new = tmp_path / "out" / "december.toml"  # the folder is created
    assert cli("new", template, "-o", new, "--date", "2026-12-17").returncode == 0
    before = new.read_bytes()
    err = assert_clean_error(cli("new", template, "-o", new))
    assert "already exists" in err and "--force" in err
    assert new.read_bytes() == before
    assert cli("new", template, "-o", new, "--force", "--topic", "Evals").returncode == 0
    assert b"Evals" in new.read_bytes()
    err = assert_clean_error(cli("new", template, "-o", tmp_path))
    assert "folder" in err


def test_run_without_a_terminal_refuses_at_once_and_writes_nothing(tmp_path: Path) -> None:
    records = tmp_path / "records"
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "run", str(EXAMPLE)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "FACILITATOR_RECORDS": str(records)},
        timeout=60,
    )
    err = assert_clean_error(result)
    assert "needs a terminal" in err and len(err.strip().splitlines()) == 1
    assert not records.exists()
