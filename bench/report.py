"""docs/BENCHMARKS.md from one bench run: the figures, the targets met or not, and growth."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.encrypted import SAVE, UNLOCK
from bench.io import IoRow
from bench.pages import PAGES, PageRow
from lib.encrypted_file import BLOCK, COST, PARALLEL

TARGET_WEEKS = 520
MB = 1000 * 1000
MIB = 1024 * 1024
# The libraries whose import the memory floor explains (bench.memory.IMPORTS).
LIBRARIES = ("numpy", "pyarrow", "pandas", "altair")
LARGE_WEEKS = 5_200
# Part 11's limit on the server's peak memory: part 6's figure, in MiB as measured.
MEMORY_LIMIT_MIB = 191.5
SWITCH_LIMIT_MS = 20
HOME = PAGES[0].name
CHECK_IN = PAGES[1].name
HOME_AFTER_SAVE = PAGES[2].name
JOURNAL = PAGES[-1].name
JOURNAL_LIMIT_MS = 100
# Issue 17: unlocking takes about a second at most; an encrypted save at most twice a plain one.
UNLOCK_LIMIT_MS = 1_000
ENCRYPTED_SAVE_LIMIT = 2


@dataclass(frozen=True)
class Results:
    """Everything one run measured, and where and how."""

    date: str
    machine: Mapping[str, str]
    versions: Mapping[str, str]
    sizes: tuple[int, ...]
    runs: int
    pages: Sequence[PageRow]
    io: Sequence[IoRow]
    encrypted: Sequence[IoRow] = ()  # bench/encrypted.py
    browser: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)  # by weeks
    memory: Mapping[str, Any] | None = None  # at TARGET_WEEKS
    interactions: Mapping[str, Any] | None = None  # at TARGET_WEEKS (bench/interactions.py)
    profiles: Mapping[str, str] = field(default_factory=dict)  # title -> text
    minutes: float | None = None


@dataclass(frozen=True)
class Target:
    """One target of the issue: what, the limit, the figure, and whether it was met."""

    what: str
    limit: str
    figure: str
    met: bool | None  # None: not measured


def ms(value: float) -> str:
    """Milliseconds as the tables show them: `4.2`, `87.0`, `1,234`."""
    return f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"


def times(value: float) -> str:
    """A ratio as `1.23×`."""
    return f"{value:.2f}×"


def _page(rows: Sequence[PageRow], name: str, weeks: int) -> PageRow | None:
    return next((row for row in rows if row.page == name and row.weeks == weeks), None)


def _io(rows: Sequence[IoRow], operation: str, weeks: int) -> IoRow | None:
    return next((row for row in rows if row.operation == operation and row.weeks == weeks), None)


def _ratio_target(rows: Sequence[PageRow], name: str, what: str, limit: float) -> Target:
    row = _page(rows, name, TARGET_WEEKS)
    what = f"{what}, {TARGET_WEEKS} weeks"
    if row is None:
        return Target(what, f"≤ {limit}× its floor", "not measured", None)
    figure = f"{times(row.ratio)} ({ms(row.app_ms)} ms against {ms(row.floor_ms)} ms)"
    return Target(what, f"≤ {limit}× its floor", figure, row.ratio <= limit)


def _naive_target(rows: Sequence[PageRow], name: str, what: str, limit: float) -> Target:
    row = _page(rows, name, TARGET_WEEKS)
    what = f"{what}, {TARGET_WEEKS} weeks"
    ratio = None if row is None else row.naive_ratio
    if row is None or ratio is None or row.naive_ms is None:
        return Target(what, f"≤ {limit}× the naive floor", "not measured", None)
    figure = f"{times(ratio)} ({ms(row.app_ms)} ms against {ms(row.naive_ms)} ms)"
    return Target(what, f"≤ {limit}× the naive floor", figure, ratio <= limit)


def _absolute_target(rows: Sequence[PageRow], name: str, what: str, limit_ms: float) -> Target:
    row = _page(rows, name, TARGET_WEEKS)
    what = f"{what}, {TARGET_WEEKS} weeks"
    limit = f"≤ {limit_ms:g} ms median"
    if row is None:
        return Target(what, limit, "not measured", None)
    figure = f"{ms(row.app_ms)} ms (its floor, which keeps no draft: {ms(row.floor_ms)} ms)"
    return Target(what, limit, figure, row.app_ms <= limit_ms)


def _io_target(rows: Sequence[IoRow], operation: str, limit_ms: float) -> Target:
    row = _io(rows, operation, TARGET_WEEKS)
    what = f"{operation[:1].upper()}{operation[1:]}, {TARGET_WEEKS} weeks"
    limit = f"< {limit_ms:g} ms median"
    if row is None:
        return Target(what, limit, "not measured", None)
    return Target(what, limit, f"{ms(row.ms)} ms", row.ms < limit_ms)


def _large_targets(results: Results) -> list[Target]:
    what = f"{LARGE_WEEKS:,} weeks: every page and operation works"
    large = [row for row in results.pages if row.weeks == LARGE_WEEKS]
    operations = [*results.io, *results.encrypted]
    done = len(large) + len([row for row in operations if row.weeks == LARGE_WEEKS])
    works = (
        Target(what, "no exception", f"{done} measurements ran", True)
        if large
        else Target(what, "no exception", "not measured", None)
    )
    base, large_home = (_page(results.pages, HOME, w) for w in (TARGET_WEEKS, LARGE_WEEKS))
    what = f"{LARGE_WEEKS:,} weeks: home rerun against {TARGET_WEEKS} weeks"
    if base is None or large_home is None:
        return [works, Target(what, "< 4× the 520-week figure", "not measured", None)]
    factor = large_home.app_ms / base.app_ms
    figure = f"{times(factor)} ({ms(large_home.app_ms)} ms against {ms(base.app_ms)} ms)"
    return [works, Target(what, "< 4× the 520-week figure", figure, factor < 4)]


def _after_save_growth(results: Results) -> Target:
    what = f"{LARGE_WEEKS:,} weeks: first rerun after a save against {TARGET_WEEKS} weeks"
    limit = f"≤ 2× the {TARGET_WEEKS}-week figure"
    base, large = (_page(results.pages, HOME_AFTER_SAVE, w) for w in (TARGET_WEEKS, LARGE_WEEKS))
    if base is None or large is None:
        return Target(what, limit, "not measured", None)
    factor = large.app_ms / base.app_ms
    figure = f"{times(factor)} ({ms(large.app_ms)} ms against {ms(base.app_ms)} ms)"
    return Target(what, limit, figure, factor <= 2)


def _switch_target(results: Results, key: str, what: str) -> Target:
    what = f"{what}, {TARGET_WEEKS} weeks"
    limit = f"≤ {SWITCH_LIMIT_MS} ms median (its run on the server)"
    found = results.interactions
    if found is None:
        return Target(what, limit, "not measured", None)
    figure = f"{ms(found[key])} ms"
    return Target(what, limit, figure, found[key] <= SWITCH_LIMIT_MS)


def _browser_target(results: Results, limit: float) -> Target:
    browser = results.browser.get(TARGET_WEEKS)
    what = f"Browser: time to all charts, {TARGET_WEEKS} weeks"
    if browser is None:
        return Target(what, f"≤ {limit}× the bare page", "not measured", None)
    figure = (
        f"{times(browser['ratio'])} ({ms(browser['app_ms'])} ms against "
        f"{ms(browser['bare_ms'])} ms)"
    )
    return Target(what, f"≤ {limit}× the bare page", figure, browser["ratio"] <= limit)


def _peak_memory_target(results: Results) -> Target:
    what = f"Server memory, {TARGET_WEEKS} weeks"
    limit = f"peak ≤ {MEMORY_LIMIT_MIB} MiB (part 6's figure)"
    memory = results.memory
    if memory is None:
        return Target(what, limit, "not measured", None)
    figure = f"{memory['app_peak_mb']:.1f} MiB after every page"
    return Target(what, limit, figure, memory["app_peak_mb"] <= MEMORY_LIMIT_MIB)


def gaps(results: Results) -> list[str]:
    """For each target not met, why, in the run's own figures."""
    notes = []
    memory = results.memory
    if memory is not None and memory["delta_mb"] * MIB > 40 * MB:
        imports = memory.get("imports", {})
        libraries = sum(imports.get(name, 0.0) for name in LIBRARIES)
        notes.append(
            f"- **Server memory above an empty script.** Closer's own share is "
            f"{memory['own_mb']:.1f} MiB: "
            f"the server after every page against a bare page that only draws the "
            f"dashboard's four charts ({memory['charts_peak_mb']:.1f} MiB). The rest of the "
            f"gap to the empty script is the libraries a chart needs, which an empty script "
            f"never imports: numpy, pyarrow, pandas and Altair add {libraries:.1f} MiB on "
            "import alone (table under Server memory). The design card fixes pandas and "
            "Altair, and Streamlit sends every chart's and table's data as Arrow, so any "
            "page with a chart or a table loads all four. Closer's own modules add "
            f"{imports.get('lib.views', 0.0) + imports.get('ui.views', 0.0):.1f} MiB."
        )
    browser = results.browser.get(TARGET_WEEKS)
    if browser is not None and browser["ratio"] > 1.0:
        notes.append(_browser_gap(browser))
    notes += _encrypted_gaps(results)
    encrypted = [target.what for target in encrypted_targets(results)]
    for target in targets(results):
        if target.met is False and target.what in encrypted:
            continue
        if target.met is False and not target.what.startswith(("Server memory above", "Browser")):
            draft = (
                " Closer's rerun runs the slider's `keep_draft` callback (the draft write), "
                "which its floor has not: in the profile, under `WStates.call_callback`."
                if target.what.startswith("Check-in")
                else ""
            )
            notes.append(
                f"- **{target.what}.** Not met in this run: see the profiles under "
                f"Where the time goes (`make bench BENCH_ARGS=--profile`).{draft}"
            )
    if not notes:
        return []
    return ["### Targets not met, and why", "\n".join(notes)]


