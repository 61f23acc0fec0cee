"""Safe file plumbing under the journal: the record's lock, durable writes and moves.

Kept apart from journal.py (the record's format and its append/retry logic) so each stays
small. Everything here raises JournalError (or RecordLocked) with one line for the user.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
from collections.abc import Iterator
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


def lock_record(fd: int, path: Path) -> None:
    """Lock the open record itself without waiting: a second facilitator must refuse at once.

    A ``flock`` belongs to the file (its inode), not to a name, so a hard link, a symlink or a
    second path to the same record meets the same lock; the kernel drops it when the process
    dies, even by SIGKILL, and closing ``fd`` releases it.
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise RecordLocked(path, lock_owner(fd)) from None
    except OSError as error:
        raise JournalError(
            f"Cannot lock {path}: {strerror(error)}. Use --record to write elsewhere."
        ) from None


def lock_owner(fd: int) -> int | None:
    """The pid holding a flock on this file, from Linux's /proc/locks (None elsewhere)."""
    try:
        info = os.fstat(fd)
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    inode = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    for line in table.splitlines():
        # "1: FLOCK  ADVISORY  WRITE 8000 fe:00:2146611 0 EOF"; waiters read "1: -> FLOCK ..."
        fields = line.split()
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == inode:
            with suppress(ValueError):
                return int(fields[4])
    return None


def same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (not deleted, moved or replaced)."""
    try:
        held, named = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return held.st_nlink > 0 and (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


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


def probe_lock(path: Path) -> None:
    """Refuse early (RecordLocked) when another process holds the record; keeps nothing.

    Lets `run` say so before asking the host anything; Journal.open takes the lock for real.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return  # nothing there yet, or unreadable: Journal.open will say why
    try:
        lock_record(fd, path)
    finally:
        os.close(fd)


def publish(
    data: bytes, names: Iterator[Path], *, keep_open: bool = False
) -> tuple[Path, int | None]:
    """Write ``data`` to a new file under the first free name from ``names``, durably.

    The bytes go to a temporary name first and are synced, then linked to the name, which
    fails rather than overwrite: no file is ever overwritten, and a failed write (a full disk)
    leaves no empty or partial file behind. With ``keep_open`` the file stays open, locked
    and appendable, and its descriptor is returned.
    """
    first = next(names)
    folder = first.parent
    temporary = folder / f".{first.name}.{os.getpid()}.tmp"
    fd = os.open(temporary, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        if keep_open:
            lock_record(fd, temporary)
        write_all(fd, data)
        sync(fd)
        name = first
        while True:
            try:
                move_without_overwriting(temporary, name)
                break
            except FileExistsError:
                name = next(names)
        fsync_dir(folder)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            os.unlink(temporary)
        raise
    if keep_open:
        return name, fd
    os.close(fd)
    return name, None


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
    """Create the record's folders, or raise JournalError with one line for the user."""
    try:
        create_folders(folder)
    except OSError as error:
        raise JournalError(
            f"Cannot create the folder {folder}: {strerror(error)}. "
            "Use --record to write somewhere else."
        ) from None


def create_folders(folder: Path) -> None:
    """Create missing folders, syncing each new name so a power cut cannot undo them."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    for created in reversed(missing):
        fsync_dir(created.parent)


def cannot_write(path: Path, error: OSError) -> JournalError:
    return JournalError(
        f"Cannot write the record {path}: {strerror(error)}. "
        "Check the folder's permissions, or use --record to write elsewhere."
    )


def strerror(error: OSError) -> str:
    return error.strerror or str(error)
