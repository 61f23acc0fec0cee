"""Reading an RSVP list (a CSV with a name column) for quick check-in.

Meetup sites export RSVPs as CSV with many columns; we only need the names. The header is
matched loosely (case and spaces) because every site spells it differently, but we never
guess a column that is not clearly a name: a wrong guess would pre-list RSVP ids as people.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from facilitator.errors import FacilitatorError

#: Headers accepted as the name column (compared after strip + casefold), in order of preference.
NAME_HEADERS = ("name", "full name", "attendee", "attendee name")


class AttendeesError(FacilitatorError):
    """A CSV we cannot read names from; ``str()`` is one line naming the file."""


def _delimiter(header_line: str) -> str:
    """Comma, unless the header clearly uses semicolons or tabs (spreadsheet exports do)."""
    if "," not in header_line:
        for candidate in (";", "\t"):
            if candidate in header_line:
                return candidate
    return ","


def read_attendees(path: Path) -> list[str]:
    """The names in the CSV's name column, in file order, blanks skipped, duplicates dropped."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise AttendeesError(f"{path}: no such file; check the name and folder") from None
    except IsADirectoryError:
        raise AttendeesError(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise AttendeesError(
            f"{path}:{line}: not UTF-8 text; save the CSV as UTF-8 and try again"
        ) from None
    except OSError as exc:
        raise AttendeesError(f"{path}: cannot read ({exc.strerror})") from None
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise AttendeesError(f"{path}: the file is empty; expected a CSV with a 'name' column")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise AttendeesError(f"{path}:{reader.line_num}: not a readable CSV ({exc})") from None
    rows_iter = ((number, row) for number, row in rows if any(cell.strip() for cell in row))
    header_line, header = next(rows_iter)
    keys = [cell.strip().casefold() for cell in header]
    column = next((keys.index(h) for h in NAME_HEADERS if h in keys), None)
    if column is None:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "nothing"
        raise AttendeesError(f"{path}:{header_line}: no 'name' column (found: {found})")
    names: list[str] = []
    seen: set[str] = set()
    for _number, row in rows_iter:
        if column >= len(row):
            continue
        name = " ".join(row[column].split())
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            names.append(name)
    if not names:
        raise AttendeesError(f"{path}: no names under the '{header[column].strip()}' column")
    return names