def _browser_gap(browser: Mapping[str, Any]) -> str:
    """Why Closer's dashboard draws its charts later than the bare page, in the run's figures."""
    text = (
        "- **Browser: time to all charts.** The bare page draws the four charts under a "
        "title and nothing else. Closer's dashboard draws them among the rest of the page "
        "(sidebar navigation, status, focus card, metrics, the trend controls, a table "
        "switch per chart, the week picker, the effects), and Streamlit's frontend loads a "
        "script for each kind of element and renders each one on the browser's one main "
        "thread, which also draws the charts."
    )
    if "server_app_ms" in browser:
        text += (
            f" The server is not what waits: Closer's script run for a new visit took "
            f"{ms(browser['server_app_ms'])} ms, the bare page's "
            f"{ms(browser['server_bare_ms'])} ms (it hands each chart to `st.altair_chart`)."
        )
    if "naive_ms" in browser:
        text += (
            f" Served beside them, the naive floor (`bench/floors/naive_home.py`: Closer's "
            f"page drawn the straightforward way, from values worked out beforehand, every "
            f"chart through `st.altair_chart`, its run {ms(browser['server_naive_ms'])} ms) "
            f"took {ms(browser['naive_ms'])} ms: Closer / naive "
            f"{times(browser['naive_ratio'])}. Against a page showing what Closer shows, "
            "Closer draws its charts as soon; against a page showing only the charts, "
            "what it shows besides them costs the difference."
        )
    return text


