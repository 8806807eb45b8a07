"""The CSV files: the export (wide, and tidy for analysis), and importing the wide one back.

Formula guard (OWASP "CSV Injection"): a spreadsheet runs a cell that starts
with = + - @, a tab or a carriage return as a formula. On export a text cell
(a note or the reflection) gets one extra leading apostrophe when it starts
with any number of apostrophes (none included) followed by one of those
characters; on import one leading apostrophe is removed under exactly the same
condition. Guarding "'=x" as well as "=x" is what makes the two steps exact
inverses: otherwise "'=x" would be exported unchanged and imported as "=x".

A sample export ends in a `sample` column, and importing it is refused
(lib/transfer.py says why).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from typing import Any

from lib.content import practice_title
from lib.encrypted_file import is_encrypted
from lib.entries import (
    NOTE_MAX_CHARS,
    PRACTICE_KEYS,
    REFLECTION_MAX_CHARS,
    WeekEntry,
    clean_focus,
    clean_rating,
    clean_text,
    make_entry,
    parse_time,
)
from lib.transfer import (
    MAX_FILE_BYTES,
    MAX_WEEKS,
    TOO_MANY_WEEKS,
    TransferError,
    check_size,
    decode_text,
    filename_start,
    oldest_first,
    other_kind,
)
from lib.weeks import IsoWeek

NOTE_COLUMNS: tuple[str, ...] = tuple(f"{key}_note" for key in PRACTICE_KEYS)
CSV_COLUMNS: tuple[str, ...] = (
    "week",
    "week_start",
    *PRACTICE_KEYS,
    *NOTE_COLUMNS,
    "reflection",
    "focus",
    "updated_at",
)
TIDY_COLUMNS: tuple[str, ...] = ("week", "week_start", "practice", "rating", "note")
REQUIRED_COLUMNS: tuple[str, ...] = ("week", *PRACTICE_KEYS)
SAMPLE_COLUMN = "sample"
SAMPLE_CELL = "made-up sample data, not a diary"
SAMPLE_NOT_IMPORTED = (
    "This file is Closer's made-up sample data, not a diary, so nothing was imported."
)
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_SNIFF_BYTES = 8192


# The formula guard.


def guard_formula(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text and never runs as a formula."""
    return GUARD + text if _needs_guard(text) else text


def unguard_formula(cell: str) -> str:
    """The text behind a cell written by `guard_formula`."""
    return cell[1:] if cell.startswith(GUARD) and _needs_guard(cell[1:]) else cell


def _needs_guard(text: str) -> bool:
    return text.lstrip(GUARD).startswith(FORMULA_STARTS)


# Export.


def export_csv(entries: Sequence[WeekEntry], *, sample: bool = False) -> bytes:
    """One row per week, oldest first, as UTF-8 CSV with a byte-order mark; `sample` marks it."""
    rows = [_wide_row(entry) for entry in oldest_first(entries)]
    return _csv_bytes(CSV_COLUMNS, rows, sample)


def export_tidy_csv(entries: Sequence[WeekEntry], *, sample: bool = False) -> bytes:
    """One row per week and practice, oldest first, UTF-8 with a BOM; `sample` marks it."""
    rows = [
        [
            str(entry.week),
            entry.week.monday.isoformat(),
            key,
            _rating_cell(entry, key),
            _note(entry, key),
        ]
        for entry in oldest_first(entries)
        for key in PRACTICE_KEYS
    ]
    return _csv_bytes(TIDY_COLUMNS, rows, sample)


def _wide_row(entry: WeekEntry) -> list[str]:
    return [
        str(entry.week),
        entry.week.monday.isoformat(),
        *(_rating_cell(entry, key) for key in PRACTICE_KEYS),
        *(_note(entry, key) for key in PRACTICE_KEYS),
        guard_formula(entry.reflection),
        entry.focus or "",
        entry.updated_at.isoformat() if entry.updated_at else "",
    ]


def _rating_cell(entry: WeekEntry, key: str) -> str:
    rating = entry.ratings.get(key)
    return "" if rating is None else str(rating)


