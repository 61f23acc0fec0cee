"""The last resort when the disk still refuses at exit, and bringing those events back later.

At exit, events only in memory go to ``<record stem>.unsaved-<time>.jsonl`` in the first folder
that takes them (the record's, the home folder, the temporary folder). Its first line says which
record it continues and from which `seq`, so the next `run` of that record merges it (when the
record still ends right before it) or says exactly what it found. If the record itself was lost
(deleted, and it could not be written again), the whole session goes out as
``<record stem>.rescued-<time>.jsonl``: a complete record that `export` and `run --record` read.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from facilitator.record.files import publish, strerror
from facilitator.record.journal import Journal, JournalError, read_records

HEADER = "unsaved_events"


def rescue(journal: Journal) -> str:
    """Write what the journal could not save anywhere that takes it; a message for the host."""
    whole, lines = journal.salvage()
    stem = journal.path.stem
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    if whole:
        data, what, kind = b"".join(lines), "the whole session", "rescued"
    else:
        first = json.loads(lines[0]).get("seq") if lines else None
        header = {
            "type": HEADER,
            "record": str(journal.path.resolve()),
            "first_seq": first,
            "count": len(lines),
        }
        data = (json.dumps(header, ensure_ascii=False) + "\n").encode() + b"".join(lines)
        what, kind = f"the last {len(lines)} events", "unsaved"
    problem = journal.last_error or "the disk refused"
    errors: list[str] = []
    for folder in (journal.path.parent, Path.home(), Path(tempfile.gettempdir())):
        try:
            target, _ = publish(data, _numbered(folder / f"{stem}.{kind}-{stamp}.jsonl"))
        except OSError as error:
            errors.append(f"{folder}: {strerror(error)}")
            continue
        return f"the record could not be written ({problem}); {what} are in {target}"
    return f"could not save {what} anywhere ({'; '.join(errors)})"


def _numbered(path: Path) -> Iterator[Path]:
    yield path
    number = 2
    while True:
        yield path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1


@dataclass(frozen=True)
class Merge:
    """What the unsaved-event files beside a record gave: events to append, and what to say."""

    events: list[dict[str, Any]]
    notes: list[str]


def unsaved_for(record: Path, existing: list[dict[str, Any]]) -> Merge:
    """Events saved at a previous exit that belong right after ``existing``, and notes.

    A file whose events the record already holds was merged before and is passed over in
    silence; one that no longer fits (the record went on past its first `seq`) is named, with
    why, and left as it is. Files are never renamed or deleted: their path was printed.
    """
    events: list[dict[str, Any]] = []
    notes: list[str] = []
    key = str(record.resolve())
    for path in unsaved_files(record):
        header, lines = _read_fragment(path)
        if header is None or header.get("record") != key:
            continue
        first = header.get("first_seq")
        if not isinstance(first, int) or not lines:
            notes.append(f"{path} names this record but holds no events to merge.")
            continue
        held = existing + events
        span = f"seq {first}–{first + len(lines) - 1}"
        if held[first : first + len(lines)] == lines:
            continue  # merged by an earlier run
        if len(held) == first and [line.get("seq") for line in lines] == list(
            range(first, first + len(lines))
        ):
            events += lines
            notes.append(
                f"Merged {len(lines)} events ({span}) that could not be saved at the last exit,"
                f" from {path}."
            )
            continue
        notes.append(
            f"{path} holds {len(lines)} events ({span}) that could not be saved at an earlier "
            f"exit, but the record now has {len(held)} events, so they no longer follow its "
            "end and were not merged (the file is kept as it is)."
        )
    return Merge(events, notes)


def unsaved_files(record: Path) -> list[Path]:
    """The files a previous exit left for this record (by their name; not read)."""
    pattern = f"{record.stem}.unsaved-*.jsonl"
    found: list[Path] = []
    for folder in (record.parent, Path.home(), Path(tempfile.gettempdir())):
        try:
            found += sorted(folder.glob(pattern))
        except OSError:
            continue
    return list(dict.fromkeys(found))


def _read_fragment(path: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    try:
        records = read_records(path).records
    except JournalError:
        return None, []
    if not records or records[0].get("type") != HEADER:
        return None, []
    return records[0], records[1:]
