"""Where records live when the host does not say.

Kept apart from the journal so the CLI, the README and the exit message all name the same
place, and so tests can redirect every record with one environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

RECORDS_ENV = "FACILITATOR_RECORDS"


def records_dir() -> Path:
    """The folder for records: ``$FACILITATOR_RECORDS``, else ``~/Documents/facilitator``.

    Documents rather than a hidden data folder: the record is the meetup's minutes, and the
    note-taker should find it in a file manager the next morning.
    """
    override = os.environ.get(RECORDS_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return platformdirs.user_documents_path() / "facilitator"


def default_record_path(agenda_path: Path, *, rehearsal: bool = False) -> Path:
    """The record for an agenda, named after it so running the same agenda again resumes it.

    A rehearsal (a sped-up clock) gets a record of its own, so an unfinished rehearsal is never
    resumed on the evening itself.
    """
    suffix = ".rehearsal" if rehearsal else ""
    return records_dir() / f"{agenda_path.stem}{suffix}.jsonl"
