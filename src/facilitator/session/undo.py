"""Undo without a refold: what a command may change, kept from just before it ran.

Before each undoable command the engine takes a `Restore` of the state: its plain fields, copies
of the small containers (the current segment run with its queue and tallies, the people's
presence, the hands, the vote), and for the big ones only what a command can touch: the number
of turns with a copy of the current turn, and the notes the command names. `ctrl+z` puts that
back and applies again the facts recorded since (a restart, an RSVP list: never undone), which
is exactly what the fold of the journal gives (tests/session/test_properties.py checks it after
every random command), at the cost of the command rather than of the whole record.

The last `DEPTH` commands are kept, also across a restart: the resume's replay keeps them
(`refold`). Older ones are undone by a refold that keeps the records of the commands before
it, so the next undos are cheap again.

`Undoer` holds all that beside a state: the engine's for the commands it runs, and a follower's
(record/follow.py: `facilitator display`) for the events it reads from the record, so the room
view takes an `undone` at the cost of the command too.
"""

from __future__ import annotations

import bisect
import copy
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from facilitator.session import events as ev
from facilitator.session.drafts import Draft
from facilitator.session.fold import apply, new_state
from facilitator.session.state import Note, Person, SegmentRun, SessionState, Turn, VoteState

DEPTH = 100
"""How many commands back an undo is cheap (a host rarely presses ctrl+z this often in a row)."""

FACTS = ("process_resumed", "attendees_listed", "speed_changed")
"""Events that are never undone: applied again after a restore, in their order."""

_SCANNED = frozenset((*FACTS, "undone"))
_PLAIN = (type(None), bool, int, float, str, datetime, date)
_SPECIAL = ("agenda", "runs", "people", "turns", "notes", "vote")
"""Fields copied in their own way below; every other field is copied whole (cheap: small)."""


@dataclass(slots=True)
class Restore:
    """The state as it was before command `cmd`, as far as that command can change it."""

    cmd: int
    others: dict[str, Any]
    runs: dict[int, SegmentRun]
    people: list[tuple[Person, bool]]
    turns: int
    turn: tuple[int, Turn] | None
    notes: dict[int, Note | None]
    vote: VoteState


def _copy_run(run: SegmentRun) -> SegmentRun:
    return replace(
        run,
        queue=list(run.queue),  # QueueItems are replaced, never changed
        turned=dict(run.turned),
        spoke=dict(run.spoke),
        round_turns=dict(run.round_turns),
    )


def _copy_vote(vote: VoteState) -> VoteState:
    return VoteState(
        nominations={i: replace(n) for i, n in vote.nominations.items()},
        rounds=[replace(r, counts=dict(r.counts)) for r in vote.rounds],
        winner=vote.winner,
        decided_by=vote.decided_by,
        segment=vote.segment,
    )


def _copy(value: Any) -> Any:
    """A copy that shares nothing mutable (plain values are shared: they never change)."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return copy.deepcopy(value)


_OTHERS = tuple(f.name for f in fields(SessionState) if f.name not in _SPECIAL)


def take(state: SessionState, cmd: int, drafts: Iterable[Draft]) -> Restore:
    """What command `cmd` (its `drafts`, not applied yet) may change, copied."""
    runs = dict(state.runs)
    run = state.run
    if run is not None:
        runs[run.index] = _copy_run(run)
    current = run.current_turn if run is not None else None
    touched = {data["note_id"] for _, data in drafts if "note_id" in data}
    notes = state.notes
    return Restore(
        cmd=cmd,
        others={name: _copy(getattr(state, name)) for name in _OTHERS},
        runs=runs,
        people=[(p, p.present) for p in state.people.values()],
        turns=len(state.turns),
        turn=None if current is None else (current, replace(state.turns[current])),
        notes={i: _copy_note(notes, i) for i in touched},
        vote=_copy_vote(state.vote),
    )


def _copy_note(notes: dict[int, Note], note_id: int) -> Note | None:
    note = notes.get(note_id)
    return None if note is None else replace(note)


def restore(state: SessionState, saved: Restore) -> None:
    """Put the state back as it was before `saved.cmd` (in place: holders keep the object)."""
    for name, value in saved.others.items():
        setattr(state, name, value)
    state.runs = saved.runs
    state.people = {p.id: p for p, _ in saved.people}
    for person, present in saved.people:
        person.present = present
    del state.turns[saved.turns :]
    if saved.turn is not None:
        index, turn = saved.turn
        state.turns[index] = turn
    _restore_notes(state, saved.notes)
    state.vote = saved.vote


def _restore_notes(state: SessionState, saved: dict[int, Note | None]) -> None:
    notes = state.notes
    back_inside = False  # a deleted note comes back in its place (notes are listed by id)
    last = next(reversed(notes), -1)
    for note_id, note in saved.items():
        if note is None:
            notes.pop(note_id, None)
        else:
            back_inside = back_inside or (note_id not in notes and note_id < last)
            notes[note_id] = note
    if back_inside:
        state.notes = dict(sorted(notes.items()))


class UndoLog:
    """The `Restore`s of the last `DEPTH` commands that can still be undone, latest last."""

    def __init__(self) -> None:
        self.depth = DEPTH
        self._saved: deque[Restore] = deque(maxlen=self.depth)

    def keep(self, saved: Restore) -> None:
        self._saved.append(saved)

    def widen(self, state: SessionState, event: ev.Event) -> None:
        """A later event of the latest command kept, read after its first was applied (a
        follower reads a command as its events reach the record): the note it names, too."""
        note_id = getattr(event, "note_id", None)
        if note_id is None or not self._saved or self._saved[-1].cmd != event.cmd:
            return
        notes = self._saved[-1].notes
        if note_id not in notes:  # the command's events before it named other notes only
            notes[note_id] = _copy_note(state.notes, note_id)

    def take_back(self, cmd: int) -> Restore | None:
        """The record of `cmd` when it is the latest kept (else None: refold)."""
        if self._saved and self._saved[-1].cmd == cmd:
            return self._saved.pop()
        self._saved.clear()  # a gap: the refold that follows keeps new ones
        return None

    def __len__(self) -> int:
        return len(self._saved)


def live_commands(events: list[ev.Event], undone: set[int], depth: int) -> set[int]:
    """The last `depth` commands that can still be undone, from the end of the record."""
    found: set[int] = set()
    for event in reversed(events):
        if len(found) >= depth:
            break
        if event.type not in ev.NOT_UNDOABLE and event.cmd not in undone:
            found.add(event.cmd)
    return found


def refold(events: list[ev.Event], log: UndoLog) -> SessionState:
    """The fold of the record (undone commands left out), keeping in `log` the records of the
    last commands that can still be undone: a resume's replay, or an undo beyond the log."""
    created = events[0]
    if not isinstance(created, ev.SessionCreated):
        raise ValueError("a record starts with session_created")
    undone = {e.target for e in events if isinstance(e, ev.Undone)}
    keep = live_commands(events, undone, log.depth)
    first = min(keep, default=len(events))  # before it, the plain fold's loop
    state = new_state(created)
    for event in events[1:first]:
        if event.cmd not in undone:
            apply(state, event)
    for event in events[first:]:
        if event.cmd in undone:
            continue
        if event.seq == event.cmd and event.cmd in keep:
            log.keep(take(state, event.cmd, _drafts(events, event.cmd)))
        apply(state, event)
    return state


