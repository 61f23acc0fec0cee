"""Agenda files: the models, loading and checking a TOML agenda, writing one back, and the
printed schedule.

The package's rooms: `models` (pydantic, strict), `check` and `rules` (every problem at once),
`source` (TOML positions, for line and caret), `problems` (how a problem is shown), `schedule`
(the planned clock times), `loading` and `writing` (TOML in and out).
"""

from __future__ import annotations

from facilitator.agenda.loading import agenda_from_json, load_agenda, parse_agenda
from facilitator.agenda.models import (
    Agenda,
    Material,
    PersonEntry,
    Segment,
    SegmentKind,
    SessionInfo,
    TurnOrder,
    VoteMethod,
    VoteWords,
    vote_words,
)
from facilitator.agenda.problems import AgendaError, Problem
from facilitator.agenda.schedule import format_schedule
from facilitator.agenda.writing import agenda_to_toml_dict, dump_agenda

__all__ = [
    "Agenda",
    "AgendaError",
    "Material",
    "PersonEntry",
    "Problem",
    "Segment",
    "SegmentKind",
    "SessionInfo",
    "TurnOrder",
    "VoteMethod",
    "VoteWords",
    "agenda_from_json",
    "agenda_to_toml_dict",
    "dump_agenda",
    "format_schedule",
    "load_agenda",
    "parse_agenda",
    "vote_words",
]