def targets(results: Results) -> list[Target]:
    """Every target: part 11's (`faster_targets`), part 12's, issue 17's, then the earlier ones."""
    return (
        faster_targets(results)
        + journal_targets(results)
        + encrypted_targets(results)
        + earlier_targets(results)
    )


def journal_targets(results: Results) -> list[Target]:
    """Part 12's target: the journal, searched, reruns quickly with a century of weeks."""
    row = _page(results.pages, JOURNAL, LARGE_WEEKS)
    what = f"Journal rerun with a search, {LARGE_WEEKS:,} weeks"
    limit = f"≤ {JOURNAL_LIMIT_MS} ms median"
    if row is None:
        return [Target(what, limit, "not measured", None)]
    figure = f"{ms(row.app_ms)} ms (its floor: {ms(row.floor_ms)} ms)"
    return [Target(what, limit, figure, row.app_ms <= JOURNAL_LIMIT_MS)]


def encrypted_targets(results: Results) -> list[Target]:
    """Issue 17's speed: unlocking takes about a second at most; an encrypted save ≤ 2× plain."""
    unlock = _io(results.encrypted, UNLOCK, TARGET_WEEKS)
    what = f"Unlock (key derivation + first read), {TARGET_WEEKS} weeks"
    limit = f"≤ {UNLOCK_LIMIT_MS:,} ms median (about a second)"
    if unlock is None or unlock.baseline_ms is None:
        first = Target(what, limit, "not measured", None)
    else:
        figure = f"{ms(unlock.ms)} ms (the key derivation alone: {ms(unlock.baseline_ms)} ms)"
        first = Target(what, limit, figure, unlock.ms <= UNLOCK_LIMIT_MS)
    save = _io(results.encrypted, SAVE, TARGET_WEEKS)
    what = f"Save one week, encrypted, {TARGET_WEEKS} weeks"
    limit = f"≤ {ENCRYPTED_SAVE_LIMIT}× the plain save"
    if save is None or save.baseline_ms is None:
        return [first, Target(what, limit, "not measured", None)]
    ratio = save.ms / save.baseline_ms
    figure = f"{times(ratio)} ({ms(save.ms)} ms against {ms(save.baseline_ms)} ms)"
    return [first, Target(what, limit, figure, ratio <= ENCRYPTED_SAVE_LIMIT)]


