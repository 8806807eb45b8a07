"""Turning a diary file encrypted, plain again, or to a new passphrase: atomic and verified.

The new file is written beside the old one, read back from the disk, opened
with the new key (or as plain JSON) and compared with what was read before;
only then does it replace the old file, in one rename. A crash at any moment
leaves the old file or the new one, whole, never neither (tests/test_conversions.py
kills a converting process to show it). Call under the diary's file lock.
"""

from __future__ import annotations

from pathlib import Path

from lib.atomic import atomic_write, remove_stale_temp_files
from lib.datafile import META_TABLE, Tables, read_tables, serialise
from lib.encrypted_file import EncryptedFileError, Key, seal, unseal
from lib.errors import DataFileError, DiaryError
from lib.storage import AtomicJSONStorage


class ConversionError(DiaryError):
    """A conversion whose new file did not read back as the diary; the old file is kept."""


def convert(path: Path, old: Key | None, new: Key | None) -> None:
    """Rewrite the diary at `path`, opened with `old` (None: plain), as `new` (None: plain)."""
    tables = AtomicJSONStorage(path, old).read()
    if tables is None:
        raise ConversionError(f"There is no diary at {path} to convert yet.")
    payload = serialise(tables)
    written = payload if new is None else seal(payload, new)

    def same_diary(on_disk: bytes) -> None:
        try:
            plain = on_disk if new is None else unseal(on_disk, new)
            same = _content(read_tables(plain, path)) == _content(tables)
        except (DataFileError, EncryptedFileError):
            same = False
        if not same:
            raise ConversionError(
                f"The converted copy of {path} did not read back as your diary, so Closer "
                "kept the old file as it was. Nothing was changed."
            )

    remove_stale_temp_files(path)
    atomic_write(path, written, check=same_diary)


def _content(tables: Tables) -> Tables:
    """The tables without the header, which every write puts on afresh."""
    return {name: table for name, table in tables.items() if name != META_TABLE}
