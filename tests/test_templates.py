"""Templates for the next host, and new agendas from them: the round trip agenda -> session ->
record -> template -> new agenda, with the vote's winner as the topic and the rest as backlog."""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
import resource
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.agenda import load_agenda, parse_agenda
from facilitator.errors import FacilitatorError
from facilitator.output import OutputError, write_new_file
from facilitator.record.journal import Journal
from facilitator.record.reading import load_record
from facilitator.templates import TemplateError, make_template, new_agenda
from tests.reference import AGENDA, WINNER, reference_evening

OTHERS = ["Sparse autoencoders", "Evaluating LLM agents", "AI for climate science"]


@pytest.fixture
def record_path(tmp_path: Path) -> Path:
    """The reference evening written through a real Journal, closed."""
    path = tmp_path / "records" / "2026-11-26.jsonl"
    with Journal.open(path) as journal:
        reference_evening(journal)
    return path


def test_round_trip_agenda_session_record_template_new_agenda(
    record_path: Path, tmp_path: Path
) -> None:
    assert load_record(record_path).state.finished
    text = make_template(record_path)
    template = parse_agenda(text, "template.toml")
    original = load_agenda(AGENDA)
    # What recurs is kept...
    assert template.segments == original.segments
    assert template.session.format == original.session.format
    # The materials were the old topic's reading: set aside, commented out, to restore by hand.
    assert template.session.materials == []
    assert "# Last time's reading (on LLM Interpretability)" in text
    restored = "\n".join(line.removeprefix("# ") for line in text.split("# remove")[1].splitlines())
    assert parse_agenda(text + restored.split("\n", 1)[1], "t").session.materials == (
        original.session.materials
    )
    assert template.session.start == original.session.start
    # ...what belonged to the evening is not.
    assert template.session.date is None and template.people == []
    assert template.session.description is None
    assert template.session.topic == WINNER and template.session.title == WINNER
    assert template.session.backlog == OTHERS
    assert text.startswith("# Template for the next session")
    assert str(record_path) in text.splitlines()[1]

    template_path = tmp_path / "next-template.toml"
    write_new_file(template_path, text)
    day = datetime.date(2026, 12, 10)
    new = parse_agenda(new_agenda(template_path, title=None, date=day, topic=None), "new.toml")
    assert new.session.date == day
    assert new.session.topic == WINNER and new.session.backlog == OTHERS
    assert new.segments == original.segments


def test_new_agenda_with_another_topic_takes_it_out_of_the_backlog(
    record_path: Path, tmp_path: Path
) -> None:
    template_path = tmp_path / "t.toml"
    template_path.write_text(make_template(record_path), encoding="utf-8")
    text = new_agenda(template_path, title=None, date=None, topic="evaluating llm agents")
    agenda = parse_agenda(text, "new.toml")
    assert agenda.session.topic == "evaluating llm agents"
    assert agenda.session.title == "evaluating llm agents"  # the title was the suggested topic
    assert agenda.session.backlog == ["Sparse autoencoders", "AI for climate science"]
    titled = new_agenda(template_path, title="December: SAEs", date=None, topic="SAEs")
    assert parse_agenda(titled).session.title == "December: SAEs"


def test_template_from_an_agenda_drops_the_topic_date_and_people() -> None:
    text = make_template(AGENDA)
    template = parse_agenda(text, "t.toml")
    original = load_agenda(AGENDA)
    assert template.session.topic is None and template.session.date is None
    assert template.people == []
    assert template.session.title == original.session.title
    assert template.session.backlog == original.session.backlog
    assert template.segments == original.segments
    assert "No topic was voted for" in text


def test_template_is_tidy_toml(record_path: Path) -> None:
    text = make_template(record_path)
    data = tomllib.loads(text)
    assert list(data) == ["session", "segments"]
    assert list(data["session"])[:2] == ["title", "group"]
    assert "date" not in data["session"] and "people" not in data
    assert make_template(record_path) == text  # stable
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert body[0] == "[session]"
    assert "[[segments]]" in body and "[[session.materials]]" not in body
    assert "# [[session.materials]]" in text


def test_template_from_a_record_still_being_written(tmp_path: Path) -> None:
    """A live record (the Journal open, the vote not closed) gives a template without topic."""
    from tests.reference import evening

    path = tmp_path / "live.jsonl"
    with Journal.open(path) as journal:
        evening("intros-done", sink=journal)
        template = parse_agenda(make_template(path), "t.toml")
        assert template.session.topic is None
        assert template.session.backlog == ["Sparse autoencoders", "Evaluating LLM agents"]


