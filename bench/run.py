"""`python -m bench.run`: measure Closer on made-up diaries of 52, 520 and 5,200 weeks.

Everything runs in one process and one go, so the figures are comparable;
progress goes to stderr and the report to docs/BENCHMARKS.md (`--out`).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import encrypted, history, io, pages
from bench.report import TARGET_WEEKS, Results, render

SIZES = (52, 520, 5_200)
QUICK_SIZES = (52, 520)
RUNS = 15
QUICK_RUNS = 5
BROWSER_RUNS = 11
QUICK_BROWSER_RUNS = 3
PROFILE_RUNS = 5
# Rounds of dashboard clicks (four span switches and two table switches each).
ROUNDS = 4
QUICK_ROUNDS = 2
LIBRARIES = ("streamlit", "pandas", "altair", "tinydb", "pyarrow", "playwright", "pyinstrument")
CHROMIUM = "/usr/bin/chromium"
# Said on every AppTest run outside a server; nothing the bench needs to hear.
QUIET = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
)


def log(message: str) -> None:
    """Progress, to stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def sizes(text: str) -> tuple[int, ...]:
    """`52,520,5200` -> (52, 520, 5200)."""
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 runs, 52 and 520 weeks")
    parser.add_argument("--sizes", type=sizes, help="diary sizes in weeks, e.g. 52,520,5200")
    parser.add_argument("--out", type=Path, default=Path("docs/BENCHMARKS.md"))
    parser.add_argument("--no-browser", action="store_true", help="skip browser and memory")
    parser.add_argument(
        "--browser-sizes",
        type=sizes,
        default=(TARGET_WEEKS,),
        help=f"diary sizes for the browser timing (default {TARGET_WEEKS}; e.g. 520,5200)",
    )
    parser.add_argument(
        "--profile", action="store_true", help=f"profile home and check-in at {TARGET_WEEKS}"
    )
    parser.add_argument(
        "--profile-file",
        type=Path,
        action="append",
        default=[],
        help="a text profile to include under 'Where the time goes' (repeatable)",
    )
    return parser.parse_args(argv)


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition(":")
            if name.strip() == "model name":
                return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def chromium_version() -> str:
    """`/usr/bin/chromium --version`, or why not."""
    try:
        done = subprocess.run(  # noqa: S603 (a fixed command)
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=60, check=True
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"not available ({type(error).__name__})"
    return done.stdout.strip()


def machine() -> dict[str, str]:
    """Where the figures come from."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    cores = f"{os.cpu_count()} cores" + (f", {usable} usable" if usable else "")
    return {
        "CPU": f"{cpu_model()} ({cores})",
        "System": platform.platform(),
        "Python": platform.python_version(),
    }


def versions() -> dict[str, str]:
    """The libraries the figures depend on, and the browser."""
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    found["Chromium"] = chromium_version()
    return found


def make_diaries(folder: Path, weeks: Sequence[int]) -> dict[int, Path]:
    """A made-up diary file per size, ending last week."""
    paths = {}
    for size in weeks:
        path = folder / f"{size}-weeks" / "closer.json"
        path.parent.mkdir(parents=True)
        log(f"writing a diary of {size:,} weeks")
        history.write_diary(path, history.synthetic_entries(size, date.today()))
        paths[size] = path
    return paths


def browser_figures(
    paths: dict[int, Path], weeks: Sequence[int], runs: int, rounds: int
) -> tuple[dict[int, dict[str, Any]], dict[str, Any] | None, dict[str, Any] | None]:
    """Time to charts for each of `weeks`; memory and interactions at TARGET_WEEKS."""
    from bench import browser, interactions, memory  # playwright only when asked for

    timings = {}
    for size in weeks:
        if size in paths:
            log(f"{size:,} weeks: browser time to charts")
            timings[size] = browser.time_to_charts(paths[size], runs)
    figures = clicks = None
    if TARGET_WEEKS in paths:
        log(f"{TARGET_WEEKS} weeks: dashboard interactions")
        clicks = interactions.interaction_ms(paths[TARGET_WEEKS], rounds)
        log(f"{TARGET_WEEKS} weeks: server memory")
        figures = memory.server_memory(paths[TARGET_WEEKS])
    return timings, figures, clicks


def profiles(path: Path) -> dict[str, str]:
    """pyinstrument profiles of the home, check-in and home-after-a-save reruns."""
    found = {}
    for page in pages.PAGES[:3]:
        log(f"profiling {page.name}")
        title = f"{page.name[:1].upper()}{page.name[1:]}, {TARGET_WEEKS} weeks"
        found[f"{title}, {PROFILE_RUNS} reruns"] = pages.profile(path, page, PROFILE_RUNS)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench and write the report."""
    args = arguments(argv)
    for name in QUIET:  # a filter: Streamlit resets its loggers' levels when it reads config
        logging.getLogger(name).addFilter(lambda record: record.levelno >= logging.ERROR)
    started = time.monotonic()
    runs = QUICK_RUNS if args.quick else RUNS
    weeks = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    page_rows: list[pages.PageRow] = []
    io_rows: list[io.IoRow] = []
    encrypted_rows: list[io.IoRow] = []
    unlock_runs = encrypted.QUICK_UNLOCK_RUNS if args.quick else encrypted.UNLOCK_RUNS
    timings: dict[int, dict[str, Any]] = {}
    memory = clicks = None
    found = {path.stem: path.read_text(encoding="utf-8") for path in args.profile_file}
    with tempfile.TemporaryDirectory(prefix="closer-bench-") as folder:
        paths = make_diaries(Path(folder), weeks)
        for size, path in paths.items():
            page_rows += pages.measure(path, size, runs, log)
            log(f"{size:,} weeks: save, export, import")
            io_rows += io.measure(path, size, runs)
            # In this process, on copies: the memory bench's servers still open a plain diary.
            log(f"{size:,} weeks: encrypted diary, unlock and save")
            encrypted_rows += encrypted.measure(path, size, runs, unlock_runs)
        if not args.no_browser:
            browser_runs = QUICK_BROWSER_RUNS if args.quick else BROWSER_RUNS
            rounds = QUICK_ROUNDS if args.quick else ROUNDS
            timings, memory, clicks = browser_figures(
                paths, args.browser_sizes, browser_runs, rounds
            )
        if args.profile and TARGET_WEEKS in paths:
            found |= profiles(paths[TARGET_WEEKS])
    results = Results(
        date=date.today().isoformat(),
        machine=machine(),
        versions=versions(),
        sizes=tuple(weeks),
        runs=runs,
        pages=page_rows,
        io=io_rows,
        encrypted=encrypted_rows,
        browser=timings,
        memory=memory,
        interactions=clicks,
        profiles=found,
        minutes=(time.monotonic() - started) / 60,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(results), encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
