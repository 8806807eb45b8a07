"""The JSON backup: a copy of the data file, read back for a restore."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lib.datafile import (
    ENTRIES_TABLE,
    META_TABLE,
    SAMPLE_FLAG,
    SETTINGS_TABLE,
    MisfiledEntryError,
    Tables,
    check_layout,
    decode_entry,
)
from lib.entries import EntryError, WeekEntry
from lib.errors import DataFileError
from lib.settings import SettingsError, settings_from_record
from lib.transfer import (
    MAX_FILE_BYTES,
    MAX_WEEKS,
    TOO_MANY_WEEKS,
    TransferError,
    check_size,
    decode_text,
    filename_start,
    oldest_first,
)
from lib.weeks import IsoWeek

SAMPLE_NOT_RESTORED = (
    "This file is Closer's made-up sample data, not a diary, so nothing was restored."
)


@dataclass(frozen=True)
class Backup:
    """What a backup file holds: its entries, oldest first, and its settings record."""

    entries: list[WeekEntry]
    settings: dict[str, object]


def parse_backup(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> Backup:
    """The entries and settings in a backup (a copy of the data file), or TransferError."""
    layout = _backup_layout(_load_json(data, max_bytes))
    if layout[META_TABLE]["1"].get(SAMPLE_FLAG):
        raise TransferError([SAMPLE_NOT_RESTORED])
    settings = dict(layout.get(SETTINGS_TABLE, {}).get("1", {}))
    try:
        settings_from_record(settings)
    except SettingsError as error:
        raise TransferError([f"The settings in the file cannot be used: {error}"]) from None
    return Backup(_backup_entries(layout.get(ENTRIES_TABLE, {})), settings)


def backup_filename(now: datetime, *, sample: bool = False) -> str:
    """`closer-backup-2026-11-24-2015.json`; `closer-sample-backup-…` for the sample."""
    return f"{filename_start(sample)}-backup-{now:%Y-%m-%d-%H%M}.json"


def _load_json(data: bytes, max_bytes: int) -> object:
    check_size(data, max_bytes, "reads")
    text = decode_text(data, "The file is not UTF-8 text, so it is not a Closer backup.")
    try:
        return json.loads(text)
    except RecursionError:
        raise TransferError(["The file is nested too deeply to be a Closer backup."]) from None
    except json.JSONDecodeError as error:
        raise TransferError([_json_problem(text, error)]) from None


def _json_problem(text: str, error: json.JSONDecodeError) -> str:
    if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
        return "The file is not a complete Closer backup: it ends too early, as if cut off."
    return (
        f"The file is not a Closer backup: it is not valid JSON at line {error.lineno}, "
        f"column {error.colno} ({error.msg.lower()})."
    )


def _backup_layout(data: object) -> Tables:
    try:
        return check_layout(data, Path("backup"))
    except DataFileError as error:
        raise TransferError([f"The file {error.problem}"]) from None


def _backup_entries(table: Mapping[str, Any]) -> list[WeekEntry]:
    """Every entry, oldest first; unlike the diary, every problem is listed, not the first."""
    if len(table) > MAX_WEEKS:
        raise TransferError([TOO_MANY_WEEKS])
    problems: list[str] = []
    entries: dict[IsoWeek, WeekEntry] = {}
    for key, record in table.items():
        try:
            entry = decode_entry(key, record)
        except MisfiledEntryError as error:
            problems.append(str(error))
        except EntryError as error:
            problems.append(f"The entry stored under {key[:20]}: {error}")
        except RecursionError:  # a message quoting a deeply nested value
            problems.append(f"The entry stored under {key[:20]} is nested too deeply.")
        else:
            entries[entry.week] = entry
    if problems:
        raise TransferError(problems)
    return oldest_first(entries.values())
