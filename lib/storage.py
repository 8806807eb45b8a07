"""Where the diary's tables are kept: TinyDB storages that read and write them whole.

`AtomicJSONStorage` keeps them in the data file. Unlike TinyDB's JSONStorage,
which rewrites the file in place, it writes a temp file in the same folder,
fsyncs it and renames it over the old one, so a crash leaves the old or the
new file, never a torn one. No CachingMiddleware either: it holds writes in
memory, where a crash loses them. `MemoryStorage` is TinyDB's own, for
diaries that live only in memory (tests, sample data).
"""

from __future__ import annotations

from pathlib import Path

from tinydb.storages import MemoryStorage, Storage

from lib.atomic import atomic_write, remove_stale_temp_files
from lib.datafile import LineCache, Tables, read_tables, serialise
from lib.errors import DataFileError

__all__ = ["AtomicJSONStorage", "MemoryStorage", "Storage", "file_bytes"]


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lines: LineCache = {}

    def read(self) -> Tables | None:
        """The whole file, checked for Closer's layout; None when there is no file yet."""
        raw = file_bytes(self.path)
        return None if raw is None else read_tables(raw, self.path)

    def write(self, data: Tables) -> None:
        """Replace the file with `data`, atomically and durably."""
        remove_stale_temp_files(self.path)
        atomic_write(self.path, serialise(data, self._lines))

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
