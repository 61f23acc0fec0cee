"""The share server over real HTTP on a loopback port: who may read, who may write, what is
pushed, and what the secrets are kept in."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import aiohttp

from facilitator.record.journal import Journal, read_records
from facilitator.share.keys import is_key, keys_path
from facilitator.share.server import open_share
from tests.reference import evening
from tests.share.conftest import base, served, speaker_of, stream, write_headers
from tests.tui.test_safety import FlakySink

SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


async def test_each_page_opens_with_its_own_secret_only(tmp_path: Path) -> None:
    engine = evening("discussion").engine
    async with served(engine, tmp_path) as share, aiohttp.ClientSession() as http:
        read, write = share.keys.read, share.keys.write
        assert read != write and is_key(read) and is_key(write)
        for url, status in [
            (share.urls().room, 200),
            (share.urls().phone, 200),
            (share.urls().notes, 200),
            (share.urls().phone.upper().replace("HTTP://", "http://"), 200),  # a QR code's case
            (f"{base(share)}/notes/{read}", 403),  # the read secret cannot open the writer
            (f"{base(share)}/room/{'a' * 32}", 403),
            (f"{base(share)}/room/", 404),
            (f"{base(share)}/", 404),
            (f"{base(share)}/admin/{read}", 404),
        ]:
            async with http.get(url) as answer:
                assert answer.status == status, url
                for header, value in SECURITY.items():
                    assert answer.headers[header] == value, (url, header)
                csp = answer.headers["Content-Security-Policy"]
                assert "script-src 'self'" in csp and "unsafe-inline" not in csp
                assert "Traceback" not in await answer.text()
        async with http.get(share.urls().room) as answer:
            page = await answer.text()
        assert "<script>" not in page and 'src="/static/room.js"' in page


async def test_pages_are_pushed_the_host_change_and_catch_up_on_reconnect(tmp_path: Path) -> None:
    scene = evening("intros")
    engine = scene.engine
    async with served(engine, tmp_path) as share, aiohttp.ClientSession() as http:
        async with stream(http, share, "room") as room, stream(http, share, "phone") as phone:
            _, first = await room.until(lambda name, _: name == "state")
            assert speaker_of(first) == "Ben"
            await phone.until(lambda name, _: name == "state")
            engine.next_speaker()  # the host's `n`
            _, data = await room.until(lambda n, d: n == "state" and speaker_of(d) != "Ben", 1.0)
            assert speaker_of(data) == "Chen" and data["seq"] == engine.events[-1].seq
            _, data = await phone.until(lambda n, d: n == "state" and speaker_of(d) == "Chen", 1)
            assert [r["title"] for r in data["agenda"]["rows"]][1] == "Introductions"
            assert data["agenda"]["rows"][1]["start"].endswith("18:30:00+13:00")
            assert share.counts() == {"room": 1, "phone": 1, "notes": 0}
        engine.next_speaker()  # while no page is open
        async with stream(http, share, "room") as again:
            _, data = await again.until(lambda name, _: name == "state")
            assert speaker_of(data) == "Dana"  # a page that comes back starts from now


async def test_a_note_taker_note_is_on_disk_before_it_is_reported_saved(tmp_path: Path) -> None:
    record = tmp_path / "evening.jsonl"
    with Journal.open(record) as journal:
        scene = evening("discussion", sink=journal)
        engine = scene.engine
        async with (
            served(engine, tmp_path) as share,
            aiohttp.ClientSession() as http,
            stream(http, share, "notes") as notes,
        ):
            _, first = await notes.until(lambda name, _: name == "notes")
            assert first["reset"] and len(first["notes"]) == len(engine.state.notes)
            body = {"text": "todo: send the slides https://example.org/s", "author": "Kim"}
            async with http.post(
                f"{base(share)}/api/notes", json=body, headers=write_headers(share)
            ) as answer:
                assert answer.status == 201
                saved = await answer.json()
            assert saved["saved"] is True and saved["problem"] is None
            on_disk = read_records(record).records[-1]  # written before the answer
            assert on_disk["type"] == "note_added" and on_disk["author"] == "Kim"
            assert on_disk["note_id"] == saved["id"]
            _, pushed = await notes.until(lambda n, d: n == "notes" and not d["reset"], 1)
            (note,) = pushed["notes"]
            assert (note["author"], note["kind"], note["speaker"]) == ("Kim", "todo", "Aroha")

            edit = {"text": "todo: send the slides tonight", "author": "kim"}
            url = f"{base(share)}/api/notes/{saved['id']}"
            async with http.patch(url, json=edit, headers=write_headers(share)) as answer:
                assert answer.status == 200
            theirs = next(n for n in engine.state.notes.values() if n.author is None)
            other = f"{base(share)}/api/notes/{theirs.id}"
            async with http.patch(other, json=edit, headers=write_headers(share)) as answer:
                assert answer.status == 422
                assert "your own" in (await answer.json())["error"]
            async with http.delete(
                other, json={"author": "Kim"}, headers=write_headers(share)
            ) as answer:
                assert answer.status == 422
            async with http.delete(
                url, json={"author": "Kim"}, headers=write_headers(share)
            ) as answer:
                assert answer.status == 200
            _, pushed = await notes.until(lambda n, d: n == "notes" and bool(d["deleted"]))
            assert pushed["deleted"] == [saved["id"]]
            engine.undo()  # the host's ctrl+z brings it back, and every page hears of it
            _, pushed = await notes.until(lambda n, d: n == "notes" and d["reset"])
            assert saved["id"] in {n["id"] for n in pushed["notes"]}


async def test_writes_need_the_secret_in_a_header_from_the_page_itself(tmp_path: Path) -> None:
    engine = evening("discussion").engine
    notes_before = dict(engine.state.notes)
    async with served(engine, tmp_path) as share, aiohttp.ClientSession() as http:
        url = f"{base(share)}/api/notes"
        note = {"text": "sneaky", "author": "Mallory"}
        good = write_headers(share)
        for headers, status in [
            ({**good, "X-Facilitator-Key": ""}, 403),  # no secret
            (write_headers(share, share.keys.read), 403),  # the read secret
            ({**good, "Origin": "http://evil.example"}, 403),  # another site's page
            ({k: v for k, v in good.items() if k != "Origin"}, 403),
            ({**good, "Sec-Fetch-Site": "cross-site"}, 403),
            ({**good, "Content-Type": "text/plain"}, 415),
        ]:
            async with http.post(url, json=note, headers=headers) as answer:
                assert answer.status == status, headers
        secret_in_url = f"{base(share)}/api/notes?key={share.keys.write}"
        async with http.post(secret_in_url, json=note, headers={"Origin": base(share)}) as answer:
            assert answer.status == 403
        for body, status in [
            (b"not json", 400),
            (b"[1, 2]", 400),
            (json.dumps({"text": 5, "author": "Kim"}).encode(), 400),
            (json.dumps({"text": "  ", "author": "Kim"}).encode(), 422),
            (json.dumps({"text": "x", "author": ""}).encode(), 422),
            (json.dumps({"text": "x" * 3000, "author": "Kim"}).encode(), 422),
            (json.dumps({"text": "x" * 9000, "author": "Kim"}).encode(), 413),
        ]:
            async with http.post(url, data=body, headers=good) as answer:
                assert answer.status == status, body[:40]
    assert engine.state.notes == notes_before


async def test_a_disk_error_is_shown_to_the_note_taker_until_it_is_saved(tmp_path: Path) -> None:
    sink = FlakySink()
    engine = evening("discussion", sink=sink).engine
    problem = "No space left on device: free some disk space"
    async with (
        served(engine, tmp_path, problem=lambda: problem) as share,
        aiohttp.ClientSession() as http,
        stream(http, share, "notes") as notes,
    ):
        await notes.until(lambda name, data: name == "state" and data["saved"])
        sink.broken = True
        body = {"text": "written while the disk is full", "author": "Kim"}
        async with http.post(
            f"{base(share)}/api/notes", json=body, headers=write_headers(share)
        ) as answer:
            answer_data = await answer.json()
        assert answer_data["saved"] is False and answer_data["problem"] == problem
        assert all(r.get("author") != "Kim" for r in sink.records)  # not on disk: not saved
        await notes.until(lambda n, d: n == "state" and not d["saved"] and d["problem"] == problem)
        sink.broken = False
        engine.retry_save()  # what the app's retry timer does
        await notes.until(lambda name, data: name == "state" and data["saved"], 3.0)
        assert any(r.get("author") == "Kim" for r in sink.records)


async def test_a_new_note_taker_link_shuts_the_old_one_out(tmp_path: Path) -> None:
    engine = evening("discussion").engine
    async with served(engine, tmp_path) as share, aiohttp.ClientSession() as http:
        old = share.keys.write
        async with stream(http, share, "notes") as notes:
            await notes.next()
            new_url = share.reissue_note_taker()
            while True:  # the old page's stream is closed
                try:
                    await notes.next(2.0)
                except EOFError:
                    break
        assert share.keys.write != old and new_url.endswith(share.keys.write)
        note = {"text": "late", "author": "Kim"}
        url = f"{base(share)}/api/notes"
        async with http.post(url, json=note, headers=write_headers(share, old)) as answer:
            assert answer.status == 403
        async with http.get(f"{base(share)}/notes/{old}") as answer:
            assert answer.status == 403
        async with http.post(url, json=note, headers=write_headers(share)) as answer:
            assert answer.status == 201
        async with http.get(share.urls().phone) as answer:
            assert answer.status == 200  # the read link is unchanged


async def test_the_secrets_live_beside_the_record_only(tmp_path: Path) -> None:
    record = tmp_path / "evening.jsonl"
    with Journal.open(record) as journal:
        engine = evening("discussion", sink=journal).engine
        first = open_share(engine, record, "local")
        keys, port = first.keys, first.port
        first.sock.close()
        second = open_share(engine, record, "local")  # a resume: same links, same port
        assert (second.keys, second.port) == (keys, port)
        second.reissue_note_taker()
        second.sock.close()
        third = open_share(engine, record, "local")
        assert third.keys == second.keys != keys
        third.sock.close()
    side = keys_path(record)
    assert side.name == "evening.jsonl.share"
    assert stat.S_IMODE(os.stat(side).st_mode) == 0o600
    assert keys.read not in record.read_text()
    assert not list(tmp_path.glob(".*.tmp"))
    side.write_text("{damaged")
    fresh = open_share(engine, record, "local")  # damaged keys: new ones, never a crash
    assert fresh.keys.read != keys.read
    fresh.sock.close()
