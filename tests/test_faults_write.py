"""Write failures on the check-in page: a clear message, the form kept, the file unchanged."""

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib import atomic
from lib.checkin import widget_key
from lib.diary import Diary
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, TODAY, Closer, clear_streamlit_caches, open_notes, rate_all

PAGE = "pages/check-in.py"
UMOUNT = ["/usr/bin/umount"]


def fill_and_save(closer: Closer):
    at = open_notes(rate_all(closer.open(PAGE), THIS_WEEK, 9))
    at.text_area(key=widget_key(THIS_WEEK, "note", "mystery")).input("Kept after a failure")
    at.run()
    return at.button(key="save").click().run()


def assert_form_kept(at) -> None:
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "mystery")).value == 9
    note = at.text_area(key=widget_key(THIS_WEEK, "note", "mystery")).value
    assert note == "Kept after a failure"


@pytest.mark.parametrize(
    ("where", "code", "message"),
    [
        ("replace", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EROFS, "the disk is read-only"),
        ("replace", errno.EACCES, "not allowed to write there"),
    ],
)
def test_injected_write_failure_is_explained_and_changes_nothing(
    closer: Closer, monkeypatch: pytest.MonkeyPatch, where: str, code: int, message: str
) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK.shifted(-1), dict.fromkeys(PRACTICE_KEYS, 4)))
    before = closer.db_path.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, where, fail)
    at = fill_and_save(closer)
    monkeypatch.undo()
    assert not at.exception
    assert any(message in error.value.replace("\\", "") for error in at.error)
    assert_form_kept(at)
    assert closer.db_path.read_bytes() == before
    assert sorted(p.name for p in closer.db_path.parent.iterdir()) == [
        "closer.json",
        "closer.json.lock",
    ]


@pytest.fixture
def read_only_diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Closer]:
    """A real read-only folder holding a diary (a read-only bind mount; needs root)."""
    source, mounted = tmp_path / "source", tmp_path / "mounted"
    source.mkdir()
    mounted.mkdir()
    Diary.open(source / "closer.json").save_entry(
        make_entry(THIS_WEEK.shifted(-1), dict.fromkeys(PRACTICE_KEYS, 4))
    )
    (source / "closer.json.lock").unlink()
    commands = [
        ["/usr/bin/mount", "--bind", str(source), str(mounted)],
        ["/usr/bin/mount", "-o", "remount,bind,ro", str(mounted)],
    ]
    try:
        for command in commands:
            subprocess.run(command, check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        subprocess.run([*UMOUNT, str(mounted)], capture_output=True, timeout=10, check=False)
        pytest.skip("a read-only folder needs a bind mount, which needs root")
    monkeypatch.setenv("CLOSER_DB", str(mounted / "closer.json"))
    monkeypatch.setenv("CLOSER_TODAY", TODAY.isoformat())
    clear_streamlit_caches()
    try:
        yield Closer(mounted / "closer.json")
    finally:
        clear_streamlit_caches()
        subprocess.run([*UMOUNT, str(mounted)], capture_output=True, timeout=10, check=False)


def test_a_real_read_only_folder_still_reads_and_refuses_saves_clearly(
    read_only_diary: Closer,
) -> None:
    before = read_only_diary.db_path.read_bytes()
    home = read_only_diary.open()
    assert not home.exception
    assert any(item.label == "Weeks checked in" and item.value == "1" for item in home.metric)
    at = fill_and_save(read_only_diary)
    assert not at.exception
    assert any("read-only" in error.value.replace("\\", "") for error in at.error)
    assert_form_kept(at)
    assert read_only_diary.db_path.read_bytes() == before
