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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

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
def browser_page(server: Server) -> Iterator[object]:
    """A fresh Chromium page that fails the test on any request off this machine."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        own = (f"{server.url}/", f"ws://127.0.0.1:{server.port}/", "data:", "blob:")

        def check(request) -> None:
            if not request.url.startswith(own):
                outside.append(request.url)

        page.on("request", check)
        yield page
        browser.close()
        assert not outside, f"requests left the machine: {outside}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end of the run when the browser tests could not run here."""
    if not CHROMIUM.exists() and os.environ.get("CLOSER_REQUIRE_BROWSER") != "1":
        terminalreporter.write_line(
            f"Browser tests skipped: no Chromium at {CHROMIUM} "
            "(install it with: apt-get install -y chromium).",
            yellow=True,
        )
