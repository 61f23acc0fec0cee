"""Where records live when the host does not say.

Kept apart from the journal so the CLI, the README and the exit message all name the same
place, and so tests can redirect every record with one environment variable.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import platformdirs

from facilitator.controls import BIDI_CONTROLS

RECORDS_ENV = "FACILITATOR_RECORDS"
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")


def records_dir() -> Path:
    """The folder for records: ``$FACILITATOR_RECORDS``, else ``~/Documents/facilitator``.

    Documents rather than a hidden data folder: the record is the meetup's minutes, and the
    note-taker should find it in a file manager the next morning.
    """
    override = os.environ.get(RECORDS_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return platformdirs.user_documents_path() / "facilitator"


def new_record_path(folder: Path, name: str, day: date, *, rehearsal: bool = False) -> Path:
    """A name for a new record that no file has: ``<name>[.rehearsal].<day>[-N].jsonl``.

    Dated, so a path printed once keeps naming the same record for ever: a later run of the
    same agenda starts a file of its own instead of renaming this one. A rehearsal is named as
    such, so the two are never confused in a file manager.
    """
    kind = ".rehearsal" if rehearsal else ""
    name = _UNSAFE.sub("_", name)  # a record's name is printed: no control character in it
    number = 1
    while True:
        tag = day.isoformat() if number == 1 else f"{day.isoformat()}-{number}"
        path = folder / f"{name}{kind}.{tag}.jsonl"
        if not os.path.lexists(path):
            return path
        number += 1
