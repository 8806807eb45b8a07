"""The diary on disk: a handful of verbs over TinyDB, with safe writes.

Safety rules, each for a failure people have hit with TinyDB files:
- every write goes to a temp file in the same folder, is fsynced, then
  atomically renamed over the old file, so a crash leaves the old or the new
  file, never a torn one (TinyDB's JSONStorage rewrites in place);
- one lock per file in this process and a lock file across processes wrap
  every read-modify-write, so Streamlit sessions (threads) and two servers
  cannot interleave;
- a file that cannot be read is never written: every write in TinyDB starts
  with a read, and a failed read raises before anything is written;
- no CachingMiddleware: it holds writes in memory, where a crash loses them.
"""

from __future__ import annotations

import copy
import errno
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage
from tinydb.table import Document

from lib import backups
from lib.atomic import atomic_write, remove_stale_temp_files
from lib.entries import EntryError, WeekEntry, entry_from_record, entry_to_record
from lib.settings import Settings, settings_from_record, settings_to_record
from lib.weeks import IsoWeek

SCHEMA_VERSION = 1
APP_MARK = "closer"
ENTRIES_TABLE = "entries"
META_TABLE = "meta"
SETTINGS_TABLE = "settings"
LOCK_TIMEOUT_SECONDS = 10.0


class DataFileError(Exception):
    """The data file exists but cannot be used. It is left exactly as it is."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"The data file {path} {problem}")


class SaveError(Exception):
    """A write did not happen; the data file is unchanged."""


def local_now() -> datetime:
    """The current time with this machine's UTC offset."""
    return datetime.now().astimezone()


def _meta_table() -> dict[str, dict[str, Any]]:
    return {"1": {"app": APP_MARK, "schema_version": SCHEMA_VERSION}}


