"""The share inside the host's app (Textual's Pilot, the server in the app's own loop): the
share line, a note-taker's note on the host's screen at once, `u` and `N`, and a clean stop."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from textual.widgets import Label, Static

from facilitator.share.server import open_share
from facilitator.tui.app import FacilitatorApp
from tests.reference import evening
from tests.share.conftest import base, stream, write_headers
from tests.tui.conftest import panel_text


def shared_app(tmp_path: Path, stage: str = "discussion") -> FacilitatorApp:
    engine = evening(stage).engine
    share = open_share(engine, tmp_path / "evening.jsonl", "local")
    return FacilitatorApp(engine, quiet=True, share=share)


async def test_a_note_taker_note_is_on_the_host_screen_at_once(tmp_path: Path) -> None:
    app = shared_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot, aiohttp.ClientSession() as http:
        await pilot.pause()
        share = app.share
        assert share is not None
        assert "Shared on this computer · 0 connected" in panel_text(pilot, "#share-bar")
        async with stream(http, share, "room"):
            await pilot.pause()
            assert "1 connected: room 1" in panel_text(pilot, "#share-bar")
            body = {"text": "q: [bold]who[/] reads <b>this</b>?", "author": "Kim"}
            async with http.post(
                f"{base(share)}/api/notes", json=body, headers=write_headers(share)
            ) as answer:
                assert answer.status == 201
            await pilot.pause()
            shown = panel_text(pilot, "#notes-list").splitlines()[0]
            assert "q: [bold]who[/] reads <b>this</b>? · during " in shown  # whose turn: context
            assert shown.endswith("'s turn — Kim")  # the note-taker: its author
        await pilot.pause()
        assert "0 connected" in panel_text(pilot, "#share-bar")
        await pilot.press("ctrl+z")  # the host undoes anything, the note-taker's note too
        await pilot.pause()
        assert "who[/] reads" not in panel_text(pilot, "#notes-list")


async def test_u_shows_the_links_and_qr_and_N_replaces_the_note_taker_link(
    tmp_path: Path,
) -> None:
    app = shared_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        share = app.share
        assert share is not None
        await pilot.press("u")
        await pilot.pause()
        links = str(app.screen.query_one("#share-links", Static).render())
        urls = share.urls()
        assert urls.room in links and urls.phone in links and urls.notes in links
        qr = str(app.screen.query_one("#share-qr", Static).render())
        assert len(qr.splitlines()) >= 15 and "█" in qr
        where = str(app.screen.query_one("#share-where", Label).render())
        assert "this computer only" in where
        old = share.keys.write
        await pilot.press("N")
        await pilot.pause()
        assert share.keys.write != old
        assert share.urls().notes in str(app.screen.query_one("#share-links", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("N")  # the run screen's key too, from the one command list
        await pilot.pause()
        assert share.keys.write not in (old, urls.notes)


async def test_without_share_the_keys_say_how_to_share(tmp_path: Path) -> None:
    app = FacilitatorApp(evening("discussion").engine, quiet=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert any("--share" in str(n.message) for n in app._notifications)
        assert app.screen is app.run_screen


async def test_the_server_stops_when_the_app_quits(tmp_path: Path) -> None:
    app = shared_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.share is not None
        url = app.share.urls().room
        async with aiohttp.ClientSession() as http, http.get(url) as answer:
            assert answer.status == 200
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.ClientConnectionError):
            async with http.get(url):
                pass


async def test_lan_listens_on_every_interface_and_says_so(tmp_path: Path) -> None:
    engine = evening("discussion").engine
    share = open_share(engine, tmp_path / "evening.jsonl", "lan")
    assert share.sock.getsockname()[0] == "0.0.0.0"
    app = FacilitatorApp(engine, quiet=True, share=share)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = pilot.app.screen.query_one("#share-bar")
        assert bar.has_class("-lan")
        assert f"SHARED ON THE NETWORK ({share.address})" in panel_text(pilot, "#share-bar")
        assert share.urls().phone.startswith(f"http://{share.address}:{share.port}/phone/")
        async with aiohttp.ClientSession() as http:  # loopback reaches it too (this machine)
            local = f"http://127.0.0.1:{share.port}/phone/{share.keys.read}"
            async with http.get(local) as answer:
                assert answer.status == 200
        await pilot.press("u")
        await pilot.pause()
        where = str(app.screen.query_one("#share-where", Label).render())
        assert "any device there with a link" in where
