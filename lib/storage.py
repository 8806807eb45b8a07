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
from lib.encrypted_file import (
    EncryptedFileError,
    Kdf,
    Key,
    WrongKeyError,
    header_kdf,
    is_encrypted,
    seal,
    unseal,
)
from lib.errors import DataFileError, DiaryLockedError

__all__ = ["AtomicJSONStorage", "MemoryStorage", "Storage", "file_bytes", "file_head"]


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind."""

    def __init__(self, path: str | Path, key: Key | None = None) -> None:
        self.path = Path(path)
        self.key = key  # None: the file is written in plain JSON
        # A damaged header's key derivation the key was accepted for anyway (a
        # safety copy proved the passphrase): the file then reads as damaged, not locked.
        self.accepted: Kdf | None = None
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
            # No key, or one made for another file (another Closer changed the
            # passphrase): the diary asks for its passphrase again.
            if not self.fits(header_kdf(raw)):
                raise DiaryLockedError(self.path)
            try:
                raw = unseal(raw, self.key)
            except EncryptedFileError as error:
                if not isinstance(error, WrongKeyError) and self.accepted is None:
                    raise DataFileError(
                        self.path, f"is encrypted and cannot be opened. {error}"
                    ) from None
                # The key was checked when it was given (lib/diary_keys.py): the file changed.
                raise DataFileError(
                    self.path,
                    "is encrypted and no longer opens with its passphrase: it was changed "
                    "or damaged after Closer wrote it.",
                ) from None
        return read_tables(raw, self.path)

    def fits(self, kdf: Kdf | None) -> bool:
        """Whether the key held opens a file whose header names `kdf` (None: unreadable)."""
        if self.key is None:
            return False
        return kdf is None or kdf in (self.key.kdf, self.accepted)

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


def file_head(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of the file at `path`, or None if there is none or it is unreadable.

    For a quick look at a header; reading the whole file is `file_bytes`, which
    says why a file cannot be read.
    """
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return None
