"""Atomic writes: a crash or a failure leaves the old file or the new one, never a torn one."""

import errno
import os
from pathlib import Path

import pytest

from lib import atomic
from lib.atomic import atomic_write, remove_stale_temp_files


def test_a_write_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "closer.json"
    atomic_write(path, b"old")
    atomic_write(path, "new ☕".encode())
    assert path.read_bytes() == "new ☕".encode()
    assert [item.name for item in tmp_path.iterdir()] == ["closer.json"]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "closer.json"
    atomic_write(path, b"old")

    def fail(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, step, fail)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert [item.name for item in tmp_path.iterdir()] == ["closer.json"]


def test_only_temp_files_of_that_file_are_removed_as_stale(tmp_path: Path) -> None:
    path = tmp_path / "closer.json"
    stale = [tmp_path / ".closer.json.a1b2.tmp", tmp_path / ".closer.json.zz.tmp"]
    kept = [tmp_path / ".other.json.a1b2.tmp", tmp_path / "closer.json.tmp", path]
    for item in stale + kept:
        item.write_bytes(b"x")
    remove_stale_temp_files(path)
    assert sorted(item.name for item in tmp_path.iterdir()) == sorted(item.name for item in kept)


def test_a_check_sees_the_new_file_as_written_and_can_keep_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "closer.json"
    path.write_bytes(b"old")
    seen: list[bytes] = []
    atomic_write(path, b"new", check=seen.append)
    assert seen == [b"new"]
    assert path.read_bytes() == b"new"

    def refuse(written: bytes) -> None:
        raise ValueError("not the diary")

    with pytest.raises(ValueError, match="not the diary"):
        atomic_write(path, b"newer", check=refuse)
    assert path.read_bytes() == b"new"
    assert [item.name for item in tmp_path.iterdir()] == ["closer.json"]