def _encrypted_gaps(results: Results) -> list[str]:
    """Why an encrypted target was not met, in the run's own figures."""
    unlock_target, save_target = encrypted_targets(results)
    unlock = _io(results.encrypted, UNLOCK, TARGET_WEEKS)
    save = _io(results.encrypted, SAVE, TARGET_WEEKS)
    notes = []
    if unlock_target.met is False and unlock is not None and unlock.baseline_ms is not None:
        notes.append(
            f"- **{unlock_target.what}.** The key derivation alone took "
            f"{ms(unlock.baseline_ms)} ms of the {ms(unlock.ms)} ms. Its cost "
            f"(`lib/encrypted_file.COST`, {_kdf_words()}) was chosen for about half a second on "
            "the reference machine; a lower cost would unlock sooner and make every guess "
            "at a passphrase as much cheaper."
        )
    if save_target.met is False and save is not None and save.baseline_ms is not None:
        notes.append(
            f"- **{save_target.what}.** {ms(save.ms - save.baseline_ms)} ms more than the "
            "plain save: encrypting the whole file with AES-256-GCM and writing it as "
            "base64, a third larger than the JSON, on every save."
        )
    return notes


def faster_targets(results: Results) -> list[Target]:
    """Part 11's targets: faster than a plain Streamlit app drawing the same charts."""
    return [
        _naive_target(results.pages, HOME, "Home rerun, nothing changed", 0.5),
        _naive_target(
            results.pages, HOME_AFTER_SAVE, "Home, first rerun after a save elsewhere", 3
        ),
        _after_save_growth(results),
        _switch_target(results, "span_ms", "Trend span switch"),
        _switch_target(results, "table_ms", "One “show as a table” switch"),
        _absolute_target(
            results.pages, CHECK_IN, "Check-in slider-move rerun with its draft write", 25
        ),
        _browser_target(results, 1.0),
        _peak_memory_target(results),
    ]


