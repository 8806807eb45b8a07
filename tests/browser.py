"""Real-browser test support: Closer served by `streamlit run`, driven by Chromium.

Chromium comes from Debian (`apt-get install chromium`); Playwright's own
browser download does not work here. Without it these tests skip with one
line saying why, unless CLOSER_REQUIRE_BROWSER=1 (set by .ci/run), where a
missing browser fails the run instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CLOSER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 60.0


def require_chromium() -> None:
    """Skip (or, in CI, fail) when Debian's Chromium is not installed."""
    if CHROMIUM.exists():
        return
    message = f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CLOSER_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    """A port nobody listens on right now, on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """`streamlit run app.py` on a free loopback port and a given data file."""

    db_path: Path
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        """What to start: Closer as `make run` serves it, on this port, on loopback."""
        return [sys.executable, "serve.py", *self.loopback()]

    def loopback(self) -> list[str]:
        """`streamlit run` options: this server's port, on loopback only."""
        return ["--server.port", str(self.port), "--server.address", "127.0.0.1"]

    def environment(self) -> dict[str, str]:
        """The server's environment: this one, with the data file."""
        return {**os.environ, "CLOSER_DB": str(self.db_path)}

    def start(self) -> None:
        command, env = self.command(), self.environment()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not become healthy; see {self.log_path}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def settle(page, timeout: float = 20.0) -> None:
    """Wait until the app's script has finished running and stays finished."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    state = "document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state')"
    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        calm = calm + 1 if page.evaluate(state) == "notRunning" else 0
        # Several quiet readings in a row: a rerun that was about to start has started.
        if calm >= 4:
            return
        page.wait_for_timeout(75)
    raise AssertionError("the app did not settle")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """Closer served on loopback with a temporary data file."""
    require_chromium()
    running = Server(db_path=tmp_path / "closer.json", log_path=tmp_path / "streamlit.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def new_browser_page(server: Server) -> Iterator[Callable[..., Page]]:
    """Fresh Chromium pages (`new_page` options); a request off this machine fails the test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        outside: list[str] = []
        own = (f"{server.url}/", f"ws://127.0.0.1:{server.port}/", "data:", "blob:")

        def check(request) -> None:
            if not request.url.startswith(own):
                outside.append(request.url)

        def new_page(**options: object) -> Page:
            page = browser.new_page(**options)
            page.on("request", check)
            return page

        yield new_page
        browser.close()
        assert not outside, f"requests left the machine: {outside}"


@pytest.fixture
def browser_page(new_browser_page: Callable[..., Page]) -> Page:
    """A fresh Chromium page that fails the test on any request off this machine."""
    return new_browser_page(viewport={"width": 1280, "height": 900})


# The check-in page, as its users reach it: by role and accessible name.


def rating_slider(page: Page, title: str) -> Locator:
    """A practice's rating slider (its name goes on to say what 1 and 10 mean)."""
    return page.get_by_role("slider", name=f"{title}: your rating, from 1 (")


def rate(page: Page, title: str, rating: int) -> None:
    """Rate a not-yet-rated practice by keyboard, in the fewest presses.

    ArrowRight steps up from "not rated yet" (once gives 1); End jumps to 10.
    """
    slider = rating_slider(page, title)
    slider.focus()
    up, down = ["ArrowRight"] * rating, ["End"] + ["ArrowLeft"] * (10 - rating)
    for key in up if len(up) <= len(down) else down:
        page.keyboard.press(key)
    expect(slider).to_have_attribute("aria-valuetext", str(rating))


def skip(page: Page, title: str) -> None:
    """Turn on a practice's "Skip … this week" toggle by keyboard."""
    switch = page.get_by_role("switch", name=f"Skip {title} this week", exact=True)
    switch.press("Space")
    expect(switch).to_be_checked()


def note_box(page: Page, title: str) -> Locator:
    """A practice's note; it exists only while its expander is open."""
    return page.get_by_role("textbox", name=f"Note on {title}", exact=True)


def open_note(page: Page, title: str) -> Locator:
    """Open a practice's note expander and return its text area."""
    page.locator("summary", has_text=f"Note on {title}").click()
    box = note_box(page, title)
    expect(box).to_be_visible()
    settle(page)  # the run that drew it may still be drawing the rest
    return box


def save_status(page: Page) -> Locator:
    """The caption beside Save: how far the form is, and whether a draft is kept."""
    return page.locator(".st-key-save_bar [data-testid=stCaptionContainer]")


def save_skipping_the_rest(page: Page, rest: str) -> None:
    """Press Save, which names the practices left (`rest`), then skip them and save."""
    page.get_by_role("button", name="Save check-in").click()
    page.locator(".st-key-unanswered").get_by_role("button", name=f"Skip {rest} and save").click()
    expect(page.get_by_text("Saved your check-in for")).to_be_visible()


def go_to(page: Page, name: str) -> None:
    """Follow a sidebar link: the same Streamlit session, unlike a page load."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=name).click()
    settle(page)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end of the run when the browser tests could not run here."""
    if not CHROMIUM.exists() and os.environ.get("CLOSER_REQUIRE_BROWSER") != "1":
        terminalreporter.write_line(
            f"Browser tests skipped: no Chromium at {CHROMIUM} "
            "(install it with: apt-get install -y chromium).",
            yellow=True,
        )
