"""What one client may ask of the share server, so no device (or script) can wear it down.

Refusals are 4xx answers, never a stall: a client over its rate gets 429 at once, a page that
does not read its updates is dropped (it reconnects and catches up), and the host's app never
waits for any of them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    body_bytes: int = 4096
    """A note is at most 2,000 characters: a few KB of JSON is plenty."""
    header_bytes: int = 8190
    """Per header line (aiohttp answers 400 or 431 above it)."""
    connections: int = 512
    connections_per_client: int = 32
    streams: int = 400
    """Open pages (event streams) at once, all clients together."""
    streams_per_client: int = 16
    requests_per_second: float = 30.0
    burst: int = 60
    bad_keys_per_second: float = 2.0
    """Requests with a wrong secret: after a burst of these, the client is slowed to this rate."""
    bad_keys_burst: int = 20
    queue: int = 64
    """Updates waiting for one page that does not read them, before it is dropped."""
    body_seconds: float = 5.0
    """Time to send a request body."""


class Bucket:
    """A token bucket: `rate` a second, up to `burst` at once."""

    __slots__ = ("burst", "last", "rate", "tokens")

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.last = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    @property
    def idle(self) -> bool:
        """Full again: forgetting this client loses nothing."""
        return self.tokens + (time.monotonic() - self.last) * self.rate >= self.burst


class Buckets:
    """One bucket per client address (forgotten once full again)."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, Bucket] = {}

    def take(self, client: str) -> bool:
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = self._buckets[client] = Bucket(self.rate, self.burst)
        return bucket.take()

    def forget_idle(self) -> None:
        for client in [c for c, b in self._buckets.items() if b.idle]:
            del self._buckets[client]
