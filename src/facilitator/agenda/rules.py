"""The agenda's cross-field rules, checked on plain values.

Two callers share these: the pydantic models (so an Agenda built in code is as sound as one
loaded from a file) and the TOML loader, which must report every problem of a half-broken file,
including the rules that pydantic would skip once a field is invalid.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.agenda.problems import clock, show_value
from facilitator.agenda.source import Path

DAY = 86_400
ROUND_KINDS = ("intros", "discussion")
ROUND_OPTIONS = ("turn_seconds", "allow_pass", "order", "revisit_passed", "open_floor")
VOTE_OPTIONS = ("method", "dots")


@dataclass(frozen=True)
class Issue:
    """A broken rule, before it is placed in a file."""

    path: Path
    """Where: a field's path, or a table's path for a problem with the table as a whole."""
    message: str
    """What, starting with the field's name when there is one (the table is named later)."""
    at_key: bool = False
    """Point at the key rather than its value (the key itself is what does not belong)."""


@dataclass(frozen=True)
class Slot:
    """A segment's timing fields; `*_bad` marks a field given but invalid (already reported)."""

    at: datetime.time | None
    minutes: int | None
    at_bad: bool = False
    minutes_bad: bool = False


def option_issues(kind: str, given: Iterable[str], method: str | None) -> list[tuple[str, str]]:
    """(field, message) for options that mean nothing for this kind of segment.

    `method` is None when it is itself invalid, so the dots-need-a-dot-vote rule is skipped.
    """
    given = list(given)
    found: list[tuple[str, str]] = []
    for name in given:
        if name in ROUND_OPTIONS and kind not in ROUND_KINDS:
            found.append((name, f'{name} only applies to "intros" and "discussion", not "{kind}"'))
        elif name in VOTE_OPTIONS and kind != "voting":
            found.append((name, f'{name} only applies to "voting" segments, not "{kind}"'))
    if kind == "voting" and "dots" in given and method is not None and method != "dot":
        found.append(("dots", f'dots only applies with method = "dot", not "{method}"'))
    return found


def seconds(time: datetime.time) -> int:
    """Seconds since midnight, the unit the timing rules compare in."""
    return time.hour * 3600 + time.minute * 60 + time.second


def timing(
    start: datetime.time | None, slots: Sequence[Slot]
) -> tuple[list[int | None], list[Issue]]:
    """Each segment's planned seconds, and what is inconsistent about the times given.

    `at` is a planned clock start and `minutes` a length; where both pin a segment's start
    (session start, or the previous segment's start plus its minutes), they must agree.
    """
    planned: list[int | None] = []
    issues: list[Issue] = []
    cursor = None if start is None else seconds(start)  # where the next segment must begin
    previous: tuple[int, int] | None = None  # (start, minutes) of the segment before
    last_at: tuple[int, int] | None = None  # (index, seconds) of the latest valid `at`
    for index, slot in enumerate(slots):
        here: Path = ("segments", index)
        begin: int | None = None if slot.at_bad else cursor
        if slot.at is not None and not slot.at_bad:
            begin = seconds(slot.at)
            if last_at is not None and begin <= last_at[1]:
                issues.append(
                    Issue(
                        (*here, "at"),
                        f"at {clock(begin)} must be later than segment {last_at[0] + 1}'s "
                        f"at {clock(last_at[1])}",
                    )
                )
            elif cursor is not None and begin != cursor:
                wrong = (
                    f"does not follow {clock(previous[0])} + {previous[1]} min = {clock(cursor)}"
                    if previous
                    else f"differs from the session's start {clock(cursor)}"
                )
                issues.append(Issue((*here, "at"), f"at {clock(begin)} {wrong}"))
            last_at = (index, begin)
        length: int | None = None
        if slot.minutes is not None and not slot.minutes_bad:
            length = slot.minutes * 60
        elif not slot.minutes_bad:
            length = _length_from_next(index, slots, begin, issues)
        planned.append(length)
        if begin is not None and length is not None:
            cursor = begin + length
            previous = (begin, slot.minutes) if slot.minutes is not None else None
        else:
            cursor, previous = None, None
    known = [length for length in planned if length is not None]
    if len(known) == len(planned) and sum(known) >= DAY:
        total = sum(known) // 60
        issues.append(
            Issue(
                ("segments",),
                f"segments add up to {total // 60} h {total % 60} min; "
                "a session must be shorter than 24 hours",
            )
        )
    return planned, issues


def _length_from_next(
    index: int, slots: Sequence[Slot], begin: int | None, issues: list[Issue]
) -> int | None:
    """The length of a segment without `minutes`: up to the next segment's `at`, if it has one."""
    slot, here = slots[index], ("segments", index)
    if slot.at is None and not slot.at_bad:
        issues.append(Issue(here, "needs `minutes` or `at` (its planned clock start)"))
        return None
    if index == len(slots) - 1:
        issues.append(
            Issue(here, "needs `minutes`: it is the last segment, so nothing gives its end")
        )
        return None
    after = slots[index + 1]
    if after.at is None and not after.at_bad:
        issues.append(Issue(here, "needs `minutes`: the next segment has no `at` to give its end"))
        return None
    if after.at is None or after.at_bad or begin is None:
        return None
    length = seconds(after.at) - begin
    return length if length > 0 else None


def duplicates(values: Sequence[str | None]) -> list[tuple[int, int]]:
    """(index, index of its first occurrence) for each repeat, ignoring case and spacing."""
    first: dict[str, int] = {}
    found: list[tuple[int, int]] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        folded = " ".join(value.split()).casefold()
        if not folded:
            continue
        if folded in first:
            found.append((index, first[folded]))
        else:
            first[folded] = index
    return found


def people_issues(names: Sequence[str | None]) -> list[Issue]:
    """Two [[people]] with the same name cannot be told apart during check-in."""
    return [
        Issue(
            ("people", index, "name"),
            f"name {show_value(names[index])} is already listed as person {earlier + 1}"
            " (names must differ, ignoring case)",
        )
        for index, earlier in duplicates(names)
    ]


def backlog_issues(topics: Sequence[str | None]) -> list[Issue]:
    """A topic listed twice in the backlog would split its votes."""
    return [
        Issue(
            ("session", "backlog", index),
            f"backlog topic {show_value(topics[index])} repeats topic {earlier + 1}",
        )
        for index, earlier in duplicates(topics)
    ]
