"""The storages: tables read and written whole, and a file that is never left half-written."""

import errno
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tinydb.storages import Storage

from lib import atomic, encrypted_file
from lib.encrypted_file import Kdf, derive_key
from lib.errors import DataFileError, DiaryLockedError
from lib.storage import AtomicJSONStorage, MemoryStorage

TABLES = {
    "entries": {"202648": {"week": "2026-W48", "note": "Café ☕"}},
    "settings": {"1": {"partner_name": "Sam", "partner_pronoun": "she"}},
}
HEADER = {"1": {"app": "closer", "schema_version": 1}}


# A cheap scrypt cost: the file format's own tests use the real one.
KEY = derive_key("correct horse battery staple", Kdf(n=2**4, r=8, p=1, salt=b"s" * 16))


@pytest.fixture(params=["memory", "json", "encrypted"])
def storage(request: pytest.FixtureRequest, path: Path) -> Iterator[Storage]:
    """Each storage the diary can use: in memory, in a JSON file, in an encrypted file."""
    kept: Storage = {
        "memory": MemoryStorage,
        "json": lambda: AtomicJSONStorage(path),
        "encrypted": lambda: AtomicJSONStorage(path, KEY),
    }[request.param]()
    yield kept
    kept.close()


def test_a_new_storage_holds_nothing_yet(storage: Storage) -> None:
    assert storage.read() is None


def test_what_is_written_is_read_back(storage: Storage) -> None:
    storage.write(TABLES)
    assert {name: table for name, table in (storage.read() or {}).items() if name != "meta"} == (
        TABLES
    )
    storage.write({"entries": {}})
    assert (storage.read() or {}).get("entries") == {}


def test_the_file_gets_the_header_and_one_document_per_line(path: Path) -> None:
    AtomicJSONStorage(path).write(TABLES)
    raw = path.read_bytes()
    assert json.loads(raw) == {**TABLES, "meta": HEADER}
    assert '  "202648": {"note": "Café ☕", "week": "2026-W48"}'.encode() in raw.split(b"\n")


def test_reading_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "not-yet" / "closer.json"
    assert AtomicJSONStorage(path).read() is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.mkdir(), "is a folder, not a file."),
        (lambda path: path.write_bytes(b""), "is empty, though a Closer diary never is."),
        (lambda path: path.write_bytes(b'{"_default": {}}'), "it has no Closer header"),
    ],
    ids=["folder", "empty", "tinydb-default"],
)
def test_a_file_that_cannot_be_read_is_a_data_file_error(
    path: Path, make: Callable[[Path], object], message: str
) -> None:
    make(path)
    with pytest.raises(DataFileError, match=message) as caught:
        AtomicJSONStorage(path).read()
    assert caught.value.path == path


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = AtomicJSONStorage(path)
    storage.write(TABLES)
    before = path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        storage.write({"entries": {}})
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(item.name for item in path.parent.iterdir()) == ["closer.json"]


def test_a_write_removes_temp_files_a_killed_writer_left(path: Path) -> None:
    leftover = path.with_name(".closer.json.abc123.tmp")
    leftover.write_bytes(b'{"half": ')
    AtomicJSONStorage(path).write(TABLES)
    assert not leftover.exists()
    assert json.loads(path.read_bytes())["entries"] == TABLES["entries"]


# Encrypted: nothing plain on disk, and nothing opens without the key.


def test_with_a_key_no_byte_of_the_diary_is_plain_on_disk(path: Path) -> None:
    AtomicJSONStorage(path, KEY).write(TABLES)
    raw = path.read_bytes()
    assert encrypted_file.is_encrypted(raw)
    for secret in (b"Sam", "Café".encode(), b"2026-W48", b"partner_name"):
        assert secret not in raw


def test_an_encrypted_file_stays_shut_without_its_key(path: Path) -> None:
    AtomicJSONStorage(path, KEY).write(TABLES)
    before = path.read_bytes()
    with pytest.raises(DiaryLockedError, match=r"is encrypted\. Enter its passphrase"):
        AtomicJSONStorage(path).read()
    other = derive_key("another passphrase", KEY.kdf)
    with pytest.raises(DataFileError, match="no longer opens with its passphrase"):
        AtomicJSONStorage(path, other).read()
    assert path.read_bytes() == before


def test_a_second_line_that_is_not_base64_is_called_damaged(path: Path) -> None:
    AtomicJSONStorage(path, KEY).write(TABLES)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\n*", 1))
    with pytest.raises(DataFileError, match="its second line is not whole"):
        AtomicJSONStorage(path, KEY).read()


def test_a_changed_byte_in_an_encrypted_file_is_refused_whole(path: Path) -> None:
    AtomicJSONStorage(path, KEY).write(TABLES)
    changed = bytearray(path.read_bytes())
    changed[-10] = ord("A") if changed[-10] != ord("A") else ord("B")  # still base64
    path.write_bytes(bytes(changed))
    with pytest.raises(DataFileError, match="changed or damaged after Closer wrote it"):
        AtomicJSONStorage(path, KEY).read()


def test_a_plain_file_still_reads_with_a_key_and_is_written_encrypted(path: Path) -> None:
    AtomicJSONStorage(path).write(TABLES)
    storage = AtomicJSONStorage(path, KEY)
    tables = storage.read() or {}
    assert tables["settings"] == TABLES["settings"]
    storage.write(tables)
    assert encrypted_file.is_encrypted(path.read_bytes())
