"""What each `facilitator` subcommand does, between the parsed arguments and the modules.

Every failure a user can cause is a FacilitatorError naming the file and what to do; cli.main
prints it and exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.agenda import AgendaError, format_schedule, load_agenda
from facilitator.controls import json_escaped, visible
from facilitator.errors import FacilitatorError
from facilitator.live import prepare_session
from facilitator.output import write_new_file
from facilitator.record.catalog import AgendaKey, records_of
from facilitator.record.locations import records_dir
from facilitator.record.reading import load_record
from facilitator.record.rescue import rescue

if TYPE_CHECKING:
    from facilitator.export import Format
    from facilitator.session.engine import Engine
    from facilitator.share.server import ShareServer


def validate(args: argparse.Namespace) -> int:
    try:
        agenda = load_agenda(args.agenda)
    except AgendaError as exc:
        print(str(exc), file=sys.stderr)
        count = len(exc.problems)
        print(
            visible(f"{count} problem{'s' if count != 1 else ''} in {args.agenda}"), file=sys.stderr
        )
        return 1
    print(format_schedule(agenda, visible(str(args.agenda))))  # a file name is user text too
    return 0


# -- run -----------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    opening = prepare_session(
        args.agenda,
        record=args.record,
        speed=args.speed,
        fresh=args.fresh,
        attendees=args.attendees,
        other_agenda=args.other_agenda,
    )
    _require_terminal()
    resume = None
    if opening.question is not None:
        from facilitator.tui.screens.resume import ask_resume

        resume = ask_resume(opening.question, opening.agenda.session.title, opening.wall.now())
        if resume is None:
            print(
                visible(
                    f"Nothing was started or changed. The record is still {opening.question.record}"
                )
            )
            return 0
    live = opening.open(resume)
    from facilitator.tui.app import FacilitatorApp
    from facilitator.tui.paste import guard_pastes

    guard_pastes()

    journal = live.journal
    app = FacilitatorApp(
        live.engine,
        quiet=args.quiet,
        notice=live.notice,
        record_path=live.record,
        sink_error=lambda: journal.last_error,
        watch=journal.watch,
        share=_share(args.share, live.engine, live.record, lambda: journal.last_error),
    )
    try:
        app.run()
    finally:
        if not journal.close():
            print(visible(f"facilitator: {rescue(journal)}"), file=sys.stderr)
    print(visible(f"Record: {live.record}"))
    print(f"Summary: facilitator export {_shell_path(live.record)}")
    if live.kept is not None:
        print(visible(f"The earlier unfinished record is kept as it was: {live.kept}"))
    return 0


def display(args: argparse.Namespace) -> int:
    """The room view of a live session in a second window: read-only, follows the record."""
    from facilitator.record.follow import LatestFollower, RecordFollower
    from facilitator.templates import is_record

    source: Path | None = args.source
    follower: LatestFollower | RecordFollower
    if source is None:
        follower = LatestFollower(records_dir())
    elif is_record(source):
        follower = RecordFollower(source)
    elif not source.is_file():
        raise FacilitatorError(f"{source}: no such agenda; give an agenda (.toml) or a record")
    else:
        try:
            follower = LatestFollower(records_dir(), source)
        except AgendaError as exc:
            raise FacilitatorError(f"{source} is not a valid agenda:\n{exc}") from None
    _require_terminal()
    from facilitator.tui.display import DisplayApp

    try:
        DisplayApp(follower).run()
    finally:
        follower.close()
    return 0


def _share(
    reach: str | None, engine: Engine, record: Path, problem: Callable[[], str | None]
) -> ShareServer | None:
    """The share server for `--share [lan]` (its socket bound now: a port that cannot be had
    is a one-line error before the screen opens)."""
    if reach is None:
        return None
    from facilitator.share.server import open_share

    return open_share(engine, record, "lan" if reach == "lan" else "local", problem=problem)


def _require_terminal() -> None:
    """The live screen needs a keyboard and a screen; without them it would wait for ever."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise FacilitatorError(
            "run needs a terminal (its input and output are not one); "
            "start it from a terminal window, not from a pipe or a script"
        )


