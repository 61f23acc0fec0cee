"""The open pages, and what is waiting to be sent to each.

Each page (an event stream) has a small queue of its own. Sending never waits: a page whose
queue is full is dropped, and the browser reconnects and starts again from a fresh snapshot.
So one slow phone on bad Wi-Fi cannot hold up the others, let alone the host's keys.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Literal

Page = Literal["room", "phone", "notes"]
PAGES: tuple[Page, ...] = ("room", "phone", "notes")


def sse(event: str, data: str) -> bytes:
    """One server-sent event (`data` is one line of JSON: it holds no raw newline)."""
    return f"event: {event}\ndata: {data}\n\n".encode()


class TooMany(Exception):
    """No room for another page from this client, or at all."""


class Client:
    """One open page."""

    def __init__(self, page: Page, address: str, size: int) -> None:
        self.page = page
        self.address = address
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue(size)
        self.dropped = False

    def send(self, chunk: bytes) -> None:
        if self.dropped:
            return
        try:
            self._queue.put_nowait(chunk)
        except asyncio.QueueFull:
            self.close()

    def close(self) -> None:
        """End this page's stream after what it was sent (the browser reconnects)."""
        self.dropped = True
        while True:
            try:
                self._queue.get_nowait()
            except asyncio.QueueEmpty:
                break
        self._queue.put_nowait(None)

    async def next(self) -> bytes | None:
        """The next chunk to write; None: the stream ends."""
        return await self._queue.get()


class Hub:
    def __init__(self, total: int, per_client: int, queue: int) -> None:
        self.total, self.per_client, self.queue = total, per_client, queue
        self.clients: set[Client] = set()

    def join(self, page: Page, address: str) -> Client:
        mine = sum(1 for c in self.clients if c.address == address)
        if len(self.clients) >= self.total or mine >= self.per_client:
            raise TooMany
        client = Client(page, address, self.queue)
        self.clients.add(client)
        return client

    def leave(self, client: Client) -> None:
        self.clients.discard(client)

    def watching(self, page: Page) -> bool:
        return any(c.page == page for c in self.clients)

    def send(self, page: Page, chunk: bytes) -> None:
        for client in [c for c in self.clients if c.page == page]:
            client.send(chunk)

    def close(self, page: Page | None = None) -> None:
        for client in list(self.clients):
            if page is None or client.page == page:
                client.close()

    def counts(self) -> Counter[Page]:
        return Counter(c.page for c in self.clients if not c.dropped)
