"""Writing a file the user asked for (-o): never over an existing one by accident, and never
a truncated or empty file left behind.

The text goes to a temporary file beside the target first, flushed to disk; only a complete
file then takes the target's name, so a full disk or a crash mid-write leaves nothing (and
"already exists" never greets the retry).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from facilitator.errors import FacilitatorError

#: errno values meaning "this file system has no hard links" (FAT, exFAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


class OutputError(FacilitatorError):
    """The output file cannot be written; one line naming it and what to do."""


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path`, all or nothing: never overwrites unless `force`.

    Without `force`, the complete temporary file is hard-linked to `path`, which fails if a
    file of that name exists, even one that appeared a moment ago; with `force` it replaces
    `path` atomically. Raises OutputError with a one-line message.
    """
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    try:
        _write(path, text.encode("utf-8"), force=force)
    except FileExistsError:
        raise OutputError(
            f"{path}: already exists; choose another name, or use --force to replace it"
        ) from None
    except FileNotFoundError:
        raise OutputError(f"{path}: the folder does not exist; create it first") from None
    except IsADirectoryError:
        raise OutputError(f"{path}: is a folder; give a file name") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None


def _write(path: Path, data: bytes, *, force: bool) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o644)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _link(tmp, path, data)
    finally:
        tmp.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _link(tmp: Path, path: Path, data: bytes) -> None:
    """Give the complete file `tmp` the name `path`, unless `path` exists."""
    try:
        os.link(tmp, path)
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        _create_exclusive(path, data)


def _create_exclusive(path: Path, data: bytes) -> None:
    """Where there are no hard links: create `path` (O_EXCL) and write it; a failed write
    removes the file it created, so no empty or partial file is left."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the new name durable too (best effort: some systems cannot fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
