"""Reading an RSVP list (the CSV a meetup or ticketing site exports) for quick check-in.

The sites each spell it differently: Meetup has `Name` and `RSVP` (Yes / No / Waitlist), Luma
`name`, `first_name`, `last_name` and `approval_status`, Eventbrite `First Name`, `Last Name`
and `Attendee Status`, Humanitix first and last names and a ticket status, a Google Forms sheet
the question itself ("What's your name?"), and Excel saves in UTF-16 or Windows-1252. So:

- the name is a full-name column, else first + last joined (also where the full-name cell is
  blank), else a header that asks for a name (never "Event Name", "Ticket Name", "Company
  name");
- a recognised status column is honoured: only people whose answer means coming are listed,
  everyone else is skipped with the reason;
- people who share a display name but differ in member id or e-mail stay two people ("João P."
  and "João P. (2)": Meetup shortens surnames); the same person twice is listed once.

We never guess a column that is not clearly a name: a wrong guess would pre-list ids as people.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from facilitator.controls import visible
from facilitator.errors import FacilitatorError
from facilitator.identity import name_key, tidy

#: Full-name headers (normalised: lower case, `_` as a space, punctuation dropped), best first.
FULL_NAME: tuple[str, ...] = ("name", "full name", "fullname", "attendee name", "attendee")
FULL_NAME += ("guest name", "participant name", "ticket holder name", "member name", "your name")
FIRST_NAME = ("first name", "firstname", "given name", "forename", "attendee first name")
LAST_NAME = ("last name", "lastname", "surname", "family name", "attendee last name")
#: Status headers: Meetup, Eventbrite, Luma, Humanitix and generic spellings, best first.
STATUS: tuple[str, ...] = ("rsvp", "attendee status", "approval status", "ticket status")
STATUS += ("rsvp status", "status", "response")
#: Who someone is, beyond the name: a member or guest id, else an e-mail address.
PERSON_ID = ("user id", "member id", "api id", "guest id", "attendee id", "id")
EMAIL = ("email", "email address", "e mail", "attendee email")

#: A header with "name" in it that names something other than the person.
_NOT_A_PERSON = {
    "event", "ticket", "company", "organisation", "organization", "org", "business", "team",
    "employer", "group", "venue", "project", "school", "college", "university", "order", "file",
    "user", "username", "screen", "pet", "product", "tier", "type", "host", "first", "last",
    "middle", "given", "family", "sur", "nick", "job", "brand", "institution", "course",
}  # fmt: skip
_COMING = {
    "yes", "y", "going", "attending", "checked in", "approved", "confirmed", "valid", "complete",
    "completed", "registered", "accepted", "attended", "paid", "booked", "issued", "active",
}  # fmt: skip
_REASONS = (  # (words in the status, the reason shown), first match wins
    (("wait",), "on the waitlist"),
    (("pending", "invited", "maybe", "unpaid", "incomplete"), "not confirmed"),
    (("cancel", "refund", "delete", "void", "transferred", "revoked"), "cancelled"),
    (("no", "not", "declined", "decline", "rejected"), "not coming"),
)
_PUNCTUATION = re.compile(r"[^\w\s#]")


class AttendeesError(FacilitatorError):
    """A CSV we cannot read names from; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class Skipped:
    """Someone in the file who is not pre-listed, and why (`line` is the file's line)."""

    name: str
    why: str
    line: int


@dataclass(frozen=True)
class Rsvps:
    """What an RSVP file gives: who is pre-listed, who is not and why, and the columns used."""

    listed: list[str]
    skipped: list[Skipped]
    columns: str

    def summary(self, path: Path) -> str:
        """One line for the host, e.g. "23 people from rsvps.csv; 4 skipped (3 not coming...)"."""
        people = f"{len(self.listed)} {'person' if len(self.listed) == 1 else 'people'}"
        line = f"{people} from {path.name}"
        if self.skipped:
            counts: dict[str, int] = {}
            for s in self.skipped:
                reason = s.why.split(" (")[0]
                counts[reason] = counts.get(reason, 0) + 1
            why = ", ".join(f"{n} {reason}" for reason, n in counts.items())
            line += f"; {len(self.skipped)} skipped ({why})"
        return visible(line)


def read_attendees(path: Path) -> list[str]:
    """The names to pre-list from an RSVP file, in file order (see `read_rsvps`)."""
    return read_rsvps(path).listed


def read_rsvps(path: Path) -> Rsvps:
    """Who an RSVP file pre-lists and who it skips. Raises AttendeesError (one line)."""
    rows = _rows(path, _decode(path))
    header_line, header = rows[0]
    columns = _Columns.find(header)
    if columns is None:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "nothing"
        raise AttendeesError(
            f"{path}:{header_line}: no name column (found: {found}); expected a column such "
            "as 'Name', or 'First Name' and 'Last Name'"
        )
    listed: list[str] = []
    skipped: list[Skipped] = []
    seen: dict[str, list[tuple[str | None, int]]] = {}  # name key -> (identity, line) listed
    for number, row in rows[1:]:
        name = columns.name(row)
        if not name:
            continue
        why = columns.not_coming(row)
        if why is not None:
            skipped.append(Skipped(name, why, number))
            continue
        identity = columns.identity(row)
        earlier = seen.setdefault(name_key(name), [])
        same = next((line for who, line in earlier if _same(who, identity)), None)
        if same is not None:
            skipped.append(Skipped(name, f"listed twice (same person as line {same})", number))
            continue
        earlier.append((identity, number))
        listed.append(name if len(earlier) == 1 else f"{name} ({len(earlier)})")
    if not listed and not skipped:
        raise AttendeesError(f"{path}: no names under the {columns.describe()} column")
    return Rsvps(listed, skipped, columns.describe(status=True))


