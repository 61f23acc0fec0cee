"""From the engine to the pages: what changed, as server-sent events, built once for all.

The engine tells its listeners after every command (already on disk, or held to retry); the
feed then sends, on the loop's next turn (so a burst of commands goes out as one update), each
kind of page its new payload, and the note-taker pages the notes that changed. A tick sends the
payloads again as the clock moves (the countdown), only when they differ from the last sent.
A page that connects, or reconnects, gets everything first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from facilitator.session import events as ev
from facilitator.session.engine import Engine
from facilitator.share import payloads
from facilitator.share.hub import PAGES, Client, Hub, Page, sse

NOTE_EVENTS = {"note_added", "note_edited", "note_deleted"}
_BUILD: dict[Page, Callable[..., payloads.Json]] = {
    "room": payloads.room,
    "phone": payloads.phone,
    "notes": payloads.note_taker,
}


class Feed:
    def __init__(self, engine: Engine, hub: Hub, problem: Callable[[], str | None]) -> None:
        self.engine = engine
        self.hub = hub
        self.problem = problem  # why the record is not saved (None: it is, or no reason known)
        self._last: dict[Page, str] = {}
        self._notes: set[int] = set()  # notes changed since the last send
        self._all_notes = False  # an undo: every note may have changed
        self._scheduled = False
        engine.subscribe(self._events)

    # -- what a page gets first -------------------------------------------------------------------
    def welcome(self, client: Client) -> None:
        client.send(b"retry: 1000\n\n")
        client.send(sse("state", self._state(client.page)))
        if client.page == "notes":
            notes = payloads.all_notes(self.engine.state)
            client.send(sse("notes", payloads.encode({"reset": True, "notes": notes})))

    # -- what changed -----------------------------------------------------------------------------
    def _events(self, events: list[ev.Event]) -> None:
        for event in events:
            if event.type in NOTE_EVENTS:
                self._notes.add(event.note_id)  # type: ignore[union-attr]
            elif isinstance(event, ev.Undone):
                self._all_notes = True
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        """Send what changed since the last send."""
        self._scheduled = False
        self.tick()
        if self._all_notes:
            self._all_notes, self._notes = False, set()
            notes = payloads.all_notes(self.engine.state)
            self.hub.send("notes", sse("notes", payloads.encode({"reset": True, "notes": notes})))
        elif self._notes:
            changed, self._notes = sorted(self._notes), set()
            state = self.engine.state
            upserts: list[Any] = []
            deleted: list[int] = []
            for note_id in changed:
                line = payloads.note(state, note_id)
                if line is None:
                    deleted.append(note_id)
                else:
                    upserts.append(line)
            data = {"reset": False, "notes": upserts, "deleted": deleted}
            self.hub.send("notes", sse("notes", payloads.encode(data)))

    def tick(self) -> None:
        """Each kind of page watched gets its payload, when it differs from the last sent."""
        for page in PAGES:
            if not self.hub.watching(page):
                self._last.pop(page, None)
                continue
            text = self._state(page)
            if self._last.get(page) != text:
                self._last[page] = text
                self.hub.send(page, sse("state", text))

    def _state(self, page: Page) -> str:
        engine = self.engine
        data = _BUILD[page](engine.state, engine.now())
        data["seq"] = engine.events[-1].seq
        if page == "notes":
            data["saved"] = engine.saved
            data["problem"] = None if engine.saved else self.problem() or "the disk write failed"
        return payloads.encode(data)
