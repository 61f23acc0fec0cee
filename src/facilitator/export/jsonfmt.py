"""The JSON summary: the `Summary` model as is, for tools (schema: docs/record.schema.json).

Text stays verbatim as data; the control characters that JSON lets through raw (DEL, C1, bidi
controls) are written as `\\uXXXX` escapes, so printing the JSON cannot command a terminal.
"""

from __future__ import annotations

from facilitator.controls import json_escaped
from facilitator.export.summary import Summary


def render(summary: Summary) -> str:
    return json_escaped(summary.model_dump_json(indent=2, by_alias=True)) + "\n"
