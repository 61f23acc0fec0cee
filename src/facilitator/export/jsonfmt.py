"""The JSON summary: the `Summary` model as is, for tools (schema: docs/record.schema.json)."""

from __future__ import annotations

from facilitator.export.summary import Summary


def render(summary: Summary) -> str:
    return summary.model_dump_json(indent=2, by_alias=True) + "\n"
