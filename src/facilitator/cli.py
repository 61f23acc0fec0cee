"""The `facilitator` command: argument parsing, exit codes and messages; no logic of its own.

Exit codes: 0 success; 1 the input or the disk is at fault (a clear one-line message, never a
traceback); 2 a usage error (argparse).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import __version__

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXAMPLE = "sessions/llm-interpretability.toml"


def _positive_speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number such as 60, got {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3600, got {text}")
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


class _Parser(argparse.ArgumentParser):
    """argparse, except that a failed write of the help is raised (and reported), not hidden."""

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        (file or sys.stdout).write(self.format_help())


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="facilitator",
        description="Facilitate a discussion meetup from the terminal: timed segments, "
        "speaking turns with passes, notes, a vote, and a summary afterwards.",
        epilog=f"Start with: facilitator run {EXAMPLE}",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = sub.add_parser(
        "run",
        help="run a session live (resumes an unfinished record automatically)",
        description="Run a session live. Every action is saved at once; running the same "
        "command again after a crash resumes where you were.",
    )
    run.add_argument("agenda", type=Path, metavar="AGENDA.toml")
    run.add_argument(
        "--record", type=Path, metavar="PATH", help="the record file (default: see README)"
    )
    run.add_argument(
        "--speed",
        type=_positive_speed,
        metavar="X",
        help="rehearsal: run the clock X times faster (shown on screen)",
    )
    run.add_argument(
        "--fresh",
        action="store_true",
        help="start a new record; an unfinished one is kept as it is, never overwritten",
    )
    run.add_argument(
        "--attendees",
        type=Path,
        metavar="FILE.csv",
        help="pre-list people from an RSVP export (see `facilitator attendees`)",
    )
    run.add_argument(
        "--other-agenda",
        action="store_true",
        help="resume the --record even though it was made from another agenda",
    )
    run.add_argument("--quiet", action="store_true", help="no terminal bell at the warnings")
    run.add_argument(
        "--share",
        nargs="?",
        const="local",
        choices=["local", "lan"],
        metavar="lan",
        help="serve the room, phone and note-taker pages to browsers on this computer "
        "(with lan: to every device on the local network that has a link)",
    )

    dis = sub.add_parser(
        "display",
        help="the room view in a window of its own, following a live session (read-only)",
        description="Show the room view (for a projector or a second screen) of the session "
        "an agenda is running in another window, or of a record. It follows the record as the "
        "host's app saves it, never writes it, and waits when there is no record yet. Without "
        "an argument: the record written last in the records folder.",
    )
    dis.add_argument("source", type=Path, nargs="?", metavar="AGENDA.toml | RECORD")

    val = sub.add_parser(
        "validate",
        help="check an agenda and print its schedule",
        description="Check an agenda. Prints the planned schedule (exit 0) or every problem, "
        "each with its file and line (exit 1).",
    )
    val.add_argument("agenda", type=Path, metavar="AGENDA.toml")

    att = sub.add_parser(
        "attendees",
        help="check an RSVP file: who would be pre-listed, who is skipped and why",
        description="Read an RSVP export (Meetup, Luma, Eventbrite, Humanitix, a Google Forms "
        "sheet or any CSV with a name column) as `run --attendees` does, and print who would "
        "be pre-listed and who is skipped, and why (a 'No', a waitlist, a cancelled ticket...).",
    )
    att.add_argument("file", type=Path, metavar="FILE.csv")
    att.add_argument("--format", choices=["text", "json"], default="text", help="json: for scripts")

    exp = sub.add_parser(
        "export",
        help="the summary of a session record",
        description="Write the summary of a session record: Markdown (default), JSON, HTML, or "
        "a short plain-text recap to paste into a chat. Works on a finished record, one still "
        "being written, or one cut off by a crash.",
    )
    exp.add_argument("record", type=Path, metavar="RECORD")
    exp.add_argument(
        "--format",
        choices=["md", "json", "html", "text"],
        help="default: from the -o file's extension (.md .json .html .txt), else md",
    )
    exp.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: stdout)"
    )
    exp.add_argument("--force", action="store_true", help="overwrite an existing -o file")
    exp.add_argument(
        "--anonymous", action="store_true", help='replace every name with "Participant N"'
    )

    new = sub.add_parser(
        "new",
        help="a new agenda from a template",
        description="Make a new agenda from a template. Refuses to overwrite without --force.",
    )
    new.add_argument("template", type=Path, metavar="TEMPLATE.toml")
    new.add_argument("-o", "--output", type=Path, required=True, metavar="NEW.toml")
    new.add_argument("--title")
    new.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD")
    new.add_argument("--topic")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    tpl = sub.add_parser(
        "template",
        help="a reusable template from an agenda or a finished record",
        description="Make a template for the next host from an agenda or a record: keeps the "
        "segments, format and materials; the voted topic becomes the next topic; the other "
        "nominations go to the backlog; dates and attendees are dropped.",
    )
    tpl.add_argument("source", type=Path, metavar="SOURCE")
    tpl.add_argument("-o", "--output", type=Path, required=True, metavar="TEMPLATE.toml")
    tpl.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    from facilitator.errors import FacilitatorError

    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit:  # --help, or a usage error: argparse swallows write errors
            sys.stdout.flush()
            raise
        from facilitator import subcommands

        handlers = {
            "run": subcommands.run,
            "display": subcommands.display,
            "validate": subcommands.validate,
            "attendees": subcommands.attendees,
            "export": subcommands.export,
            "new": subcommands.new,
            "template": subcommands.template,
        }
        code = handlers[args.command](args)
        sys.stdout.flush()  # a full or closed output fails here, while we can still say so
        return code
    except FacilitatorError as exc:
        _say(f"facilitator: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_output()  # the reader left (`| head`): nothing more to show, no traceback
        return 141  # as if killed by SIGPIPE, like other command-line tools
    except OSError as exc:
        _discard_output()
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        _say(f"facilitator: {where}{exc.strerror or exc}")
        return 1


class _ClosedOutput(io.TextIOBase):
    """Standard output closed before we started (``>&-``): writing is an error we report."""

    lost = False

    def write(self, text: str) -> int:
        self.lost = True
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        if self.lost:  # a write failed where the error was swallowed (argparse's help)
            raise OSError(errno.EBADF, "standard output is closed")


def _tolerant_output() -> None:
    """Output that cannot fail with a traceback: a closed stdout, or an ASCII-only locale."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    elif isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.encoding.lower() not in (
        "utf-8",
        "utf8",
    ):
        sys.stdout.reconfigure(errors="replace")  # `–` becomes `?` under LC_ALL=C


def _discard_output() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    if isinstance(sys.stdout, _ClosedOutput):
        sys.stdout.lost = False
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _say(message: str) -> None:
    from facilitator.controls import visible

    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(visible(message), file=sys.stderr or sys.__stderr__)