def test_withdrawn_topics_are_not_kept(tmp_path: Path) -> None:
    from tests.reference import arrivals, start

    path = tmp_path / "r.jsonl"
    with Journal.open(path) as journal:
        engine, clock = start(sink=journal)
        ids = arrivals(engine, clock, ["Rob", "Aroha"])
        for _ in range(3):
            engine.next_segment()
        keep = engine.nominate("Keep me", ids["Rob"])
        gone = engine.nominate("Withdrawn", ids["Aroha"])
        engine.withdraw(gone)
        engine.record_votes(keep, 2)
        engine.close_vote()
    template = parse_agenda(make_template(path), "t.toml")
    assert template.session.topic == "Keep me"
    assert template.session.backlog == ["Sparse autoencoders", "Evaluating LLM agents"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("[session]\ntitle = 'x'\n", "segments"),
        ("not = [toml", "TOML syntax error"),
    ],
)
def test_bad_agenda_is_one_clear_line(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "bad.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    calls: list[Callable[[], str]] = [lambda: make_template(path), lambda: new_agenda(path)]
    for call in calls:
        with pytest.raises(TemplateError, match=message) as info:
            call()
        assert str(path) in str(info.value) and "\n" not in str(info.value)
        assert isinstance(info.value, FacilitatorError)


def test_bad_record_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"not": "an event"}\n', encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        make_template(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_new_agenda_refuses_an_empty_title(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="title must not be empty"):
        new_agenda(AGENDA, title="  ")


def test_write_new_file_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    write_new_file(path, "first\n")
    with pytest.raises(OutputError, match=r"already exists.*--force"):
        write_new_file(path, "second\n")
    assert path.read_text() == "first\n"
    write_new_file(path, "second\n", force=True)
    assert path.read_text() == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.toml"]  # no temporary file left
    with pytest.raises(OutputError, match="folder does not exist"):
        write_new_file(tmp_path / "missing" / "x.toml", "x")


def test_a_new_topic_does_not_inherit_the_old_topics_materials() -> None:
    original = load_agenda(AGENDA)
    same = parse_agenda(new_agenda(AGENDA, topic="llm  interpretability"), "same.toml")
    assert same.session.materials == original.session.materials
    text = new_agenda(AGENDA, topic="Sparse autoencoders")
    assert parse_agenda(text, "new.toml").session.materials == []
    assert "# Last time's reading (on LLM Interpretability)" in text
    assert '# url = "https://www.anthropic.com/research/tracing-thoughts-language-model"' in text


# -- a disk that refuses the write -------------------------------------------------------------


def _cli_with_file_size_limit(limit: int, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real command with RLIMIT_FSIZE lowered: the kernel refuses writes past `limit`
    bytes (EFBIG), as a full disk refuses them."""

    def limit_writes() -> None:
        resource.setrlimit(
            resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1])
        )

    return subprocess.run(
        [sys.executable, "-m", "facilitator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_writes,
    )


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("command", ["new", "template"])
def test_a_failed_write_leaves_no_file_behind(tmp_path: Path, command: str, force: bool) -> None:
    out = tmp_path / "next.toml"
    if force:
        out.write_text("# the host's own agenda\n", encoding="utf-8")
    extra = ["--force"] if force else []
    result = _cli_with_file_size_limit(100, command, AGENDA, "-o", out, *extra)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{out}: cannot write" in result.stderr
    if force:
        assert out.read_text(encoding="utf-8") == "# the host's own agenda\n"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == (["next.toml"] if force else [])
    # Once the disk takes writes again, the same command works: no "already exists".
    again = subprocess.run(
        [sys.executable, "-m", "facilitator", command, str(AGENDA), "-o", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert parse_agenda(out.read_text(encoding="utf-8"), "next.toml").segments


def test_a_full_tmpfs_leaves_no_empty_file(tmp_path: Path) -> None:
    """A real full file system (a 16 KiB tmpfs filled up), where the platform allows mounting."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the RLIMIT_FSIZE test covers the same path")
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(disk)], capture_output=True
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mount.stderr.decode().strip()}")
    try:
        filler = disk / "photos.bin"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 1024):
                pass
        os.close(fd)
        out = disk / "next.toml"
        result = subprocess.run(
            [sys.executable, "-m", "facilitator", "template", str(AGENDA), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1 and "No space left on device" in result.stderr
        assert sorted(p.name for p in disk.iterdir()) == ["photos.bin"]
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_write_new_file_where_the_file_system_has_no_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and exFAT USB sticks refuse os.link: the file is created exclusively instead."""

    def no_links(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "new.toml"
    write_new_file(path, "first\n")
    with pytest.raises(OutputError, match="already exists"):
        write_new_file(path, "second\n")
    assert path.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.toml"]
