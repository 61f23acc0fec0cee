"""Check parsed agenda data and say what is wrong in the host's words, at the right line.

Pydantic finds the field errors; they are translated here ("minutes must be a positive whole
number, got -5"; "unknown key `minuts`; did you mean `minutes`?"). The cross-field rules are
also run on the raw data, so a file with a typo in one segment still gets its timing checked.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from facilitator.agenda.models import (
    RULES_ERROR,
    VALUE_ERROR,
    Agenda,
    ClockTime,
    Material,
    Minutes,
    PersonEntry,
    Segment,
    SegmentKind,
    SessionInfo,
    TurnOrder,
    VoteMethod,
)
from facilitator.agenda.problems import AgendaError, Problem, show_value
from facilitator.agenda.rules import (
    Issue,
    Slot,
    backlog_issues,
    option_issues,
    people_issues,
    timing,
)
from facilitator.agenda.source import Path, SourceMap, Span

_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": get_args(SegmentKind),
    "order": get_args(TurnOrder),
    "method": get_args(VoteMethod),
}
_KEY_ALIASES = {
    "duration": "minutes",
    "length": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "type": "kind",
    "name": "title",
    "time": "at",
    "start": "at",
    "link": "url",
    "href": "url",
    "segment": "segments",
    "person": "people",
    "attendees": "people",
}
_ARRAY_TABLES: dict[Path, str] = {
    ("segments",): "[[segments]]",
    ("people",): "[[people]]",
    ("session", "materials"): "[[session.materials]]",
}
_T = TypeVar("_T")
_TIME = TypeAdapter(ClockTime)
_MINUTES = TypeAdapter(Minutes)


def check_agenda(data: Mapping[str, Any], file: str, text: str | None = None) -> Agenda:
    """Validate parsed agenda data, raising `AgendaError` with every problem.

    With `text` (the TOML it was parsed from), the cross-field rules are checked on the raw
    data too, each problem placed at its line. Without it (an agenda stored in a record, which
    carries every field), the models' own rule checks speak instead.
    """
    try:
        agenda: Agenda | None = Agenda.model_validate(data)
        errors: list[ErrorDetails] = []
    except ValidationError as err:
        agenda, errors = None, err.errors(include_url=False)
    raw = text is not None
    issues = [issue for error in errors if (issue := _translate(error, data, rules=not raw))]
    if raw:
        issues += _rule_issues(data)
    if agenda is not None and not issues:
        return agenda
    if not issues:  # a rule the raw checks missed: still say something true
        issues = [_translate(error, data, rules=True) or Issue((), "invalid") for error in errors]
    source = None if text is None else SourceMap(text)  # only now: finding lines costs time
    raise AgendaError(_problems(issues, data, source, file))


def _translate(error: ErrorDetails, data: Any, *, rules: bool = False) -> Issue | None:
    """A pydantic error as an Issue in the host's words; None for rules checked elsewhere."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    if kind == RULES_ERROR and not rules:
        return None
    _, rest = _split(loc)
    field = _field_text(rest)
    if kind == "extra_forbidden":
        return Issue(loc, _unknown_key(loc, value), at_key=True)
    if kind == "missing":
        if loc == ("session",):
            return Issue(loc, "[session] is missing; it needs at least a title")
        if loc == ("segments",):
            return Issue(loc, "[[segments]] are missing; an agenda needs at least one segment")
        choices = _CHOICES.get(str(loc[-1]))
        return Issue(loc, f"{field} is missing" + (f" ({_one_of(choices)})" if choices else ""))
    if kind in (VALUE_ERROR, RULES_ERROR):
        detail = str((error.get("ctx") or {}).get("detail", error["msg"]))
    elif kind == "literal_error":
        detail = _bad_choice(_CHOICES.get(str(loc[-1]), ()), value)
    elif kind == "string_type":
        detail = f"must be text in quotes, got {show_value(value)}"
    elif kind == "bool_type":
        detail = f"must be true or false, got {show_value(value)}"
    elif kind == "list_type":
        table = _ARRAY_TABLES.get(loc)
        shape = f"one {table} per entry" if table else 'an array, e.g. ["a", "b"]'
        detail = f"must be {shape}, got {show_value(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        detail = f"must be a table, got {show_value(value)}"
    elif kind == "too_short" and loc == ("segments",):
        detail = "must have at least one [[segments]] table"
    else:
        detail = f"is invalid ({error['msg']}), got {show_value(value)}"
    return Issue(loc, f"{field} {detail}" if field else detail)


def _split(path: Path) -> tuple[Path, Path]:
    """(the table a path is in, the rest): ("segments", 2, "at") -> (("segments", 2), ("at",))."""
    for size, prefix in ((2, ("segments",)), (2, ("people",)), (3, ("session", "materials"))):
        if path[: size - 1] == prefix and len(path) >= size and isinstance(path[size - 1], int):
            return path[:size], path[size:]
    if path[:1] == ("session",) and len(path) > 1:
        return path[:1], path[1:]
    return (), path


def _field_text(rest: Path) -> str:
    """("backlog", 1) -> "backlog item 2"."""
    return " ".join(f"item {part + 1}" if isinstance(part, int) else part for part in rest)