def earlier_targets(results: Results) -> list[Target]:
    """Part 6's targets, still checked."""
    memory = results.memory
    return [
        _ratio_target(results.pages, HOME, "Home rerun", 1.5),
        _ratio_target(results.pages, CHECK_IN, "Check-in rerun after a slider change", 1.2),
        _io_target(results.io, "save one week", 10),
        _io_target(results.io, "export CSV", 300),
        _io_target(results.io, "export tidy CSV", 300),
        _io_target(results.io, "JSON backup", 300),
        _io_target(results.io, "import CSV", 300),
        _browser_target(results, 1.3),
        Target(
            f"Server memory above an empty Streamlit server, {TARGET_WEEKS} weeks",
            "≤ 40 MB (38.1 MiB)",
            "not measured"
            if memory is None
            else f"{memory['delta_mb']:.1f} MiB ({memory['app_peak_mb']:.1f} against "
            f"{memory['empty_peak_mb']:.1f} MiB peak)",
            None if memory is None else memory["delta_mb"] * MIB <= 40 * MB,
        ),
        *_large_targets(results),
    ]


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A Markdown table; `align` has an `l` or `r` per column (default: first left, rest right)."""
    align = align or "l" + "r" * (len(header) - 1)
    lines = [header, ["---:" if side == "r" else "---" for side in align], *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "**not met**", None: "not measured"}[met]


def _factor(before: float | None, after: float | None) -> str:
    return "" if before is None or after is None else times(after / before)


def growth(results: Results) -> str:
    """Each figure at every size, and how much it grew from one size to the next."""
    sizes = results.sizes
    series: list[tuple[str, Callable[[int], float | None]]] = []
    for page in PAGES:
        for label, pick in (("", "app_ms"), (" (floor)", "floor_ms")):

            def value(weeks: int, name: str = page.name, pick: str = pick) -> float | None:
                row = _page(results.pages, name, weeks)
                return None if row is None else getattr(row, pick)

            series.append((f"{page.name} rerun{label}", value))
    operations = [*results.io, *results.encrypted]
    for operation in dict.fromkeys(row.operation for row in operations):

        def io_value(weeks: int, operation: str = operation) -> float | None:
            row = _io(operations, operation, weeks)
            return None if row is None else row.ms

        series.append((operation, io_value))
    header = ["measurement", *(f"{w:,} weeks (ms)" for w in sizes)]
    header += [f"{a:,} → {b:,}" for a, b in itertools.pairwise(sizes)]
    rows = []
    for name, value in series:
        figures = [value(weeks) for weeks in sizes]
        rows.append(
            [
                name,
                *("" if f is None else ms(f) for f in figures),
                *(_factor(a, b) for a, b in itertools.pairwise(figures)),
            ]
        )
    return table(header, rows)


def render(results: Results) -> str:
    """The whole of docs/BENCHMARKS.md."""
    machine = "\n".join(f"- {name}: {value}" for name, value in results.machine.items())
    versions = table(
        ["library", "version"], [[name, value] for name, value in results.versions.items()], "ll"
    )
    pages = table(
        [
            "page",
            "weeks",
            "Closer (ms)",
            "floor (ms)",
            "Closer / floor",
            "naive floor (ms)",
            "Closer / naive",
            "runs",
        ],
        [
            [
                row.page,
                f"{row.weeks:,}",
                ms(row.app_ms),
                ms(row.floor_ms),
                times(row.ratio),
                "—" if row.naive_ms is None else ms(row.naive_ms),
                "—" if row.naive_ratio is None else times(row.naive_ratio),
                str(row.runs),
            ]
            for row in results.pages
        ],
    )
    io = table(
        ["operation", "weeks", "median (ms)", "beside it", "(ms)"],
        [
            [
                row.operation,
                f"{row.weeks:,}",
                ms(row.ms),
                row.baseline,
                "" if row.baseline_ms is None else ms(row.baseline_ms),
            ]
            for row in results.io
        ],
        "lrrlr",
    )
    goals, journal, encrypted, earlier = (
        table(
            ["target", "limit", "figure", "verdict"],
            [[t.what, t.limit, t.figure, _verdict(t.met)] for t in chosen],
            "llll",
        )
        for chosen in (
            faster_targets(results),
            journal_targets(results),
            encrypted_targets(results),
            earlier_targets(results),
        )
    )
    took = ""
    if results.minutes is not None:
        length = (
            f"{results.minutes * 60:.0f} seconds"
            if results.minutes < 1
            else f"{results.minutes:.0f} minutes"
        )
        took = f" The run took {length}."
    parts = [
        "# Benchmarks",
        "How fast Closer is with years of weekly check-ins, against what Streamlit itself "
        "costs for the same page. This file is written by `make bench` "
        f"(`python -m bench.run`, see `bench/`); these figures are from {results.date}.{took} "
        f"Every figure is a median of at least {results.runs} runs after two that are not "
        "counted (a quick page reruns until each side has taken 1.5 s)."
        f"{_unlock_runs(results)} The "
        f"diaries are made up (`bench/history.py`): {', '.join(f'{w:,}' for w in results.sizes)} "
        "weeks ending last week, with notes, reflections, skips and missed weeks.",
        "## Machine",
        machine,
        versions,
        "## Targets",
        "Part 11: faster than a plain Streamlit app drawing the same charts. Each figure "
        "says how it was measured in its section below.",
        goals,
        "Part 12: the journal, searched (`/journal?q=river%20walk`), its first page of "
        "twenty weeks:",
        journal,
        "Issue 17: the encrypted diary, measured as its section below says:",
        encrypted,
        "Part 6's targets, still checked on every run:",
        earlier,
        *gaps(results),
        "## Page reruns",
        "One rerun of each page in Streamlit's AppTest (the script run and its messages, "
        "no browser), against its *floor*: a plain Streamlit script in `bench/floors/` that "
        "draws the same elements and the same Altair chart objects from values worked out "
        "beforehand, under the same page list (`st.navigation`) and sidebar as `app.py`. "
        "The floor reads no file and analyses nothing, so it is what Streamlit costs; the "
        "ratio is what Closer adds. The floors draw each chart as Closer does, from a "
        "Vega-Lite spec made once per chart (`lib/chart_specs.py`). The *naive floor* "
        "(`bench/floors/naive_home.py`) is the home floor drawn the way a straightforward "
        "app would, each chart handed to `st.altair_chart`, which turns it into a spec and "
        "validates it on every rerun. AppTest runs `app.py` as `make run` serves it, without "
        "Streamlit's old `pages/` folder mode (`serve.py`). The check-in is measured after a "
        "slider change on this week's new form: Closer's rerun includes keeping the unsaved "
        "form as a draft (`closer.drafts.json` beside the diary, an atomic write with fsync "
        "under the diary's file lock), which the bench checks after every rerun; the floor's "
        "widgets have no callbacks and keep nothing. The practice page is Mystery with its "
        "history tab. *Home after a "
        "save elsewhere*: before each rerun another handle saves the newest week again, so "
        "the rerun reads the changed file and rebuilds the dashboard's views (the cost of "
        "the first view after any save); its floor is the home floor. *Journal, searched*: "
        "the journal opened at `/journal?q=river%20walk`, its first twenty matching weeks "
        "with the matches marked; its floor draws the same search box, filters and cards "
        "from values worked out beforehand.",
        pages,
        "## Saving, exporting, importing",
        "Save: one week already in the diary saved again, a rating alternating so each save "
        "writes; beside it a bare atomic write (`lib.atomic.atomic_write`) of the same "
        "file. Exports: the data page's three downloads. Import: the data page's path for "
        "the whole CSV export (parse, preview, `Diary.import_entries`) into a new file.",
        io,
        *_encrypted(results),
    ]
    parts += _interactions(results) + _browser(results) + _memory(results)
    parts += ["## How cost grows with history", _growth_words(), growth(results)]
    parts += ["## Where the time goes", *_profiles(results.profiles)]
    return "\n\n".join(parts) + "\n"


def _unlock_runs(results: Results) -> str:
    runs = [row.runs for row in results.encrypted if row.operation == UNLOCK]
    if not runs:
        return ""
    return f" An unlock, which derives a key each time, is a median of {min(runs)} runs."


def _kdf_words() -> str:
    """The key derivation's cost as the report names it: `scrypt n = 2^17, r = 8, p = 1`."""
    return f"scrypt n = 2^{COST.bit_length() - 1}, r = {BLOCK}, p = {PARALLEL}"


