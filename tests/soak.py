"""What the fault tests share: their size, their report, and saving a check-in in Chromium.

One environment variable picks the size: short in `make test`, full with
CLOSER_SOAK=1 (`make soak`). Each test reports what it counted through
`report`, which prints and, when CLOSER_SOAK_REPORT names a file, appends one
JSON line to it (docs/RELIABILITY.md is filled from that file).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from subprocess import Popen
from typing import TypeVar

from lib.diary import Diary
from lib.entries import PRACTICE_KEYS
from lib.weeks import IsoWeek
from tests.browser import CHROMIUM, CHROMIUM_ARGS

SOAK = os.environ.get("CLOSER_SOAK") == "1"
# Every request a page makes must stay on this machine.
LOOPBACK = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")
ACTION_TIMEOUT_MS = 15_000
CONFIRM_TIMEOUT = 30.0
SETTLE_TIMEOUT = 30.0
T = TypeVar("T")
_SCRIPT_STATE = (
    "document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')"
)


def size(short: T, full: T) -> T:
    """`full` under CLOSER_SOAK=1, else `short`."""
    return full if SOAK else short


def report(test: str, **figures: object) -> None:
    """Print what a test counted; append it as a JSON line to $CLOSER_SOAK_REPORT if set."""
    line = json.dumps({"test": test, "soak": SOAK, **figures}, sort_keys=True)
    print(line)
    target = os.environ.get("CLOSER_SOAK_REPORT")
    if target:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(line + "\n")


def weeks_back(today: date) -> Iterator[IsoWeek]:
    """This week, then one week earlier each time: never in the future, never twice.

    Going back from today keeps the week picker as long as the history the
    test made (it lists every week from the first entry).
    """
    week = IsoWeek.of(today)
    while True:
        yield week
        week = week.shifted(-1)


def stored_ratings(path: Path) -> dict[IsoWeek, int | None]:
    """Week to connection rating, read as the app reads it; the file must be whole JSON."""
    json.loads(path.read_bytes())
    return {
        entry.week: entry.ratings["connection"] for entry in Diary.open(path).snapshot().entries
    }


class ServerGoneError(Exception):
    """The server was killed while a page waited for it."""


class Killer:
    """SIGKILL one process once, a while after `arm`, unless `hold` comes first."""

    def __init__(self, process: Popen[bytes]) -> None:
        self._process = process
        self._lock = threading.Lock()
        self._held = False
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.fired = threading.Event()

    @property
    def armed(self) -> bool:
        return self._thread is not None

    def arm(self, delay: float) -> None:
        self._thread = threading.Thread(target=self._kill_after, args=(delay,), daemon=True)
        self._thread.start()

    def _kill_after(self, delay: float) -> None:
        if self._cancel.wait(delay):
            return
        with self._lock:
            if not self._held:
                self._process.kill()  # Popen.kill is SIGKILL on POSIX
                self.fired.set()

    def hold(self) -> bool:
        """No kill from now on; True if it has already happened."""
        with self._lock:
            self._held = True
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(10)
        return self.fired.is_set()


def never() -> bool:
    return False


@contextmanager
def chromium_pages(count: int) -> Iterator[list]:
    """`count` Chromium pages, each its own browser session; fails on any off-machine request."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def check(request) -> None:
        if not request.url.startswith(LOOPBACK):
            outside.append(request.url)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            pages = []
            for _ in range(count):
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                page.set_default_timeout(ACTION_TIMEOUT_MS)
                page.on("request", check)
                pages.append(page)
            yield pages
        finally:
            browser.close()
    assert not outside, f"requests left the machine: {outside}"


def settle_unless(page, gone: Callable[[], bool], timeout: float = SETTLE_TIMEOUT) -> None:
    """tests.browser.settle, but raise ServerGoneError at once when `gone()` says the server died.

    The same readiness signal (the app's script state, quiet for several
    readings in a row). A page whose server is killed while it loads never
    settles; waiting out the full timeout there would make every round slow.
    """
    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        if gone():
            raise ServerGoneError
        calm = calm + 1 if page.evaluate(_SCRIPT_STATE) == "notRunning" else 0
        if calm >= 4:
            return
        page.wait_for_timeout(75)
    raise AssertionError("the app did not settle")


def open_week(page, url: str, week: IsoWeek, gone: Callable[[], bool] = never) -> None:
    """Open the check-in of `week` by its deep link."""
    page.goto(f"{url}/check-in?week={week}")
    settle_unless(page, gone)


def rate(page, rating: int, gone: Callable[[], bool] = never) -> int:
    """Rate a blank week's connection `rating` by keyboard, the other five 1; return connection's.

    A slider starts on "not rated yet", one stop left of 1 (so its value, the
    stop's index, is the rating), and a week with a practice not rated is not
    saved, so every slider is moved. Each slider is read back once all six are
    moved and set again if it is off. In about one run in ten the first
    slider stayed "not rated yet" while a later one stood a few stops too far,
    so Save only asked about the unrated practice and the test waited for a
    confirmation that could not come; the cause was not found (it showed with
    and without the session's page changes around it). This test is about
    crashes, not key presses, so it makes sure the form holds what it meant.
    """
    sliders = page.get_by_role("slider")
    targets = [rating] + [1] * (len(PRACTICE_KEYS) - 1)
    for _ in range(3):
        for index, target in enumerate(targets):
            now = _stop(sliders.nth(index))
            if now == target:
                continue
            sliders.nth(index).focus()
            key = "ArrowRight" if target > now else "ArrowLeft"
            for _ in range(abs(target - now)):
                page.keyboard.press(key)
            # Each slider's rerun ends before the next is moved, so no move is lost to it.
            settle_unless(page, gone)
        if [_stop(sliders.nth(index)) for index in range(len(targets))] == targets:
            break
    return _stop(sliders.first)


def _stop(slider) -> int:
    """The stop a rating slider is on: 0 for "not rated yet", else the rating."""
    return int(slider.get_attribute("value"))


def press_save(page) -> None:
    """Press Save check-in by keyboard, as a user would; does not wait for the answer."""
    page.get_by_role("button", name="Save check-in").focus()
    page.keyboard.press("Enter")


def confirmed(page, week: IsoWeek, gone: Callable[[], bool] = never) -> bool:
    """Wait for "Saved your check-in for <week>"; False if the server dies before it shows."""
    confirmation = page.get_by_text(f"Saved your check-in for {week}")
    deadline = time.monotonic() + CONFIRM_TIMEOUT
    while time.monotonic() < deadline:
        if confirmation.is_visible():
            return True
        if gone():
            return confirmation.is_visible()
        page.wait_for_timeout(50)
    raise AssertionError(f"the save of {week} was never confirmed, and the server is running")
