"""The diary: a handful of verbs over the data file, safe with threads and processes.

Safety rules, each for a failure people have hit with TinyDB files:
- every write replaces the whole file atomically (lib/storage.py);
- one lock per file in this process and a lock file across processes wrap
  every read-modify-write, so Streamlit sessions (threads) and two servers
  cannot interleave;
- a file that cannot be read is never written: under the lock, every write
  first reads and checks the whole diary, unless its revision (`revision`)
  shows it unchanged since the last check, and a failed read raises before
  anything is written. What is remembered (`snapshot`) is what the file
  already holds, never a write still to come.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from lib import safety_copies
from lib.atomic import atomic_write
from lib.datafile import (
    ENTRIES_TABLE,
    SETTINGS_TABLE,
    changed_tables,
    checked_entry_record,
    checked_settings_record,
    file_revision,
    read_entries,
    read_settings,
    read_tables,
    serialise,
)
from lib.diary_keys import DiaryKeys
from lib.drafts import (
    Draft,
    DraftError,
    apply_draft,
    change_drafts,
    checked,
    drafts_path,
    read_drafts,
)
from lib.encrypted_file import EncryptedFileError, is_encrypted
from lib.entries import WeekEntry
from lib.errors import DataFileError, SaveError
from lib.safety_copies import SafetyCopy
from lib.settings import Settings
from lib.snapshots import Snapshot, checked_records, make_snapshot, same_diary
from lib.storage import AtomicJSONStorage, MemoryStorage, Storage, file_bytes
from lib.weeks import IsoWeek

LOCK_TIMEOUT_SECONDS = 10.0


def local_now() -> datetime:
    """The current time with this machine's UTC offset."""
    return datetime.now().astimezone()


