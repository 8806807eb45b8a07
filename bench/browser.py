"""Time to charts: Closer's dashboard against a bare Streamlit page with the same charts.

The clock is `performance.now()` in the page, read in the first animation frame
in which the script has finished and every chart has drawn its marks with a
non-zero size. Its zero is the document's navigation start, so a figure covers
the HTML, the JavaScript bundle, the WebSocket, the script run and the drawing,
and none of Python's or Playwright's own overhead.

Both servers start once and stay warm; each load is a new browser context (no
HTTP cache, cookies or session carried over), after WARMUPS loads of each that
are not counted. Each run loads both pages back to back, alternating which goes
first, so a change in the machine's load hits both.
"""

from __future__ import annotations

import os
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, Page, Request, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench import inputs
from bench.pages import prepare_floors
from bench.server_log import TIMED_LOG, server_runs
from lib import charts, views
from lib.content import load_practices
from lib.diary import Diary
from tests.browser import CHROMIUM, CHROMIUM_ARGS, Server

BARE_CHARTS = "bench/floors/bare_charts.py"
NAIVE_HOME = "bench/floors/naive_home.py"
CHARTS_FILE = "CLOSER_BENCH_CHARTS"
VIEWPORT = {"width": 1280, "height": 900}
WARMUPS = 2
DRAW_TIMEOUT_MS = 60_000
# The trend span pages/home.py shows until the user picks another.
DEFAULT_WEEKS = 26
CHART = '[data-testid="stVegaLiteChart"]'

# Truthy (the time) once the script is done and `expected` charts have drawn marks.
ALL_DRAWN = """expected => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const charts = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
  if (charts.length !== expected) return false;
  for (const chart of charts) {
    const marks = chart.querySelector("svg.marks, canvas");
    const box = marks && marks.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return false;
  }
  return performance.now();
}"""

Figure = tuple[str, object, str | None]


@dataclass
class FloorServer(Server):
    """A plain `streamlit run <script>` from the project root, so .streamlit/config.toml applies.

    `db_path` is not used: a floor reads no diary.
    """

    script: str = "bench/floors/empty.py"
    env: dict[str, str] = field(default_factory=dict)

    def command(self) -> list[str]:
        """Plain `streamlit run` of the floor script, on this port, on loopback."""
        return [sys.executable, "-m", "streamlit", "run", self.script, *self.loopback()]

    def environment(self) -> dict[str, str]:
        """This environment, with what the floor script reads."""
        return {**os.environ, **self.env}


@contextmanager
def serving(server: Server) -> Iterator[Server]:
    """The server, started, and stopped again however the block ends."""
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"the bench needs Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def local_page(browser: Browser, server: Server) -> Iterator[Page]:
    """A page in a new browser context that fails on any request off this machine."""
    context = browser.new_context(viewport=VIEWPORT)
    own = (f"{server.url}/", f"ws://127.0.0.1:{server.port}/", "data:", "blob:")
    outside: list[str] = []

    def check(request: Request) -> None:
        if not request.url.startswith(own):
            outside.append(request.url)

    context.on("request", check)
    try:
        yield context.new_page()
    finally:
        context.close()
    if outside:
        raise RuntimeError(f"requests left the machine: {outside}")


