"""Writing a file the user asked for (-o): never over an existing one by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from facilitator.errors import FacilitatorError


class OutputError(FacilitatorError):
    """The output file cannot be written; one line naming it and what to do."""


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to a new file: never overwrites unless `force` (then atomically replaces).

    Without `force` the file is created with O_EXCL, so even a file that appears between the
    check and the write is not clobbered. Raises OutputError with a one-line message.
    """
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    data = text.encode("utf-8")
    try:
        if force:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            try:
                os.fchmod(fd, 0o644)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            return
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except FileExistsError:
        raise OutputError(
            f"{path}: already exists; choose another name, or use --force to replace it"
        ) from None
    except FileNotFoundError:
        raise OutputError(f"{path}: the folder does not exist; create it first") from None
    except IsADirectoryError:
        raise OutputError(f"{path}: is a folder; give a file name") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror})") from None
