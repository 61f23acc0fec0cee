"""Debian's headless Chromium, driven by selenium through /usr/bin/chromedriver (never a
browser download). The tests call it from a thread: the server answers in the test's loop."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
FLAGS = [
    "--headless",
    "--no-sandbox",  # root in CI has no user namespace sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SIZES = {"phone": (390, 844), "laptop": (1366, 768), "tv": (1920, 1080)}
T = TypeVar("T")


def available() -> bool:
    return CHROMIUM.exists() and DRIVER.exists()


@contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="facilitator-chromium-")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def viewport(driver: webdriver.Chrome, width: int, height: int) -> None:
    """The page's viewport exactly `width` x `height` CSS pixels, as on a phone (a window size
    would include the browser's own frame)."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


async def off_loop(call: Callable[[], T]) -> T:
    """A blocking browser call, in a thread: the page's requests need this loop free."""
    return await asyncio.to_thread(call)


def text_of(driver: WebDriver, selector: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, selector).text)


def wait_text(driver: WebDriver, selector: str, wanted: str, timeout: float) -> float:
    """Seconds until `wanted` shows in the element (AssertionError after `timeout`)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if wanted in text_of(driver, selector):
                return time.monotonic() - start
        except Exception:  # the element may be redrawn under us
            pass
        time.sleep(0.02)
    raise AssertionError(
        f"{wanted!r} not in {selector} after {timeout}s: {text_of(driver, selector)!r}"
    )


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FACILITATOR_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
