"""The one error base: a problem the user can act on, told in words.

Every module raises its own subclass (AgendaError, JournalError, TemplateError, ...); the CLI
catches `FacilitatorError` once, prints `str(error)` and exits 1. Nothing else reaches the user
as a traceback.
"""

from __future__ import annotations

from facilitator.controls import visible


class FacilitatorError(Exception):
    """Something the user can fix: `str()` names the file and what to do.

    The message often quotes user text (a file name, a CSV cell): control characters in it are
    shown, never sent to the terminal as they are.
    """

    def __str__(self) -> str:
        return visible(super().__str__())