def _shell_path(path: Path) -> str:
    text = str(path)
    return text if all(c.isalnum() or c in "/._-~" for c in text) else repr(text)


# -- before the meetup ------------------------------------------------------------------------


def attendees(args: argparse.Namespace) -> int:
    """Who an RSVP file would pre-list at `run --attendees`, and who it skips and why."""
    import json

    from facilitator.attendees import read_rsvps

    rsvps = read_rsvps(args.file)
    if args.format == "json":
        skipped = [{"name": s.name, "why": s.why} for s in rsvps.skipped]
        data = {"listed": rsvps.listed, "skipped": skipped}
        print(json_escaped(json.dumps(data, indent=2, ensure_ascii=False)))
        return 0
    lines = [f"Pre-listed ({len(rsvps.listed)}), from {rsvps.columns}:"]
    lines += [f"  {name}" for name in rsvps.listed] or ["  nobody"]
    if rsvps.skipped:
        lines.append(f"Skipped ({len(rsvps.skipped)}):")
        lines += [f"  {s.name}: {s.why}, line {s.line}" for s in rsvps.skipped]
    lines.append(rsvps.summary(args.file))
    print(visible("\n".join(lines)))
    return 0


# -- after the meetup --------------------------------------------------------------------------


def export(args: argparse.Namespace) -> int:
    from facilitator.export import export as render

    fmt = args.format or _format_of(args.output)
    _refuse_agenda(args.record)
    record = load_record(args.record)
    for warning in record.warnings:
        print(f"facilitator: {visible(warning)}", file=sys.stderr)
    text = render(record, fmt, anonymous=args.anonymous)
    if args.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    if _same_file(args.output, record.path):
        raise FacilitatorError(f"{args.output} is the record itself; choose another output file")
    _write(args.output, text, force=args.force)
    print(f"Wrote {visible(str(args.output))} ({_FORMAT_NAMES[fmt]})", file=sys.stderr)
    return 0


_EXTENSIONS: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}
_FORMAT_NAMES = {"md": "Markdown", "json": "JSON", "html": "HTML", "text": "plain text"}


def _format_of(output: Path | None) -> Format:
    """The format an output file's extension asks for; Markdown for stdout or any other name."""
    return "md" if output is None else _EXTENSIONS.get(output.suffix.lower(), "md")


def _same_file(one: Path, other: Path) -> bool:
    """Both names open the same file (symlinks and hard links too); never raises."""
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _refuse_agenda(path: Path) -> None:
    """An agenda given where a record belongs: say so, and where this agenda's record is."""
    from facilitator.templates import is_record

    if not path.is_file() or is_record(path):
        return
    try:
        records = records_of(records_dir(), AgendaKey.of(path, load_agenda(path)))
    except AgendaError:
        if path.suffix.lower() != ".toml":
            return  # neither: the record reader says what is wrong with it
        records = []
    where = (
        f"its latest record is {records[0]}"
        if records
        else f"it has no record yet (`facilitator run {_shell_path(path)}` writes one to "
        f"{records_dir()})"
    )
    raise FacilitatorError(
        f"{path} is an agenda, not a session record: export summarises the record a session "
        f"writes while it runs; {where}"
    )


def _write(path: Path, text: str, *, force: bool) -> None:
    """Write an output file the user named, creating its folder; see output.write_new_file."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
        write_new_file(path, text, force=force)
    except OSError as exc:
        raise FacilitatorError(
            f"cannot create the folder {path.parent}: {exc.strerror or exc}"
        ) from None


def _from_template(make: Callable[[], str], output: Path, force: bool) -> int:
    text = make()
    _write(output, text, force=force)
    print(f"Wrote {visible(str(output))}", file=sys.stderr)
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
