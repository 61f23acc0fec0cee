"""People's names in a summary, or "Participant N" for a public post (`--anonymous`).

Numbers follow arrival order, so "Participant 3" is the same person in every section. Names
typed inside notes and topics are replaced too, as whole words, ignoring case and accents (as
identity.name_key does: "zoe otaki" is Zoë Ōtaki): each known
full name, and a first name when it is unambiguous (unique among everyone known, three letters or
more). Names of people expected but never checked in (RSVPs, the agenda's host) become
"Someone" or "Host". A nickname nobody checked in under cannot be known, and stays; so do
URLs, which would break if edited.
"""

from __future__ import annotations

import re
import unicodedata

from facilitator.identity import name_key
from facilitator.session.notes import URL_RE
from facilitator.session.state import SessionState
from facilitator.session.views import expected_names

HOST = "Host"
SOMEONE = "Someone"
NOTE_TAKER = "Note-taker"
# A name is replaced only as a whole word: not inside `rob_t`, `rob.t`, `rob-smith` or an
# e-mail address (which, like a URL, is left whole: `rob_t@example.org` stays as typed).
_BEFORE = r"(?<!\w)(?<!\w[-.])"
_AFTER = r"(?!\w|[-.]\w)"
_WHOLE = re.compile(URL_RE.pattern + r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def participant(number: int) -> str:
    return f"Participant {number}"


class Namer:
    """Maps person ids (and names in free text) to what the summary shows."""

    def __init__(self, state: SessionState, *, anonymous: bool) -> None:
        self.anonymous = anonymous
        self._names = {pid: p.name for pid, p in state.people.items()}
        self._labels = {pid: participant(p.arrival + 1) for pid, p in state.people.items()}
        self._by_name: dict[str, str] = {}
        if not anonymous:
            self._pattern: re.Pattern[str] | None = None
            return
        for p in sorted(state.people.values(), key=lambda p: p.arrival):
            self._by_name.setdefault(name_key(p.name), self._labels[p.id])
        host = state.agenda.session.host
        if host:
            self._by_name.setdefault(name_key(host), HOST)
        for name in expected_names(state):
            self._by_name.setdefault(name_key(name), SOMEONE)
        self._add_first_names()
        words = sorted((k for k in self._by_name if k), key=len, reverse=True)
        self._pattern = (
            re.compile(_BEFORE + "(?:" + "|".join(re.escape(w) for w in words) + ")" + _AFTER, re.I)
            if words
            else None
        )

    def _add_first_names(self) -> None:
        firsts: dict[str, set[str]] = {}
        for full, label in self._by_name.items():
            parts = full.split(" ")
            if len(parts) > 1 and len(parts[0]) >= 3 and parts[0].isalpha():
                firsts.setdefault(parts[0], set()).add(label)
        for first, labels in firsts.items():
            if len(labels) == 1 and first not in self._by_name:
                self._by_name[first] = labels.pop()

    def person(self, person_id: int) -> str:
        if self.anonymous:
            return self._labels.get(person_id, SOMEONE)
        return self._names.get(person_id, SOMEONE)

    def host(self, name: str | None) -> str | None:
        if name is None or not self.anonymous:
            return name
        return self._by_name.get(name_key(name), HOST)

    def author(self, name: str | None) -> str | None:
        """A note-taker: their label if they checked in too, else "Note-taker" (anonymous)."""
        if name is None or not self.anonymous:
            return name
        return self._by_name.get(name_key(name), NOTE_TAKER)

    def text(self, text: str) -> str:
        """Free text with every known name replaced (when anonymous); URLs and e-mail addresses
        are left whole, so links still work and match the resources list."""
        pattern = self._pattern
        if pattern is None:
            return text
        parts = _WHOLE.split(text)  # no groups: even items are text, odd ones URLs and e-mails
        urls = _WHOLE.findall(text)
        out = [self._replace(pattern, parts[0])]
        for url, part in zip(urls, parts[1:], strict=True):
            out += [url, self._replace(pattern, part)]
        return "".join(out)

    def _replace(self, pattern: re.Pattern[str], text: str) -> str:
        """Names found in `text` folded (no case, no accents), replaced in `text` as typed."""
        folded, starts = _folded(text)
        out: list[str] = []
        done = 0
        for match in pattern.finditer(folded):
            start = starts[match.start()]
            end = starts[match.end()]
            out += [text[done:start], self._by_name.get(name_key(match.group(0)), SOMEONE)]
            done = end
        return "".join(out) + text[done:]


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` with case and accents folded as name_key folds them, and for each folded
    character the index in `text` it came from (plus a last entry, `len(text)`)."""
    folded: list[str] = []
    starts: list[int] = []
    for index, ch in enumerate(text):
        bare = "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        ).casefold()
        folded.append(bare)
        starts += [index] * len(bare)
    return "".join(folded), [*starts, len(text)]