class Diary(DiaryKeys):
    """The user's weekly entries. One instance per data file per process."""

    def __init__(
        self,
        storage: Storage,
        path: Path | None = None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        self.path = path
        # What messages call the diary: its file, or "memory".
        self._where = path if path is not None else Path("memory")
        self._clock = clock
        # The file is read and written whole, never through a TinyDB() table: every
        # verb must check the whole diary before it writes and write it in one go.
        self._storage = storage
        self._lock = threading.RLock()
        self._file_lock = (
            FileLock(path.with_name(path.name + ".lock"), timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
            if path is not None
            else None
        )
        # What was last read or written, and a count of this handle's writes:
        # an unchanged revision means the file need not be read or checked again.
        self._memo: Snapshot | None = None
        # The revision at which `_memo` was last found current: a file written
        # again with the same diary keeps the snapshot, and its revision.
        self._seen: str | None = None
        self._identity = uuid.uuid4().hex
        self._writes = 0
        self._memory_drafts: dict[IsoWeek, Draft] = {}

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
                raise SaveError.from_os_error(self.path, error) from error
            try:
                yield
            finally:
                self._file_lock.release()

    def revision(self) -> str:
        """A token that changes with every change to the diary, by any handle or process."""
        with self._lock:
            if self.path is None:
                return f"memory:{self._identity}:{self._writes}"
            return f"file:{self.path}:{self._writes}:{file_revision(self.path, time.time_ns())}"

    def snapshot(self) -> Snapshot:
        """The whole diary, checked; read again only when its revision has changed."""
        with self._locked():
            return self._current()

    def get_entry(self, week: IsoWeek) -> WeekEntry | None:
        """The entry for `week`, or None."""
        return self.snapshot().by_week.get(week)

    def save_entry(self, entry: WeekEntry) -> WeekEntry:
        """Save `entry`, replacing any entry for the same week; return it as stored."""
        with self._locked(write=True):
            current = self._current()
            existing = current.by_week.get(entry.week)
            now = self._clock()
            created = existing.created_at if existing and existing.created_at else now
            stored = entry.stamped(created, now)
            changes = {ENTRIES_TABLE: {str(entry.week.doc_id): checked_entry_record(stored)}}
            self._commit(current, changes, {entry.week: stored})
        return stored

    def delete_entry(self, week: IsoWeek) -> bool:
        """Delete the entry for `week`, after a safety copy; True if there was one."""
        with self._locked(write=True):
            current = self._current()
            if week not in current.by_week:
                return False
            self._safety_copy("delete-week")
            self._commit(current, {ENTRIES_TABLE: {str(week.doc_id): None}}, {week: None})
        return True

    def import_entries(self, entries: Sequence[WeekEntry]) -> int:
        """Add or replace these weeks in one write, keeping their timestamps; returns the count.

        A safety copy is taken first when any saved week would be replaced.
        """
        with self._locked(write=True):
            current = self._current()
            now = self._clock()
            if any(entry.week in current.by_week for entry in entries):
                self._safety_copy("import")
            stored = {
                entry.week: entry.stamped(
                    entry.created_at or entry.updated_at or now, entry.updated_at or now
                )
                for entry in entries
            }
            records = {str(week.doc_id): checked_entry_record(e) for week, e in stored.items()}
            self._commit(current, {ENTRIES_TABLE: records}, stored)
        return len(records)

    def restore(self, entries: Sequence[WeekEntry], settings: Settings | None) -> None:
        """Replace the whole diary with a backup's entries (and settings), after a safety copy."""
        with self._locked(write=True):
            current = self._current()  # never replace a file that cannot be read
            now = self._clock()
            stored = {
                entry.week: entry.stamped(entry.created_at or now, entry.updated_at or now)
                for entry in entries
            }
            records = {str(week.doc_id): checked_entry_record(e) for week, e in stored.items()}
            tables = {ENTRIES_TABLE: records}
            if settings is not None:
                tables[SETTINGS_TABLE] = {"1": checked_settings_record(settings)}
            self._safety_copy("restore")
            self._commit(current, tables, stored, replace_tables=True)

    def delete_all(self) -> int:
        """Delete every entry (settings stay), after a safety copy; returns how many."""
        with self._locked(write=True):
            current = self._current()
            count = len(current.entries)
            if count:
                self._safety_copy("delete-all")
                self._commit(current, {ENTRIES_TABLE: {}}, {}, replace_tables=True)
            with suppress(DraftError, SaveError):
                self._change_drafts(None, None)
        return count

    def drafts(self) -> dict[IsoWeek, Draft]:
        """Unsaved check-in drafts by week; DraftError if the drafts file cannot be read."""
        with self._lock:
            if self.path is None:
                return dict(self._memory_drafts)
            return read_drafts(drafts_path(self.path), self._key())

    def keep_draft(self, draft: Draft) -> Path | None:
        """Keep `draft` in place of its week's; returns where an unreadable drafts file went.

        Checked first, as entries are: no draft is written that would not read back.
        """
        return self._change_drafts(draft.week, checked(draft))

    def discard_draft(self, week: IsoWeek) -> Path | None:
        """Forget `week`'s draft; returns where an unreadable drafts file went."""
        return self._change_drafts(week, None)

    def _change_drafts(self, week: IsoWeek | None, draft: Draft | None) -> Path | None:
        """Set (or with None remove) `week`'s draft; with no week, remove them all."""
        with self._locked(write=True):
            if self.path is None:
                apply_draft(self._memory_drafts, week, draft)
                return None
            path = drafts_path(self.path)
            try:
                return change_drafts(path, week, draft, self._clock(), self._key())
            except OSError as error:
                raise SaveError.from_os_error(path, error) from error

    def backup_json(self, *, sample: bool = False) -> bytes:
        """The whole diary as the data file's JSON (read and checked first); `sample` marks it."""
        return serialise(self.snapshot().tables, sample=sample)

    def get_settings(self) -> Settings:
        """The user's settings (defaults until they save some)."""
        return self.snapshot().settings

    def save_settings(self, settings: Settings) -> None:
        """Store the user's settings."""
        record = checked_settings_record(settings)
        with self._locked(write=True):
            current = self._current()
            self._commit(current, {SETTINGS_TABLE: {"1": record}}, {}, replace_tables=True)

    def safety_copies(self) -> list[SafetyCopy]:
        """The automatic safety copies of this diary, newest first."""
        return [] if self.path is None else safety_copies.listing(self.path)

    def restore_safety_copy(self, copy: Path) -> None:
        """Put a safety copy back in place of the diary (the current one is copied first)."""
        _, entries, settings = self._read_copy(copy)
        self.restore(entries, settings)

    def start_new_diary(self) -> Path | None:
        """Keep the unreadable file under a new name and start an empty diary; return the name."""
        if self.path is None:
            return None
        with self._locked(write=True):
            if not self.path.exists():
                return None
            try:
                return safety_copies.set_aside(self.path, self._clock())
            except OSError as error:
                raise SaveError.from_os_error(self.path, error) from error
            finally:
                self._forget()

    def recover_from_copy(self, copy: Path) -> Path | None:
        """Put a safety copy in place of an unreadable file, which is kept under a new name."""
        if self.path is None:
            return None
        payload, _, _ = self._read_copy(copy)  # the copy itself must be a readable diary
        with self._locked(write=True):
            try:
                kept = (
                    safety_copies.set_aside(self.path, self._clock())
                    if self.path.exists()
                    else None
                )
                atomic_write(self.path, payload)
            except OSError as error:
                raise SaveError.from_os_error(self.path, error) from error
            finally:
                self._forget()
        return kept

    def _read_copy(self, copy: Path) -> tuple[bytes, list[WeekEntry], Settings]:
        """The copy's bytes, entries and settings, checked as the diary's own are, read once."""
        payload = file_bytes(copy)
        if payload is None:
            raise DataFileError(copy, "no longer exists.")
        try:  # a copy of an encrypted diary opens with the diary's key
            plain = self.open_sealed(payload) if is_encrypted(payload) else payload
        except EncryptedFileError as error:
            raise DataFileError(copy, f"is encrypted and cannot be opened. {error}") from None
        tables = read_tables(plain, copy)
        return payload, list(read_entries(tables, copy).values()), read_settings(tables, copy)

    def _safety_copy(self, reason: str) -> None:
        if self.path is None:
            return
        try:
            safety_copies.take(self.path, reason, self._clock())
        except OSError as error:
            raise SaveError.from_os_error(self.path, error) from error

    def _current(self) -> Snapshot:
        # Every verb reads and checks the whole diary first: one damaged entry
        # makes the file unreadable, and an unreadable file is never written.
        # An unchanged revision means the last check still holds, and so does the
        # check of each record that is still the same.
        revision = self.revision()
        earlier = self._memo
        if earlier is not None and self._seen == revision:
            return earlier
        tables = self._storage.read() or {}
        entries = read_entries(tables, self._where, checked_records(earlier))
        settings = read_settings(tables, self._where)
        self._seen = revision
        if earlier is not None and same_diary(earlier, tables, entries, settings):
            # Written again unchanged, or only its revision moved (a file a few
            # seconds old is told apart by its bytes until it is not): the views
            # built for this snapshot still hold, so its revision stays.
            return earlier
        self._memo = make_snapshot(revision, tables, entries, settings)
        return self._memo

    def _commit(
        self,
        current: Snapshot,
        changes: Mapping[str, Mapping[str, Any]],
        entries: Mapping[IsoWeek, WeekEntry | None],
        replace_tables: bool = False,
    ) -> None:
        """Write `current` with `changes` (see `changed_tables`) at once, then remember it."""
        tables = changed_tables(current.tables, changes, replace_tables)
        by_week = {} if replace_tables and ENTRIES_TABLE in changes else current.by_week.copy()
        for week, entry in entries.items():
            if entry is None:
                by_week.pop(week, None)
            else:
                by_week[week] = entry
        settings = (
            read_settings(tables, self._where) if SETTINGS_TABLE in changes else current.settings
        )
        try:
            self._storage.write(tables)
        except OSError as error:
            raise SaveError.from_os_error(self._where, error) from error
        finally:
            self._writes += 1
        self._seen = self.revision()
        self._memo = make_snapshot(self._seen, tables, by_week, settings)

    def _forget(self) -> None:
        """The file was replaced outside `_commit`: read it afresh next time."""
        self._writes += 1
        self._memo = None

    def close(self) -> None:
        """Release the handle."""
        self._storage.close()
