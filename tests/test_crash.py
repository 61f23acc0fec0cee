"""SIGKILL a real writer at random moments: no acknowledged event may ever be lost.

The child prints ``ack n`` only after ``append`` returned True, which is when the app would show
the action as done. After each kill the record must hold every acknowledged event, in order,
with no gap or duplicate, and read cleanly (at most a torn last line, never an acknowledged one).
Each restart resumes from what ``read_records`` returns, as ``facilitator run`` does.

Reproduce a failure with the seed from its message:
``CRASH_SEED=<seed> pytest tests/test_crash.py``.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from facilitator.record.journal import Journal, read_records

CHILD = Path(__file__).with_name("journal_child.py")
KILLS = 30


def _run_and_kill(path: Path, seed: int, rng: random.Random) -> tuple[str, list[int]]:
    """Start a writer, let it run for a random moment, SIGKILL it; return its start and acks."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), "append", str(path), str(seed)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    lines: list[str] = []
    try:
        if rng.random() < 0.2:  # lands in start-up or in opening (and setting a torn tail aside)
            time.sleep(rng.uniform(0, 0.15))
        else:  # lands anywhere in the append loop
            lines += [child.stdout.readline(), child.stdout.readline()]
            time.sleep(rng.uniform(0, 0.08))
    finally:
        child.kill()
        child.wait(timeout=10)
    lines += child.stdout.read().splitlines(keepends=True)
    child.stdout.close()
    assert not [line for line in lines if line.startswith("error")], lines
    start = next((line for line in lines if line.startswith("start ")), "")
    acks = [int(line.split()[1]) for line in lines if line.startswith("ack ")]
    return start, acks


def test_acknowledged_events_survive_sigkill(tmp_path: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 2**32))
    rng = random.Random(seed)
    path = tmp_path / "record.jsonl"
    acknowledged: list[int] = []
    for kill in range(KILLS):
        where = f"seed {seed}, kill {kill}"
        before = len(read_records(path).records) if path.exists() else 0
        start, acks = _run_and_kill(path, seed + kill, rng)
        if not start:
            continue  # killed before it printed anything: nothing was promised
        assert start == f"start {before}\n", where  # resumed from what read_records returns
        assert acks == list(range(before, before + len(acks))), where
        acknowledged += acks

        result = read_records(path)  # raises CorruptRecord if a kill left damage mid-file
        seqs = [event["seq"] for event in result.records]
        assert seqs == list(range(len(seqs))), f"{where}: gap, duplicate or reorder"
        assert len(seqs) > (acknowledged[-1] if acknowledged else -1), f"{where}: lost an ack"
        assert len(result.warnings) <= 1, where

    with Journal.open(path) as journal:  # the last torn tail, if any, is set aside cleanly
        seqs = [event["seq"] for event in journal.existing.records]
        assert journal.append({"seq": len(seqs)})
    final = read_records(path)
    assert final.warnings == []
    assert [event["seq"] for event in final.records] == list(range(len(seqs) + 1))
    assert set(acknowledged) <= set(seqs)
    assert len(acknowledged) > KILLS  # the writers really ran between kills
    assert all(side.stat().st_size > 0 for side in tmp_path.glob("record.jsonl.torn-*"))


def test_acknowledged_events_survive_the_record_deleted_replaced_and_its_folder_removed(
    tmp_path: Path,
) -> None:
    """While a real writer appends, other processes delete the record, `mv` a file over it and
    remove its folder; then the writer is killed. Every event it acknowledged is in the file it
    last named, in order, from the first: nothing went into an unlinked file."""
    folder = tmp_path / "records"
    path = folder / "record.jsonl"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), "append", str(path), "7"], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    lines: list[str] = []

    def read_acks(count: int) -> None:
        assert child.stdout is not None
        while sum(line.startswith("ack ") for line in lines) < count:
            line = child.stdout.readline()
            if not line:  # the writer stopped: fail with what it said, never wait for ever
                raise AssertionError(f"the writer ended early: {lines[-5:]}")
            lines.append(line)

    try:
        read_acks(20)
        subprocess.run(["rm", str(path)], check=True)
        read_acks(40)
        other = tmp_path / "copy.jsonl"
        other.write_text('{"seq": 0}\n', encoding="utf-8")
        subprocess.run(["mv", str(other), str(path)], check=True)
        read_acks(60)
        for _ in range(50):  # the writer may add a file while rm walks the folder: again
            if subprocess.run(["rm", "-rf", str(folder)], capture_output=True).returncode == 0:
                break
        else:
            raise AssertionError("rm -rf never managed to remove the folder")
        # Acks already in the pipe may predate the removal: wait for the writer to notice (a
        # record deleted and then the process killed before its next write is lost with it).
        rewritten = folder / "record.rewritten-1.jsonl"
        deadline = time.monotonic() + 20
        while not rewritten.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        read_acks(sum(line.startswith("ack ") for line in lines) + 20)
    finally:
        child.kill()
        child.wait(timeout=10)
    lines += child.stdout.read().splitlines(keepends=True)
    child.stdout.close()
    assert not [line for line in lines if line.startswith("error")], lines
    acks = [int(line.split()[1]) for line in lines if line.startswith("ack ")]
    moves = [Path(line.split(" ", 1)[1].strip()) for line in lines if line.startswith("path ")]
    assert acks == list(range(len(acks))) and len(acks) >= 80
    assert moves and moves[-1] == folder / "record.rewritten-1.jsonl"  # beside the mv'd file
    seqs = [event["seq"] for event in read_records(moves[-1]).records]
    assert seqs[: len(acks)] == acks  # every acknowledged event, from the very first
    assert not path.exists()  # the folder was removed after the copy was put there
