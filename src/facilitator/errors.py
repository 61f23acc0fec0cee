"""The one error base: a problem the user can act on, told in words.

Every module raises its own subclass (AgendaError, JournalError, TemplateError, ...); the CLI
catches `FacilitatorError` once, prints `str(error)` and exits 1. Nothing else reaches the user
as a traceback.
"""

from __future__ import annotations


class FacilitatorError(Exception):
    """Something the user can fix: `str()` names the file and what to do."""
