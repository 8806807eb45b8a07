"""Page reruns: each of Closer's pages under AppTest against its floor, on one diary.

A floor (bench/floors/) draws the same elements and the same chart objects
from values worked out beforehand, so the ratio app / floor is what reading
and analysing the diary adds to what Streamlit itself costs. App and floor
runs alternate, so a change in the machine's load hits both.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from bench import inputs
from lib import transfer
from lib.checkin import widget_key
from lib.content import load_app_text, load_practices
from lib.diary import Diary
from lib.drafts import drafts_path, read_drafts
from lib.weeks import IsoWeek
from ui import workarounds
from ui.journal import SEARCH_KEY

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
FLOORS = ROOT / "bench" / "floors"
TIMEOUT = 120
WARMUPS = 2
# Quick pages run until each side has taken this long, within MAX_RUNS.
MIN_SECONDS = 1.5
MAX_RUNS = 200
FULL_RUNS = 15  # bench.run's runs without --quick
PRACTICE = "mystery"
SLIDER_PRACTICE = "connection"
SCRIPT_THREAD = "script runs\x00<thread>\x000"
# Library code a profile opens up (the rest is folded): where the charts' time goes.
SHOWN = r".*/site-packages/(altair|streamlit/elements|streamlit/navigation)/"
OPTIONS = {"filter_threshold": 0.04}
RUN_SPECIFIC = (
    (re.compile(r"\$\$ID-[0-9a-f]+-"), "$$ID-"),
    (re.compile(r'deferred_file_id: "[0-9a-f]+"'), "deferred_file_id"),
    (re.compile(r"(-backup-\d{4}-\d{2}-\d{2})-\d{4}\.json"), r"\1-HHMM.json"),
)


@dataclass(frozen=True)
class Page:
    """One measured page: its name in the report, its address, its floor script."""

    name: str
    url_path: str
    floor: str
    slider: bool = False  # move a slider before each rerun (Closer keeps a draft of it)
    after_save: bool = False  # another handle saves a week before each rerun
    naive: str | None = None  # a second floor: the page as a straightforward app draws it
    query: tuple[tuple[str, str], ...] = ()  # the address's query parameters


PAGES = (
    Page("home", "", "home.py", naive="naive_home.py"),
    Page("check-in after a slider change", "check-in", "check_in.py", slider=True),
    Page("home after a save elsewhere", "", "home.py", after_save=True, naive="naive_home.py"),
    Page(f"practice ({PRACTICE})", PRACTICE, "practice.py"),
    Page("your data", "data", "data.py"),
    Page("journal, searched", "journal", "journal.py", query=(("q", "river walk"),)),
)


JOURNAL = PAGES[-1]


@dataclass(frozen=True)
class PageRow:
    """Median rerun of one page and its floor on a diary of `weeks` weeks."""

    page: str
    weeks: int
    app_ms: float
    floor_ms: float
    runs: int
    naive_ms: float | None = None  # its naive floor, where it has one

    @property
    def ratio(self) -> float:
        """How many times its floor the page costs."""
        return self.app_ms / self.floor_ms

    @property
    def naive_ratio(self) -> float | None:
        """How many times its naive floor the page costs (None: it has none)."""
        return None if self.naive_ms is None else self.app_ms / self.naive_ms


def clear_caches() -> None:
    """Streamlit's caches outlive an AppTest; every diary starts from nothing."""
    st.cache_data.clear()
    st.cache_resource.clear()


def prepare_floors(db_path: Path, today: date | None = None) -> None:
    """Work out everything the floors draw for the diary at `db_path` (not timed)."""
    today = today or date.today()
    diary = Diary.open(db_path)
    try:
        entries = list(diary.snapshot().entries)
        settings = diary.get_settings()
        backup = diary.backup_json()
        copies = diary.safety_copies()
    finally:
        diary.close()
    practices = load_practices()
    text = load_app_text()
    titles = {item.key: item.title for item in practices}
    inputs.FLOOR.clear()
    inputs.put(inputs.nav(practices, text, str(db_path)))
    inputs.put(inputs.home(entries, practices, text, today, settings))
    inputs.put(inputs.check_in(entries, practices, today, settings))
    item = next(item for item in practices if item.key == PRACTICE)
    inputs.put(inputs.practice(entries, item, titles, today, settings))
    upload_mb = transfer.MAX_FILE_BYTES // transfer.MB
    now = datetime.now().astimezone()
    inputs.put(inputs.data(entries, backup, str(db_path), today, now, upload_mb, copies))
    if entries:
        query = dict(JOURNAL.query)[SEARCH_KEY]
        inputs.put(inputs.journal_page(entries, practices, today, query))