def _same(a: str | None, b: str | None) -> bool:
    """Two rows with one name are one person unless both say who they are, differently."""
    return a is None or b is None or a == b


# -- reading the file ----------------------------------------------------------------------------


def _decode(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text"), else
    Windows-1252 (Excel's "CSV" on Windows)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AttendeesError(f"{path}: no such file; check the name and folder") from None
    except IsADirectoryError:
        raise AttendeesError(f"{path}: is a folder, not a CSV file") from None
    except OSError as exc:
        raise AttendeesError(f"{path}: cannot read ({exc.strerror})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(path, data, "utf-16")
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        return _decode_as(path, data, "utf-16-le")  # UTF-16 saved without a BOM
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_as(path, data, "cp1252")


def _decode_as(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise AttendeesError(
            f"{path}:{line}: not readable text (tried UTF-8, UTF-16 and Windows-1252); save the "
            "file as CSV UTF-8 and try again"
        ) from None


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows with their line numbers; the first is the header."""
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise AttendeesError(f"{path}: the file is empty; expected a CSV with a name column")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise AttendeesError(f"{path}:{reader.line_num}: not a readable CSV ({exc})") from None
    return rows


def _delimiter(header_line: str) -> str:
    """The separator the header uses most: a comma, a semicolon (European Excel) or a tab."""
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


# -- the columns ---------------------------------------------------------------------------------


def _normal(header: str) -> str:
    """A header as compared: lower case, `_` and `-` as spaces, punctuation and extra spaces
    dropped ("What's your name?" -> "whats your name")."""
    text = header.strip().casefold().replace("_", " ").replace("-", " ")
    return " ".join(_PUNCTUATION.sub("", text).split())


def _asks_for_a_name(key: str) -> bool:
    """A question-like header about the person's name: "What's your name?", "Your full name",
    "Name (first and last)"; never "Event Name", "Ticket Name", "Company name"."""
    words = set(key.split())
    return "name" in words and not words & _NOT_A_PERSON


@dataclass(frozen=True)
class _Columns:
    full: int | None
    first: int | None
    last: int | None
    status: int | None
    person: int | None
    email: int | None
    header: list[str]

    @classmethod
    def find(cls, header: list[str]) -> _Columns | None:
        keys = [_normal(cell) for cell in header]

        def first_of(names: tuple[str, ...]) -> int | None:
            return next((keys.index(n) for n in names if n in keys), None)

        full = first_of(FULL_NAME)
        if full is None:
            full = next((i for i, k in enumerate(keys) if _asks_for_a_name(k)), None)
        first, last = first_of(FIRST_NAME), first_of(LAST_NAME)
        if full is None and first is None:
            return None
        return cls(
            full, first, last, first_of(STATUS), first_of(PERSON_ID), first_of(EMAIL), header
        )

    def describe(self, *, status: bool = False) -> str:
        """The columns used, as the header spells them: "'name' or 'first_name' + 'last_name'"
        (and "; status: 'approval_status'" when asked)."""

        def cell(i: int | None) -> str:
            return "" if i is None else f"'{self.header[i].strip()}'"

        parts = [cell(self.full), " + ".join(c for c in (cell(self.first), cell(self.last)) if c)]
        names = " or ".join(p for p in parts if p)
        return f"{names}; status: {cell(self.status)}" if status and self.status else names

    def name(self, row: list[str]) -> str:
        """The row's name: the full-name cell, else first and last joined."""
        full = tidy(_cell(row, self.full))
        if full:
            return full
        return tidy(f"{_cell(row, self.first)} {_cell(row, self.last)}")

    def not_coming(self, row: list[str]) -> str | None:
        """Why this row's status means not coming, or None (coming, or no status given)."""
        status = tidy(_cell(row, self.status))
        key = _normal(status)
        if self.status is None or not key or key in _COMING:
            return None
        reason = _reason(key)
        return f"{reason} ({self.header[self.status].strip()}: {status})"

    def identity(self, row: list[str]) -> str | None:
        """Who the row is beyond its name: the member or guest id, else the e-mail."""
        person = _cell(row, self.person).strip()
        if person:
            return f"id:{person}"
        email = _cell(row, self.email).strip().casefold()
        return f"email:{email}" if email else None


def _reason(status: str) -> str:
    """Why a (normalised) status means not coming: short marks match whole words ("no"),
    longer ones any part ("waitlisted", "cancelled")."""
    words = set(status.split())
    for marks, why in _REASONS:
        if any(m in status if len(m) > 3 else m in words for m in marks):
            return why
    return "status not one that means coming"


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""
