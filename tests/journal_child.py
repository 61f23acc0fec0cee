"""A separate process for the journal tests: locks, crashes and disk limits need a real one.

Usage: ``python journal_child.py MODE RECORD [SEED]``

* ``hold``: open the record, print ``open``, then wait to be killed.
* ``append``: open the record, print ``start <next seq>``, then append ``{"seq": n, ...}``
  forever, printing ``ack n`` only once the event is on disk (the moment the app would show
  the action as done), ``path <p>`` first whenever the record was written again elsewhere, and
  ``unsaved <why>`` while the disk refuses (retrying, as the app does). Some events are
  large so a kill can land in the middle of a write.
* ``fsize``: lower RLIMIT_FSIZE so writes fail with EFBIG, append until one fails, raise the
  limit again, retry; print a JSON report of what was seen at each step.
"""

from __future__ import annotations

import json
import random
import resource
import signal
import sys
import time
from pathlib import Path
from typing import Any

from facilitator.record.journal import Journal, read_records


def hold(path: Path) -> None:
    Journal.open(path)
    print("open", flush=True)
    while True:
        time.sleep(60)


def append_forever(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    journal = Journal.open(path)
    seq = len(journal.existing.records)
    print(f"start {seq}", flush=True)
    where = journal.path
    while True:
        size = 100_000 if rng.random() < 0.05 else rng.randrange(20, 200)
        event: dict[str, Any] = {
            "type": "NoteAdded",
            "seq": seq,
            "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "text": "é" * size,
        }
        saved = journal.append(event)
        for _ in range(500):  # as the app does: keep it in memory, say so, and retry
            if saved:
                break
            print(f"unsaved {journal.last_error}", flush=True)
            time.sleep(0.01)
            saved = journal.retry()
        else:
            print(f"error {journal.last_error}", flush=True)
            return
        if journal.path != where:
            where = journal.path
            print(f"path {where}", flush=True)
        print(f"ack {seq}", flush=True)
        seq += 1


def file_size_limit(path: Path) -> None:
    limit = 4096
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills us instead of EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    report: dict[str, Any] = {"limit": limit}
    journal = Journal.open(path)
    seq = 0
    while seq < 1000 and journal.append({"type": "NoteAdded", "seq": seq, "text": "x" * 70}):
        seq += 1
    report["acked"] = seq
    report["pending_after_failure"] = journal.pending
    report["last_error"] = journal.last_error
    report["bytes_after_failure"] = path.read_bytes().decode()
    snapshot = read_records(path)
    report["readable_after_failure"] = [len(snapshot.records), snapshot.warnings]
    report["more_while_failing"] = [
        journal.append({"type": "NoteAdded", "seq": seq + 1}),
        journal.append({"type": "NoteAdded", "seq": seq + 2}),
        journal.retry(),
    ]
    report["pending_while_failing"] = journal.pending
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))  # the disk is usable again
    report["retry"] = journal.retry()
    report["pending_after_retry"] = journal.pending
    report["last_error_after_retry"] = journal.last_error
    report["close"] = journal.close()
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    mode, record = sys.argv[1], Path(sys.argv[2])
    if mode == "hold":
        hold(record)
    elif mode == "append":
        append_forever(record, int(sys.argv[3]))
    elif mode == "fsize":
        file_size_limit(record)
    else:
        sys.exit(f"unknown mode {mode}")
