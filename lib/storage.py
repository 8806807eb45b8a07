"""Where the diary's tables are kept: TinyDB storages that read and write them whole.

`AtomicJSONStorage` keeps them in the data file. Unlike TinyDB's JSONStorage,
which rewrites the file in place, it writes a temp file in the same folder,
fsyncs it and renames it over the old one, so a crash leaves the old or the
new file, never a torn one. No CachingMiddleware either: it holds writes in
memory, where a crash loses them. Given a key, it writes the file encrypted
(lib/encrypted_file.py), so not even its temp file holds the diary in plain.
`MemoryStorage` is TinyDB's own, for diaries that live only in memory (tests,
sample data).
"""

from __future__ import annotations

from pathlib import Path

from tinydb.storages import MemoryStorage, Storage

from lib.atomic import atomic_write, remove_stale_temp_files
from lib.datafile import LineCache, Tables, read_tables, serialise
from lib.encrypted_file import EncryptedFileError, Key, is_encrypted, seal, unseal
from lib.errors import DataFileError, DiaryLockedError

__all__ = ["AtomicJSONStorage", "MemoryStorage", "Storage", "file_bytes"]


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind."""

    def __init__(self, path: str | Path, key: Key | None = None) -> None:
        self.path = Path(path)
        self.key = key  # None: the file is written in plain JSON
        self._lines: LineCache = {}

    def read(self) -> Tables | None:
        """The whole file, checked for Closer's layout; None when there is no file yet.

        An encrypted file needs the key (DiaryLockedError without one) and opens
        whole or not at all; a plain file reads as it is, key or not.
        """
        raw = file_bytes(self.path)
        if raw is None:
            return None
        if is_encrypted(raw):
            if self.key is None:
                raise DiaryLockedError(self.path)
            try:
                raw = unseal(raw, self.key)
            except EncryptedFileError as error:
                raise DataFileError(
                    self.path, f"is encrypted and cannot be opened. {error}"
                ) from None
        return read_tables(raw, self.path)

    def write(self, data: Tables) -> None:
        """Replace the file with `data`, atomically and durably; encrypted if there is a key."""
        remove_stale_temp_files(self.path)
        payload = serialise(data, self._lines)
        atomic_write(self.path, payload if self.key is None else seal(payload, self.key))

    def close(self) -> None:
        """Nothing stays open between calls."""


def file_bytes(path: Path) -> bytes | None:
    """The bytes of the file at `path`, or None if there is none; DataFileError if unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a file.") from None
    except PermissionError:
        raise DataFileError(path, "cannot be read: permission denied.") from None
    except OSError as error:
        raise DataFileError(path, f"cannot be read: {error.strerror}.") from None