def open_page(script: Path, url_path: str, query: tuple[tuple[str, str], ...] = ()) -> AppTest:
    """Run `script` and go to the page at `/url_path?query`, as a browser's address would."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    at.query_params.update(dict(query))
    at = checked(at.run())
    if url_path and script == APP:
        # Every page script is named for its url path (ui/navigation.py); a floor
        # goes to its page by itself (bench.floors.route).
        checked(at.switch_page(f"pages/{url_path}.py").run())
    if query:
        # The run that lands on a page seeds a widget bound to the address, the
        # page's and its floor's each its own way; from the next run they match.
        checked(at.run())
    return at


def checked(at: AppTest) -> AppTest:
    """`at`, after failing loudly if its last run raised."""
    if at.exception:
        # The message is redacted (client.showErrorDetails); Streamlit logged the traceback.
        raise RuntimeError(f"{at._script_path} raised (traceback above): {at.exception[0].message}")
    return at


def slider_key(today: date | None = None) -> str:
    """The check-in slider the bench moves: this week's first practice."""
    return widget_key(IsoWeek.of(today or date.today()), "rating", SLIDER_PRACTICE)


def slider_value(step: int) -> int:
    """Where the bench moves the slider before rerun `step`: never where it already is."""
    return 3 if step % 2 else 4


def diary_path() -> Path:
    """The diary the pages under measurement read (`app_env`)."""
    return Path(os.environ["CLOSER_DB"])


def discard_drafts() -> None:
    """Remove the drafts kept beside the diary, so the check-in opens on a fresh form."""
    drafts_path(diary_path()).unlink(missing_ok=True)


def check_draft(step: int) -> None:
    """Fail unless Closer's last rerun kept this week's draft with the slider's new value.

    A slider move that no longer wrote its draft would make the check-in's
    figure look fine while measuring less than a user waits for.
    """
    draft = read_drafts(drafts_path(diary_path())).get(IsoWeek.of(date.today()))
    if draft is None or draft.ratings[SLIDER_PRACTICE] != slider_value(step):
        raise RuntimeError(
            f"the check-in's rerun {step} kept no draft of its slider move to "
            f"{slider_value(step)} (found {draft})"
        )


def save_elsewhere(step: int) -> None:
    """Save the newest week again from another handle, as another tab or program would."""
    diary = Diary.open(diary_path())
    newest = diary.snapshot().entries[-1]
    diary.save_entry(replace(newest, ratings={**newest.ratings, "space": 3 if step % 2 else 4}))


def rerun_ms(at: AppTest, page: Page, step: int) -> float:
    """One rerun in milliseconds; for a slider page, after moving the slider to a new value."""
    if page.slider:
        at.select_slider(key=slider_key()).set_value(slider_value(step))
    if page.after_save:
        save_elsewhere(step)
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    checked(at)
    return elapsed


def measure_page(
    page: Page, weeks: int, runs: int, warmups: int = WARMUPS, min_seconds: float = MIN_SECONDS
) -> PageRow:
    """Median rerun of `page` in Closer and in its floor (floors must be prepared).

    At least `runs` runs each, and more for quick pages, up to `min_seconds` of
    each (less with --quick): a 12 ms page's median over 15 runs moved by 2 ms between sizes.
    """
    if page.slider:
        discard_drafts()
    app = open_page(APP, page.url_path, page.query)
    floor = open_page(FLOORS / page.floor, page.url_path, page.query)
    times: dict[str, list[float]] = {"app": [], "floor": [], "naive": []}
    pairs = [("app", app), ("floor", floor)]
    if page.naive is not None:
        pairs.append(("naive", open_page(FLOORS / page.naive, page.url_path, page.query)))
    step = 0
    while step < warmups + runs:
        for name, at in pairs if step % 2 == 0 else pairs[::-1]:
            elapsed = rerun_ms(at, page, step)
            if step >= warmups:
                times[name].append(elapsed)
            if page.slider and name == "app":
                check_draft(step)
        step += 1
        if step == warmups + 1:  # one measured run of each: now the page's cost is known
            slowest = max(measured[0] for measured in times.values() if measured) / 1000
            budget = min_seconds * runs / FULL_RUNS  # --quick stays quick
            runs = max(runs, min(MAX_RUNS, math.ceil(budget / slowest)))
    if page.slider:
        discard_drafts()  # the diary's folder as it was
    return PageRow(
        page.name,
        weeks,
        statistics.median(times["app"]),
        statistics.median(times["floor"]),
        runs,
        statistics.median(times["naive"]) if times["naive"] else None,
    )


