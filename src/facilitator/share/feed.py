"""From the engine to the pages: what changed, as server-sent events, built once for all.

The engine tells its listeners after every command (already on disk, or held to retry); the
feed then sends each kind of page its payload if what that page shows changed, and the
note-taker pages the notes that changed. It sends on the loop's next turn, or, right after a
send, once GAP has passed: a burst of commands (a note-taker typing fast) goes out as one update,
and the host's keys never queue behind a stream of small ones. A tick sends the payloads again
as the clock moves (the countdown). A page that connects, or reconnects, gets everything first.
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
GAP = 0.1
"""Seconds between two sends of changes, at most ten a second (a change after a quiet moment
goes out at once)."""
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
        self._last: dict[Page, payloads.Json] = {}  # what each kind of page was last sent
        self._sent_at = 0.0
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
            loop = asyncio.get_running_loop()
            loop.call_at(max(loop.time(), self._sent_at + GAP), self.flush)

    def flush(self) -> None:
        """Send what changed since the last send."""
        self._scheduled = False
        self._sent_at = asyncio.get_running_loop().time()
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
        """Each kind of page watched gets its payload, when what it shows changed (a note
        changes nothing the room and phone pages show: they are not sent one)."""
        for page in PAGES:
            if not self.hub.watching(page):
                self._last.pop(page, None)
                continue
            data = self._payload(page)
            if self._last.get(page) != data:
                self._last[page] = data
                self.hub.send(page, sse("state", self._encode(data)))

    def _state(self, page: Page) -> str:
        return self._encode(self._payload(page))

    def _payload(self, page: Page) -> payloads.Json:
        engine = self.engine
        data = _BUILD[page](engine.state, engine.now())
        if page == "notes":
            data["saved"] = engine.saved
            data["problem"] = None if engine.saved else self.problem() or "the disk write failed"
        return data

    def _encode(self, data: payloads.Json) -> str:
        """The payload with the seq of the latest event (a page can tell it is up to date)."""
        return payloads.encode({**data, "seq": self.engine.events[-1].seq})
