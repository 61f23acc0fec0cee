"""The share server: aiohttp in the host app's own asyncio loop, no thread.

Routes (every one that shows the session needs a secret; see keys.py):

    GET  /room/KEY, /phone/KEY      the pages (read secret)     /notes/KEY  (note-taker secret)
    GET  /events/PAGE/KEY           the page's updates, as server-sent events
    POST /api/notes                 a note-taker's note         PATCH, DELETE /api/notes/ID
    GET  /static/NAME               the pages' script and style (no secret in them)

Writes carry the note-taker secret in the `X-Facilitator-Key` header (never only in the URL),
come from the page's own origin, and go through the engine like the host's keys: the answer
says `saved` only once the journal has the note on disk. Every answer sends a CSP that allows
no inline script, `nosniff` and `no-referrer`; nothing that carries a secret is cached.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import web

from facilitator.session.engine import CommandError, Engine
from facilitator.share.address import LOOPBACK, Reach, bind, lan_address
from facilitator.share.feed import Feed
from facilitator.share.gate import Gate
from facilitator.share.hub import PAGES, Hub, Page, TooMany
from facilitator.share.keys import KeyFile, ShareKeys, keys_path
from facilitator.share.limits import Buckets, Limits

KEY_HEADER = "X-Facilitator-Key"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
STATIC = {
    "share.css": "text/css",
    "common.js": "text/javascript",
    "room.js": "text/javascript",
    "phone.js": "text/javascript",
    "notes.js": "text/javascript",
}

log = logging.getLogger("facilitator.share")
log.addHandler(logging.NullHandler())
log.propagate = False  # a client's mischief never prints over the host's screen


@dataclass(frozen=True, slots=True)
class Urls:
    room: str
    phone: str
    notes: str


def _asset(name: str) -> bytes:
    return resources.files("facilitator.share").joinpath("static", name).read_bytes()


def _text(status: int, message: str) -> web.Response:
    return web.Response(status=status, text=message + "\n", content_type="text/plain")


def _page(request: web.Request) -> Page:
    """The page a URL names (any case: a QR code sends it in capitals), else 404."""
    name = request.match_info["page"].lower()
    for page in PAGES:
        if page == name:
            return page
    raise web.HTTPNotFound(reason="Not found.")


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def open_share(
    engine: Engine,
    record: Path,
    reach: Reach,
    *,
    problem: Callable[[], str | None] = lambda: None,
    limits: Limits = Limits(),  # noqa: B008 - frozen, never changed
) -> ShareServer:
    """The share of the session recorded at `record`: its secrets from beside the record (new
    ones the first time), its socket bound on the port its pages used before if it is free."""
    key_file = KeyFile(keys_path(record))
    keys = key_file.load_or_create()
    sock = bind(reach, keys.port)
    return ShareServer(engine, key_file, keys, sock, reach, problem=problem, limits=limits)


class ShareServer:
    """Serves one session's pages; started and stopped by the app that owns the loop."""

    def __init__(
        self,
        engine: Engine,
        key_file: KeyFile,
        keys: ShareKeys,
        sock: socket.socket,
        reach: Reach,
        *,
        problem: Callable[[], str | None] = lambda: None,
        limits: Limits = Limits(),  # noqa: B008 - frozen, never changed
    ) -> None:
        self.engine = engine
        self.key_file = key_file
        self.keys = keys
        self.sock = sock
        self.reach = reach
        self.limits = limits
        self.port: int = sock.getsockname()[1]
        self.address = lan_address() if reach == "lan" else LOOPBACK
        if self.keys.port != self.port:
            self.keys = ShareKeys(self.keys.read, self.keys.write, self.port)
            key_file.save(self.keys)
        self.hub = Hub(limits.streams, limits.streams_per_client, limits.queue)
        self.feed: Feed | None = None
        self.problem = problem
        self.on_change: Callable[[], None] = lambda: None  # the app redraws its share line
        self._requests = Buckets(limits.requests_per_second, limits.burst)
        self._bad_keys = Buckets(limits.bad_keys_per_second, limits.bad_keys_burst)
        self._runner: web.AppRunner | None = None
        self._server: asyncio.Server | None = None
        self._ticker: asyncio.Task[None] | None = None
        self.gate: Gate | None = None
        self._pages = {p: _asset(f"{p}.html") for p in PAGES}
        self._static = {name: _asset(name) for name in STATIC}

    # -- what the host sees ---------------------------------------------------------------------
    def urls(self) -> Urls:
        base = f"http://{self.address}:{self.port}"
        read, write = self.keys.read, self.keys.write
        return Urls(f"{base}/room/{read}", f"{base}/phone/{read}", f"{base}/notes/{write}")

    def counts(self) -> dict[Page, int]:
        found = self.hub.counts()
        return {page: found[page] for page in PAGES}

    def reissue_note_taker(self) -> str:
        """A new note-taker secret: the old link stops working, its pages are closed."""
        self.keys = self.key_file.reissue_write(self.keys)
        self.hub.close("notes")
        self.on_change()
        return self.urls().notes

    # -- start and stop ---------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(
            client_max_size=self.limits.body_bytes,
            middlewares=[self._guard],
            handler_args={
                "max_line_size": self.limits.header_bytes,
                "max_field_size": self.limits.header_bytes,
                "keepalive_timeout": 15.0,
                "logger": log,
            },
        )
        app.router.add_get("/static/{name}", self._static_file)
        app.router.add_get("/events/{page}/{key}", self._events)
        app.router.add_post("/api/notes", self._add_note)
        app.router.add_patch("/api/notes/{id}", self._edit_note)
        app.router.add_delete("/api/notes/{id}", self._delete_note)
        app.router.add_get("/favicon.ico", self._no_icon)
        app.router.add_get("/{page}/{key}", self._page)
        # A page that closes cancels its handler at once (its count on the host's screen
        # drops), rather than at the next update it would have been sent.
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=1.0, handler_cancellation=True
        )
        await self._runner.setup()
        server = self._runner.server
        assert server is not None
        limits = self.limits
        self.gate = Gate(server, limits.connections, limits.connections_per_client)
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self.gate, sock=self.sock)
        self.feed = Feed(self.engine, self.hub, self.problem)
        self._ticker = asyncio.create_task(self._tick())

    async def stop(self) -> None:
        """Close every page's stream and the socket; wait at most a moment for handlers."""
        if self._ticker is not None:
            self._ticker.cancel()
        self.hub.close()
        if self._server is not None:
            self._server.close()
        if self._runner is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._runner.cleanup(), 2.0)
        self.sock.close()

    async def _tick(self) -> None:
        speed = self.engine.state.speed
        while True:
            await asyncio.sleep(max(0.25, 1.0 / speed))
            try:
                assert self.feed is not None
                self.feed.tick()
                self._requests.forget_idle()
                self._bad_keys.forget_idle()
            except Exception:  # the clock must keep ticking whatever one update did
                log.exception("share tick")

    # -- every request ----------------------------------------------------------------------------
    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Rate limits, the security headers, and no traceback ever: every failure is a short
        plain answer."""
        client = request.remote or "?"
        try:
            if not self._requests.take(client):
                response: web.StreamResponse = _text(429, "Too many requests: slow down.")
            else:
                response = await handler(request)
        except web.HTTPException as refused:
            response = _text(refused.status, refused.reason)
        except Exception:
            log.exception("share request")
            response = _text(500, "Something went wrong on the host.")
        if not response.prepared:
            response.headers.update(HEADERS)
            if "Cache-Control" not in response.headers:
                response.headers["Cache-Control"] = "no-store"
        return response

    def _key_for(self, page: str) -> str | None:
        if page == "notes":
            return self.keys.write
        return self.keys.read if page in PAGES else None

    def _check_key(self, request: web.Request, page: str, given: str) -> None:
        """Refuse (403, slower after a burst of wrong ones) unless `given` opens `page`."""
        wanted = self._key_for(page)
        if wanted is not None and hmac.compare_digest(given.lower().encode(), wanted.encode()):
            return
        client = request.remote or "?"
        if not self._bad_keys.take(client):
            raise web.HTTPTooManyRequests(reason="Too many wrong links: wait a moment.")
        raise web.HTTPForbidden(
            reason="This link is not (or no longer) valid: ask the host for the current one."
        )

    # -- pages and assets -------------------------------------------------------------------------
    async def _page(self, request: web.Request) -> web.StreamResponse:
        page = _page(request)
        self._check_key(request, page, request.match_info["key"])
        return web.Response(body=self._pages[page], content_type="text/html", charset="utf-8")

    async def _static_file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        kind = STATIC.get(name)
        if kind is None:
            raise web.HTTPNotFound(reason="Not found.")
        response = web.Response(body=self._static[name], content_type=kind, charset="utf-8")
        response.headers["Cache-Control"] = "no-cache"
        return response

    async def _no_icon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=204)

    # -- updates ----------------------------------------------------------------------------------
    async def _events(self, request: web.Request) -> web.StreamResponse:
        page = _page(request)
        self._check_key(request, page, request.match_info["key"])
        try:
            client = self.hub.join(page, request.remote or "?")
        except TooMany:
            raise web.HTTPTooManyRequests(reason="Too many pages open: close some.") from None
        response = web.StreamResponse(
            headers={**HEADERS, "Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        try:
            await response.prepare(request)
            assert self.feed is not None
            self.feed.welcome(client)
            self.on_change()
            while (chunk := await client.next()) is not None:
                await response.write(chunk)
        except ConnectionError:
            pass  # the page went away; it reconnects by itself if it still wants to
        finally:
            self.hub.leave(client)
            self.on_change()
        return response

    # -- the note-taker's writes ------------------------------------------------------------------
    async def _write_body(self, request: web.Request) -> dict[str, Any]:
        """The JSON body of a write, once the request proves it may write."""
        given = request.headers.get(KEY_HEADER, "")
        self._check_key(request, "notes", given)
        origin = request.headers.get("Origin")
        if origin != f"http://{request.host}" or request.headers.get(
            "Sec-Fetch-Site", "same-origin"
        ) not in ("same-origin",):
            raise web.HTTPForbidden(reason="Writes come from the note-taker page only.")
        if request.content_type != "application/json":
            raise web.HTTPUnsupportedMediaType(reason="Send JSON.")
        if (request.content_length or 0) > self.limits.body_bytes:
            raise web.HTTPRequestEntityTooLarge(self.limits.body_bytes, request.content_length or 0)
        try:
            async with asyncio.timeout(self.limits.body_seconds):
                raw = await request.read()
            data = json.loads(raw)
        except TimeoutError:
            raise web.HTTPRequestTimeout(reason="The request was too slow.") from None
        except (ValueError, UnicodeDecodeError):
            raise web.HTTPBadRequest(reason="Not JSON.") from None
        if not isinstance(data, dict):
            raise web.HTTPBadRequest(reason="Send a JSON object.")
        return data

    def _saved(self, status: int, **data: Any) -> web.Response:
        saved = self.engine.saved
        problem = None if saved else self.problem() or "the disk write failed"
        return web.json_response({**data, "saved": saved, "problem": problem}, status=status)

    async def _add_note(self, request: web.Request) -> web.StreamResponse:
        data = await self._write_body(request)
        text, author = data.get("text"), data.get("author")
        if not isinstance(text, str) or not isinstance(author, str):
            return _error(400, "A note needs a text and the note-taker's name.")
        try:
            note_id = self.engine.add_note(text, author=author)
        except CommandError as refused:
            return _error(422, str(refused))
        return self._saved(201, id=note_id)

    def _note_id(self, request: web.Request) -> int:
        try:
            return int(request.match_info["id"])
        except ValueError:
            raise web.HTTPNotFound(reason="No such note.") from None

    async def _edit_note(self, request: web.Request) -> web.StreamResponse:
        data = await self._write_body(request)
        text, author = data.get("text"), data.get("author")
        if not isinstance(text, str) or not isinstance(author, str):
            return _error(400, "An edit needs the new text and the note-taker's name.")
        try:
            self.engine.edit_note(self._note_id(request), text, by=author)
        except CommandError as refused:
            return _error(422, str(refused))
        return self._saved(200)

    async def _delete_note(self, request: web.Request) -> web.StreamResponse:
        data = await self._write_body(request)
        author = data.get("author")
        if not isinstance(author, str):
            return _error(400, "A deletion needs the note-taker's name.")
        try:
            self.engine.delete_note(self._note_id(request), by=author)
        except CommandError as refused:
            return _error(422, str(refused))
        return self._saved(200)
