"""An encrypted diary through the Diary's own verbs: encrypt, lock, unlock, re-key, decrypt."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib import encrypted_file
from lib.diary import Diary
from lib.encrypted_file import EncryptedFileError
from lib.errors import DiaryLockedError, SaveError
from tests.conftest import EntryFactory, FakeClock

PHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap scrypt cost: the file format's own tests use the real one."""
    monkeypatch.setattr(encrypted_file, "COST", 2**4)


@pytest.fixture
def encrypted(path: Path, diary: Diary, entry_factory: EntryFactory) -> Diary:
    diary.save_entry(entry_factory("2026-W47", 7, reflection="a quiet river walk"))
    diary.encrypt(PHRASE)
    return diary


def test_encrypting_keeps_the_diary_open_here_and_nothing_plain_on_disk(
    path: Path, encrypted: Diary
) -> None:
    assert encrypted.is_encrypted()
    assert not encrypted.is_locked()
    assert b"river" not in path.read_bytes()
    assert encrypted.snapshot().entries[0].reflection == "a quiet river walk"


def test_a_new_process_meets_a_locked_diary_until_the_right_passphrase(
    path: Path, encrypted: Diary, clock: FakeClock
) -> None:
    other = Diary.open(path, clock=clock)  # as after a restart
    assert other.is_locked()
    with pytest.raises(DiaryLockedError):
        other.snapshot()
    with pytest.raises(EncryptedFileError, match="The passphrase is wrong"):
        other.unlock("correct horse battery stapler")
    assert other.is_locked()
    other.unlock(PHRASE)
    assert other.snapshot().entries[0].reflection == "a quiet river walk"


def test_lock_now_forgets_the_key(encrypted: Diary) -> None:
    encrypted.lock()
    assert encrypted.is_locked()
    with pytest.raises(DiaryLockedError):
        encrypted.snapshot()


def test_saves_while_unlocked_stay_encrypted(
    path: Path, encrypted: Diary, entry_factory: EntryFactory
) -> None:
    encrypted.save_entry(entry_factory("2026-W48", 5, reflection="sea swim"))
    assert b"sea swim" not in path.read_bytes()
    assert encrypted.is_encrypted()


def test_a_new_passphrase_replaces_the_old_one(
    path: Path, encrypted: Diary, clock: FakeClock
) -> None:
    encrypted.change_passphrase("a brand new passphrase")
    other = Diary.open(path, clock=clock)
    with pytest.raises(EncryptedFileError, match="The passphrase is wrong"):
        other.unlock(PHRASE)
    other.unlock("a brand new passphrase")
    assert len(other.snapshot().entries) == 1


def test_turning_encryption_off_writes_the_plain_diary_back(path: Path, encrypted: Diary) -> None:
    encrypted.decrypt()
    assert not encrypted.is_encrypted()
    assert b"a quiet river walk" in path.read_bytes()


def test_a_plain_diary_cannot_be_unlocked_or_re_keyed(diary: Diary, entry_factory) -> None:
    diary.save_entry(entry_factory("2026-W47", 7))
    with pytest.raises(EncryptedFileError, match="not encrypted"):
        diary.unlock(PHRASE)
    with pytest.raises(EncryptedFileError, match="not encrypted"):
        diary.change_passphrase(PHRASE)


def test_a_diary_in_memory_is_never_encrypted() -> None:
    memory = Diary.in_memory()
    assert not memory.is_encrypted()
    with pytest.raises(SaveError, match="only in memory"):
        memory.encrypt(PHRASE)
