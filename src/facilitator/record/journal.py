"""The record: an append-only JSON-lines journal that never loses an acknowledged event.

One line per event, compact JSON, UTF-8, each line ending in ``\\n``. A line is acknowledged
(``append`` returns True) only once it and every line before it are fsynced, so the screen can
show an action as done the moment ``append`` says so.

File format, as read back:

* Only newline-terminated lines count. A last line without its newline, or a last line that
  does not parse, is what a crash mid-write leaves: it is dropped with a warning (and, when a
  ``Journal`` opens the record, moved to a ``<record>.torn-<n>`` side file so no byte is lost).
* Blank (whitespace-only) lines are skipped wherever they are. We never write them, but a record
  touched up in a text editor often gains one, and skipping it loses nothing. Line numbers in
  messages still count them, so they match the editor.
* Any other bad line (not UTF-8, not JSON, not a JSON object) followed by good lines is damage,
  not a crash: ``CorruptRecord`` names its line rather than guessing.

Exclusive use is a ``flock`` on the record file itself, so every name of one file (a hard link, a
symlink) shares one lock; the kernel drops it when the process dies, even by SIGKILL, so a crash
never leaves a stale lock behind. A record is never renamed: a path once printed keeps naming it.

If the record is deleted, replaced or its folder removed while a session writes it (a cloud-sync
client, a clean-up), the next write notices that the path no longer names the open file and
writes the whole session again, at the path if it is free, else beside it, never over a file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from facilitator.record.files import (
    JournalError,
    RecordLocked,
    cannot_write,
    create_folders,
    fsync_dir,
    lock_record,
    make_folders,
    publish,
    same_file,
    strerror,
    sync,
    write_all,
)
from facilitator.regular import NotRegularFile, read_regular, require_regular

__all__ = [
    "CorruptRecord",
    "Journal",
    "JournalError",
    "ReadResult",
    "RecordLocked",
    "digest",
    "parse_data",
    "read_data",
    "read_records",
]

_loads = json.JSONDecoder().decode  # the same decoder json.loads uses, minus a call layer
_SEPARATORS = (",", ":")
_HINTS = {
    errno.ENOSPC: "free some disk space",
    errno.EDQUOT: "free some disk space",
    errno.EFBIG: "the disk refuses a file this large",
    errno.EROFS: "make the disk writable again",
    errno.EPERM: "make the file writable again",
    errno.EACCES: "make the file writable again",
}


class CorruptRecord(JournalError):
    """A damaged line before the end of the record: not a crash artefact, so we do not guess."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(
            f"{path}: line {line} {problem}. The record was damaged or edited by hand: "
            "fix or remove that line in a text editor, then try again."
        )
        self.line = line


@dataclass(frozen=True)
class ReadResult:
    """What a record holds: its events, what was skipped, and where the good part ends."""

    records: list[dict[str, Any]]
    warnings: list[str]
    valid_bytes: int  # length of the prefix made of complete lines; appends continue from here
    digest: bytes = field(default=b"", compare=False)  # of the bytes read (see `digest`)


def read_records(path: Path) -> ReadResult:
    """Read a record without locking it: every complete line, a consistent snapshot.

    Safe while a session is writing (``export`` during the meetup), because lines are only
    ever added whole and a half-written last line is dropped like a torn one.
    """
    return parse_data(path, read_data(path))


