"""Saving, exporting and importing: the diary's own file work, on one diary.

Save: one existing week saved again and again with a rating alternating, so
every save really writes; beside it the bare atomic write of the same bytes.
Import: the data page's path for an uploaded CSV export (parse, refuse future
weeks, preview against the diary, pick what to write, `import_entries`), into
a new, empty file each time.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from lib import csv_files, transfer
from lib.atomic import atomic_write
from lib.diary import Diary

SAVE_RUNS = 15


@dataclass(frozen=True)
class IoRow:
    """Median milliseconds of one operation on a diary of `weeks` weeks."""

    operation: str
    weeks: int
    ms: float
    runs: int
    baseline: str = ""
    baseline_ms: float | None = None


def median_ms(action: Callable[[int], object], runs: int) -> float:
    """Median milliseconds of `action(step)` over `runs` calls."""
    times = []
    for step in range(runs):
        start = time.perf_counter()
        action(step)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired_median_ms(actions: Sequence[Callable[[int], object]], runs: int) -> list[float]:
    """Median milliseconds of each of `actions`, run one after another at every step.

    Taking turns, they meet the same machine: another program busy for a while
    slows both, not one, so the ratio of their medians holds on a shared machine.
    """
    times: list[list[float]] = [[] for _ in actions]
    for step in range(runs):
        for action, taken in zip(actions, times, strict=True):
            start = time.perf_counter()
            action(step)
            taken.append((time.perf_counter() - start) * 1000)
    return [statistics.median(taken) for taken in times]


def save_again(diary: Diary) -> Callable[[int], None]:
    """Save the diary's newest week again, a rating alternating with `step` so each save writes.

    Saves once now: the diary read and checked once, as a running app has done.
    """
    entry = diary.snapshot().entries[-1]

    def save(step: int) -> None:
        ratings = entry.ratings | {"connection": 3 if step % 2 else 4}
        diary.save_entry(replace(entry, ratings=ratings))

    save(1)
    return save


def measure_save(db_path: Path, weeks: int, runs: int) -> IoRow:
    """Saving one week already in a copy of the diary, against a bare atomic write of the file."""
    runs = max(runs, SAVE_RUNS)
    with tempfile.TemporaryDirectory(prefix="closer-bench-", dir=db_path.parent) as folder:
        copy = Path(folder) / db_path.name
        shutil.copyfile(db_path, copy)
        diary = Diary.open(copy)
        try:
            save_ms = median_ms(save_again(diary), runs)
        finally:
            diary.close()
        payload = copy.read_bytes()
        bare = Path(folder) / "bare.json"
        write_ms = median_ms(lambda _: atomic_write(bare, payload), runs)
    return IoRow("save one week", weeks, save_ms, runs, "atomic write of the same file", write_ms)


def measure_exports(db_path: Path, weeks: int, runs: int) -> list[IoRow]:
    """The three downloads of the data page, from the diary as read."""
    diary = Diary.open(db_path)
    try:
        entries = list(diary.snapshot().entries)
        return [
            IoRow(
                "export CSV", weeks, median_ms(lambda _: csv_files.export_csv(entries), runs), runs
            ),
            IoRow(
                "export tidy CSV",
                weeks,
                median_ms(lambda _: csv_files.export_tidy_csv(entries), runs),
                runs,
            ),
            IoRow("JSON backup", weeks, median_ms(lambda _: diary.backup_json(), runs), runs),
        ]
    finally:
        diary.close()


def import_csv(data: bytes, target: Path, today: date, max_bytes: int) -> int:
    """ui/data_sections.py's import of an uploaded CSV into the diary at `target`."""
    incoming = csv_files.parse_csv(data, max_bytes)
    transfer.refuse_future_weeks(incoming, today)
    diary = Diary.open(target)
    try:
        preview = transfer.preview(incoming, diary.snapshot().entries)
        return diary.import_entries(transfer.to_write(preview))
    finally:
        diary.close()


def max_upload_bytes() -> int:
    """The upload limit the data page applies (Closer's own, lib/transfer.py)."""
    return transfer.MAX_FILE_BYTES


def measure_import(db_path: Path, weeks: int, runs: int) -> list[IoRow]:
    """Importing the whole CSV export into a new file; beside it the parse and preview alone."""
    diary = Diary.open(db_path)
    try:
        entries = list(diary.snapshot().entries)
    finally:
        diary.close()
    data = csv_files.export_csv(entries)
    today = date.today()
    limit = max_upload_bytes()
    if len(data) > limit:
        raise RuntimeError(
            f"the CSV export of {weeks} weeks is {len(data):,} bytes, over the "
            f"{limit:,}-byte upload limit: the data page could not import it"
        )
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="closer-bench-", dir=db_path.parent) as folder:
            start = time.perf_counter()
            written = import_csv(data, Path(folder) / "closer.json", today, limit)
            times.append((time.perf_counter() - start) * 1000)
        if written != len(entries):
            raise RuntimeError(f"the import of {weeks} weeks wrote {written} weeks")

    def parse(_: int) -> None:
        incoming = csv_files.parse_csv(data, limit)
        transfer.refuse_future_weeks(incoming, today)
        transfer.to_write(transfer.preview(incoming, []))

    return [
        IoRow(
            "import CSV",
            weeks,
            statistics.median(times),
            runs,
            "parse and preview alone",
            median_ms(parse, runs),
        )
    ]


def measure(db_path: Path, weeks: int, runs: int) -> list[IoRow]:
    """Save, the exports and import for the diary at `db_path` (which stays as it is)."""
    return [
        measure_save(db_path, weeks, runs),
        *measure_exports(db_path, weeks, runs),
        *measure_import(db_path, weeks, runs),
    ]
