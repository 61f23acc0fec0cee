"""Reading ordinary files only: a FIFO or a device named by mistake must not hang the app.

`open()` on a FIFO waits for a writer, and reading `/dev/zero` never ends; every file a user
names (an agenda, a record) is opened non-blocking and refused by type before it is read.
"""

from __future__ import annotations

import errno
import os
import stat

__all__ = ["NotRegularFile", "read_regular", "require_regular"]


class NotRegularFile(OSError):
    """A pipe, device or socket where a file was expected: reading one could block for ever."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(
            errno.EINVAL, "not a regular file (a pipe, device or socket)", os.fspath(path)
        )


def require_regular(fd: int, path: str | os.PathLike[str]) -> None:
    """Raise IsADirectoryError or NotRegularFile unless ``fd`` is an ordinary file."""
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", os.fspath(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path)


def read_regular(path: str | os.PathLike[str], limit: int = -1) -> bytes:
    """Read an ordinary file (at most ``limit`` bytes); never blocks on a FIFO.

    Opened non-blocking so a FIFO cannot hang the open, then refused by type before reading.
    """
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        require_regular(fd, path)
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as file:
            return file.read(limit)
    finally:
        os.close(fd)