def settle(page: Page, timeout: float = 20.0) -> None:
    """Wait until the app's script has finished running and stays finished.

    The bench's own measure of "settled" (the tests wait on conditions instead):
    several quiet readings in a row, so a rerun that was about to start has
    started. Kept as it was, so new figures compare with docs/BENCHMARKS.md.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    state = "document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state')"
    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        calm = calm + 1 if page.evaluate(state) == "notRunning" else 0
        if calm >= 4:
            return
        page.wait_for_timeout(75)
    raise AssertionError("the app did not settle")


def settled(page: Page) -> None:
    """Wait until the script has finished; fail if it showed an exception."""
    settle(page)
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{page.url} shows an exception")


def dashboard_charts(db_path: Path, today: date | None = None) -> list[Figure]:
    """The (key, chart, selection mode) that pages/home.py draws for this diary, in order."""
    diary = Diary.open(db_path)
    try:
        entries = diary.snapshot().entries
    finally:
        diary.close()
    if not entries:
        return []
    # The views pages/home.py draws (through pages/cached.py), in its order.
    titles = {item.key: item.title for item in load_practices()}
    home = views.home_view(entries, titles, today or date.today())
    trends = views.trends_view(home.history, DEFAULT_WEEKS)
    return [
        ("wheel", home.wheel_chart, None),
        ("trend", trends.trend_chart, None),
        ("overall", trends.overall_chart, None),
        ("heatmap", trends.heatmap_chart, charts.WEEK_PICK),
    ]


def load_ms(browser: Browser, server: Server, expected: int) -> float:
    """Milliseconds from navigation start until `expected` charts are drawn on `/`."""
    with local_page(browser, server) as page:
        page.goto(f"{server.url}/", wait_until="commit")
        try:
            drawn = page.wait_for_function(
                ALL_DRAWN, arg=expected, polling="raf", timeout=DRAW_TIMEOUT_MS
            )
        except PlaywrightTimeout:
            seen = page.locator(CHART).count()
            raise RuntimeError(
                f"{server.url}: {seen} of {expected} charts drawn after {DRAW_TIMEOUT_MS} ms"
            ) from None
        elapsed = float(drawn.json_value())
        settled(page)
        if page.locator(CHART).count() != expected:
            raise RuntimeError(f"{server.url}: the chart count changed after drawing")
    return elapsed


def time_to_charts(db_path: Path, runs: int = 7, warmups: int = WARMUPS) -> dict[str, float]:
    """Median time until every dashboard chart is drawn: Closer, the bare page, the naive page.

    The bare page draws the dashboard's four charts and nothing else. The naive
    page is the home floor drawn as a straightforward app would (naive_home.py):
    the same page as Closer's, every chart handed to `st.altair_chart`.
    `ratio` is the median of each run's Closer / bare and `naive_ratio` of each
    run's Closer / naive, not ratios of the medians.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    figures = dashboard_charts(db_path)
    if not figures:
        raise ValueError(f"{db_path} has no check-ins, so the dashboard draws no charts")
    expected = len(figures)
    with tempfile.TemporaryDirectory(prefix="closer-bench-") as folder:
        work = Path(folder)
        (work / "charts.pickle").write_bytes(pickle.dumps(figures))
        prepare_floors(db_path)
        inputs.save(work / "inputs.pickle")
        # Each server's debug log times its script runs (bench/interactions.py).
        app = Server(db_path=db_path, log_path=work / "closer.log", env=TIMED_LOG)
        bare = FloorServer(
            db_path=db_path,
            log_path=work / "bare.log",
            script=BARE_CHARTS,
            env={CHARTS_FILE: str(work / "charts.pickle"), **TIMED_LOG},
        )
        naive = FloorServer(
            db_path=db_path,
            log_path=work / "naive.log",
            script=NAIVE_HOME,
            env={inputs.INPUTS_FILE: str(work / "inputs.pickle"), **TIMED_LOG},
        )
        times: dict[str, list[float]] = {"app": [], "bare": [], "naive": []}
        with serving(app), serving(bare), serving(naive), chromium() as browser:
            pairs: list[tuple[str, Server]] = [("app", app), ("bare", bare), ("naive", naive)]
            for _ in range(warmups):
                for _name, server in pairs:
                    load_ms(browser, server, expected)
            for run in range(runs):
                for name, server in pairs if run % 2 == 0 else pairs[::-1]:
                    times[name].append(load_ms(browser, server, expected))
        # One script run per load; the warm-up loads' runs are left out.
        server = {
            name: statistics.median(server_runs(server.log_path)[warmups:])
            for name, server in pairs
        }
    # Each run's two loads are back to back, so their ratio cancels a drift in machine load
    # that the ratio of the two medians would not.
    ratios = [mine / floor for mine, floor in zip(times["app"], times["bare"], strict=True)]
    naive_ratios = [mine / floor for mine, floor in zip(times["app"], times["naive"], strict=True)]
    return {
        "app_ms": round(statistics.median(times["app"]), 1),
        "bare_ms": round(statistics.median(times["bare"]), 1),
        "ratio": round(statistics.median(ratios), 2),
        "naive_ms": round(statistics.median(times["naive"]), 1),
        "naive_ratio": round(statistics.median(naive_ratios), 2),
        "server_app_ms": round(server["app"], 1),
        "server_bare_ms": round(server["bare"], 1),
        "server_naive_ms": round(server["naive"], 1),
        "charts": expected,
        "runs": runs,
    }
