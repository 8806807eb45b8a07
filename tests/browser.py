"""Real-browser test support: Closer served by `streamlit run`, driven by Chromium.

Chromium comes from Debian (`apt-get install chromium`); Playwright's own
browser download does not work here. Without it these tests skip with one
line saying why, unless CLOSER_REQUIRE_BROWSER=1 (set by .ci/run), where a
missing browser fails the run instead.

What the tests share, and what each gets fresh:

- `chromium` (session): one Chromium for the whole run.
- `shared_server` (session): one Closer server with today fixed to TODAY
  (`CLOSER_TODAY`), on a data file in a folder of its own.
- `server` (each test): that server, its data folder emptied first (diary,
  drafts, lock, backups), so every test starts on an empty diary. A module
  that needs another server (a passcode, say, or an encrypted diary, whose key
  the server keeps in memory) overrides `server`, started with `serving`.
- `new_browser_page` / `browser_page` (each test): pages in new browser
  contexts, so each is a new Streamlit session; any request that leaves the
  machine fails the test.

Tests wait on conditions, never on time: `open_page` waits for the page's
first script run to end, `rerun` for the run an action starts (told by the
server on the page's WebSocket), and everything else is an `expect(...)` on
what the user sees. A page made outside these fixtures calls `watch_runs`
before its first load, to use `rerun`.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import pytest
from google.protobuf.message import DecodeError
from playwright.sync_api import Locator, Page, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from lib.config import TODAY_VARIABLE
from lib.diary import Diary
from lib.entries import WeekEntry
from lib.passcode import PASSCODE_VARIABLE
from lib.sample import sample_entries
from lib.weeks import IsoWeek
from tests.apptest import TODAY

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Request, WebSocket

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
RUN_TIMEOUT_MS = 20_000  # one script run, on a loaded 2-core CI machine
# What the page draws after a run (charts, the data grid) may lag on a loaded machine;
# a longer wait costs nothing when the page is quick.
expect.set_options(timeout=10_000)
# The app root, once a script run has ended. Before the first run it says
# "initial", and while one runs "running".
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
IDLE_CHECK = f"() => document.querySelector('{APP_IDLE}') !== null"
# Each page's Streamlit WebSocket (the newest one: a reload or restart opens another).
_SOCKETS: WeakKeyDictionary[Page, WebSocket] = WeakKeyDictionary()


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
    """`streamlit run app.py` on a free loopback port and a given data file.

    `today` fixes the day the app sees (`CLOSER_TODAY`); `env` adds variables.
    """

    db_path: Path
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    today: date | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def command(self) -> list[str]:
        """What to start: Closer as `make run` serves it, on this port, on loopback."""
        return [sys.executable, "serve.py", *self.loopback()]

    def loopback(self) -> list[str]:
        """`streamlit run` options: this server's port, on loopback only."""
        return ["--server.port", str(self.port), "--server.address", "127.0.0.1"]

    def environment(self) -> dict[str, str]:
        """The server's environment: this one, with the data file, the day and `env`."""
        fixed = {TODAY_VARIABLE: self.today.isoformat()} if self.today else {}
        return {**os.environ, "CLOSER_DB": str(self.db_path), **fixed, **self.env}

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
                time.sleep(0.1)
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


# Waiting for the app: on a script run's end, never on the clock.


def settle(page: Page, timeout: float = RUN_TIMEOUT_MS / 1000) -> None:
    """Wait until no script run is going, and one has run (after a load or reload, at once).

    Not enough after an action on a page already drawn: its run may not have
    started yet. Wrap the action in `rerun` instead.

    Checked on every animation frame: expect() would do, but it retries after
    0.1, 0.25, 0.5 and then every 1 s, which overshoots a page load by up to a
    second, and page loads are most of what these tests wait for.
    """
    page.wait_for_function(IDLE_CHECK, polling="raf", timeout=timeout * 1000)


def open_page(page: Page, server: Server, path: str = "") -> None:
    """Load `/path` and wait for its script run to end."""
    page.goto(f"{server.url}/{path}")
    settle(page)


def watch_runs(page: Page) -> None:
    """Follow `page`'s WebSocket to the server, so `rerun` can see runs end (before a load)."""
    page.on("websocket", lambda socket: _SOCKETS.__setitem__(page, socket))


def _parsed(message: ForwardMsg | BackMsg, payload: str | bytes) -> bool:
    """Read a binary WebSocket frame into `message`; False if it is not one."""
    if isinstance(payload, str):
        return False
    try:
        message.ParseFromString(payload)
    except DecodeError:
        return False
    return True


