"""Server memory: Closer's peak resident set after every page, against an empty Streamlit script.

A second floor, a bare page drawing the dashboard's charts (bench/floors/bare_charts.py),
loads the libraries Closer cannot do without (pandas with pyarrow, Altair); Closer's
own share is what it needs beyond that.

Both are read from /proc/<pid>/status of the server process itself (serve.py
and `python -m streamlit` run Streamlit in-process): VmHWM, the peak resident
set since start, and VmRSS, the resident set now, in MiB. Each repeat starts
fresh servers; the figures are medians over the repeats.
"""

from __future__ import annotations

import json
import pickle
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page

from bench.browser import (
    BARE_CHARTS,
    CHARTS_FILE,
    FloorServer,
    chromium,
    dashboard_charts,
    local_page,
    serving,
    settled,
)
from lib.drafts import drafts_path
from lib.entries import PRACTICE_KEYS
from tests.browser import ROOT, Server

EMPTY = "bench/floors/empty.py"
REPEATS = 3
# A practice's path is its key with dashes (ui.navigation.practice_path).
PRACTICES = tuple(f"/{key.replace('_', '-')}" for key in PRACTICE_KEYS)
# Every page app.py routes to.
PAGES = ("/", "/check-in", "/journal", *PRACTICES, "/data", "/settings")

Visit = Callable[[Page, str], int]


def status_mib(pid: int, field: str) -> float:
    """One kB figure from /proc/<pid>/status (VmHWM, VmRSS), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        name, _, value = line.partition(":")
        if name == field:
            return int(value.split()[0]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no {field}")


def visit_every_page(page: Page, url: str) -> int:
    """Open each of Closer's pages by URL, running the paths a visit runs; return how many."""
    for path in PAGES:
        page.goto(f"{url}{path}")
        settled(page)
        if path == "/check-in":
            # One keyboard step on a slider, so the rerun after a widget change runs too.
            page.get_by_role("slider").first.focus()
            page.keyboard.press("ArrowRight")
            settled(page)
        elif path in PRACTICES:
            page.get_by_role("tab", name="Your history").click()
            settled(page)
    return len(PAGES)


def visit_home(page: Page, url: str) -> int:
    """Open `/` once."""
    page.goto(f"{url}/")
    settled(page)
    return 1


def measure(browser: Browser, server: Server, visit: Visit) -> tuple[float, float, int]:
    """Peak and current MiB of `server` after `visit`, and how many pages it opened."""
    with serving(server), local_page(browser, server) as page:
        pages = visit(page, server.url)
        if server.process is None:
            raise RuntimeError(f"{server.url} has no server process")
        pid = server.process.pid
        return status_mib(pid, "VmHWM"), status_mib(pid, "VmRSS"), pages


def server_memory(db_path: Path, repeats: int = REPEATS) -> dict[str, float]:
    """Median peak memory of Closer after every page, against an empty Streamlit script."""
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    app: list[tuple[float, float, int]] = []
    empty: list[tuple[float, float, int]] = []
    bare: list[tuple[float, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="closer-bench-") as folder, chromium() as browser:
        work = Path(folder)
        (work / "charts.pickle").write_bytes(pickle.dumps(dashboard_charts(db_path)))
        for run in range(repeats):
            closer = Server(db_path=db_path, log_path=work / f"closer-{run}.log")
            floor = FloorServer(db_path=db_path, log_path=work / f"empty-{run}.log", script=EMPTY)
            charts = FloorServer(
                db_path=db_path,
                log_path=work / f"charts-{run}.log",
                script=BARE_CHARTS,
                env={CHARTS_FILE: str(work / "charts.pickle")},
            )
            # Moving the check-in's slider keeps a draft beside the diary: every repeat
            # opens the same fresh form, and the diary's folder is left as it was.
            drafts_path(db_path).unlink(missing_ok=True)
            app.append(measure(browser, closer, visit_every_page))
            drafts_path(db_path).unlink(missing_ok=True)
            empty.append(measure(browser, floor, visit_home))
            bare.append(measure(browser, charts, visit_home))
    app_peak = statistics.median(peak for peak, _, _ in app)
    empty_peak = statistics.median(peak for peak, _, _ in empty)
    charts_peak = statistics.median(peak for peak, _, _ in bare)
    return {
        "app_peak_mb": round(app_peak, 1),
        "empty_peak_mb": round(empty_peak, 1),
        "delta_mb": round(app_peak - empty_peak, 1),
        "charts_peak_mb": round(charts_peak, 1),
        "own_mb": round(app_peak - charts_peak, 1),
        "app_rss_mb": round(statistics.median(rss for _, rss, _ in app), 1),
        "empty_rss_mb": round(statistics.median(rss for _, rss, _ in empty), 1),
        "pages": min(pages for _, _, pages in app),
        "imports": import_costs(),
    }


# Imported one after another into a fresh Python that has already imported Streamlit's
# server, as `streamlit run` has: each figure is what that import adds.
IMPORTS = ("numpy", "pyarrow", "pandas", "altair", "lib.views", "ui.views")
_IMPORT_PROBE = """
import importlib, json, sys
import streamlit, streamlit.web.server
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
costs = {}
for name in sys.argv[1:]:
    before = rss()
    importlib.import_module(name)
    costs[name] = round(rss() - before, 1)
print(json.dumps(costs))
"""


def import_costs() -> dict[str, float]:
    """MiB each library adds to a Streamlit server's resident memory when first imported."""
    answer = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", _IMPORT_PROBE, *IMPORTS],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])