def _encrypted(results: Results) -> list[str]:
    unlock = _io(results.encrypted, UNLOCK, TARGET_WEEKS)
    took = (
        ""
        if unlock is None or unlock.baseline_ms is None
        else f" (in this run, at {TARGET_WEEKS} weeks, it took {ms(unlock.baseline_ms)} ms)"
    )
    scrypt_mib = f"{128 * BLOCK * COST / MIB:g} MiB"  # scrypt needs 128 * r * n bytes
    words = (
        "An encrypted copy of each diary (`bench/encrypted.py`), made with `Diary.encrypt` "
        f"and the real key derivation, {_kdf_words()} (`lib/encrypted_file.py`), which needs "
        f"{scrypt_mib} of memory while it runs. That cost is tuned to take about half a second on "
        "this project's machine, so that every guess at a passphrase is slow while unlocking "
        f"stays under a second{took}. *Unlock and first read*: what a person waits for after "
        "typing the passphrase: a new handle on the file, `Diary.unlock` (the key derived, "
        "then the whole file decrypted to check the passphrase) and the first `snapshot()` "
        "(the file decrypted again, read and checked); beside it, taking turns with it, the "
        "key derivation alone, so the difference is the diary's own work. *Save one week, "
        "encrypted*: the save above on the encrypted, unlocked copy, each run taking turns "
        "with the same save on a plain copy; the ratio is median against median. Its extra "
        "cost is AES-256-GCM over the whole file and the file written as base64, a third "
        "larger than the JSON, so it grows with the file as the save does. This part runs in "
        "the bench's own process, on copies: the server memory below is measured in servers "
        f"of their own, on the plain diary. A server that unlocks a diary peaks {scrypt_mib} "
        "higher while the key is derived, then falls back."
    )
    if not results.encrypted:
        return ["## Encrypted diary (issue 17)", words, "Not measured in this run."]
    rows = [
        [
            row.operation,
            f"{row.weeks:,}",
            ms(row.ms),
            row.baseline,
            "" if row.baseline_ms is None else ms(row.baseline_ms),
            "" if row.baseline_ms is None else times(row.ms / row.baseline_ms),
            str(row.runs),
        ]
        for row in results.encrypted
    ]
    header = ["operation", "weeks", "median (ms)", "beside it", "(ms)", "ratio", "runs"]
    return ["## Encrypted diary (issue 17)", words, table(header, rows, "lrrlrrr")]