def _context(table: Path, data: Any) -> str:
    """How a message names its table: 'session', 'segment 3 "Discussion"', 'person 2 "Ann"'."""
    if not table:
        return ""
    if table == ("session",):
        return "session"
    noun = {"segments": "segment", "people": "person", "materials": "material"}[str(table[-2])]
    entry = _dig(data, table)
    label = entry.get("name" if noun == "person" else "title") if isinstance(entry, dict) else None
    named = f" {show_value(label)}" if isinstance(label, str) and label.strip() else ""
    return f"{noun} {int(table[-1]) + 1}{named}"


def _dig(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _model_at(path: Path) -> type[BaseModel] | None:
    """The model whose table is at `path`, to list the keys it allows."""
    if not path:
        return Agenda
    if path == ("session",):
        return SessionInfo
    table, rest = _split(path)
    if rest or not table:
        return None
    models: dict[str, type[BaseModel]] = {
        "segments": Segment,
        "people": PersonEntry,
        "materials": Material,
    }
    return models[str(table[-2])]


def _unknown_key(loc: Path, value: object) -> str:
    key, allowed = str(loc[-1]), list(getattr(_model_at(loc[:-1]), "model_fields", {}))
    is_table = isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)
    )
    text = f"unknown {'table' if is_table else 'key'} {_key_text(key)}"
    guess = _guess(key, allowed)
    if guess and (key not in SessionInfo.model_fields or guess == _KEY_ALIASES.get(key)):
        return f"{text}; did you mean `{guess}`?"
    if key in SessionInfo.model_fields and loc[:1] != ("session",):
        return f"{text}; session details belong under [session], before the first [[segments]]"
    if key in Agenda.model_fields and len(loc) > 1:
        return f"{text}; write [[{key}]] tables, or move this line above the first [table]"
    return f"{text} (expected one of: {', '.join(allowed)})" if allowed else text


def _key_text(key: str) -> str:
    return f"`{key}`" if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", key) else show_value(key)


def _guess(word: str, allowed: list[str]) -> str | None:
    """The allowed word the user most likely meant, if one is close."""
    folded = word.strip().casefold().replace("-", "_").replace(" ", "_")
    if folded in allowed:
        return folded
    alias = _KEY_ALIASES.get(folded)
    if alias in allowed:
        return alias
    close = difflib.get_close_matches(folded, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _one_of(choices: tuple[str, ...]) -> str:
    return "one of " + ", ".join(f'"{choice}"' for choice in choices)


def _bad_choice(choices: tuple[str, ...], value: object) -> str:
    detail = f"must be {_one_of(choices)}, got {show_value(value)}"
    if isinstance(value, str):
        folded = value.strip().casefold()
        guess = folded if folded in choices else _guess(value, list(choices))
        if guess:
            detail += f'; did you mean "{guess}"?'
    return detail


def _rule_issues(data: Mapping[str, Any]) -> list[Issue]:
    """The cross-field rules on the raw TOML, so they are reported even beside other errors."""
    issues: list[Issue] = []
    session = data.get("session")
    start = None
    if isinstance(session, dict):
        start = _valid(_TIME, session.get("start"))
        backlog = session.get("backlog")
        if isinstance(backlog, list):
            issues += backlog_issues([t if isinstance(t, str) else None for t in backlog])
    segments = data.get("segments")
    if isinstance(segments, list) and segments:
        slots: list[Slot] = []
        for index, raw in enumerate(segments):
            if not isinstance(raw, dict):
                slots.append(Slot(None, None, at_bad=True, minutes_bad=True))
                continue
            issues += _option_issues(index, raw)
            at, minutes = _valid(_TIME, raw.get("at")), _valid(_MINUTES, raw.get("minutes"))
            bad_at, bad_minutes = at is None and "at" in raw, minutes is None and "minutes" in raw
            slots.append(Slot(at, minutes, at_bad=bad_at, minutes_bad=bad_minutes))
        issues += timing(start, slots)[1]
    people = data.get("people")
    if isinstance(people, list):
        names = [p.get("name") if isinstance(p, dict) else None for p in people]
        issues += people_issues([name if isinstance(name, str) else None for name in names])
    return issues


def _option_issues(index: int, raw: dict[str, Any]) -> list[Issue]:
    kind, method = raw.get("kind"), raw.get("method", "approval")
    if kind not in _CHOICES["kind"]:
        return []
    known_method = method if method in _CHOICES["method"] else None
    found = option_issues(str(kind), raw, known_method)
    return [Issue(("segments", index, name), message, at_key=True) for name, message in found]


def _valid(adapter: TypeAdapter[_T], value: object) -> _T | None:
    if value is None:
        return None
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def _problems(issues: list[Issue], data: Any, source: SourceMap | None, file: str) -> list[Problem]:
    """Issues as located, de-duplicated problems in file order."""
    problems: dict[tuple[Span | None, str], Problem] = {}  # ordered, de-duplicated
    for issue in issues:
        table, rest = _split(issue.path)
        context = _context(table, data)
        message = f"{context}{':' if rest else ''} {issue.message}" if context else issue.message
        span = source.locate(issue.path, key=issue.at_key) if source else None
        if (span, message) in problems:
            continue
        if span is None or source is None:
            problem = Problem(file, None, message)
        else:
            text = source.line(span.line)
            problem = Problem.at(file, span.line, message, text, span.column, span.width)
        problems[span, message] = problem
    return sorted(problems.values(), key=lambda p: (p.line is None, p.line or 0))