def serialise(data: dict[str, dict[str, Any]]) -> bytes:
    """The data file's bytes for `data`: stamped with the header, readable, stable key order."""
    stamped = {**data, META_TABLE: _meta_table()}
    return (json.dumps(stamped, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def check_layout(data: object, path: Path) -> dict[str, dict[str, Any]]:
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


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole file, or None when there is no file yet."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise DataFileError(self.path, "is a folder, not a file.") from None
        except PermissionError:
            raise DataFileError(self.path, "cannot be read: permission denied.") from None
        except OSError as error:
            raise DataFileError(self.path, f"cannot be read: {error.strerror}.") from None
        if not raw.strip():
            raise DataFileError(self.path, "is empty, though a Closer diary never is.")
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise DataFileError(self.path, "is not text (it is not UTF-8).") from None
        except json.JSONDecodeError as error:
            raise DataFileError(
                self.path,
                f"is damaged: it stops being valid JSON at line {error.lineno}, "
                f"column {error.colno} ({error.msg.lower()}).",
            ) from None
        except RecursionError:
            raise DataFileError(self.path, "is damaged: it is nested too deeply.") from None
        return check_layout(data, self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`, atomically and durably."""
        remove_stale_temp_files(self.path)
        atomic_write(self.path, serialise(data))

    def close(self) -> None:
        """Nothing stays open between calls."""


def _save_error(path: Path, error: OSError) -> SaveError:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "Closer is not allowed to write there",
        errno.EPERM: "Closer is not allowed to write there",
    }
    reason = reasons.get(error.errno or 0, error.strerror or "the system refused the write")
    return SaveError(
        f"Could not save to {path}: {reason}. Nothing in the diary was changed. "
        "Free some space or fix the folder's permissions, then save again."
    )


class Diary:
    """The user's weekly entries. One instance per data file per process."""

    def __init__(
        self,
        storage: Storage,
        path: Path | None = None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        self.path = path
        self._clock = clock
        self._db = TinyDB(storage=lambda: storage)
        # cache_size=0: another process may change the file between two calls.
        self._entries = self._db.table(ENTRIES_TABLE, cache_size=0)
        self._settings = self._db.table(SETTINGS_TABLE, cache_size=0)
        self._lock = threading.RLock()
        self._file_lock = (
            FileLock(path.with_name(path.name + ".lock"), timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
            if path is not None
            else None
        )

    @classmethod
    def open(cls, path: Path, clock: Callable[[], datetime] = local_now) -> Diary:
        """A diary kept in the JSON file at `path`."""
        return cls(AtomicJSONStorage(path), path, clock)

    @classmethod
    def in_memory(cls, clock: Callable[[], datetime] = local_now) -> Diary:
        """A diary that lives only in memory (tests, sample data)."""
        return cls(MemoryStorage(), None, clock)

    @contextmanager
    def _locked(self, write: bool = False) -> Iterator[None]:
        """This process's lock; for a write also the lock file shared with other processes.

        Reads skip the lock file: writes replace the file atomically, so a reader
        always sees a whole file, and a diary in a read-only folder stays readable.
        """
        with self._lock:
            if not write or self._file_lock is None or self.path is None:
                yield
                return
            try:
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                self._file_lock.acquire()
            except Timeout:
                raise SaveError(
                    f"Another Closer window or program is still using {self.path} after "
                    f"{LOCK_TIMEOUT_SECONDS:.0f} seconds. Nothing was changed; please try again."
                ) from None
            except OSError as error:
                raise _save_error(self.path, error) from error
            try:
                yield
            finally:
                self._file_lock.release()

    def check(self) -> None:
        """Raise DataFileError if the file cannot be read or holds an entry that cannot."""
        self.list_entries()

    def list_entries(self) -> list[WeekEntry]:
        """Every saved week, oldest first."""
        with self._locked():
            entries = self._load()
        return [entries[week] for week in sorted(entries)]

    def get_entry(self, week: IsoWeek) -> WeekEntry | None:
        """The entry for `week`, or None."""
        with self._locked():
            return self._load().get(week)

    def save_entry(self, entry: WeekEntry) -> WeekEntry:
        """Save `entry`, replacing any entry for the same week; return it as stored."""
        with self._locked(write=True):
            existing = self._load().get(entry.week)
            now = self._clock()
            created = existing.created_at if existing and existing.created_at else now
            stored = entry.stamped(created, now)
            record = self._checked_record(stored)
            self._write(lambda: self._replace(entry.week.doc_id, record, existing is not None))
        return stored

    def delete_entry(self, week: IsoWeek) -> bool:
        """Delete the entry for `week`, after a safety copy; True if there was one."""
        with self._locked(write=True):
            if week not in self._load():
                return False
            self._safety_copy("delete-week")
            self._write(lambda: self._entries.remove(doc_ids=[week.doc_id]))
        return True

    def import_entries(self, entries: Sequence[WeekEntry]) -> int:
        """Add or replace these weeks in one write, keeping their timestamps; returns the count.

        A safety copy is taken first when any saved week would be replaced.
        """
        with self._locked(write=True):
            existing = self._load()
            now = self._clock()
            if any(entry.week in existing for entry in entries):
                self._safety_copy("import")
            records = {
                str(entry.week.doc_id): self._checked_record(
                    entry.stamped(
                        entry.created_at or entry.updated_at or now, entry.updated_at or now
                    )
                )
                for entry in entries
            }
            self._write_tables(lambda data: data.setdefault(ENTRIES_TABLE, {}).update(records))
        return len(records)

    def restore(self, entries: Sequence[WeekEntry], settings: Settings | None) -> None:
        """Replace the whole diary with a backup's entries (and settings), after a safety copy."""
        with self._locked(write=True):
            self._load()  # never replace a file that cannot be read; the user must act first
            self._safety_copy("restore")
            now = self._clock()
            records = {
                str(entry.week.doc_id): self._checked_record(
                    entry.stamped(entry.created_at or now, entry.updated_at or now)
                )
                for entry in entries
            }

            def replace_all(data: dict[str, dict[str, Any]]) -> None:
                data[ENTRIES_TABLE] = records
                if settings is not None:
                    data[SETTINGS_TABLE] = {"1": settings_to_record(settings)}

            self._write_tables(replace_all)

    def delete_all(self) -> int:
        """Delete every entry (settings stay), after a safety copy; returns how many."""
        with self._locked(write=True):
            count = len(self._load())
            if count:
                self._safety_copy("delete-all")
                self._write_tables(lambda data: data.__setitem__(ENTRIES_TABLE, {}))
        return count

    def backup_json(self) -> bytes:
        """The whole diary as the data file's JSON (read and checked first)."""
        with self._locked():
            self._load()
            data = self._db.storage.read() or {}
        return serialise(data)

    def get_settings(self) -> Settings:
        """The user's settings (defaults until they save some)."""
        with self._locked():
            self._load()
            record = self._settings.get(doc_id=1)
        try:
            return settings_from_record(record)
        except ValueError as error:
            raise DataFileError(
                self.path or Path("memory"), f"has settings Closer cannot read: {error}"
            ) from None

    def save_settings(self, settings: Settings) -> None:
        """Store the user's settings."""
        record = settings_to_record(settings)
        with self._locked(write=True):
            self._load()
            self._write_tables(lambda data: data.__setitem__(SETTINGS_TABLE, {"1": record}))

    def safety_copies(self) -> list[backups.SafetyCopy]:
        """The automatic safety copies of this diary, newest first."""
        return [] if self.path is None else backups.listing(self.path)

    def restore_safety_copy(self, copy: Path) -> None:
        """Put a safety copy back in place of the diary (the current one is copied first)."""
        entries, settings = self._read_copy(copy)
        self.restore(entries, settings)

    def start_new_diary(self) -> Path | None:
        """Keep the unreadable file under a new name and start an empty diary; return the name."""
        if self.path is None:
            return None
        with self._locked(write=True):
            if not self.path.exists():
                return None
            try:
                return backups.set_aside(self.path, self._clock())
            except OSError as error:
                raise _save_error(self.path, error) from error

    def recover_from_copy(self, copy: Path) -> Path | None:
        """Put a safety copy in place of an unreadable file, which is kept under a new name."""
        if self.path is None:
            return None
        payload = copy.read_bytes()
        self._read_copy(copy)  # the copy itself must be a readable diary
        with self._locked(write=True):
            try:
                kept = backups.set_aside(self.path, self._clock()) if self.path.exists() else None
                atomic_write(self.path, payload)
            except OSError as error:
                raise _save_error(self.path, error) from error
        return kept

    def _read_copy(self, copy: Path) -> tuple[list[WeekEntry], Settings]:
        source = AtomicJSONStorage(copy).read()
        if source is None:
            raise DataFileError(copy, "no longer exists.")
        try:
            documents = [
                Document(doc, int(key)) for key, doc in source.get(ENTRIES_TABLE, {}).items()
            ]
            entries = [self._decode(document) for document in documents]
            settings = settings_from_record(source.get(SETTINGS_TABLE, {}).get("1"))
        except (DataFileError, ValueError) as error:
            raise DataFileError(copy, f"cannot be used: {error}") from None
        return entries, settings

    def _checked_record(self, entry: WeekEntry) -> dict[str, Any]:
        record = entry_to_record(entry)
        entry_from_record(record)  # as a later read will, so no write can make the diary unreadable
        return record

    def _safety_copy(self, reason: str) -> None:
        if self.path is None:
            return
        try:
            backups.take(self.path, reason, self._clock())
        except OSError as error:
            raise _save_error(self.path, error) from error

    def _write_tables(self, change: Callable[[dict[str, dict[str, Any]]], None]) -> None:
        """One read-modify-write of the whole file, in a single atomic write."""
        storage = self._db.storage
        data = copy.deepcopy(storage.read() or {})
        change(data)
        self._write(lambda: storage.write(data))

    def _load(self) -> dict[IsoWeek, WeekEntry]:
        # Every verb reads and checks the whole diary first: one damaged entry
        # makes the file unreadable, and an unreadable file is never written.
        entries = [self._decode(document) for document in self._entries.all()]
        return {entry.week: entry for entry in entries}

    def _replace(self, doc_id: int, record: dict[str, Any], exists: bool) -> None:
        if exists:

            def overwrite(document: dict[str, Any]) -> None:
                document.clear()
                document.update(record)

            self._entries.update(overwrite, doc_ids=[doc_id])
        else:
            self._entries.insert(Document(record, doc_id=doc_id))

    def _write(self, action: Callable[[], object]) -> None:
        try:
            action()
        except OSError as error:
            raise _save_error(self.path or Path("memory"), error) from error

    def _decode(self, document: Document) -> WeekEntry:
        where = self.path or Path("memory")
        try:
            entry = entry_from_record(document)
        except EntryError as error:
            week = document.get("week", "?")
            raise DataFileError(
                where, f"has an entry for {week} that Closer cannot read: {error}"
            ) from None
        if entry.week.doc_id != document.doc_id:
            raise DataFileError(
                where,
                f"is damaged: the entry stored under {document.doc_id} says it is for "
                f"{entry.week}, which belongs under {entry.week.doc_id}.",
            )
        return entry

    def close(self) -> None:
        """Release the handle."""
        self._db.close()
