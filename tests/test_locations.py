"""Where records go by default, and the one variable that moves them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import platformdirs
import pytest

from facilitator.record.locations import RECORDS_ENV, new_record_path, records_dir


def test_records_go_to_documents_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RECORDS_ENV, raising=False)
    assert records_dir() == platformdirs.user_documents_path() / "facilitator"


def test_environment_variable_moves_the_records(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(RECORDS_ENV, str(tmp_path / "records"))
    assert records_dir() == tmp_path / "records"
    monkeypatch.setenv(RECORDS_ENV, "~/meetups")
    assert records_dir() == Path.home() / "meetups"
    monkeypatch.setenv(RECORDS_ENV, "  ")  # set but empty: as if unset
    assert records_dir() == platformdirs.user_documents_path() / "facilitator"


def test_a_new_record_is_named_after_the_agenda_and_the_day(tmp_path: Path) -> None:
    day = date(2026, 11, 26)
    first = new_record_path(tmp_path, "interpretability", day)
    assert first == tmp_path / "interpretability.2026-11-26.jsonl"
    first.write_bytes(b"")
    assert new_record_path(tmp_path, "interpretability", day) == (
        tmp_path / "interpretability.2026-11-26-2.jsonl"
    )  # never a name a file already has
    assert new_record_path(tmp_path, "interpretability", day, rehearsal=True) == (
        tmp_path / "interpretability.rehearsal.2026-11-26.jsonl"
    )
    assert new_record_path(tmp_path, "night\x1b]0;x\x07\u202e", day).name == (
        "night_]0;x__.2026-11-26.jsonl"
    )  # printed at exit: no control character reaches the terminal through a file name


def test_no_terminal_ui_is_imported() -> None:
    code = (
        "import sys, facilitator.record.locations, facilitator.record.journal;"
        "print('textual' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout == "False\n"
