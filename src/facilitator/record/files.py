"""Safe file plumbing under the journal: the record's lock, durable writes and moves.

Kept apart from journal.py (the record's format and its append/retry logic) so each stays
small. Everything here raises JournalError (or RecordLocked) with one line for the user.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
from contextlib import suppress
from pathlib import Path

from facilitator.errors import FacilitatorError


class JournalError(FacilitatorError):
    """A problem with a record the user can act on; ``str()`` is one line for the screen."""


class RecordLocked(JournalError):
    """Another live process has the record open; writing too would interleave two sessions."""

    def __init__(self, path: Path, pid: int | None) -> None:
        who = f"another facilitator (pid {pid})" if pid else "another facilitator"
        super().__init__(
            f"{path} is open in {who}. Close that one first, or use --record to write elsewhere."
        )
        self.pid = pid


class RecordLock:
    """An exclusive flock on ``<record>.lock``, which holds the owner's pid for the message."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def acquire(cls, record: Path) -> RecordLock:
        """Lock without waiting: a second facilitator must refuse at once, not hang."""
        real = record.resolve()  # two names for one record must share one lock
        lock_path = real.with_name(real.name + ".lock")
        while True:
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as error:
                raise cannot_write(record, error) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = read_pid(fd)
                os.close(fd)
                raise RecordLocked(record, pid) from None
            except OSError as error:
                os.close(fd)
                raise JournalError(
                    f"Cannot lock {record}: {strerror(error)}. Use --record to write elsewhere."
                ) from None
            # The previous owner unlinks the lock file on release; if it did so between our
            # open and our flock, we hold a lock on a dead file and must take the new one.
            try:
                held, named = os.fstat(fd), os.stat(lock_path)
                same = (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        with suppress(OSError):  # the pid only improves the message; a full disk must not stop us
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        return cls(lock_path, fd)

    def release(self) -> None:
        """Unlink while still holding the lock, so no one else can hold the old file."""
        with suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)


def read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode("ascii").strip())
    except (OSError, ValueError):
        return None


def move_without_overwriting(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.rename(source, target)
    else:
        os.unlink(source)


def write_all(fd: int, data: bytes) -> None:
    """os.write may write less than asked (a nearly full disk); loop until all or an error."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


if sys.platform == "darwin":

    def sync(fd: int) -> None:
        """Plain fsync on macOS only reaches the drive's cache; F_FULLFSYNC reaches the platter."""
        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
        except OSError as error:
            if error.errno not in (errno.ENOTSUP, errno.EINVAL, errno.ENOTTY):
                raise
            os.fsync(fd)  # a filesystem without F_FULLFSYNC (some network and FAT drives)

else:

    def sync(fd: int) -> None:
        """fdatasync: data plus the size needed to read it back, without the mtime write."""
        os.fdatasync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a new or removed name durable; some filesystems cannot sync a folder, fine."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def make_folders(folder: Path) -> None:
    """Create the record's folders, syncing each new name so a power cut cannot undo them."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for created in reversed(missing):
            fsync_dir(created.parent)
    except OSError as error:
        raise JournalError(
            f"Cannot create the folder {folder}: {strerror(error)}. "
            "Use --record to write somewhere else."
        ) from None


def cannot_write(path: Path, error: OSError) -> JournalError:
    return JournalError(
        f"Cannot write the record {path}: {strerror(error)}. "
        "Check the folder's permissions, or use --record to write elsewhere."
    )


def strerror(error: OSError) -> str:
    return error.strerror or str(error)
