"""Nothing the app confirmed is lost when its server is killed, or when others save at once.

Three faults, each short in `make test` and full in `make soak` (CLOSER_SOAK=1,
see tests/soak.py): the server SIGKILLed at random moments while pages save,
two servers saving to one file, and 8 sessions of one server saving at once.
docs/RELIABILITY.md lists them with the figures of a full run.

A save counts as acknowledged only once its page shows "Saved your check-in
for <week>": that is when the user believes it is safe. The page shows it only
after `Diary.save_entry` has returned, so from then on the file must hold it,
whatever happens to the server.

The server tests save through the real UI in Chromium (a week's deep link,
arrow keys on the first slider, Enter on Save check-in), never the same week
twice, so the file's rating for a week is exactly what was confirmed. A save
takes about 2 s that way, which still fits the full 50 kill rounds in about
6 minutes, so no faster client (talking Streamlit's websocket protocol) was
needed.
"""

from __future__ import annotations

import random
import signal
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import app_test
from streamlit.testing.v1.util import build_mock_config_get_option

from lib.checkin import widget_key
from lib.diary import Diary
from lib.weeks import IsoWeek
from tests import soak
from tests.apptest import THIS_WEEK, TODAY, Closer, rate_all
from tests.browser import Server, require_chromium

PAGES = soak.size(1, 2)  # pages saving at once on the killed server
ROUNDS = soak.size(3, 50)
MAX_KILL_DELAY = 2.0  # seconds after a round's first confirmed save
MAX_SAVE_KILL_DELAY = 0.4  # seconds after a press of Save, when a round aims at a save
ROUND_TIMEOUT = 120.0
THREADS = 8
THREAD_SECONDS = soak.size(3.0, 20.0)
TWO_SERVER_SECONDS = soak.size(0.0, 60.0)  # at least one round of saves
MAX_BATCHES = 1_000
MAX_SAVES_PER_THREAD = 10_000
CHECK_IN = "pages/check-in.py"


@dataclass
class Tally:
    """Saves by week: every one whose Save was pressed, and those the page confirmed."""

    pressed: dict[IsoWeek, int] = field(default_factory=dict)
    acknowledged: dict[IsoWeek, int] = field(default_factory=dict)

    def lost(self, stored: dict[IsoWeek, int | None]) -> list[IsoWeek]:
        """Confirmed weeks the file does not hold with the confirmed rating."""
        return sorted(
            week for week, rating in self.acknowledged.items() if stored.get(week) != rating
        )


def save_batch(
    targets: list[tuple[object, str]],
    weeks: Iterator[IsoWeek],
    rng: random.Random,
    tally: Tally,
    gone: Callable[[], bool] = soak.never,
    on_pressed: Callable[[], None] = lambda: None,
    on_confirmed: Callable[[], None] = lambda: None,
) -> None:
    """Each (page, server url) saves a new week; the Saves are pressed back to back."""
    ready = []
    for page, url in targets:
        week = next(weeks)
        soak.open_week(page, url, week, gone)
        ready.append((page, week, soak.rate(page, rng.randint(1, 10), gone)))
    for page, week, rating in ready:
        soak.press_save(page)
        tally.pressed[week] = rating
        on_pressed()
    for page, week, rating in ready:
        if soak.confirmed(page, week, gone):
            tally.acknowledged[week] = rating
            on_confirmed()


def assert_is_streamlit_itself(process) -> None:
    """The pid we kill is the Python process serving the app, not a wrapper around it.

    Read from /proc: these tests run on Linux (Debian's Chromium), and the
    server has just answered its health check, so its entry is there.
    """
    cmdline = Path(f"/proc/{process.pid}/cmdline")
    assert cmdline.read_bytes().split(b"\0")[1] == b"serve.py"


