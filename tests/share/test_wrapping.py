"""User text on the shared pages at a phone's width (360 x 740 CSS pixels, in headless
Chromium): an ordinary word, even a long one set in the room page's big letters, is never split
across two lines, and a string with no place to break (a 200-character name, title, topic, venue
or note) breaks where it must instead of widening the page past the screen. Every page, at every
moment of an evening that shows different text: the arrival, a round, a tied vote, the end
(with either topic next).
A screenshot of each goes to $FACILITATOR_SCREENSHOTS (or the test's temporary folder)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver

from facilitator.agenda import load_agenda
from facilitator.clock import FakeClock
from facilitator.session.engine import Engine, MemorySink
from facilitator.share.server import ShareServer
from tests.reference import EVENING
from tests.share.browser import available, chromium, off_loop, screenshots, viewport
from tests.share.conftest import served

pytestmark = pytest.mark.skipif(not available(), reason="chromium and chromedriver not installed")

WIDTH, HEIGHT = 360, 740
LONG = "a" * 200  # nowhere to break
LONG_NAME = "N" + "n" * 199
TOPIC = "Mechanistic interpretability of vision models"
NOTE = "q: Characterization of Interpretability?"
AGENDA = f"""
[session]
title = "Interpretability Characterization {LONG}"
group = "Konstantinopoulou Interpretability Group"
venue = "{LONG}"
date = 2026-11-26
start = 18:00:00

[[session.materials]]
title = "{LONG}"
url = "https://example.org/{LONG}"

[[session.materials]]
title = "Characterization of Interpretability"
url = "https://example.org/reading"

[[segments]]
title = "Interpretability Characterization"
kind = "arrival"
at = 18:00:00

[[segments]]
title = "{LONG}"
kind = "discussion"
at = 18:30:00
open_floor = true

[[segments]]
title = "Nominate Interpretability"
kind = "voting"
at = 18:40:00
minutes = 5
"""

# Every word of every text node shown, with the rectangles of its lines; every element whose
# box reaches past the viewport. Text inside a box that clips it (the room's one-line title,
# cut with an ellipsis) counts by that box.
MEASURE = """
const width = document.documentElement.clientWidth;
const clips = (node) => {
  for (let box = node; box && box !== document.body; box = box.parentElement) {
    if (getComputedStyle(box).overflowX !== "visible") return true;
  }
  return false;
};
const words = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let text = walker.nextNode(); text; text = walker.nextNode()) {
  const box = text.parentElement;
  if (!box.getClientRects().length) continue;  // not shown
  for (const m of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, m.index);
    range.setEnd(text, m.index + m[0].length);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    words.push({
      word: m[0],
      where: box.tagName + (box.id ? "#" + box.id : "") + "." + box.className,
      lines: new Set(rects.map((r) => Math.round(r.top))).size,
      right: clips(box) ? 0 : Math.max(0, ...rects.map((r) => r.right)),
      left: clips(box) ? 0 : Math.min(0, ...rects.map((r) => r.left)),
    });
  }
}
const wide = [...document.body.querySelectorAll("*")]
  .filter((e) => e.getClientRects().length)
  .map((e) => [e.tagName + (e.id ? "#" + e.id : "") + "." + e.className, e.getBoundingClientRect()])
  .filter(([, r]) => r.right > width + 0.5 || r.left < -0.5)
  .map(([name, r]) => name + " " + Math.round(r.left) + ".." + Math.round(r.right));