def _growth_words() -> str:
    return (
        "A rerun that changes nothing in the diary costs the same at any size: the "
        "dashboard shows the last 26 weeks by default (its trend, overall and heatmap "
        "charts are built from that window), and the views are cached per revision, so "
        "only a stat of the file depends on the history. The first view after a save "
        "reads the whole file and analyses every week, but checks only the records that "
        "changed, so it grows with the weeks kept far less than linearly: building the "
        "charts, which show the last 26 weeks, is a fixed cost. The journal searches every "
        "week's folded text (made once per revision) and draws twenty. Save, export and "
        "import handle the whole file, so they grow about linearly with it."
    )


def _browser(results: Results) -> list[str]:
    if not results.browser:
        return ["## Browser", "Not measured in this run (`--no-browser`)."]
    rows = [
        [
            f"{weeks:,}",
            ms(b["app_ms"]),
            ms(b["bare_ms"]),
            times(b["ratio"]),
            ms(b["naive_ms"]) if "naive_ms" in b else "—",
            times(b["naive_ratio"]) if "naive_ratio" in b else "—",
            ms(b["server_app_ms"]) if "server_app_ms" in b else "—",
            ms(b["server_bare_ms"]) if "server_bare_ms" in b else "—",
            ms(b["server_naive_ms"]) if "server_naive_ms" in b else "—",
        ]
        for weeks, b in sorted(results.browser.items())
    ]
    header = [
        "weeks",
        "Closer (ms)",
        "bare page (ms)",
        "Closer / bare",
        "naive page (ms)",
        "Closer / naive",
        "Closer's run (ms)",
        "bare page's run (ms)",
        "naive page's run (ms)",
    ]
    return [
        "## Browser",
        "Time from navigation start until every dashboard chart has drawn, in headless "
        "Chromium (`bench/browser.py`), each load a new browser context (a new visit), "
        "against two pages served beside Closer: the *bare page* draws only the same four "
        "charts, with `st.altair_chart`; the *naive page* is the naive floor, Closer's whole "
        "dashboard drawn from values worked out beforehand with every chart handed to "
        "`st.altair_chart`. Ratios are medians of each run's own ratio. The last three "
        "columns are each server's script run for a visit, from Streamlit's debug log "
        "(`bench/server_log.py`).",
        table(header, rows),
    ]