@dataclass
class _RunWatch:
    """What the page and its server said on the WebSocket since an action began.

    The page asks for a run (a BackMsg "rerun_script"); each run the server
    starts is announced with its id ("new_session") and ends with that id
    ("script_finished"). A run that asks for another (st.rerun,
    st.switch_page) ends "early for rerun"; only the last of a chain ends
    "successfully" (a fragment's run: "fragment run successfully"). So the
    action's run has ended when a run that started after the page asked has
    ended successfully, and an earlier run ending meanwhile is never taken
    for it.
    """

    asked: bool = False
    started: set[str] = field(default_factory=set)

    def sent(self, payload: str | bytes) -> None:
        message = BackMsg()
        if _parsed(message, payload) and message.WhichOneof("type") == "rerun_script":
            self.asked = True

    def ended(self, payload: str | bytes) -> bool:
        message = ForwardMsg()
        if not (self.asked and _parsed(message, payload)):
            return False
        run = message.metadata.run.script_run_id
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.started.add(run)
        return (
            kind == "script_finished"
            and run in self.started
            and message.script_finished
            in {
                ForwardMsg.FINISHED_SUCCESSFULLY,
                # A widget inside an st.fragment reruns that fragment alone.
                ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            }
        )


@contextmanager
def rerun(page: Page) -> Iterator[None]:
    """Wait, after the block, until the script run its action started has ended.

    For actions that make Streamlit rerun (a widget change, a click on a button
    or link); the wait fails if the block started no run. It follows the
    messages on the page's WebSocket (see _RunWatch), so a run too quick to
    show as running on the page is still seen. The page may still be drawing
    what the run sent: check what it shows with expect().
    """
    socket = _SOCKETS.get(page)
    if socket is None:
        raise RuntimeError("call watch_runs(page) before the page loads, to use rerun()")
    settle(page)
    watch = _RunWatch()
    socket.on("framesent", watch.sent)
    try:
        with socket.expect_event("framereceived", predicate=watch.ended, timeout=RUN_TIMEOUT_MS):
            yield
    finally:
        socket.remove_listener("framesent", watch.sent)
    settle(page)


@contextmanager
def asked_runs(page: Page) -> Iterator[list[str]]:
    """The runs the page asks for in the block, each as the fragment it reruns ("": the page)."""
    socket = _SOCKETS.get(page)
    if socket is None:
        raise RuntimeError("call watch_runs(page) before the page loads, to use asked_runs()")
    asked: list[str] = []

    def sent(payload: str | bytes) -> None:
        message = BackMsg()
        if _parsed(message, payload) and message.WhichOneof("type") == "rerun_script":
            asked.append(message.rerun_script.fragment_id)

    socket.on("framesent", sent)
    try:
        yield asked
    finally:
        socket.remove_listener("framesent", sent)