@contextmanager
def app_env(db_path: Path) -> Iterator[None]:
    """For the block: CLOSER_DB is `db_path`, caches start empty, AppTest runs as the server."""
    before = os.environ.get("CLOSER_DB")
    os.environ["CLOSER_DB"] = str(db_path)
    clear_caches()
    try:
        with workarounds.apptest_runs_as_served():
            yield
    finally:
        clear_caches()
        if before is None:
            os.environ.pop("CLOSER_DB", None)
        else:
            os.environ["CLOSER_DB"] = before


def measure(
    db_path: Path, weeks: int, runs: int, log: Callable[[str], None] = lambda _: None
) -> list[PageRow]:
    """Every page against its floor on the diary at `db_path`."""
    rows = []
    with app_env(db_path):
        prepare_floors(db_path)
        for page in PAGES:
            log(f"{weeks:,} weeks: {page.name}")
            rows.append(measure_page(page, weeks, runs))
    return rows


def element_types(at: AppTest) -> Counter[str]:
    """How many elements and blocks of each type the last run drew, sidebar included."""
    return Counter(node.type for node in at._tree)


def drawn(at: AppTest) -> list[str]:
    """Every element and block the last run drew, in order, as the messages Streamlit sent.

    Only what differs between two scripts drawing the same thing is blanked
    out: widget ids (hashed with the script's page), download ids (random) and
    the minute in a backup's file name.
    """
    found = []
    for node in at._tree:
        text = f"{node.type}: {getattr(node, 'proto', '')}"
        for pattern, blank in RUN_SPECIFIC:
            text = pattern.sub(blank, text)
        found.append(text)
    return found


@contextmanager
def profiling(interval: float = 0.0005) -> Iterator[Callable[[], str]]:
    """Profile every script run in the block; yields a function giving the text report.

    pyinstrument samples only the thread that starts it, and AppTest runs the
    script in another thread, so the profiler starts and stops around the call
    the ScriptRunner makes to run the script; the sessions add up.
    """
    from pyinstrument import Profiler

    profiler = Profiler(interval=interval, use_timing_thread=True)
    original = script_runner.exec_func_with_error_handling

    def profiled(*args: object, **kwargs: object) -> object:
        profiler.start()
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            profiler.stop()

    def report() -> str:
        session = profiler.last_session
        if session is None:
            return ""
        # Each run has its own script thread: one tree for all of them, not one per thread.
        for stack, _ in session.frame_records:
            if stack and "\x00<thread>\x00" in stack[0]:
                stack[0] = SCRIPT_THREAD
        return profiler.output_text(
            unicode=True, color=False, processor_options={"show_regex": SHOWN, **OPTIONS}
        )

    script_runner.exec_func_with_error_handling = profiled  # type: ignore[assignment]
    try:
        yield report
    finally:
        script_runner.exec_func_with_error_handling = original


def profile(db_path: Path, page: Page, runs: int) -> str:
    """A pyinstrument text profile of `runs` reruns of `page` in Closer (after warming up)."""
    with app_env(db_path):
        discard_drafts()
        at = open_page(APP, page.url_path, page.query)
        for step in range(WARMUPS):
            rerun_ms(at, page, step)
        with profiling() as report:
            for step in range(WARMUPS, WARMUPS + runs):
                rerun_ms(at, page, step)
        discard_drafts()
        return report()