def read_data(path: Path) -> bytes:
    """A record's bytes, or one clear JournalError (missing, a folder, not a regular file)."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise JournalError(f"No record at {path}. Check the file name and folder.") from None
    except IsADirectoryError:
        raise JournalError(f"{path} is a folder, not a record file.") from None
    except NotRegularFile:
        raise JournalError(f"{path} is not a regular file, so not a record.") from None
    except OSError as error:
        raise JournalError(f"Cannot read {path}: {strerror(error)}.") from None


def digest(data: bytes) -> bytes:
    """What tells two reads of a record apart: a record read again unchanged is not parsed
    again (a resume reads it once to find it, then once more under its lock)."""
    return hashlib.sha256(data).digest()  # the fastest here (hardware SHA), and exact enough


def parse_data(path: Path, data: bytes) -> ReadResult:
    """Parse a whole record; the fast path handles healthy files, the slow one explains."""
    return replace(_parse(path, data), digest=digest(data))


def _parse(path: Path, data: bytes) -> ReadResult:
    """Every complete line as a dict."""
    end = data.rfind(b"\n") + 1
    if not data[end:].strip():
        end = len(data)  # trailing whitespace is harmless: the next line will still parse
    try:
        lines = (data if end == len(data) else data[:end]).decode("utf-8").split("\n")
        lines.pop()  # "" after the final newline, or trailing whitespace
        records = [_loads(line) for line in lines]
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        return _parse_line_by_line(path, data, end)
    if not all(type(record) is dict for record in records):
        return _parse_line_by_line(path, data, end)
    if end == len(data):
        return ReadResult(records, [], end)
    return ReadResult(records, [_torn_warning(path, len(lines) + 1)], end)


def _parse_line_by_line(path: Path, data: bytes, end: int) -> ReadResult:
    """Find the first bad line: a torn last line is dropped, anything earlier is corruption."""
    raw_lines = data[:end].split(b"\n")
    raw_lines.pop()
    records: list[dict[str, Any]] = []
    offset = 0
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            offset += len(raw) + 1
            continue
        try:
            value = _loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            problem = "is not UTF-8 text"
        except json.JSONDecodeError as error:
            problem = f"is not valid JSON ({error.msg} at column {error.colno})"
        except (ValueError, RecursionError):
            problem = "is not valid JSON"
        else:
            if type(value) is not dict:
                raise CorruptRecord(path, number, "is not a JSON object")
            records.append(value)
            offset += len(raw) + 1
            continue
        if any(rest.strip() for rest in raw_lines[number:]):
            raise CorruptRecord(path, number, problem)
        return ReadResult(records, [_torn_warning(path, number)], offset)
    if end == len(data):
        return ReadResult(records, [], end)
    return ReadResult(records, [_torn_warning(path, len(raw_lines) + 1)], end)


def _torn_warning(path: Path, line: int) -> str:
    return f"{path}: line {line} was cut off by a crash and is ignored"


class Journal:
    """The one writer of a record: fsynced appends, with unsaved events queued when disk fails."""

    path: Path
    existing: ReadResult
    last_error: str | None

    def __init__(self, path: Path, fd: int, existing: ReadResult, torn: bytes) -> None:
        """Use ``Journal.open``: it takes the lock and reads the record before this runs."""
        self.path = path
        self.existing = existing
        self.last_error = None
        self._news: str | None = None  # what the host must be told once (the record moved)
        self._fd = fd
        self._torn = torn  # bytes after the last complete line, not yet set aside
        self._durable = existing.valid_bytes  # the file is known good and fsynced up to here
        self._dirty = False  # the file may extend past _durable with unacknowledged bytes
        self._pending: list[bytes] = []
        self._left: tuple[bool, list[bytes]] = (False, [])
        self._created = False  # this journal made the file (so may remove it while empty)
        self._mutex = threading.Lock()  # appends may come from a worker thread
        self._closed = False

    @classmethod
    def open(cls, path: Path, *, read_before: ReadResult | None = None) -> Journal:
        """Lock and read the record (creating it and its folders), ready to append.

        ``read_before``: what a reading of the record gave a moment ago (without the lock).
        When the record holds the very same bytes, that is what ``existing`` is (``is`` it), and
        nothing is parsed again. Raises ``RecordLocked`` if another live process has it,
        ``CorruptRecord`` if damaged, ``JournalError`` if it cannot be created or written.
        """
        if path.is_dir():
            raise JournalError(f"{path} is a folder, not a record file. Name a file instead.")
        make_folders(path.parent)
        with ExitStack() as cleanup:
            try:
                existed = os.path.lexists(path)
                fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
                cleanup.callback(os.close, fd)
                require_regular(fd, path)
            except NotRegularFile:
                raise JournalError(
                    f"{path} is not a regular file (a pipe, device or socket); "
                    "name a record file instead."
                ) from None
            except OSError as error:
                raise cannot_write(path, error) from None
            lock_record(fd, path)
            try:
                if not existed:
                    fsync_dir(path.parent)  # the new name must survive a power cut too
                with open(fd, "rb", closefd=False) as file:
                    data = file.read()
            except OSError as error:
                raise cannot_write(path, error) from None
            if read_before is not None and read_before.digest == digest(data):
                existing = read_before
            else:
                existing = parse_data(path, data)
            journal = cls(path, fd, existing, data[existing.valid_bytes :])
            journal._created = not existed
            cleanup.pop_all()
        if journal._torn:
            journal._set_aside_torn_on_open()
        return journal

    def append(self, record: dict[str, Any]) -> bool:
        """Write one event; True once it and everything before it are on disk.

        False means the disk refused (full, read-only, too large...): the event is kept in memory,
        ``last_error`` says why, and the next ``append`` or ``retry`` writes it first. Only a
        programming error (a value JSON cannot hold) raises.
        """
        line = _encode(record)
        with self._mutex:
            self._check_open()
            self._pending.append(line)
            return self._flush()

    def retry(self) -> bool:
        """Try the unsaved events again; True when nothing is left to save."""
        with self._mutex:
            self._check_open()
            return self._flush()

    def watch(self) -> str | None:
        """A periodic check: rewrite the record if it vanished; return news for the host once.

        Between actions nothing is written, so a record deleted during a quiet discussion would
        otherwise be noticed only at the next key; the app calls this every few seconds.
        """
        with self._mutex:
            if not self._closed:
                self._flush()
            news, self._news = self._news, None
            return news

    @property
    def pending(self) -> int:
        """How many events are only in memory, waiting for the disk."""
        return len(self._pending)

    def salvage(self) -> tuple[bool, list[bytes]]:
        """What a last rescue must write once ``close`` returned False.

        ``(False, lines)``: the events only in memory. ``(True, [everything])``: the record was
        deleted and could not be written again, so the whole session is only in this process.
        """
        with self._mutex:
            return self._left

    def close(self) -> bool:
        """Save what is pending if the disk allows, then release the record; True if all saved."""
        with self._mutex:
            if self._closed:
                return not self._pending
            saved = self._flush()
            if not saved:
                self._left = self._unsaved()
            os.close(self._fd)  # releases the lock
            self._closed = True
            return saved

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError(f"journal {self.path} is closed")

    def _flush(self) -> bool:
        """Write every pending line, then one fsync; on failure cut the file back to _durable.

        Cutting back (rather than retrying the fsync alone) matters: after a failed fsync Linux
        may have dropped the dirty pages, so only rewriting from memory is trustworthy.
        """
        try:
            if not same_file(self._fd, self.path):
                self._write_again()
            if self._torn:
                self._set_aside_torn()
            if self._dirty:
                os.ftruncate(self._fd, self._durable)
                self._dirty = False
            if self._pending:
                self._dirty = True
                for line in self._pending:
                    write_all(self._fd, line)
                sync(self._fd)
                self._durable += sum(map(len, self._pending))
                self._dirty = False
                self._pending.clear()
        except OSError as error:
            if self._dirty:
                with suppress(OSError):  # still dirty: the next flush truncates first
                    os.ftruncate(self._fd, self._durable)
                    self._dirty = False
            self.last_error = self._describe(error)
            return False
        self.last_error = None
        return True

    def _describe(self, error: OSError) -> str:
        unsaved = f"{len(self._pending)} unsaved action(s) kept in memory and retried"
        if self._torn:
            unsaved = "the line cut off by a crash is waiting to be set aside"
        hint = _HINTS.get(error.errno or 0, "check the disk")
        if not same_file(self._fd, self.path):
            return (
                f"The record was moved or deleted, and cannot be written again at {self.path}: "
                f"{strerror(error)}. The whole session is kept in memory and retried; {hint}."
            )
        return f"Cannot save to {self.path}: {strerror(error)}. {unsaved}; {hint}."

    def _unsaved(self) -> tuple[bool, list[bytes]]:
        """What only this process holds; the whole record when nothing of it is on disk."""
        if self._durable == 0:
            if self._created and same_file(self._fd, self.path):
                with suppress(OSError):  # an empty file we made: no 0-byte record left behind
                    os.unlink(self.path)
            return True, list(self._pending)
        if same_file(self._fd, self.path):
            return False, list(self._pending)
        return True, [_read_all(self._fd, self._durable), *self._pending]

    def _write_again(self) -> None:
        """The path no longer names our file: write all of it again, then carry on there.

        The open file still holds every saved line even once unlinked, so nothing is lost. It
        goes back to the path when that is free (the folder is made again if it was removed),
        else beside it: a file someone put at the path is never overwritten.
        """
        data = _read_all(self._fd, self._durable)
        create_folders(self.path.parent)
        target, fd = publish(data, _names_beside(self.path), keep_open=True)
        assert fd is not None
        os.close(self._fd)
        self._fd = fd
        self._dirty = False  # the new file holds exactly the durable part
        where = "to the same path" if target == self.path else f"beside it, to {target}"
        self._news = (
            f"The record {self.path} was moved or deleted: the whole session was written "
            f"again {where}, and is saved there from now on."
        )
        self.path = target

    def _set_aside_torn_on_open(self) -> None:
        warnings = list(self.existing.warnings)
        with self._mutex:
            try:
                side = self._set_aside_torn()
            except OSError as error:
                self.last_error = self._describe(error)
                warnings[-1] += f"; it will be kept in a side file once {self.path} can be written"
            else:
                warnings[-1] += f"; its bytes are kept in {side}"
        self.existing = replace(self.existing, warnings=warnings)

    def _set_aside_torn(self) -> Path:
        """Copy the torn tail to a new side file, durably, before cutting it from the record."""
        number = 1
        while True:
            side = self.path.with_name(f"{self.path.name}.torn-{number}")
            try:
                fd = os.open(side, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
                break
            except FileExistsError:
                number += 1
        try:
            write_all(fd, self._torn)
            sync(fd)
        except OSError:
            with suppress(OSError):
                os.unlink(side)  # an incomplete copy; the bytes are still in the record
            raise
        finally:
            os.close(fd)
        fsync_dir(self.path.parent)
        os.ftruncate(self._fd, self._durable)
        sync(self._fd)
        self._torn = b""
        return side


def _read_all(fd: int, size: int) -> bytes:
    """The first ``size`` bytes of an open file (short reads looped)."""
    chunks: list[bytes] = []
    offset = 0
    while offset < size:
        chunk = os.pread(fd, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _names_beside(path: Path) -> Iterator[Path]:
    """The path itself, then ``<stem>.rewritten-N<suffix>`` beside it."""
    yield path
    number = 1
    while True:
        yield path.with_name(f"{path.stem}.rewritten-{number}{path.suffix}")
        number += 1


def _encode(record: dict[str, Any]) -> bytes:
    """One compact line; refuses values JSON cannot hold (a bug, so it raises)."""
    if not isinstance(record, dict):
        raise TypeError(f"a record must be a dict, got {type(record).__name__}")
    text = json.dumps(record, ensure_ascii=False, separators=_SEPARATORS, allow_nan=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (text pasted from a broken source) is not UTF-8; \u-escaping
        # keeps the line valid and reads back as the very same string.
        return (json.dumps(record, separators=_SEPARATORS, allow_nan=False) + "\n").encode()
