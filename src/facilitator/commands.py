"""What each `facilitator` subcommand does, between the parsed arguments and the modules.

Every failure a user can cause becomes a UserError with one line naming the file and what to
do; cli.main prints it and exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.agenda import Agenda, AgendaError, format_schedule, load_agenda
from facilitator.clock import Clock, ScaledClock, SystemClock
from facilitator.journal import Journal, JournalError, archive_record
from facilitator.locations import default_record_path
from facilitator.output import OutputError, write_new_file
from facilitator.record import load_record, parse_records, replay
from facilitator.session import events as ev
from facilitator.session.engine import Engine

if TYPE_CHECKING:
    from facilitator.session.state import SessionState


class UserError(Exception):
    """Something the user can fix; printed as it is, exit code 1."""


def _agenda(path: Path) -> Agenda:
    try:
        return load_agenda(path)
    except AgendaError as exc:
        raise UserError(f"{path} is not a valid agenda:\n{exc}") from None


def validate(args: argparse.Namespace) -> int:
    try:
        agenda = load_agenda(args.agenda)
    except AgendaError as exc:
        print(str(exc), file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} in {args.agenda}", file=sys.stderr)
        return 1
    print(format_schedule(agenda, str(args.agenda)))
    return 0


# -- run -----------------------------------------------------------------------------------------


def _attendees(path: Path | None) -> list[str]:
    if path is None:
        return []
    from facilitator.attendees import AttendeesError, read_attendees

    try:
        return read_attendees(path)
    except AttendeesError as exc:
        raise UserError(str(exc)) from None


def _open_journal(path: Path) -> Journal:
    try:
        return Journal.open(path)
    except JournalError as exc:
        raise UserError(str(exc)) from None


def _resume_notice(state: SessionState, down_seconds: float) -> str:
    where = state.segment.title if state.segment is not None else "before the start"
    down = f"; the app was down {down_seconds / 60:.0f} min" if down_seconds >= 60 else ""
    turns = sum(1 for t in state.turns if t.outcome is not None)
    return (
        f"Resumed in {where}: {len(state.present())} people here, {turns} turns, "
        f"{len(state.notes)} notes{down}. The clock kept running while the app was closed."
    )


@dataclass
class LiveSession:
    """What `run` hands to the screen: the engine on its journal, and what to tell the host."""

    engine: Engine
    journal: Journal
    record: Path
    notice: str | None


def open_session(args: argparse.Namespace) -> LiveSession:
    """Resume this agenda's unfinished record, or start a new one (archiving a finished one)."""
    agenda = _agenda(args.agenda)
    expected = [p.name for p in agenda.people] + _attendees(args.attendees)
    rehearsal = args.speed is not None and args.speed != 1.0
    record = args.record or default_record_path(args.agenda, rehearsal=rehearsal)
    if record.is_dir():
        raise UserError(
            f"{record} is a folder; --record needs a file name such as {record}/x.jsonl"
        )
    if args.fresh:
        kept = _archive(record)
        if kept is not None:
            print(f"Kept the previous record as {kept}")

    journal = _open_journal(record)
    for warning in journal.existing.warnings:
        print(f"facilitator: {warning}", file=sys.stderr)
    try:
        events = parse_records(record, journal.existing.records) if journal.existing.records else []
        state = replay(record, events) if events else None
        if state is not None and state.finished:
            journal.close()
            print(
                f"The last session on this agenda had ended; its record is now {_archive(record)}"
            )
            journal = _open_journal(record)
            events, state = [], None
        if state is None:
            speed = args.speed or 1.0
            engine = Engine.create(
                agenda,
                journal,
                _clock(speed),
                agenda_path=str(args.agenda),
                expected=expected,
                speed=speed,
            )
            return LiveSession(engine, journal, record, None)
        engine = Engine.resume(
            events, journal, _clock(args.speed or state.speed, anchor=events[-1].at), state=state
        )
    except JournalError as exc:
        journal.close()
        raise UserError(str(exc)) from None
    notice = _resume_notice(engine.state, engine.state.resumes[-1][1])
    for warning in journal.existing.warnings:  # printed before the screen took over: repeat it
        notice += f" Note: {warning}."
    engine.list_attendees(expected)
    created = events[0]
    if isinstance(created, ev.SessionCreated) and created.agenda != agenda.model_dump(mode="json"):
        notice += (
            f" {args.agenda} changed since this session started: it keeps the agenda it"
            " started with (--fresh starts over with the new one)."
        )
    return LiveSession(engine, journal, record, notice)