def save_until_killed(
    server: Server, pages: list, weeks, rng: random.Random, tally: Tally, aim_at_a_save: bool
) -> None:
    """Save through the UI until the server is SIGKILLed at a random moment.

    Normally the kill is armed by the round's first confirmed save, so it
    falls anywhere while saving goes on: a page load, a slider's rerun, a
    save. With `aim_at_a_save` it is armed by the first press of Save, with a
    short delay, to hit saves in flight more often.
    """
    process = server.process
    killer = soak.Killer(process)
    targets = [(page, server.url) for page in pages]

    def after_confirmation() -> None:
        if not aim_at_a_save and not killer.armed:
            killer.arm(rng.uniform(0, MAX_KILL_DELAY))

    def after_press() -> None:
        if aim_at_a_save and not killer.armed:
            killer.arm(rng.uniform(0, MAX_SAVE_KILL_DELAY))

    deadline = time.monotonic() + ROUND_TIMEOUT
    try:
        while not killer.fired.is_set():
            assert time.monotonic() < deadline, "the round ran out of time before the kill"
            try:
                save_batch(
                    targets, weeks, rng, tally, killer.fired.is_set, after_press, after_confirmation
                )
            except (PlaywrightError, AssertionError, soak.ServerGoneError):
                if not killer.hold():  # the server is alive: this failure is real
                    raise
    finally:
        killer.hold()
    assert process.wait(timeout=15) == -signal.SIGKILL


def assert_page_shows(page, url: str, week: IsoWeek, rating: int) -> None:
    """The server at `url` reads `week` back from the file and shows its saved rating."""
    soak.open_week(page, url, week)
    expect(page.get_by_role("slider").first).to_have_attribute("value", str(rating))
    expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()


def server_tracebacks(*logs: Path) -> int:
    return sum(log.read_text(errors="replace").count("Traceback") for log in logs if log.exists())


@pytest.mark.slow
@pytest.mark.timeout(soak.size(180, 900))
def test_killed_server_loses_no_confirmed_check_in(tmp_path: Path) -> None:
    require_chromium()
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    path = tmp_path / "closer.json"
    server = Server(db_path=path, log_path=tmp_path / "streamlit.log", today=TODAY)
    weeks = soak.weeks_back(TODAY)
    tally = Tally()
    figures: Counter[str] = Counter()
    lost: list[IsoWeek] = []
    started = time.monotonic()
    try:
        with soak.chromium_pages(PAGES) as pages:
            for round_number in range(ROUNDS):
                temp_files = set(tmp_path.glob(".closer.json.*.tmp"))
                server.start()
                assert_is_streamlit_itself(server.process)
                aim_at_a_save = round_number % 2 == 1
                save_until_killed(server, pages, weeks, rng, tally, aim_at_a_save)
                figures["rounds"] += 1
                figures["rounds_aimed_at_a_save"] += aim_at_a_save
                figures["temp_files_left_by_kill"] += len(
                    set(tmp_path.glob(".closer.json.*.tmp")) - temp_files
                )
                stored = soak.stored_ratings(path)
                lost = tally.lost(stored)
                assert not lost, f"round {round_number} (seed {seed}) lost {lost}"
                figures["saved_but_not_confirmed"] = len(
                    [
                        week
                        for week in tally.pressed.keys() - tally.acknowledged.keys()
                        if week in stored
                    ]
                )
            # Each round's first page load shows the restarted server reads the
            # file; after the last kill, the newest confirmed week is shown saved.
            server.start()
            newest = min(tally.acknowledged)
            assert_page_shows(pages[0], server.url, newest, tally.acknowledged[newest])
    finally:
        server.stop()
        soak.report(
            "server_sigkill",
            seed=seed,
            pages=PAGES,
            pressed=len(tally.pressed),
            acknowledged=len(tally.acknowledged),
            in_flight_at_kill=len(tally.pressed) - len(tally.acknowledged),
            lost=len(lost),
            server_tracebacks=server_tracebacks(server.log_path),
            seconds=round(time.monotonic() - started, 1),
            **figures,
        )
    assert server_tracebacks(server.log_path) == 0, server.log_path.read_text()


