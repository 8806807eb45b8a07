"""What the data file looks like, and what makes one readable.

The file is a TinyDB database, `{table: {document id: document}}`, with three
tables: `meta` (the Closer header, stamped on every write), `settings` (one
document) and `entries` (one document per week, under the week's id, so a
week can never have two). docs/DATA.md describes it for people; this module
writes it (`serialise`) and reads it back (`read_tables`, `read_entries`,
`read_settings`), refusing with DataFileError whatever Closer did not write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lib.entries import EntryError, WeekEntry, entry_from_record, entry_to_record
from lib.errors import DataFileError
from lib.settings import Settings, SettingsError, settings_from_record, settings_to_record
from lib.weeks import IsoWeek

SCHEMA_VERSION = 1
APP_MARK = "closer"
ENTRIES_TABLE = "entries"
META_TABLE = "meta"
SETTINGS_TABLE = "settings"
SAMPLE_FLAG = "sample"
# Longer than any file system's timestamp tick (FAT's is two seconds).
RACY_NANOSECONDS = 3_000_000_000

Tables = dict[str, dict[str, Any]]
# Per table and document id: a document and its encoded line, reused while the
# very same (never changed) document object is written again.
LineCache = dict[tuple[str, str], tuple[object, bytes]]

_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def header(sample: bool = False) -> dict[str, dict[str, Any]]:
    """The `meta` table every write stamps: Closer's mark, the format, and `sample` if asked."""
    fields: dict[str, Any] = {"app": APP_MARK, "schema_version": SCHEMA_VERSION}
    if sample:
        fields[SAMPLE_FLAG] = True
    return {"1": fields}


def serialise(data: Tables, lines: LineCache | None = None, *, sample: bool = False) -> bytes:
    """The data file's bytes for `data`: stamped with the header, one document per line.

    A week per line stays easy to read, search and compare, and encoding each
    document compactly is several times faster than an indented dump of the
    whole diary (Python's indenting encoder is pure Python). With `lines`, a
    document written before is not encoded again, and `lines` is refreshed.
    Lines are kept as UTF-8 bytes: one emoji makes a Python string four bytes
    a character, and joining and encoding megabytes of that cost more than
    the rest of a save. With `sample`, the header says the data is made up
    (Closer refuses to restore such a file; the data file itself never has it).
    """
    stamped = {**data, META_TABLE: header(sample)}
    known = lines if lines is not None else {}
    fresh: LineCache = {}
    tables = []
    for name in sorted(stamped):
        table = stamped[name]
        rows = []
        for key in sorted(table):
            document = table[key]
            cached = known.get((name, key))
            # Identity, not equality: the cache holds the object, so its id is never reused.
            if cached is None or cached[0] is not document:
                cached = (document, f"  {_ENCODE(key)}: {_ENCODE(document)}".encode())
            fresh[(name, key)] = cached
            rows.append(cached[1])
        head = f" {_ENCODE(name)}: ".encode()
        tables.append(head + (b"{\n" + b",\n".join(rows) + b"\n }" if rows else b"{}"))
    if lines is not None:
        lines.clear()
        lines.update(fresh)
    return b"{\n" + b",\n".join(tables) + b"\n}\n"


def changed_tables(
    tables: Mapping[str, Mapping[str, Any]],
    changes: Mapping[str, Mapping[str, Any]],
    replace_tables: bool = False,
) -> Tables:
    """`tables` with `changes`: per table, records by id (None deletes one), or whole tables.

    Records are never changed in place, so only the tables that change are
    copied (a deep copy of a long diary would cost more than the write).
    """
    changed = dict(tables)
    for name, records in changes.items():
        table = {} if replace_tables else dict(tables.get(name, {}))
        for key, record in records.items():
            if record is None:
                table.pop(key, None)
            else:
                table[key] = record
        changed[name] = table
    return changed


def checked_entry_record(entry: WeekEntry) -> dict[str, Any]:
    """The record stored for `entry`, read back first as a later read will; else EntryError."""
    record = entry_to_record(entry)
    entry_from_record(record)  # so no write can make the diary unreadable
    return record


def checked_settings_record(settings: Settings) -> dict[str, Any]:
    """The record stored for `settings`, read back first as a later read will, or SettingsError."""
    record = settings_to_record(settings)
    settings_from_record(record)
    return record