# What the browser tests share, and what each gets fresh.


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One Chromium for the whole test session (each test opens its own contexts)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One Closer server for the session, with today fixed to TODAY."""
    require_chromium()
    folder = tmp_path_factory.mktemp("server")
    running = Server(
        db_path=folder / "diary" / "closer.json", log_path=folder / "streamlit.log", today=TODAY
    )
    running.start()
    yield running
    running.stop()


@contextmanager
def serving(running: Server) -> Iterator[Server]:
    """`running` started for the block, and stopped after it: a server of one test's own.

    For a module that must not share the session's server: one behind a
    passcode, or one that will hold an encrypted diary's key in its memory
    (emptying the shared server's folder would not make it forget the key).
    """
    require_chromium()
    running.start()
    try:
        yield running
    finally:
        running.stop()


@contextmanager
def behind_passcode(folder: Path, passcode: str) -> Iterator[Server]:
    """Closer on `folder`/closer.json behind `passcode`, with today fixed to TODAY."""
    with serving(
        Server(
            db_path=folder / "closer.json",
            log_path=folder / "streamlit.log",
            today=TODAY,
            env={PASSCODE_VARIABLE: passcode},
        )
    ) as running:
        yield running


def seed_sample(server: Server) -> list[WeekEntry]:
    """The made-up sample history, saved to the server's diary; returns it."""
    entries = sample_entries(TODAY)
    diary = Diary.open(server.db_path)
    diary.import_entries(entries)
    diary.close()
    return entries


def empty_folder(folder: Path) -> None:
    """Remove everything in `folder`: the diary, its drafts, lock, backups, temp files."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for item in folder.iterdir():
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()


@pytest.fixture
def server(shared_server: Server) -> Server:
    """The shared server on an empty diary (started again if a test left it stopped).

    Safe to share: the server re-reads the diary whenever the file's revision
    changes, and a new browser context is a new session with nothing kept.
    """
    if not shared_server.running:
        shared_server.start()
    empty_folder(shared_server.db_path.parent)
    return shared_server


@pytest.fixture
def new_browser_page(chromium: Browser, server: Server) -> Iterator[Callable[..., Page]]:
    """Fresh pages, each in a new browser context (`new_context` options).

    Any request off this machine fails the test.
    """
    outside: list[str] = []
    own = (f"{server.url}/", f"ws://127.0.0.1:{server.port}/", "data:", "blob:")
    contexts: list[BrowserContext] = []

    def check(request: Request) -> None:
        if not request.url.startswith(own):
            outside.append(request.url)

    def new_page(**options: object) -> Page:
        context = chromium.new_context(**options)
        contexts.append(context)
        context.on("request", check)
        page = context.new_page()
        watch_runs(page)
        return page

    yield new_page
    for context in contexts:
        context.close()
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
    """Rate a not-yet-rated practice by keyboard, in the fewest presses, and wait for the rerun.

    ArrowRight steps up from "not rated yet" (once gives 1); End jumps to 10.
    """
    slider = rating_slider(page, title)
    slider.focus()
    up, down = ["ArrowRight"] * rating, ["End"] + ["ArrowLeft"] * (10 - rating)
    with rerun(page):
        for key in up if len(up) <= len(down) else down:
            page.keyboard.press(key)
        expect(slider).to_have_attribute("aria-valuetext", str(rating))


def skip(page: Page, title: str) -> None:
    """Turn on a practice's "Skip … this week" toggle by keyboard."""
    switch = page.get_by_role("switch", name=f"Skip {title} this week", exact=True)
    with rerun(page):
        switch.press("Space")
    expect(switch).to_be_checked()


def note_box(page: Page, title: str) -> Locator:
    """A practice's note; it exists only while its expander is open."""
    return page.get_by_role("textbox", name=f"Note on {title}", exact=True)


def open_note(page: Page, title: str) -> Locator:
    """Open a practice's (closed) note expander and return its text area."""
    with rerun(page):  # the expander reruns the script, which draws the text area
        page.locator("summary", has_text=f"Note on {title}").click()
    box = note_box(page, title)
    expect(box).to_be_visible()
    return box


def pick_week(page: Page, week: IsoWeek) -> None:
    """Choose `week` in the check-in's week picker, by keyboard."""
    page.get_by_role("combobox", name="Week", exact=True).focus()
    page.keyboard.type(str(week))
    with rerun(page):
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/check-in\?week={week}$"))


def save_status(page: Page) -> Locator:
    """The caption beside Save: how far the form is, and whether a draft is kept."""
    return page.locator(".st-key-save_bar [data-testid=stCaptionContainer]")


def save_skipping_the_rest(page: Page, rest: str) -> None:
    """Press Save, which names the practices left (`rest`), then skip them and save."""
    with rerun(page):
        page.get_by_role("button", name="Save check-in").click()
    skip_rest = page.locator(".st-key-unanswered").get_by_role(
        "button", name=f"Skip {rest} and save"
    )
    with rerun(page):
        skip_rest.click()
    expect(page.get_by_text("Saved your check-in for")).to_be_visible()


def go_to(page: Page, name: str) -> None:
    """Follow a sidebar link: the same Streamlit session, unlike a page load."""
    with rerun(page):
        page.get_by_test_id("stSidebar").get_by_role("link", name=name).click()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end of the run when the browser tests could not run here."""
    if not CHROMIUM.exists() and os.environ.get("CLOSER_REQUIRE_BROWSER") != "1":
        terminalreporter.write_line(
            f"Browser tests skipped: no Chromium at {CHROMIUM} "
            "(install it with: apt-get install -y chromium).",
            yellow=True,
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep every browser test on one xdist worker (`make test` runs two).

    They share one Chromium and one server, started once; on two cores a second
    browser worker would mostly compete with the first (measured: 126 s against
    132 s, for two servers and two browsers). The other worker runs the AppTest
    and unit tests meanwhile.

    The axe-core audits are a second group, on the other worker: in one group
    with the rest, that worker's queue alone would be longer than everything
    else together.
    """
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            name = item.path.name
            accessibility = name.startswith("test_browser_accessibility")
            item.add_marker(
                pytest.mark.xdist_group("accessibility" if accessibility else "browser")
            )
