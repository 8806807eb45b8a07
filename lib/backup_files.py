"""The JSON backup: a copy of the data file, read back for a restore."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lib import entries as entry_records
from lib import settings as settings_records
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
from lib.encrypted_file import is_encrypted
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
    other_kind,
)
from lib.weeks import IsoWeek
from lib.wording import joined

SAMPLE_NOT_RESTORED = (
    "This file is Closer's made-up sample data, not a diary, so nothing was restored."
)
KNOWN_SECTIONS = (META_TABLE, SETTINGS_TABLE, ENTRIES_TABLE)
META_FIELDS = ("app", "schema_version", SAMPLE_FLAG)
# A list of unknown names stops helping beyond this many, and each is cut to this length.
MAX_NAMES = 8
MAX_NAME_CHARS = 40


@dataclass(frozen=True)
class Backup:
    """What a backup file holds: its entries, oldest first, its settings record, and
    what in it Closer does not know and will leave out, in plain words."""

    entries: list[WeekEntry]
    settings: dict[str, object]
    ignored: tuple[str, ...] = ()


WHAT_RESTORES = "A backup is the JSON file Closer's “Full backup (JSON)” button saves"
ENCRYPTED_UNOPENED = (
    "This backup is encrypted, so it cannot be read until it is opened with its passphrase."
)


def parse_backup(data: bytes, max_bytes: int = MAX_FILE_BYTES, name: str = "") -> Backup:
    """The entries and settings in a backup (a copy of the data file), or TransferError.

    Whatever a newer or another program added (sections, fields of an entry,
    settings, header fields) is left out, one way for all, and named in
    `ignored` so the preview can say so: nothing is dropped without a word.
    """
    kind = other_kind(data, name)
    if kind is not None:
        raise TransferError([f"This file is {kind}, not a Closer backup. {WHAT_RESTORES}."])
    if is_encrypted(data):  # the page opens it first (Diary.open_sealed)
        raise TransferError([ENCRYPTED_UNOPENED])
    loaded = _load_json(data, max_bytes)
    extra_sections: list[str] = []
    if isinstance(loaded, dict):
        extra_sections = sorted(key for key in loaded if key not in KNOWN_SECTIONS)
        loaded = {key: value for key, value in loaded.items() if key in KNOWN_SECTIONS}
    layout = _backup_layout(loaded)
    meta = layout[META_TABLE]["1"]
    if meta.get(SAMPLE_FLAG):
        raise TransferError([SAMPLE_NOT_RESTORED])
    settings_table = layout.get(SETTINGS_TABLE, {})
    stored_settings = settings_table.get("1", {})
    settings = {
        key: stored_settings[key]
        for key in settings_records.RECORD_FIELDS
        if key in stored_settings
    }
    try:
        settings_from_record(settings)
    except SettingsError as error:
        raise TransferError([f"The settings in the file cannot be used: {error}"]) from None
    table = layout.get(ENTRIES_TABLE, {})
    ignored = [
        _names("Sections Closer does not keep", extra_sections),
        _names("Header fields Closer does not know", _unknown(meta, META_FIELDS)),
        _names(
            "Settings Closer does not know",
            _unknown(stored_settings, settings_records.RECORD_FIELDS)
            + [f"settings record {key}" for key in sorted(settings_table) if key != "1"],
        ),
        _entry_fields(table),
    ]
    return Backup(_backup_entries(table), settings, tuple(line for line in ignored if line))


def _unknown(record: Mapping[str, Any], known: tuple[str, ...]) -> list[str]:
    return sorted(key for key in record if key not in known)


def _entry_fields(table: Mapping[str, Any]) -> str:
    """The fields of entries that Closer does not know, each with how many weeks have it."""
    weeks: dict[str, int] = {}
    for record in table.values():
        if isinstance(record, Mapping):
            for key in _unknown(record, entry_records.RECORD_FIELDS):
                weeks[key] = weeks.get(key, 0) + 1
    return _names(
        "Fields of a week Closer does not know",
        sorted(weeks),
        lambda name: f" (in {weeks[name]:,} week{'s' if weeks[name] > 1 else ''})",
    )


def _names(what: str, names: list[str], after: Callable[[str], str] = lambda _: "") -> str:
    """`What: “a”, “b” and 3 more.` (`after` adds to each name), or "" when there are none."""
    if not names:
        return ""
    shown = [
        f"“{name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + '…'}”"
        + after(name)
        for name in names[:MAX_NAMES]
    ]
    more = len(names) - len(shown)
    if more:
        shown.append(f"{more} more")
    return f"{what}: {joined(shown)}."


def backup_filename(now: datetime, *, sample: bool = False, encrypted: bool = False) -> str:
    """`closer-backup-2026-11-24-2015.json`; `closer-sample-backup-…` for the sample, and
    `closer-backup-2026-11-24-2015.encrypted.json` sealed with the diary's passphrase."""
    ending = ".encrypted.json" if encrypted else ".json"
    return f"{filename_start(sample)}-backup-{now:%Y-%m-%d-%H%M}{ending}"


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
    if error.pos == 0 and "week" in text.partition("\n")[0].lower():
        return (
            "This is a CSV file (perhaps Closer's entries export), not a backup. "
            f"{WHAT_RESTORES}; import a CSV under “Import” instead."
        )
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
