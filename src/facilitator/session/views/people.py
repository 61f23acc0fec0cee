"""The people: who is here, who is expected, and whose turn comes.

The round at a glance (queued next, raised hands in the order they will be served, who spoke,
passed or is absent), check-in (who came last, who is still expected, what a name typed at
check-in points at) and the people the host picks from (whose hand goes up or down, who left,
who nominated a topic).
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.identity import name_key, tidy, unique
from facilitator.session import rounds
from facilitator.session.rounds import expected_names as expected_names  # the read model's too
from facilitator.session.state import SessionState
from facilitator.session.views.base import PersonRef, people_refs

# -- the round ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundView:
    next: tuple[PersonRef, ...]
    """Who is queued in this round, in order (passers' second chances last)."""
    open_floor: bool
    hands: tuple[PersonRef, ...]
    """Raised hands in the order they will be served."""
    progressive: bool
    """Hands served by progressive stack (who spoke least first), else first come."""
    spoke: tuple[PersonRef, ...]
    passed: tuple[PersonRef, ...]
    """Passed and have not spoken since in this segment."""
    absent: tuple[PersonRef, ...]
    not_yet: tuple[PersonRef, ...]
    """Here, and no turn yet in this segment."""


def round_(state: SessionState) -> RoundView | None:
    """The round at a glance; None when no segment with turns runs."""
    run, segment = state.run, state.segment
    if run is None or segment is None or not segment.has_turns:
        return None
    passed = [p for p, out in run.turned.items() if out == "passed" and p not in run.spoke]
    absent = [p for p, out in run.turned.items() if out == "absent"]
    return RoundView(
        next=people_refs(state, [item.person_id for item in run.queue]),
        open_floor=segment.open_floor,
        hands=people_refs(state, rounds.ordered_hands(state)),
        progressive=state.hands_order == "progressive",
        spoke=people_refs(state, list(run.spoke)),
        passed=people_refs(state, passed),
        absent=people_refs(state, absent),
        not_yet=people_refs(state, [p.id for p in state.present() if p.id not in run.turned]),
    )


# -- check-in -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckinView:
    here: int
    latest: tuple[PersonRef, ...]
    """Who is here, latest arrival first."""
    expected: tuple[str, ...]
    """Expected and not here (yet)."""


def checkin(state: SessionState) -> CheckinView:
    present = state.present()
    here = [p.name for p in present]
    return CheckinView(
        here=len(present),
        latest=people_refs(state, [p.id for p in reversed(present)]),
        expected=tuple(unique(expected_names(state), drop=here)),
    )


def fits(typed: str, text: str) -> bool:
    """Does what the host typed point at `text`? Every word typed is part of it, in any order
    ("smith" and "bob smith" both fit "Smith, Bob"); case, accents and spacing do not count,
    as for `identity.name_key`. Nothing typed fits everything."""
    key = name_key(text)
    return all(word in key for word in name_key(typed).split())


@dataclass(frozen=True, slots=True)
class CheckinMatch:
    """What a name typed at check-in points at."""

    typed: str
    """As typed, tidied (one space between words)."""
    matches: tuple[str, ...]
    """Who can be checked in and fits what was typed (expected and not here, or gone and
    back), the one with exactly that name first."""
    here: str | None
    """Someone already checked in under exactly that name."""
    exact: bool
    """The first match is exactly that name (case, accents and spacing aside)."""

    @property
    def pick(self) -> str | None:
        """Whom enter checks in: the one with that name, else the only one that fits; never
        a partial match when the name typed is someone already here."""
        if not self.typed or not self.matches:
            return None
        if self.exact or (len(self.matches) == 1 and self.here is None):
            return self.matches[0]
        return None

    @property
    def new(self) -> str | None:
        """The name a new person would be checked in under (None: it names someone known)."""
        return None if not self.typed or self.exact or self.here is not None else self.typed


def checkin_match(state: SessionState, typed: str) -> CheckinMatch:
    """Check-in is quick and forgiving: any part of an expected name finds it; adding a new
    person is a separate, explicit choice."""
    people = sorted(state.people.values(), key=lambda p: p.arrival)
    here = [p.name for p in people if p.present]
    gone = [p.name for p in people if not p.present]
    names = unique([*expected_names(state), *gone], drop=here)
    typed = tidy(typed)
    key = name_key(typed)
    found = [n for n in names if fits(typed, n)]
    exact = [n for n in found if name_key(n) == key] if key else []
    return CheckinMatch(
        typed=typed,
        matches=tuple(exact + [n for n in found if n not in exact]),
        here=next((n for n in here if name_key(n) == key), None) if key else None,
        exact=bool(exact),
    )


# -- what the host can pick from ------------------------------------------------------------------


def present_people(state: SessionState) -> tuple[PersonRef, ...]:
    """Everyone here, in order of arrival."""
    return people_refs(state, [p.id for p in state.present()])


def hand_candidates(state: SessionState) -> tuple[PersonRef, ...]:
    """Who can raise a hand: here, hand not up, not the one speaking."""
    skip = set(state.hands)
    if state.speaker is not None:
        skip.add(state.speaker.id)
    return tuple(p for p in present_people(state) if p.id not in skip)


def raised_hands(state: SessionState) -> tuple[PersonRef, ...]:
    return people_refs(state, list(state.hands))
