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

import errno
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage
from tinydb.table import Document

from lib.entries import EntryError, WeekEntry, entry_from_record, entry_to_record
from lib.weeks import IsoWeek

SCHEMA_VERSION = 1
APP_MARK = "closer"
ENTRIES_TABLE = "entries"
META_TABLE = "meta"
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
            isinstance(doc, dict) and key.isdigit() for key, doc in table.items()
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
        stamped = {**data, META_TABLE: _meta_table()}
        payload = json.dumps(stamped, ensure_ascii=False, indent=1, sort_keys=True)
        remove_stale_temp_files(self.path)
        atomic_write(self.path, (payload + "\n").encode("utf-8"))

    def close(self) -> None:
        """Nothing stays open between calls."""


def atomic_write(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` so that a crash leaves the old or the new file."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            # fsync before the rename: otherwise a power cut can leave the
            # new name pointing at a file whose bytes never reached the disk.
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    # The rename itself lives in the folder: sync it so it survives a power cut.
    # The new file is already in place, so a folder that cannot be synced (some
    # file systems refuse) must not be reported as a failed save.
    with suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files left by a writer that was killed mid-save (call under the lock)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            leftover.unlink()


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
    def _locked(self) -> Iterator[None]:
        with self._lock:
            if self._file_lock is None or self.path is None:
                yield
                return
            try:
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as error:
                raise DataFileError(
                    self.path, f"cannot be created: its folder is not writable ({error.strerror})."
                ) from None
            try:
                with self._file_lock:
                    yield
            except Timeout:
                raise SaveError(
                    f"Another Closer window or program is still using {self.path} after "
                    f"{LOCK_TIMEOUT_SECONDS:.0f} seconds. Nothing was changed; please try again."
                ) from None

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
        with self._locked():
            existing = self._load().get(entry.week)
            now = self._clock()
            created = existing.created_at if existing and existing.created_at else now
            stored = entry.stamped(created, now)
            record = entry_to_record(stored)
            # Check the record as a later read will, so no save can make the diary unreadable.
            entry_from_record(record)
            self._write(lambda: self._replace(entry.week.doc_id, record, existing is not None))
        return stored

    def delete_entry(self, week: IsoWeek) -> bool:
        """Delete the entry for `week`; True if there was one."""
        with self._locked():
            if week not in self._load():
                return False
            self._write(lambda: self._entries.remove(doc_ids=[week.doc_id]))
        return True

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