@pytest.mark.slow
@pytest.mark.timeout(soak.size(120, 300))
def test_two_servers_on_one_file_lose_no_confirmed_check_in(tmp_path: Path) -> None:
    require_chromium()
    rng = random.Random()
    path = tmp_path / "closer.json"
    servers = [Server(path, tmp_path / f"streamlit-{index}.log", today=TODAY) for index in range(2)]
    weeks = soak.weeks_back(TODAY)
    tally = Tally()
    lost: list[IsoWeek] = []
    batches = 0
    started = time.monotonic()
    try:
        for server in servers:
            server.start()
        with soak.chromium_pages(len(servers)) as pages:
            targets = [(page, server.url) for page, server in zip(pages, servers, strict=True)]
            deadline = time.monotonic() + TWO_SERVER_SECONDS
            while batches < MAX_BATCHES and (batches == 0 or time.monotonic() < deadline):
                save_batch(targets, weeks, rng, tally)
                batches += 1
            # Each server reads back the last week the other one saved.
            first, second = list(tally.pressed)[-2:]
            assert_page_shows(pages[0], servers[0].url, second, tally.acknowledged[second])
            assert_page_shows(pages[1], servers[1].url, first, tally.acknowledged[first])
        lost = tally.lost(soak.stored_ratings(path))
    finally:
        for server in servers:
            server.stop()
        soak.report(
            "two_servers_one_file",
            batches=batches,
            pressed=len(tally.pressed),
            acknowledged=len(tally.acknowledged),
            lost=len(lost),
            server_tracebacks=server_tracebacks(*(server.log_path for server in servers)),
            seconds=round(time.monotonic() - started, 1),
        )
    assert tally.acknowledged == tally.pressed, "every save was confirmed"
    assert not lost
    assert server_tracebacks(*(server.log_path for server in servers)) == 0


@pytest.fixture
def one_runtime(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let AppTests run in parallel threads, sharing what one real server shares.

    AppTest sets process-wide state up and back down around every run
    (streamlit/testing/v1/app_test.py, `_run`): the Runtime singleton (reset to
    None afterwards) and the config patch that marks a test run. Runs in
    parallel threads see each other's half-restored state and fail with
    "Runtime hasn't been created!". A real server has one of each for all its
    sessions, so here the threads share one too. (Folder mode stays off: the
    `closer` fixture runs AppTest as served, ui/workarounds.py.)
    """
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.dataframe_source_mgr = DataframeSourceManager()
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: runtime))
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    test_config = build_mock_config_get_option({"global.appTest": True})
    monkeypatch.setattr(config, "get_option", test_config)
    monkeypatch.setattr(app_test, "patch_config_options", lambda overrides: nullcontext())


@pytest.mark.slow
@pytest.mark.timeout(soak.size(120, 300))
@pytest.mark.usefixtures("one_runtime")
def test_eight_sessions_saving_at_once_lose_no_confirmed_check_in(closer: Closer) -> None:
    weeks = [THIS_WEEK.shifted(-index) for index in range(THREADS)]
    errors: list[str] = []
    acknowledged = dict.fromkeys(weeks, 0)
    last_confirmed: dict[IsoWeek, int] = {}
    lost: list[str] = []
    start = threading.Barrier(THREADS)

    def session(week: IsoWeek) -> None:
        """One browser tab's worth: its own AppTest, saving its own week again and again."""
        try:
            # Every practice answered once; then each save moves connection again.
            at = rate_all(closer.open(CHECK_IN, week=str(week)), week, 5)
            check = Diary.open(closer.db_path)
            start.wait(60)
            deadline = time.monotonic() + THREAD_SECONDS
            for count in range(MAX_SAVES_PER_THREAD):
                if time.monotonic() >= deadline:
                    return
                rating = count % 10 + 1
                at.select_slider(key=widget_key(week, "rating", "connection")).set_value(rating)
                at.run()
                at.button(key="save").click().run()
                if at.exception:
                    errors.append(f"{week}: {[item.value for item in at.exception]}")
                    return
                if not any(f"Saved your check-in for {week}" in item.value for item in at.success):
                    errors.append(f"{week}: not saved: {[item.value for item in at.error]}")
                    return
                acknowledged[week] += 1
                last_confirmed[week] = rating
                if check.get_entry(week).ratings["connection"] != rating:
                    lost.append(f"{week} rated {rating}")
        except BaseException:  # collected and reported by the test
            start.abort()
            errors.append(traceback.format_exc())

    started = time.monotonic()
    threads = [threading.Thread(target=session, args=(week,)) for week in weeks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(THREAD_SECONDS + 90)
    stored = soak.stored_ratings(closer.db_path)
    lost += [
        f"{week} (last) rated {rating}"
        for week, rating in last_confirmed.items()
        if stored.get(week) != rating
    ]
    soak.report(
        "eight_apptest_sessions",
        threads=THREADS,
        acknowledged=sum(acknowledged.values()),
        lost=len(lost),
        errors=len(errors),
        seconds=round(time.monotonic() - started, 1),
    )
    assert not any(thread.is_alive() for thread in threads)
    assert not errors, "\n".join(errors)
    assert not lost
    assert all(acknowledged.values()), acknowledged
