"""The shared pages in a real browser (Debian's headless Chromium), following the host's app
driven by Pilot in the same process: the room follows a key within a second, a note typed on
the note-taker page is in the record, on the host's screen and in the summary, and a note
holding a script is shown as text, never run. Screenshots of every page at phone, laptop and TV
sizes go to $FACILITATOR_SCREENSHOTS (or the test's temporary folder): outside the repository."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from facilitator.export import export
from facilitator.record.journal import Journal
from facilitator.record.reading import load_record
from facilitator.share.server import open_share
from facilitator.tui.app import FacilitatorApp
from tests.reference import evening
from tests.share.browser import (
    SIZES,
    available,
    chromium,
    off_loop,
    screenshots,
    text_of,
    wait_text,
)
from tests.tui.conftest import panel_text

pytestmark = pytest.mark.skipif(not available(), reason="chromium and chromedriver not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium() as driver:
        yield driver


def load(driver: WebDriver, url: str, selector: str, wanted: str) -> None:
    driver.get(url)
    wait_text(driver, selector, wanted, 5)


async def test_the_room_follows_the_host_key_within_a_second(
    browser: WebDriver, tmp_path: Path
) -> None:
    engine = evening("intros").engine
    app = FacilitatorApp(
        engine, quiet=True, share=open_share(engine, tmp_path / "r.jsonl", "local")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.share is not None
        urls = app.share.urls()
        browser.set_window_size(*SIZES["tv"])
        await off_loop(lambda: browser.get(urls.room))
        await off_loop(lambda: wait_text(browser, "#detail", "Ben", 5))
        await pilot.press("n")  # Ben is done: Chen speaks
        took = await off_loop(lambda: wait_text(browser, "#detail", "Chen", 1.0))
        assert took < 1.0
        digits = browser.find_element(By.CSS_SELECTOR, "#digits")
        assert digits.size["width"] >= 0.4 * browser.get_window_size()["width"]
        browser.set_window_size(*SIZES["phone"])  # a phone follows the same session
        await off_loop(lambda: browser.get(urls.phone))
        await off_loop(lambda: wait_text(browser, "#now", "Chen", 5))
        await pilot.press("n")
        await off_loop(lambda: wait_text(browser, "#now", "Dana", 1.0))
        links = browser.find_elements(By.CSS_SELECTOR, "#materials a")
        assert links and all((a.get_attribute("href") or "").startswith("https://") for a in links)


async def test_a_note_from_the_note_taker_page_reaches_record_screen_and_summary(
    browser: WebDriver, tmp_path: Path
) -> None:
    record = tmp_path / "evening.jsonl"
    journal = Journal.open(record)
    engine = evening("discussion", sink=journal).engine
    app = FacilitatorApp(engine, quiet=True, share=open_share(engine, record, "local"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.share is not None
        notes_url = app.share.urls().notes
        browser.set_window_size(*SIZES["laptop"])
        await off_loop(lambda: browser.get(notes_url))
        await off_loop(lambda: browser.execute_script("localStorage.clear()"))
        await off_loop(lambda: browser.refresh())
        name = browser.find_element(By.CSS_SELECTOR, "#name")
        await off_loop(lambda: name.send_keys("Kim", Keys.ENTER))
        box = browser.find_element(By.CSS_SELECTOR, "#note")
        await off_loop(lambda: box.send_keys("todo: share the reading list", Keys.ENTER))
        await off_loop(lambda: wait_text(browser, "#status", "Saved", 5))
        await off_loop(lambda: wait_text(browser, "#notes", "by Kim", 5))
        await pilot.pause()
        shown = panel_text(pilot, "#notes-list")
        assert "todo: share the reading list · during Aroha's turn — Kim" in shown
    journal.close()
    saved = load_record(record)
    (note,) = [n for n in saved.state.notes.values() if n.author == "Kim"]
    assert note.text == "todo: share the reading list"
    summary = export(saved, "md")
    assert "share the reading list — *Discussion, during Aroha's turn, noted by Kim*" in summary


async def test_a_script_in_a_note_is_text_and_screenshots(
    browser: WebDriver, tmp_path: Path
) -> None:
    engine = evening("voting-tie").engine
    hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> [b]x[/b]'
    engine.add_note(hostile, author='<i onmouseover="x">Kim</i>')
    app = FacilitatorApp(
        engine, quiet=True, share=open_share(engine, tmp_path / "r.jsonl", "local")
    )
    folder = screenshots(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.share is not None
        urls = app.share.urls()
        browser.set_window_size(*SIZES["laptop"])
        await off_loop(lambda: browser.get(urls.notes))
        await off_loop(
            lambda: browser.execute_script("localStorage.setItem('facilitator-note-taker', 'Kim')")
        )
        await off_loop(lambda: browser.refresh())
        await off_loop(lambda: wait_text(browser, "#notes", "<script>window.pwned = 1</script>", 5))
        assert browser.execute_script("return window.pwned") is None
        assert not browser.find_elements(By.CSS_SELECTOR, "#notes script, #notes img, #notes i")
        assert '<i onmouseover="x">Kim</i>' in text_of(browser, "#notes")
        for page, url in (("room", urls.room), ("phone", urls.phone), ("notes", urls.notes)):
            shown = ("#notes", "pwned") if page == "notes" else ("body", "Sparse autoencoders")
            for size, (width, height) in SIZES.items():
                browser.set_window_size(width, height)
                await off_loop(partial(load, browser, url, *shown))
                browser.save_screenshot(str(folder / f"{page}-{size}.png"))
        assert browser.execute_script("return window.pwned") is None
    print(f"screenshots: {folder}")