def _archive(record: Path) -> Path | None:
    try:
        return archive_record(record)
    except JournalError as exc:
        raise UserError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    live = open_session(args)
    from facilitator.tui.app import FacilitatorApp

    journal = live.journal
    app = FacilitatorApp(
        live.engine,
        quiet=args.quiet,
        notice=live.notice,
        record_path=live.record,
        sink_error=lambda: journal.last_error,
    )
    try:
        app.run()
    finally:
        if not journal.close():
            _rescue(journal, live.record)
    print(f"Record: {live.record}")
    print(f"Summary: facilitator export {_shell_path(live.record)}")
    return 0


def _clock(speed: float, anchor: datetime | None = None) -> Clock:
    if speed == 1.0:
        return SystemClock()
    # A rehearsal resumed later carries on from its own (fast) time, not from the wall clock.
    start = max(anchor, datetime.now(UTC)) if anchor is not None else None
    return ScaledClock(SystemClock(), speed, anchor=start)


def _rescue(journal: Journal, record: Path) -> None:
    """The disk still refuses at exit: put what is only in memory anywhere that takes it."""
    lines = journal.unsaved_lines()
    for folder in (record.parent, Path.home(), Path(tempfile.gettempdir())):
        target = folder / f"{record.stem}.unsaved-{datetime.now():%Y%m%d-%H%M%S}.jsonl"
        try:
            with open(target, "xb") as fh:
                fh.write(b"".join(lines))
                fh.flush()
                os.fsync(fh.fileno())
        except OSError:
            continue
        print(
            f"facilitator: the record could not be written ({journal.last_error}); "
            f"the last {len(lines)} events are in {target}",
            file=sys.stderr,
        )
        return
    print(f"facilitator: could not save the last {len(lines)} events anywhere:", file=sys.stderr)
    sys.stderr.write(b"".join(lines).decode("utf-8", "replace"))


def _shell_path(path: Path) -> str:
    text = str(path)
    return text if all(c.isalnum() or c in "/._-~" for c in text) else repr(text)


# -- after the meetup --------------------------------------------------------------------------


def export(args: argparse.Namespace) -> int:
    from facilitator.export import export as render

    try:
        record = load_record(args.record)
    except JournalError as exc:
        raise UserError(str(exc)) from None
    for warning in record.warnings:
        print(f"facilitator: {warning}", file=sys.stderr)
    text = render(record, args.format, anonymous=args.anonymous)
    if args.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    if args.output.resolve() == record.path.resolve():
        raise UserError(f"{args.output} is the record itself; choose another output file")
    _write(args.output, text, force=True)
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def _write(path: Path, text: str, *, force: bool) -> None:
    """Write an output file the user named, creating its folder; see output.write_new_file."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
        write_new_file(path, text, force=force)
    except OSError as exc:
        raise UserError(f"cannot create the folder {path.parent}: {exc.strerror or exc}") from None
    except OutputError as exc:
        raise UserError(str(exc)) from None


def _from_template(make: Callable[[], str], output: Path, force: bool) -> int:
    from facilitator.templates import TemplateError

    try:
        text = make()
    except (TemplateError, AgendaError, JournalError) as exc:
        raise UserError(str(exc)) from None
    _write(output, text, force=force)
    print(f"Wrote {output}", file=sys.stderr)
    return 0


def new(args: argparse.Namespace) -> int:
    from facilitator.templates import new_agenda

    return _from_template(
        lambda: new_agenda(args.template, title=args.title, date=args.date, topic=args.topic),
        args.output,
        args.force,
    )


def template(args: argparse.Namespace) -> int:
    from facilitator.templates import make_template

    return _from_template(lambda: make_template(args.source), args.output, args.force)