def read_tables(raw: bytes, path: Path) -> Tables:
    """The tables in the data file's bytes `raw`, read from `path`; else DataFileError."""
    if not raw.strip():
        raise DataFileError(path, "is empty, though a Closer diary never is.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataFileError(path, "is not text (it is not UTF-8).") from None
    except json.JSONDecodeError as error:
        raise DataFileError(
            path,
            f"is damaged: it stops being valid JSON at line {error.lineno}, "
            f"column {error.colno} ({error.msg.lower()}).",
        ) from None
    except RecursionError:
        raise DataFileError(path, "is damaged: it is nested too deeply.") from None
    return check_layout(data, path)


def check_layout(data: object, path: Path) -> Tables:
    """Return `data` if it has the layout of a Closer diary, else raise DataFileError."""
    if not isinstance(data, dict):
        raise DataFileError(path, "is JSON but not a Closer diary (it is not an object).")
    meta = data.get(META_TABLE, {}).get("1") if isinstance(data.get(META_TABLE), dict) else None
    if not isinstance(meta, dict) or meta.get("app") != APP_MARK:
        raise DataFileError(path, "is JSON but not a Closer diary (it has no Closer header).")
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError(path, "has a damaged header: its data format version is missing.")
    if version > SCHEMA_VERSION:
        raise DataFileError(
            path,
            f"was written by a newer version of Closer (data format {version}; "
            f"this version reads format {SCHEMA_VERSION}). Update Closer to open it.",
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(
            isinstance(doc, dict) and key.isascii() and key.isdigit() for key, doc in table.items()
        ):
            raise DataFileError(path, f"is damaged: its “{name}” section has the wrong shape.")
    return data


class MisfiledEntryError(EntryError):
    """An entry stored under another week's id than its own."""

    def __init__(self, key: str, week: IsoWeek) -> None:
        super().__init__(
            [
                f"The entry stored under {key[:20]} says it is for {week}, "
                f"which belongs under {week.doc_id}."
            ]
        )


def decode_entry(key: str, record: Mapping[str, Any]) -> WeekEntry:
    """The entry stored under `key`, checked as fresh input and against `key`; else EntryError."""
    entry = entry_from_record(record)
    # The exact key: "0123" would read as 123 but a save would add "123" beside it.
    if str(entry.week.doc_id) != key:
        raise MisfiledEntryError(key, entry.week)
    return entry


def read_entries(
    tables: Mapping[str, Mapping[str, Any]],
    path: Path,
    earlier: Mapping[str, tuple[Mapping[str, Any], WeekEntry]] | None = None,
) -> dict[IsoWeek, WeekEntry]:
    """Every entry in `tables`, by week, each checked by `decode_entry`; else DataFileError.

    `earlier` holds records read and checked before, by key, each with its entry:
    a record that is still exactly the same is not checked again. After one week
    is saved, that is all but one, and checking them was most of a re-read.
    """
    entries: dict[IsoWeek, WeekEntry] = {}
    earlier = earlier or {}
    for key, record in tables.get(ENTRIES_TABLE, {}).items():
        known = earlier.get(key)
        if known is not None and unchanged_record(known[0], record):
            entries[known[1].week] = known[1]
            continue
        try:
            entry = decode_entry(key, record)
        except MisfiledEntryError as error:
            raise DataFileError(path, f"is damaged. {error}") from None
        except EntryError as error:
            week = record.get("week", "?")
            raise DataFileError(
                path, f"has an entry for {week} that Closer cannot read: {error}"
            ) from None
        entries[entry.week] = entry
    return entries


def unchanged_record(before: Mapping[str, Any], record: Any) -> bool:
    """Whether `record` is exactly `before`, a record that was read and checked.

    Python's `==` finds `true` equal to `1`, and a rating of `true` is refused,
    so equal ratings must also not be booleans. Nothing else `==` conflates can
    matter: `1.0` reads as the rating `1`, and no other field takes a number.
    """
    return before == record and not any(
        type(rating) is bool for rating in record["ratings"].values()
    )


def read_settings(tables: Mapping[str, Mapping[str, Any]], path: Path) -> Settings:
    """The settings in `tables` (defaults until some are saved); else DataFileError."""
    try:
        return settings_from_record(tables.get(SETTINGS_TABLE, {}).get("1"))
    except SettingsError as error:
        raise DataFileError(path, f"has settings Closer cannot read: {error}") from None


def file_revision(path: Path, now_ns: int) -> str:
    """A token that changes whenever the file at `path` does (cheap: one stat, usually).

    Every write replaces the file, so its inode and change time move. A file
    changed within the last few seconds may share a timestamp tick with the next
    change (and a freed inode number can come back), so then its bytes decide,
    as git does for "racy" index entries.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return "none"
    except OSError as error:
        return f"unreadable-{error.errno}"
    token = f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
    if now_ns - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NANOSECONDS:
        try:
            token += ":" + hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            token += f":unreadable-{error.errno}"
    return token