def _interactions(results: Results) -> list[str]:
    found = results.interactions
    if found is None:
        return ["## Interactions", "Not measured in this run (`--no-browser`)."]
    rows = [
        ["trend span switch", ms(found["span_ms"]), ms(found["span_browser_ms"])],
        ["trend span switch, first time to each span", ms(found["span_first_ms"]), ""],
        ["one “show as a table” switch", ms(found["table_ms"]), ms(found["table_browser_ms"])],
    ]
    return [
        "## Interactions",
        f"Clicks on the dashboard in headless Chromium at {TARGET_WEEKS} weeks "
        f"(`bench/interactions.py`), {found['switches']} in all: the trend span round its four "
        "choices, then the trend's table switch on and off, four times over. Each reruns "
        "its own `st.fragment`, never the page (the bench fails otherwise). *On the "
        "server*: the script run from Streamlit's debug log, as the page reruns above are "
        "measured. *Seen by the browser*: from the WebSocket frame asking for the run to "
        "the one saying it finished, as Chromium's DevTools protocol stamps them on the "
        "page's main thread, so it also holds any drawing the page was busy with. The "
        "first switch to a span builds its charts (once per diary revision, for every "
        "tab); every switch after finds them built.",
        table(["interaction", "on the server (ms)", "seen by the browser (ms)"], rows, "lrr"),
    ]


def _memory(results: Results) -> list[str]:
    memory = results.memory
    if memory is None:
        return ["## Server memory", "Not measured in this run (`--no-browser`)."]
    rows = [
        ["Closer, after every page", f"{memory['app_peak_mb']:.1f}"],
        ["bare page drawing the dashboard's charts", f"{memory['charts_peak_mb']:.1f}"],
        ["empty Streamlit script", f"{memory['empty_peak_mb']:.1f}"],
        ["Closer above the empty script", f"{memory['delta_mb']:.1f}"],
        ["Closer above the bare charts page", f"{memory['own_mb']:.1f}"],
    ]
    imports = [[f"`{name}`", f"{cost:.1f}"] for name, cost in memory["imports"].items()]
    return [
        "## Server memory",
        f"Peak resident memory (VmHWM, MiB) of the server process (`bench/memory.py`) with "
        f"the {TARGET_WEEKS}-week diary after opening every page, against a server running "
        "an empty script and one drawing only the dashboard's four charts. Part 11's limit "
        f"is part 6's peak, {MEMORY_LIMIT_MIB} MiB.",
        table(["server", "peak (MiB)"], rows),
        "What each import adds to a Streamlit server's resident memory, imported in this "
        "order into a fresh process (`bench.memory.import_costs`); `lib.views` and "
        "`ui.views` bring in the rest of Closer.",
        table(["import", "adds (MiB)"], imports),
    ]


def _profiles(profiles: Mapping[str, str]) -> list[str]:
    if not profiles:
        return [
            "No profile in this run: `python -m bench.run --profile` adds pyinstrument "
            f"profiles of the home and check-in reruns at {TARGET_WEEKS} weeks here."
        ]
    parts = [
        "pyinstrument profiles of the script thread only (`bench.pages.profiling`). A "
        "dashboard rerun with nothing changed draws each chart from a spec made once "
        "(`lib/chart_specs.py`), so Altair does not show in it; what is left is Streamlit "
        "turning elements into messages. The first rerun after a save reads the changed "
        "file (a record still the same is not checked again), analyses the weeks, and "
        "builds the four charts and their specs once: there, Altair building the charts "
        "(`lib/charts.py`) and pandas are most of the time."
    ]
    for title, text in profiles.items():
        body = text.strip("\n")  # blank lines only: the profile's first line is indented
        parts += [f"### {title}", f"```text\n{body}\n```"]
    return parts
