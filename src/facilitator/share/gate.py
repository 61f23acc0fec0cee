"""A cap on open TCP connections, per client and in all, before HTTP is even read.

An idle connection costs the host a file descriptor, and the record needs those: a client that
opens hundreds is answered `429 Too Many Requests` (a fixed reply, nothing parsed) and closed.
Every other connection is handed to aiohttp's own protocol unchanged.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

TOO_MANY = (
    b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: 27\r\nConnection: close\r\n\r\nToo many open connections.\n"
)


class Gate:
    """Counts open connections; builds the protocol for each new one."""

    def __init__(self, factory: Callable[[], asyncio.Protocol], total: int, per_client: int):
        self._factory = factory
        self.total, self.per_client = total, per_client
        self.open: Counter[str] = Counter()
        self.refused = 0

    def __call__(self) -> asyncio.Protocol:
        return _Gated(self)

    def admit(self, client: str) -> bool:
        if sum(self.open.values()) >= self.total or self.open[client] >= self.per_client:
            self.refused += 1
            return False
        self.open[client] += 1
        return True

    def release(self, client: str) -> None:
        self.open[client] -= 1
        if self.open[client] <= 0:
            del self.open[client]


class _Gated(asyncio.Protocol):
    """Admits the connection and passes everything to aiohttp's protocol, or refuses it."""

    def __init__(self, gate: Gate) -> None:
        self._gate = gate
        self._inner: asyncio.Protocol | None = None
        self._client = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer: Any = transport.get_extra_info("peername")
        self._client = str(peer[0]) if isinstance(peer, tuple) else "?"
        if not self._gate.admit(self._client):
            assert isinstance(transport, asyncio.Transport)
            transport.write(TOO_MANY)
            transport.close()
            return
        self._inner = self._gate._factory()
        self._inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._inner is not None:
            self._gate.release(self._client)
            self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()
