"""What a hostile or broken client can send: malformed HTTP, huge headers and bodies, a
thousand wrong secrets, path traversal, too many connections, hostile note text. Every one is
refused with a 4xx (or kept as text), nothing is printed, and the host's app still answers."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp
import pytest

from facilitator.share.gate import TOO_MANY
from facilitator.share.server import ShareServer, open_share
from facilitator.tui.app import FacilitatorApp
from tests.reference import evening
from tests.share.conftest import base, stream, write_headers
from tests.tui.conftest import panel_text

HOSTILE_NOTES = [
    "<script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 2">',
    "[bold]markup[/] [@click=app.quit]quit",
    "\x1b[31mred\x1b[0m \x07 bell",
    "javascript:alert(1)",
    "see javascript:alert(document.cookie) and https://example.org/ok",
]


async def raw(share: ShareServer, data: bytes, *, source: str = "127.0.0.1") -> bytes:
    """Send bytes as they are on a new connection; what comes back before it closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", share.port, local_addr=(source, 0))
    try:
        writer.write(data)
        await writer.drain()
        return await asyncio.wait_for(reader.read(65536), 5.0)
    except ConnectionError:
        return b""
    finally:
        writer.close()


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.") else 0


async def test_hostile_clients_are_refused_and_the_host_carries_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    engine = evening("intros").engine
    share = open_share(engine, tmp_path / "evening.jsonl", "local")
    app = FacilitatorApp(engine, quiet=True, share=share)
    async with app.run_test(size=(80, 24)) as pilot, aiohttp.ClientSession() as http:
        await pilot.pause()
        key = share.keys.read
        # Malformed HTTP, huge headers, a huge body, and path traversal, each on its own source
        # address (all loopback) so the rate limits do not hide what each one does.
        cases = [
            (b"GARBAGE\r\n\r\n", 400),
            (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400),
            (
                b"GET /room/"
                + key.encode()
                + b" HTTP/1.1\r\nHost: x\r\n"
                + b"X: y" * 5000
                + b"\r\n\r\n",
                400,
            ),
            (
                b"GET / HTTP/1.1\r\nHost: x\r\n"
                + b"".join(b"H%d: v\r\n" % i for i in range(300))
                + b"\r\n",
                400,
            ),
            (
                b"POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"
                + b"x" * 10000,
                403,
            ),
            (b"GET /static/../server.py HTTP/1.1\r\nHost: x\r\n\r\n", 404),
            (b"GET /static/%2e%2e%2fserver.py HTTP/1.1\r\nHost: x\r\n\r\n", 404),
            (b"GET /static/..%2fkeys.py HTTP/1.1\r\nHost: x\r\n\r\n", 404),
            (b"GET /room/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n", 403),
            (b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404),
            (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64, 400),  # TLS hello
        ]
        for number, (request, expected) in enumerate(cases):
            reply = await raw(share, request, source=f"127.0.1.{number + 1}")
            assert status_of(reply) == expected, (request[:60], reply[:80])
            assert b"Traceback" not in reply and b"root:" not in reply

        # A thousand wrong secrets: every one refused; then the right one still opens.
        statuses: set[int] = set()
        for attempt in range(1000):
            wrong = f"{attempt:032d}"[-32:]
            async with http.get(f"{base(share)}/room/{wrong}") as answer:
                statuses.add(answer.status)
        assert statuses <= {403, 429} and 403 in statuses
        async with (
            aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(local_addr=("127.0.2.1", 0))
            ) as other,
            other.get(share.urls().room) as answer,
        ):
            assert answer.status == 200

        # Too many connections from one client: the extra ones get 429 and are closed.
        held = [
            await asyncio.open_connection("127.0.0.1", share.port, local_addr=("127.0.3.1", 0))
            for _ in range(share.limits.connections_per_client)
        ]
        reply = await raw(share, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", source="127.0.3.1")
        assert reply == TOO_MANY
        for _, writer in held:
            writer.close()

        # Hostile note text is kept as text, exactly, and the pages get it as JSON data.
        async with (
            aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(local_addr=("127.0.4.1", 0))
            ) as writer_http,
            stream(writer_http, share, "notes") as notes,
        ):
            await notes.until(lambda name, _: name == "notes")
            for text in HOSTILE_NOTES:
                async with writer_http.post(
                    f"{base(share)}/api/notes",
                    json={"text": text, "author": "<b>Kim</b>"},
                    headers=write_headers(share),
                ) as answer:
                    assert answer.status == 201
            _, last = await notes.until(
                lambda n, d: (
                    n == "notes" and any(x["text"] == HOSTILE_NOTES[-1] for x in d["notes"])
                )
            )
        texts = [n.text for n in engine.state.notes.values() if n.author == "<b>Kim</b>"]
        assert texts == [t.strip() for t in HOSTILE_NOTES]

        # The host's keys still work, at once.
        before = engine.state.speaker
        await pilot.press("n")
        await pilot.pause()
        assert engine.state.speaker != before
        assert "\\x1b[31mred" in panel_text(pilot, "#notes-list")  # shown, never obeyed
    assert app.return_code in (None, 0)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert not [r for r in caplog.records if r.exc_info], "an exception was logged"