def _drafts(events: list[ev.Event], cmd: int) -> list[Draft]:
    """A recorded command's events as the drafts `take` reads (only the note ids matter)."""
    out: list[Draft] = []
    for event in events[cmd:]:
        if event.cmd != cmd:
            break
        out.append(_draft(event))
    return out


def _draft(event: ev.Event) -> Draft:
    note_id = getattr(event, "note_id", None)
    return (type(event), {} if note_id is None else {"note_id": note_id})


class Undoer:
    """Undo beside one state: the `Restore`s kept (`log`), the commands undone, where the facts
    are in the record. The engine keeps one for the commands it runs; a follower of the record
    (record/follow.py) one for the events it reads, so both undo at the cost of the command."""

    def __init__(self, events: list[ev.Event], log: UndoLog | None = None) -> None:
        self.events = events
        """The record, shared with the owner, who appends to it (then calls `scan`)."""
        self.log = log if log is not None else UndoLog()
        self.undone: set[int] = set()
        self._facts: list[int] = []  # seqs of the events undo never takes back (FACTS)
        self.scan(events)

    def scan(self, events: Iterable[ev.Event]) -> None:
        """Note the undone commands and the facts among `events`, just added to the record."""
        undone, facts, kinds = self.undone, self._facts, _SCANNED
        for event in events:
            if event.type in kinds:  # rare: one look at each event, whatever its kind
                if isinstance(event, ev.Undone):
                    undone.add(event.target)
                else:
                    facts.append(event.seq)

    def refold(self) -> SessionState:
        """The fold of the record, keeping what the next undos need (see `refold`)."""
        return refold(self.events, self.log)

    def keep(self, state: SessionState, cmd: int, drafts: Iterable[Draft]) -> None:
        """Before command `cmd` (its `drafts`) is applied: what it may change."""
        self.log.keep(take(state, cmd, drafts))

    def take_back(self, state: SessionState, target: int) -> None:
        """The state as the fold gives it once `target` is undone (the `Undone` is in the
        record and scanned), changed in place: whoever holds the state keeps the live one."""
        saved = self.log.take_back(target)
        if saved is None:  # older than the log keeps, or from before a restart
            fresh = self.refold()
            for name in SessionState.__dataclass_fields__:
                setattr(state, name, getattr(fresh, name))
            return
        restore(state, saved)
        events, undone = self.events, self.undone
        for seq in self._facts[bisect.bisect_right(self._facts, target) :]:
            fact = events[seq]
            if fact.cmd not in undone:
                apply(state, fact)

    def follow(self, state: SessionState, event: ev.Event) -> None:
        """`event`, just added to the record by someone else (read by a follower): kept for
        undo as the engine keeps a command it runs, then applied, or an undo taken back."""
        if event.type not in ev.NOT_UNDOABLE:
            if event.seq == event.cmd:  # a command's first event: the state is as before it
                self.keep(state, event.cmd, [_draft(event)])
            else:
                self.log.widen(state, event)
        self.scan((event,))
        if isinstance(event, ev.Undone):
            self.take_back(state, event.target)
        else:
            apply(state, event)
