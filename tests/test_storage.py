"""The storages: tables read and written whole, and a file that is never left half-written."""

import errno
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tinydb.storages import Storage

from lib import atomic
from lib.errors import DataFileError
from lib.storage import AtomicJSONStorage, MemoryStorage

TABLES = {
    "entries": {"202648": {"week": "2026-W48", "note": "Café ☕"}},
    "settings": {"1": {"partner_name": "Sam", "partner_pronoun": "she"}},
}
HEADER = {"1": {"app": "closer", "schema_version": 1}}


@pytest.fixture(params=["memory", "json"])
def storage(request: pytest.FixtureRequest, path: Path) -> Iterator[Storage]:
    """Each storage the diary can use: in memory, and in a JSON file in `tmp_path`."""
    kept: Storage = MemoryStorage() if request.param == "memory" else AtomicJSONStorage(path)
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
