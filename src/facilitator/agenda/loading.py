"""Reading agenda files: TOML text in, a checked `Agenda` out.

The loader never raises anything but `AgendaError`, and it reports every problem at once, each
at its line in the file, so a host can fix an agenda in one pass.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from facilitator.agenda.check import check_agenda
from facilitator.agenda.models import Agenda
from facilitator.agenda.problems import AgendaError, Problem, show_value
from facilitator.agenda.source import SourceMap
from facilitator.regular import NotRegularFile, read_regular

MAX_BYTES = 1_000_000
"""Larger files are refused before reading: no agenda is that long, and /dev/zero never ends."""

# -- loading ----------------------------------------------------------------------------------


def load_agenda(path: str | os.PathLike[str]) -> Agenda:
    """Read and check an agenda file; every failure is an `AgendaError` naming the file."""
    file = os.fspath(path)
    try:
        data = read_regular(file, MAX_BYTES + 1)
    except NotRegularFile:
        raise _fail(
            file, "is not a regular file (a pipe, device or socket); name a .toml file"
        ) from None
    except FileNotFoundError:
        raise _fail(file, "no such file; check the path") from None
    except IsADirectoryError:
        raise _fail(file, "is a directory; give the path of an agenda .toml file") from None
    except PermissionError:
        raise _fail(file, "cannot be read: permission denied") from None
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise _fail(file, f"cannot be read: {reason}") from None
    if len(data) > MAX_BYTES:
        raise _fail(file, f"is too large for an agenda (over {MAX_BYTES // 1_000_000} MB)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(file, "is UTF-16 text; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise AgendaError([_not_utf8(file, data, err.start)]) from None
    return parse_agenda(text, file)


def parse_agenda(text: str, file: str = "<agenda>") -> Agenda:
    """Check agenda TOML text; `file` names it in the problems."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _fail(file, "is empty; an agenda needs a [session] with a title and [[segments]]")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise AgendaError([_syntax_problem(file, text, str(err))]) from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        line = _line_of(text, re.search(r"\d{4000,}", text))
        raise AgendaError(
            [Problem(file, line, "TOML error: a number has too many digits")]
        ) from None
    except RecursionError:
        raise _fail(file, "TOML error: arrays or tables are nested too deeply") from None
    if not data:
        raise _fail(file, "has no agenda in it; it needs a [session] with a title and [[segments]]")
    return check_agenda(data, file, text)


def agenda_from_json(data: Mapping[str, Any]) -> Agenda:
    """Rebuild an agenda stored as `agenda.model_dump(mode="json")`, e.g. in a session record."""
    file = "<agenda in record>"
    if not isinstance(data, Mapping):
        raise _fail(file, f"must be an object, got {show_value(data)}")
    return check_agenda(data, file)


def _fail(file: str, message: str) -> AgendaError:
    return AgendaError([Problem(file, None, message)])


def _line_of(text: str, match: re.Match[str] | None) -> int | None:
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _not_utf8(file: str, data: bytes, at: int) -> Problem:
    start = data.rfind(b"\n", 0, at) + 1
    end = data.find(b"\n", at)
    line = data[start : len(data) if end < 0 else end].decode("utf-8", "replace")
    column = len(data[start:at].decode("utf-8", "replace")) + 1
    message = f"is not UTF-8 text (byte 0x{data[at]:02x}); save it as UTF-8"
    return Problem.at(file, data.count(b"\n", 0, at) + 1, message, line.rstrip("\r"), column)


def _syntax_problem(file: str, text: str, error: str) -> Problem:
    """tomllib's message, with its position moved into the usual place and a hint if we can."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", error)
    what = error[: found.start()] if found else error.removesuffix(" (at end of document)")
    message = f"TOML syntax error: {what[:1].lower()}{what[1:]}"
    if found is None:
        return Problem(file, None, message + " (reached the end of the file)")
    line, column = int(found.group(1)), int(found.group(2))
    source = SourceMap(text).line(line)
    if what.startswith("Cannot"):  # tomllib points past the statement; the key is the news
        message += "; each key and [table] may be given only once"
        column = len(source) - len(source.lstrip()) + 1
    rest = source[column - 1 :]
    if re.search(r"=\s*\d{1,2}:\d{2}\s*(#.*)?$", source):
        message += "; TOML times need seconds, e.g. 18:30:00"
    elif what == "Invalid value" and re.match(r"[^\W\d]", rest):
        message += '; text must be in quotes, e.g. title = "My meetup"'
    token = re.match(r"[^\s,\]}]*", rest)
    width = max(1, len(token.group()) if token else 1)
    return Problem.at(file, line, message, source, column, width)
