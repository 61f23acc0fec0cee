"""`facilitator export` as a user runs it: the format follows -o's extension, an existing file
is never overwritten without --force, and an agenda given by mistake is named as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.record.journal import Journal
from tests.reference import AGENDA, reference_evening
from tests.test_cli import assert_clean_error, cli


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "evening.jsonl"
    with Journal.open(path) as journal:
        reference_evening(journal)
    return path


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("summary.html", "<!DOCTYPE html>"),
        ("summary.HTM", "<!DOCTYPE html>"),
        ("summary.json", "{"),
        ("summary.md", "# LLM Interpretability"),
        ("recap.txt", "LLM Interpretability: Tracing Thoughts — "),
        ("summary", "# LLM Interpretability"),
    ],
)
def test_the_extension_picks_the_format(
    record: Path, tmp_path: Path, name: str, starts: str
) -> None:
    out = tmp_path / name
    result = cli("export", record, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith(starts)
    assert result.stdout == ""


def test_an_explicit_format_wins_over_the_extension(record: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.html"
    assert cli("export", record, "--format", "json", "-o", out).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == 1


def test_never_overwrites_without_force(record: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    out.write_text("my edited summary\n", encoding="utf-8")
    err = assert_clean_error(cli("export", record, "-o", out))
    assert "already exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "my edited summary\n"
    assert cli("export", record, "-o", out, "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# LLM Interpretability")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]  # no temporary left


def test_an_agenda_is_named_as_one_with_where_records_are(tmp_path: Path) -> None:
    records = tmp_path / "records"
    err = assert_clean_error(cli("export", AGENDA, env={"FACILITATOR_RECORDS": str(records)}))
    assert f"{AGENDA} is an agenda, not a session record" in err
    assert "no record yet" in err and str(records) in err
    assert "line 1" not in err and len(err.strip().splitlines()) == 1
    record = records / "llm-interpretability.jsonl"
    with Journal.open(record) as journal:
        reference_evening(journal)
    err = assert_clean_error(cli("export", AGENDA, env={"FACILITATOR_RECORDS": str(records)}))
    assert f"its latest record is {record}" in err


def test_a_damaged_record_is_still_reported_as_a_record(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    err = assert_clean_error(cli("export", bad))
    assert "is an agenda" not in err and str(bad) in err
