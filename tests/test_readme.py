"""The README is for a newcomer: what it shows must be true."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from facilitator.agenda import parse_agenda
from facilitator.cli import build_parser
from facilitator.record.locations import new_record_path, records_dir

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_agenda_example_is_valid() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", README, re.S)
    assert blocks, "the README shows an agenda"
    agenda = parse_agenda(blocks[0], "README.md")
    assert [s.kind for s in agenda.segments] == ["arrival", "intros", "discussion", "voting"]
    assert agenda.total_seconds == 90 * 60


def test_two_quick_start_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line for line in re.findall(r"```sh\n(.*?)```", quick, re.S)[0].splitlines()]
    commands = [c for c in commands if c and not c.startswith("#")]
    assert len(commands) == 2
    assert "facilitator run sessions/llm-interpretability.toml" in commands[0]
    assert "pytest" in commands[1]
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci and "python -m pytest" in commands[1]


def test_every_subcommand_and_the_record_folder_are_documented(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"facilitator {name}" in README
    monkeypatch.delenv("FACILITATOR_RECORDS", raising=False)
    monkeypatch.setenv("HOME", "/home/host")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent")
    path = new_record_path(records_dir(), "llm-interpretability", date(2026, 11, 26))
    assert str(path).replace("/home/host", "~") in README
    assert "FACILITATOR_RECORDS" in README


def test_keys_table_matches_spec_keys() -> None:
    for key in ("space", "n", "p", "x", "]", "+", "-", "a", "h", "/", "ctrl+z", "?", "q"):
        assert f"| `{key}`" in README or f"`{key}` /" in README or f"/ `{key}`" in README, key