return {
  width: width,
  scrollWidth: document.documentElement.scrollWidth,
  bodyScrollWidth: document.body.scrollWidth,
  words: words,
  wide: wide,
};
"""


def ordinary(word: str) -> bool:
    """A word of a language, not a link or a run of letters with nowhere to break."""
    return len(word) <= 20 and "://" not in word


def evening(tmp_path: Path) -> tuple[Engine, FakeClock]:
    path = tmp_path / "long.toml"
    path.write_text(AGENDA, encoding="utf-8")
    clock = FakeClock(EVENING)
    return Engine.create(load_agenda(path), MemorySink(), clock), clock


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    with chromium() as driver:
        viewport(driver, WIDTH, HEIGHT)
        yield driver


def look(driver: webdriver.Chrome, url: str, shows: str, shot: Path) -> dict[str, Any]:
    """The page measured once it has drawn `shows` (in one go: the page draws an update whole)."""
    driver.get(url)
    deadline = time.monotonic() + 5
    while not driver.execute_script(
        "return document.body.textContent.includes(arguments[0])", shows
    ):
        assert time.monotonic() < deadline, f"{shows!r} not on {url} after 5 s"
        time.sleep(0.02)
    driver.save_screenshot(str(shot))
    measured: dict[str, Any] = driver.execute_script(MEASURE)
    return measured


async def check_pages(
    browser: webdriver.Chrome, share: ShareServer, moment: str, folder: Path
) -> list[str]:
    """What is wrong on each page at this moment, in words (nothing when all is well)."""
    wrong = []
    urls = share.urls()
    for page, url in (("room", urls.room), ("phone", urls.phone), ("notes", urls.notes)):
        shows = NOTE if page == "notes" else "Interpretability"  # the notes come on their own
        shot = folder / f"{page}-{moment}-{WIDTH}x{HEIGHT}.png"
        found = await off_loop(partial(look, browser, url, shows, shot))
        assert found["width"] == WIDTH
        words = found["words"]
        assert any(w["word"].startswith("Interpretability") for w in words), (page, moment)
        for w in words:
            if ordinary(w["word"]) and w["lines"] > 1:
                wrong.append(f"{page} at {moment}: {w['word']!r} split over {w['lines']} lines")
        widest = max(found["scrollWidth"], found["bodyScrollWidth"])
        if widest > WIDTH:
            wrong.append(f"{page} at {moment}: the page is {widest}px wide")
        for w in words:
            if w["right"] > WIDTH + 0.5 or w["left"] < -0.5:
                wrong.append(f"{page} at {moment}: {w['word'][:24]!r} in {w['where']} off screen")
                break
        wrong += [f"{page} at {moment}: {box} is off screen" for box in found["wide"][:3]]
    return wrong


async def test_user_text_wraps_between_words_and_stays_on_a_phone_screen(
    browser: webdriver.Chrome, tmp_path: Path
) -> None:
    engine, clock = evening(tmp_path)
    folder = screenshots(tmp_path)
    wrong: list[str] = []
    async with served(engine, tmp_path) as share:
        engine.toggle_clock()
        konstantinopoulou = engine.check_in("Konstantinopoulou")
        long_name = engine.check_in(LONG_NAME)
        engine.add_note(f"todo: Interpretability {LONG}", author=LONG_NAME)
        engine.add_note(NOTE, author="Konstantinopoulou")
        clock.advance(minutes=5)
        wrong += await check_pages(browser, share, "arrival", folder)

        engine.next_segment()  # the round: Konstantinopoulou speaks, then the long name
        engine.raise_hand(long_name)
        clock.advance(seconds=5)
        wrong += await check_pages(browser, share, "round", folder)

        engine.next_segment()  # the vote: a tie between an ordinary topic and a long one
        ordinary_topic = engine.nominate(TOPIC, konstantinopoulou)
        long_topic = engine.nominate(f"Interpretability {LONG}", long_name)
        engine.record_votes(ordinary_topic, 2)
        engine.record_votes(long_topic, 2)
        wrong += await check_pages(browser, share, "vote", folder)

        engine.pick_winner(ordinary_topic)
        engine.next_segment()  # the end: the next topic in the room's biggest letters
        wrong += await check_pages(browser, share, "end", folder)
        engine.undo()  # the end, the pick: the other topic then
        engine.undo()
        engine.pick_winner(long_topic)
        engine.next_segment()
        wrong += await check_pages(browser, share, "end-long", folder)
    print(f"screenshots: {folder}")
    assert not wrong, "\n".join(wrong)