def _note(entry: WeekEntry, key: str) -> str:
    return guard_formula(entry.notes.get(key, ""))


def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]], sample: bool) -> bytes:
    if sample:
        header = [*header, SAMPLE_COLUMN]
        rows = ([*row, SAMPLE_CELL] for row in rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    # The byte-order mark is what makes Excel read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


# CSV import.


WHAT_IMPORTS = "Closer imports CSV files saved as UTF-8, such as its own “Entries (CSV)” export"
SAVE_AS_CSV = "In your spreadsheet program, save it as “CSV UTF-8” and import that file."
ENCRYPTED_NOT_IMPORTED = (
    "This is an encrypted Closer backup, not a CSV export of entries. "
    "Restore it under “Restore a backup”."
)


def parse_csv(data: bytes, max_bytes: int = MAX_FILE_BYTES, name: str = "") -> list[WeekEntry]:
    """Entries from a CSV export (oldest first, without created_at), or TransferError.

    `name` is the uploaded file's name; it tells a spreadsheet workbook apart.
    """
    if is_encrypted(data):
        raise TransferError([ENCRYPTED_NOT_IMPORTED])
    text = _decode(data, max_bytes, name)
    if text.lstrip().startswith("{"):
        raise TransferError(
            [
                "This is a JSON file (perhaps a Closer backup), not a CSV export of entries. "
                "Restore a backup under “Restore a backup”."
            ]
        )
    records = _records(text)
    header = _header(records)
    if SAMPLE_COLUMN in header and _marked_as_sample(records, header.index(SAMPLE_COLUMN)):
        raise TransferError([SAMPLE_NOT_IMPORTED])
    # An empty `sample` column is still not one Closer knows: `_columns` refuses it, so
    # the rows `_marked_as_sample` read to the end are not needed again.
    columns = _columns(header)
    return _entries_from_rows(records, columns, len(header))


def _decode(data: bytes, max_bytes: int, name: str) -> str:
    kind = other_kind(data, name)
    if kind is not None:
        raise TransferError([f"This file is {kind}. {WHAT_IMPORTS}. {SAVE_AS_CSV}"])
    check_size(data, max_bytes, "imports")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TransferError(
            ["The file is not UTF-8 text (it is UTF-16). Save it again as “CSV UTF-8”."]
        )
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise TransferError(
            [f"This is not a CSV file (it looks like binary data). {WHAT_IMPORTS}. {SAVE_AS_CSV}"]
        )
    return decode_text(
        data,
        "The file is not UTF-8 text, so it is not a file Closer wrote. If a spreadsheet "
        "saved it, save it again as “CSV UTF-8”.",
    )


def _looks_binary(head: bytes) -> bool:
    # Text has the odd stray control character; binary data is full of them.
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls > max(2, len(head) // 20)


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells) for every row, blank ones included."""
    first_line = text.split("\n", 1)[0]
    # A spreadsheet set to a European language saves with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        raise TransferError(
            [f"Row {number + 1}: the file stops being readable CSV here ({error})."]
        ) from None


def _marked_as_sample(records: Iterator[tuple[int, list[str]]], index: int) -> bool:
    """True if any row has something in the `sample` column (at `index`)."""
    return any(index < len(cells) and cells[index].strip() for _number, cells in records)


def _blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _header(records: Iterator[tuple[int, list[str]]]) -> list[str]:
    for _number, cells in records:
        if not _blank(cells):
            names = [cell.strip() for cell in cells]
            while not names[-1]:  # trailing unnamed columns hold nothing
                names.pop()
            return names
    raise TransferError(["The file is empty."])


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Where each known column is; raises TransferError for unknown, doubled or missing ones."""
    problems: list[str] = []
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            problems.append(f"Column {index + 1} of the first row has no name.")
        elif name not in CSV_COLUMNS:
            problems.append(f"The column “{name[:40]}” is not one Closer knows.")
        elif name in positions:
            problems.append(f"The column “{name}” appears twice.")
        else:
            positions[name] = index
    problems += [
        f"The column “{name}” is missing." for name in REQUIRED_COLUMNS if name not in positions
    ]
    if problems:
        raise TransferError(problems)
    return positions


def _entries_from_rows(
    records: Iterator[tuple[int, list[str]]], columns: Mapping[str, int], width: int
) -> list[WeekEntry]:
    problems: list[str] = []
    entries: list[WeekEntry] = []
    first_row: dict[IsoWeek, int] = {}
    for number, cells in _data_rows(records):
        if len(cells) < width or not _blank(cells[width:]):
            problems.append(
                f"Row {number} has {len(cells)} cells, but the first row names {width} columns."
            )
            continue
        week, entry = _read_row(number, cells, columns, problems)
        if week in first_row:
            problems.append(
                f"Row {number}, column “week”: {week} is already in row {first_row[week]}; "
                "each week can appear only once."
            )
        elif week is not None:
            first_row[week] = number
            if entry is not None:
                entries.append(entry)
    if problems:
        raise TransferError(problems)
    if not entries:
        raise TransferError(["The file has column names but no weeks to import."])
    return oldest_first(entries)


def _data_rows(records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """The rows that hold something, up to `MAX_WEEKS` of them."""
    count = 0
    for number, cells in records:
        if not _blank(cells):
            count += 1
            if count > MAX_WEEKS:
                raise TransferError([TOO_MANY_WEEKS])
            yield number, cells


def _read_row(
    number: int, cells: Sequence[str], columns: Mapping[str, int], problems: list[str]
) -> tuple[IsoWeek | None, WeekEntry | None]:
    """The row's week and entry; each cell that cannot be used adds a problem instead."""
    values: dict[str, Any] = {}
    before = len(problems)
    for name, index in columns.items():
        try:
            values[name] = _CELL_READERS[name](cells[index])
        except ValueError as error:
            problems.append(f"Row {number}, column “{name}”: {error}")
    week = values.get("week")
    if len(problems) > before:
        return week, None
    entry = make_entry(
        week,
        {key: values[key] for key in PRACTICE_KEYS},
        {key: values.get(f"{key}_note", "") for key in PRACTICE_KEYS},
        values.get("reflection", ""),
        values.get("focus"),
    )
    return week, replace(entry, updated_at=values.get("updated_at"))


def _read_rating(key: str, cell: str) -> int | None:
    return None if not cell.strip() else clean_rating(key, cell)


def _read_text(limit: int, what: str, cell: str) -> str:
    return clean_text(unguard_formula(cell), limit, what)


def _read_note(key: str, cell: str) -> str:
    return _read_text(NOTE_MAX_CHARS, f"note on {practice_title(key)}", cell)


def _read_focus(cell: str) -> str | None:
    return clean_focus(cell.strip())


def _read_time(cell: str) -> datetime | None:
    text = cell.strip()
    return parse_time(text) if text else None


def _ignore(cell: str) -> None:
    """`week_start` is there for reading; `week` decides (a spreadsheet may reformat dates)."""


_CELL_READERS: dict[str, Callable[[str], object]] = {
    "week": IsoWeek.parse,
    "week_start": _ignore,
    **{key: partial(_read_rating, key) for key in PRACTICE_KEYS},
    **{f"{key}_note": partial(_read_note, key) for key in PRACTICE_KEYS},
    "reflection": partial(_read_text, REFLECTION_MAX_CHARS, "reflection"),
    "focus": _read_focus,
    "updated_at": _read_time,
}


# File names.


def export_filename(today: date, *, sample: bool = False) -> str:
    """`closer-entries-2026-11-24.csv`; `closer-sample-entries-…` for the sample."""
    return f"{filename_start(sample)}-entries-{today.isoformat()}.csv"


def chosen_weeks_filename(today: date, *, sample: bool = False) -> str:
    """`closer-entries-chosen-2026-11-24.csv`: the journal's weeks, as the full export has them."""
    return f"{filename_start(sample)}-entries-chosen-{today.isoformat()}.csv"


def tidy_filename(today: date, *, sample: bool = False) -> str:
    """`closer-entries-tidy-2026-11-24.csv`; `closer-sample-entries-tidy-…` for the sample."""
    return f"{filename_start(sample)}-entries-tidy-{today.isoformat()}.csv"
