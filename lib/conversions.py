"""Turning a diary file encrypted, plain again, or to a new passphrase: atomic and verified.

The new file is written beside the old one, read back from the disk, opened
with the new key (or as plain JSON) and compared with what was read before;
only then does it replace the old file, in one rename. A crash at any moment
leaves the old file or the new one, whole, never neither (tests/test_conversions.py
kills a converting process to show it). Call under the diary's file lock.

The files Closer keeps beside the diary with some of its words in them (its
drafts, safety copies and files set aside as unreadable: `companions`) follow
it, each verified the same way (`recode`), or, for the copies, are deleted if
the user chooses so.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

from lib import safety_copies
from lib.atomic import atomic_write, remove_stale_temp_files
from lib.datafile import META_TABLE, Tables, read_tables, serialise
from lib.drafts import drafts_path
from lib.encrypted_file import (
    HEADER_LIMIT,
    EncryptedFileError,
    Key,
    header_kdf,
    is_encrypted,
    seal,
    unseal,
)
from lib.errors import DataFileError, DiaryError
from lib.storage import AtomicJSONStorage, file_head


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


@dataclass(frozen=True)
class Companions:
    """What happened to the files beside the diary in one conversion."""

    converted: int = 0
    removed: int = 0
    # Files that did not open with the old key (or could not be written): left as they were.
    left: list[Path] = field(default_factory=list)


def companions(data_file: Path) -> list[Path]:
    """The files Closer keeps beside the diary with its words: its drafts, then its `copies`."""
    drafts = drafts_path(data_file)
    return ([drafts] if drafts.is_file() else []) + copies(data_file)


def copies(data_file: Path) -> list[Path]:
    """The companions the user may delete when encrypting: set-aside files and safety copies."""
    found = []
    for stem in (data_file.stem, drafts_path(data_file).stem):
        pattern = f"{glob.escape(stem)}.unreadable-*{glob.escape(data_file.suffix)}"
        found += sorted(path for path in data_file.parent.glob(pattern) if path.is_file())
    return found + [copy.path for copy in safety_copies.listing(data_file)]


def plain_companions(data_file: Path) -> list[Path]:
    """The `companions` not encrypted: after encrypting, there should be none."""
    return [
        path
        for path in companions(data_file)
        if not is_encrypted(file_head(path, HEADER_LIMIT) or b"")
    ]


def convert_companions(
    data_file: Path, old: Key | None, new: Key | None, *, remove_copies: bool = False
) -> Companions:
    """`recode` each companion of `data_file` from `old` to `new`; or delete the copies.

    Drafts are always converted; safety copies and set-aside files are deleted
    instead when `remove_copies` is set. One file that fails leaves the rest to go on.
    """
    converted, removed, left = 0, 0, []
    drafts = drafts_path(data_file)
    for path in companions(data_file):
        try:
            if remove_copies and path != drafts:
                path.unlink(missing_ok=True)
                removed += 1
            elif recode(path, old, new):
                converted += 1
            else:
                left.append(path)
        except (OSError, ConversionError):
            left.append(path)
    return Companions(converted, removed, left)


def recode(path: Path, old: Key | None, new: Key | None) -> bool:
    """Rewrite the file at `path`, opened with `old` (or plain), as `new` (or plain), verified.

    Any bytes will do: a file set aside as unreadable is kept exactly as it was
    inside. False, and the file untouched, when it does not open with `old`.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    if is_encrypted(raw):
        if new is not None and header_kdf(raw) == new.kdf:
            return True  # already sealed with the new key
        try:
            plain = unseal(raw, old) if old is not None else None
        except EncryptedFileError:
            plain = None
        if plain is None:
            return False
    else:
        plain = raw
    written = plain if new is None else seal(plain, new)

    def same_bytes(on_disk: bytes) -> None:
        try:
            same = (on_disk if new is None else unseal(on_disk, new)) == plain
        except EncryptedFileError:
            same = False
        if not same:
            raise ConversionError(f"The converted copy of {path} did not read back as it was.")

    remove_stale_temp_files(path)
    atomic_write(path, written, check=same_bytes)
    return True
