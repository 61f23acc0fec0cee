"""The record on disk: format, torn and corrupt lines, locking, archiving, failing disks.

Real files and real processes throughout: the guarantees are about the kernel and the disk.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from facilitator.record.journal import (
    CorruptRecord,
    Journal,
    JournalError,
    ReadResult,
    RecordLocked,
    read_records,
)

CHILD = Path(__file__).with_name("journal_child.py")


def _records(path: Path) -> list[dict[str, object]]:
    result = read_records(path)
    assert result.warnings == []
    return result.records


# --- format --------------------------------------------------------------------------------


def test_append_then_read_round_trip_as_compact_lines(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    events = [{"type": "SessionStarted", "seq": 0}, {"type": "NoteAdded", "seq": 1, "n": [1, 2]}]
    with Journal.open(path) as journal:
        assert journal.existing == ReadResult([], [], 0)
        assert all(journal.append(event) for event in events)
        assert journal.pending == 0
        assert journal.last_error is None
    assert path.read_bytes() == (
        b'{"type":"SessionStarted","seq":0}\n{"type":"NoteAdded","seq":1,"n":[1,2]}\n'
    )
    assert _records(path) == events
    with Journal.open(path) as journal:
        assert journal.existing.records == events
        assert journal.existing.valid_bytes == path.stat().st_size


def test_unicode_is_stored_as_utf8_one_line_per_event(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    events = [
        {"name": "Zoë 李 مرحبا 🎉", "note": "a\nb"},
        # str.splitlines() would split on these; a record must not
        {"note": "line\u2028separator, next\x85line, form\x0cfeed"},
        {"note": "lone surrogate \ud83d from a broken paste"},
    ]
    with Journal.open(path) as journal:
        assert all(journal.append(event) for event in events)
    data = path.read_bytes()
    assert data.count(b"\n") == len(events)
    assert "Zoë 李 مرحبا 🎉".encode() in data  # readable in an editor, not \u-escaped
    data.decode("utf-8")  # the lone surrogate was escaped, so the file is valid UTF-8
    assert _records(path) == events


def test_values_json_cannot_hold_raise_and_write_nothing(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    with Journal.open(path) as journal:
        with pytest.raises(TypeError):
            journal.append({"at": datetime(2026, 11, 26)})
        with pytest.raises(ValueError):
            journal.append({"seconds": float("nan")})
        with pytest.raises(TypeError):
            journal.append([1, 2])  # type: ignore[arg-type]
        assert journal.pending == 0
    assert path.read_bytes() == b""


def test_empty_record(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    path.write_bytes(b"")
    assert read_records(path) == ReadResult([], [], 0)


def test_missing_record_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.jsonl"
    with pytest.raises(JournalError) as info:
        read_records(path)
    assert type(info.value) is JournalError
    assert str(path) in str(info.value)


def test_a_folder_is_not_a_record(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="is a folder"):
        read_records(tmp_path)
    with pytest.raises(JournalError, match="is a folder"):
        Journal.open(tmp_path)


def test_blank_lines_crlf_and_trailing_whitespace_are_harmless(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    data = b'\n{"a":1}\r\n\n   \n{"b":2}\n  '
    path.write_bytes(data)
    assert read_records(path) == ReadResult([{"a": 1}, {"b": 2}], [], len(data))
    with Journal.open(path) as journal:
        assert journal.append({"c": 3})
    assert _records(path) == [{"a": 1}, {"b": 2}, {"c": 3}]


# --- torn and corrupt lines ----------------------------------------------------------------


def test_torn_last_line_is_dropped_and_set_aside_on_open(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    good, torn = b'{"seq":0}\n{"seq":1}\n', '{"seq":2,"text":"caf\u00e9'.encode()[:-1]
    path.write_bytes(good + torn)

    result = read_records(path)
    assert result.records == [{"seq": 0}, {"seq": 1}]
    assert result.warnings == [f"{path}: line 3 was cut off by a crash and is ignored"]
    assert result.valid_bytes == len(good)
    assert path.read_bytes() == good + torn  # reading never changes the file

    side = tmp_path / "record.jsonl.torn-1"
    with Journal.open(path) as journal:
        assert journal.existing.records == result.records
        assert journal.existing.warnings == [f"{result.warnings[0]}; its bytes are kept in {side}"]
        assert side.read_bytes() == torn
        assert path.read_bytes() == good
        assert journal.append({"seq": 2})
    assert _records(path) == [{"seq": 0}, {"seq": 1}, {"seq": 2}]

    path.write_bytes(path.read_bytes() + b'{"seq":3')  # a second crash never overwrites the first
    with Journal.open(path) as journal:
        assert len(journal.existing.records) == 3
    assert side.read_bytes() == torn
    assert (tmp_path / "record.jsonl.torn-2").read_bytes() == b'{"seq":3'


def test_unparsable_last_line_is_torn_too(tmp_path: Path) -> None:
    # A power cut can leave a full-length line of zeros: the size was written, the data not.
    path = tmp_path / "record.jsonl"
    path.write_bytes(b'{"seq":0}\n\x00\x00\x00\x00\n\n')
    result = read_records(path)
    assert result.records == [{"seq": 0}]
    assert result.warnings == [f"{path}: line 2 was cut off by a crash and is ignored"]
    with Journal.open(path) as journal:
        assert journal.append({"seq": 1})
    assert (tmp_path / "record.jsonl.torn-1").read_bytes() == b"\x00\x00\x00\x00\n\n"
    assert _records(path) == [{"seq": 0}, {"seq": 1}]


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (b'{"seq":0}\n\n{"seq":1\n{"seq":2}\n', 3, "is not valid JSON"),
        (b'{"seq":0}\n[1,2]\n{"seq":2}\n', 2, "is not a JSON object"),
        (b'{"seq":0}\n"a string"\n', 2, "is not a JSON object"),  # parses: not a crash artefact
        (b'{"seq":0}\n{"name":"\xff"}\n{"seq":2}\n', 2, "is not UTF-8 text"),
        (b'\xef\xbb\xbf{"seq":0}\n{"seq":1}\n', 1, "is not valid JSON"),  # a BOM from an editor
    ],
)
def test_damage_before_the_end_names_the_line(
    tmp_path: Path, data: bytes, line: int, problem: str
) -> None:
    path = tmp_path / "record.jsonl"
    path.write_bytes(data)
    with pytest.raises(CorruptRecord) as info:
        read_records(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}: line {line} {problem}")
    with pytest.raises(CorruptRecord):
        Journal.open(path)
    assert path.read_bytes() == data  # never "repaired" behind the user's back
    assert not (tmp_path / "record.jsonl.lock").exists()  # and the lock was released


# --- locking -------------------------------------------------------------------------------


def test_second_open_in_another_process_is_refused_until_that_process_dies(
    tmp_path: Path,
) -> None:
    path = tmp_path / "record.jsonl"
    holder = subprocess.Popen(
        [sys.executable, str(CHILD), "hold", str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(RecordLocked) as info:
            Journal.open(path)
        assert str(info.value) == (
            f"{path} is open in another facilitator (pid {holder.pid}). "
            "Close that one first, or use --record to write elsewhere."
        )
        link = tmp_path / "hard-link.jsonl"
        os.link(path, link)
        with pytest.raises(RecordLocked, match=f"pid {holder.pid}"):
            Journal.open(link)  # a second name for the same file meets the same lock
        assert read_records(path).records == []  # export still reads while a session runs
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert holder.returncode == -9  # SIGKILL: no chance to clean up; the kernel drops the lock
    with Journal.open(path) as journal:
        assert journal.append({"seq": 0})


def test_second_open_in_the_same_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    link = tmp_path / "link.jsonl"
    with Journal.open(path):
        link.symlink_to(path)
        with pytest.raises(RecordLocked, match=f"pid {os.getpid()}"):
            Journal.open(path)
        with pytest.raises(RecordLocked):
            Journal.open(link)  # another name for the same record shares its lock
    with Journal.open(link) as journal:
        assert journal.append({"seq": 0})


def test_a_hard_link_shares_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    link = tmp_path / "2026-12" / "record.jsonl"  # another folder, the same file
    with Journal.open(path) as journal:
        link.parent.mkdir()
        os.link(path, link)
        with pytest.raises(RecordLocked, match=f"pid {os.getpid()}"):
            Journal.open(link)
        assert journal.append({"seq": 0})
    with Journal.open(link) as journal:
        assert journal.append({"seq": 1})
    assert _records(path) == [{"seq": 0}, {"seq": 1}]


def test_close_releases_the_lock_and_is_final(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "record.jsonl"  # folders are created
    journal = Journal.open(path)
    assert journal.close() is True
    assert journal.close() is True
    with pytest.raises(ValueError, match="closed"):
        journal.append({"seq": 0})
    Journal.open(path).close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["record.jsonl"]  # no lock files


def test_a_pipe_or_device_is_never_a_record(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    for opener in (Journal.open, read_records):
        with pytest.raises(JournalError, match="not a regular file"):
            opener(fifo)
    with pytest.raises(JournalError, match="not a regular file"):
        Journal.open(Path("/dev/null"))


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop)
    with pytest.raises(JournalError, match="symbolic links"):
        Journal.open(loop)
    with pytest.raises(JournalError, match="symbolic links"):
        read_records(loop)


# --- the record moved, deleted or replaced while open ----------------------------------------


def _shell(command: str, *paths: Path) -> None:
    """Another process does it (a cloud-sync client, a clean-up): not our own file handle."""
    subprocess.run([*command.split(), *map(str, paths)], check=True)


def test_a_deleted_record_is_written_again_at_its_path(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    with Journal.open(path) as journal:
        assert journal.append({"seq": 0}) and journal.append({"seq": 1})
        _shell("rm", path)
        assert journal.append({"seq": 2})
        assert journal.path == path
        news = journal.watch()
        assert news is not None and "moved or deleted" in news and "same path" in news
        assert journal.watch() is None  # told once
        assert journal.append({"seq": 3})
    assert _records(path) == [{"seq": n} for n in range(4)]


def test_a_replaced_record_is_written_beside_and_the_new_file_is_left_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "record.jsonl"
    other = tmp_path / "synced-copy"
    other.write_bytes(b'{"seq":0}\n')
    with Journal.open(path) as journal:
        assert journal.append({"seq": 0}) and journal.append({"seq": 1})
        _shell("mv", other, path)  # `mv` over it: a sync client replacing the file
        assert journal.append({"seq": 2})
        assert journal.path == tmp_path / "record.rewritten-1.jsonl"
        news = journal.watch()
        assert news is not None and str(journal.path) in news
    assert path.read_bytes() == b'{"seq":0}\n'
    assert _records(tmp_path / "record.rewritten-1.jsonl") == [{"seq": n} for n in range(3)]


def test_a_removed_folder_is_made_again_by_the_periodic_check(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    path = folder / "record.jsonl"
    with Journal.open(path) as journal:
        assert journal.append({"seq": 0})
        _shell("rm -rf", folder)
        news = journal.watch()  # no action needed: the check runs on its own
        assert news is not None and "moved or deleted" in news
        assert _records(path) == [{"seq": 0}]
        assert journal.append({"seq": 1})
    assert _records(path) == [{"seq": 0}, {"seq": 1}]


def test_when_the_record_cannot_be_written_again_nothing_is_lost(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    path = folder / "record.jsonl"
    journal = Journal.open(path)
    assert journal.append({"seq": 0})
    _shell("rm -rf", folder)
    folder.write_bytes(b"")  # a file where the folder was: it cannot be made again
    assert not journal.append({"seq": 1})
    assert journal.last_error is not None and "moved or deleted" in journal.last_error
    assert journal.pending == 1
    folder.unlink()
    assert journal.retry()
    assert journal.close()
    assert _records(path) == [{"seq": 0}, {"seq": 1}]


def test_a_record_deleted_after_the_last_action_is_written_again_at_close(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    journal = Journal.open(path)
    assert journal.append({"seq": 0})
    _shell("rm", path)
    assert journal.close()
    assert _records(path) == [{"seq": 0}]


# --- failing disks -------------------------------------------------------------------------


def test_file_too_large_keeps_events_in_memory_then_retries(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse writes (EFBIG) past a size, like a full disk."""
    path = tmp_path / "record.jsonl"
    run = subprocess.run(
        [sys.executable, str(CHILD), "fsize", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    acked = report["acked"]
    assert 10 < acked < 1000
    assert report["pending_after_failure"] == 1
    assert report["last_error"].startswith(f"Cannot save to {path}: File too large. 1 unsaved")
    after = report["bytes_after_failure"]
    assert after.endswith("\n")  # the partial line the kernel let through was cut off again
    assert len(after.encode()) <= report["limit"]
    assert [json.loads(line)["seq"] for line in after.splitlines()] == list(range(acked))
    assert report["readable_after_failure"] == [acked, []]
    assert report["more_while_failing"] == [False, False, False]
    assert report["pending_while_failing"] == 3
    assert report["retry"] is True
    assert report["pending_after_retry"] == 0
    assert report["last_error_after_retry"] is None
    assert report["close"] is True
    assert [event["seq"] for event in _records(path)] == list(range(acked + 3))


def _chattr(flag: str, path: Path) -> bool:
    """Set or clear the immutable flag: the one way to make a file read-only for root."""
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


NO_IMMUTABLE = (
    "root ignores permission bits, so a read-only file needs `chattr +i`, which needs root, "
    "chattr, and a filesystem with the immutable flag (ext4, xfs, btrfs); not available here"
)


def test_read_only_file_mid_session_keeps_events_then_retries(tmp_path: Path) -> None:
    path = tmp_path / "record.jsonl"
    journal = Journal.open(path)
    assert journal.append({"seq": 0})
    if not _chattr("+i", path):
        journal.close()
        pytest.skip(NO_IMMUTABLE)
    try:
        assert not journal.append({"seq": 1})
        assert journal.pending == 1
        assert journal.last_error is not None
        assert journal.last_error.startswith(f"Cannot save to {path}: Operation not permitted.")
        assert not journal.retry()
        assert path.read_bytes() == b'{"seq":0}\n'
    finally:
        _chattr("-i", path)
    assert journal.append({"seq": 2})
    assert journal.pending == 0
    assert journal.last_error is None
    journal.close()
    assert _records(path) == [{"seq": 0}, {"seq": 1}, {"seq": 2}]


def test_unwritable_folder_is_a_clear_error_at_open(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    if os.geteuid() == 0:
        if not _chattr("+i", folder):
            pytest.skip(NO_IMMUTABLE)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(JournalError) as info:
            Journal.open(folder / "meetup.jsonl")
        assert type(info.value) is JournalError
        assert str(info.value).startswith(f"Cannot write the record {folder / 'meetup.jsonl'}:")
        assert "--record" in str(info.value)
    finally:
        if os.geteuid() == 0:
            _chattr("-i", folder)
        else:
            folder.chmod(0o755)


def test_full_disk_keeps_events_then_retries_when_space_is_freed(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root; the RLIMIT_FSIZE test covers the path")
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(disk)], capture_output=True
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mount.stderr.decode().strip()}")
    try:
        filler = disk / "photos.bin"
        filler.write_bytes(b"\0" * 16384)
        path = disk / "record.jsonl"
        with Journal.open(path) as journal:
            seq = 0
            while seq < 1000 and journal.append({"seq": seq, "text": "x" * 200}):
                seq += 1
            assert 0 < seq < 1000
            assert journal.pending == 1
            assert journal.last_error is not None
            assert "No space left on device" in journal.last_error
            assert "free some disk space" in journal.last_error
            assert path.read_bytes().endswith(b"\n")
            assert len(_records(path)) == seq
            filler.unlink()
            assert journal.retry()
            assert journal.append({"seq": seq + 1, "text": ""})
        assert [event["seq"] for event in _records(path)] == list(range(seq + 2))
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
