"""Writing agendas back as TOML, the way a person would write them (templates, `new`)."""

from __future__ import annotations

from typing import Any

import tomli_w
from pydantic import BaseModel

from facilitator.agenda.models import Agenda
from facilitator.controls import json_escaped


def toml_dumps(table: dict[str, Any]) -> str:
    """tomli-w's TOML, with C1 and bidi controls escaped as \\uXXXX (tomli-w leaves them raw).

    The escapes mean the same in TOML's basic strings as in JSON, so the data is kept and the
    file carries no byte a terminal would obey (`cat next.toml` is safe).
    """
    return json_escaped(tomli_w.dumps(table))


def agenda_to_toml_dict(agenda: Agenda) -> dict[str, Any]:
    """The agenda as plain data for tomli-w, leaving out what is empty or left at its default."""
    out: dict[str, Any] = {
        "session": _tidy(agenda.session),
        "segments": [_tidy(segment) for segment in agenda.segments],
    }
    if agenda.people:
        out["people"] = [_tidy(person) for person in agenda.people]
    return out


def _tidy(model: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or (
            not info.is_required() and value == info.get_default(call_default_factory=True)
        ):
            continue
        if isinstance(value, list):
            value = [_tidy(item) if isinstance(item, BaseModel) else item for item in value]
        out[name] = value
    return out


def dump_agenda(agenda: Agenda) -> str:
    """The agenda as TOML, one [[segments]] table each, the way a person would write it."""
    data = agenda_to_toml_dict(agenda)
    session = dict(data["session"])
    materials = session.pop("materials", [])
    parts = [toml_dumps({"session": session})]
    for header, tables in (
        ("session.materials", materials),
        ("segments", data["segments"]),
        ("people", data.get("people", [])),
    ):
        parts += [f"[[{header}]]\n{toml_dumps(table)}" for table in tables]
    return "\n".join(parts)
