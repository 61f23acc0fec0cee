"""An Input whose cursor does not blink: calm on a projector, and stable in snapshots."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input


class CalmInput(Input):
    cursor_blink = reactive(False, init=False)
