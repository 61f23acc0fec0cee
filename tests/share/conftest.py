"""Share test helpers: a real server on a loopback port, real HTTP clients, and the event
stream read as a browser's EventSource reads it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

from facilitator.session.engine import Engine
from facilitator.share.limits import Limits
from facilitator.share.server import KEY_HEADER, ShareServer, open_share

Json = dict[str, Any]


@asynccontextmanager
async def served(
    engine: Engine,
    folder: Path,
    *,
    problem: Callable[[], str | None] = lambda: None,
    limits: Limits = Limits(),  # noqa: B008
) -> AsyncIterator[ShareServer]:
    """A share server of `engine` (its record named in `folder`), started in this loop."""
    share = open_share(engine, folder / "evening.jsonl", "local", problem=problem, limits=limits)
    await share.start()
    try:
        yield share
    finally:
        await share.stop()


def base(share: ShareServer) -> str:
    return f"http://127.0.0.1:{share.port}"


def write_headers(share: ShareServer, key: str | None = None) -> dict[str, str]:
    """What the note-taker page sends with a write: its secret, its origin, JSON."""
    return {
        KEY_HEADER: share.keys.write if key is None else key,
        "Origin": base(share),
        "Content-Type": "application/json",
    }


class Stream:
    """One page's event stream, read event by event."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response
        self.events: list[tuple[str, Json]] = []

    async def next(self, timeout: float = 5.0) -> tuple[str, Json]:
        async def read() -> tuple[str, Json]:
            name, data = "message", ""
            while True:
                line = (await self.response.content.readline()).decode()
                if line == "":
                    raise EOFError("the stream ended")
                line = line.rstrip("\n")
                if not line:
                    if data:
                        return name, json.loads(data)
                    name, data = "message", ""
                elif line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data += line[6:]

        event = await asyncio.wait_for(read(), timeout)
        self.events.append(event)
        return event

    async def until(
        self, check: Callable[[str, Json], bool], timeout: float = 5.0
    ) -> tuple[str, Json]:
        """The first event that passes `check` (within `timeout` seconds in all)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            name, data = await self.next(max(0.01, deadline - loop.time()))
            if check(name, data):
                return name, data


@asynccontextmanager
async def stream(
    session: aiohttp.ClientSession, share: ShareServer, page: str, key: str | None = None
) -> AsyncIterator[Stream]:
    wanted = key or (share.keys.write if page == "notes" else share.keys.read)
    async with session.get(f"{base(share)}/events/{page}/{wanted}") as response:
        assert response.status == 200, await response.text()
        yield Stream(response)


def speaker_of(data: Json) -> str | None:
    found = data["room"]["speaker"]["speaker"]
    return None if found is None else str(found["name"])
