"""An encrypted diary through the Diary's own verbs: encrypt, lock, unlock, re-key, decrypt."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib import encrypted_file
from lib.diary import Diary
from lib.encrypted_file import EncryptedFileError
from lib.errors import DataFileError, DiaryLockedError, SaveError
from lib.weeks import IsoWeek
from tests.conftest import EntryFactory, FakeClock
from tests.test_drafts import a_draft

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


def test_another_server_changing_the_passphrase_locks_this_one(
    path: Path, encrypted: Diary, clock: FakeClock
) -> None:
    other = Diary.open(path, clock=clock)
    other.unlock(PHRASE)
    other.change_passphrase("a brand new passphrase")
    # This server's key was made for the old salt: it asks again, never misreads.
    assert encrypted.is_locked()
    with pytest.raises(DiaryLockedError):
        encrypted.snapshot()
    encrypted.unlock("a brand new passphrase")
    assert not encrypted.is_locked()


def test_whether_it_is_locked_is_told_from_the_header_alone(
    path: Path, encrypted: Diary, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted.lock()
    # A page asks on every run: only the header's bytes are read for it.
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read all of {self}"))
    assert encrypted.is_locked()
    assert encrypted.is_encrypted()


def test_a_backup_sealed_with_the_diary_opens_without_asking_and_others_need_theirs(
    path: Path, encrypted: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    sealed = encrypted.seal_copy(b'{"entries": {}}')
    assert b"entries" not in sealed
    assert encrypted.open_sealed(sealed) == b'{"entries": {}}'
    other = Diary.open(tmp_path / "other" / "closer.json", clock=clock)
    with pytest.raises(EncryptedFileError, match="Enter its passphrase"):
        other.open_sealed(sealed)
    with pytest.raises(EncryptedFileError, match="The passphrase is wrong"):
        other.open_sealed(sealed, "not it")
    assert other.open_sealed(sealed, PHRASE) == b'{"entries": {}}'


def test_a_locked_diary_seals_nothing(encrypted: Diary) -> None:
    encrypted.lock()
    with pytest.raises(EncryptedFileError, match="not unlocked"):
        encrypted.seal_copy(b"{}")


def test_it_tells_a_file_that_opens_without_asking_from_one_that_needs_its_passphrase(
    path: Path, encrypted: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    sealed = encrypted.seal_copy(b"{}")
    assert encrypted.opens_without_passphrase(sealed)
    plain = Diary.open(tmp_path / "plain" / "closer.json", clock=clock)
    assert not plain.opens_without_passphrase(sealed)
    encrypted.change_passphrase("a brand new passphrase")
    assert not encrypted.opens_without_passphrase(sealed), "made before the passphrase changed"
    with pytest.raises(EncryptedFileError, match="header is damaged"):
        encrypted.opens_without_passphrase(sealed.replace(b'"AES-256-GCM"', b'"ROT13"'))


# The files beside the diary follow it: drafts, safety copies, files set aside.

NOTE = "we cooked dumplings by the river"


def every_file(folder: Path) -> dict[Path, bytes]:
    return {file: file.read_bytes() for file in folder.rglob("*") if file.is_file()}


@pytest.fixture
def full_folder(path: Path, diary: Diary, entry_factory: EntryFactory, clock: FakeClock) -> Diary:
    """A plain diary with a note in the file, a safety copy, a draft and a set-aside file."""
    diary.save_entry(entry_factory("2026-W46", 6, reflection=NOTE))
    diary.save_entry(entry_factory("2026-W47", 7, reflection=NOTE))
    diary.delete_entry(IsoWeek.parse("2026-W47"))  # a safety copy holding both weeks
    diary.keep_draft(a_draft(IsoWeek.parse("2026-W48"), reflection=NOTE))
    path.with_name("closer.unreadable-20261101-120000.json").write_text(f"[{NOTE}")
    assert sum(NOTE.encode() in raw for raw in every_file(path.parent).values()) == 4
    return diary


def test_encrypting_leaves_no_word_of_the_diary_plain_in_its_folder(
    path: Path, full_folder: Diary, clock: FakeClock
) -> None:
    done = full_folder.encrypt(PHRASE)
    assert (done.converted, done.removed, done.left) == (3, 0, [])
    for file, raw in every_file(path.parent).items():
        assert NOTE.encode() not in raw, file
        assert b"dumplings" not in raw, file
    assert full_folder.plain_companions() == []
    # After a restart and the passphrase, the draft and the copy open as they were.
    again = Diary.open(path, clock=clock)
    again.unlock(PHRASE)
    assert again.drafts()[IsoWeek.parse("2026-W48")].reflection == NOTE
    again.restore_safety_copy(again.safety_copies()[0].path)
    assert [str(entry.week) for entry in again.snapshot().entries] == ["2026-W46", "2026-W47"]


def test_the_user_may_delete_the_copies_instead(path: Path, full_folder: Diary) -> None:
    done = full_folder.encrypt(PHRASE, remove_copies=True)
    assert (done.converted, done.removed) == (1, 2)  # the drafts kept, encrypted
    assert full_folder.safety_copies() == []
    assert not list(path.parent.glob("closer.unreadable-*"))
    assert all(NOTE.encode() not in raw for raw in every_file(path.parent).values())
    assert full_folder.drafts()[IsoWeek.parse("2026-W48")].reflection == NOTE


def test_a_new_passphrase_and_turning_it_off_take_the_companions_along(
    path: Path, full_folder: Diary, clock: FakeClock
) -> None:
    full_folder.encrypt(PHRASE)
    full_folder.change_passphrase("a brand new passphrase")
    again = Diary.open(path, clock=clock)
    again.unlock("a brand new passphrase")
    assert again.drafts()[IsoWeek.parse("2026-W48")].reflection == NOTE
    again.restore_safety_copy(again.safety_copies()[-1].path)
    done = again.decrypt()
    assert done.left == []
    plain = [file for file, raw in every_file(path.parent).items() if NOTE.encode() in raw]
    assert len(plain) >= 4  # the diary, the drafts, the set-aside file and the copies


def test_a_conversion_cut_short_is_found_and_finished(path: Path, full_folder: Diary) -> None:
    full_folder.encrypt(PHRASE)
    leftover = path.with_name("closer.drafts.json")
    leftover.write_text('{"drafts": {}}')  # as if the run stopped before the drafts
    assert full_folder.plain_companions() == [leftover]
    assert full_folder.encrypt_companions().left == []
    assert full_folder.plain_companions() == []
    assert full_folder.drafts() == {}


def test_a_copy_under_another_passphrase_is_refused_in_words(
    path: Path, full_folder: Diary, clock: FakeClock
) -> None:
    full_folder.encrypt(PHRASE)
    copy = full_folder.safety_copies()[0].path
    full_folder.decrypt()
    copy.write_bytes(
        encrypted_file.seal(b"{}", encrypted_file.derive_key("x", encrypted_file.Kdf.new()))
    )
    with pytest.raises(DataFileError, match="is encrypted and cannot be opened"):
        full_folder.restore_safety_copy(copy)


def test_an_empty_diary_can_be_encrypted_before_its_first_save(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.encrypt(PHRASE)
    assert diary.is_encrypted()
    diary.save_entry(entry_factory("2026-W47", 7, reflection=NOTE))
    assert NOTE.encode() not in path.read_bytes()


def test_the_passphrase_is_checked_against_the_open_diary(encrypted: Diary) -> None:
    assert encrypted.check_passphrase(PHRASE)
    assert not encrypted.check_passphrase("correct horse battery stapler")
    assert not encrypted.check_passphrase("")
    encrypted.lock()
    assert not encrypted.check_passphrase(PHRASE)


# A damaged encrypted diary: the passphrase still opens the way to its safety copies.


def damage(path: Path, at: int) -> None:
    changed = bytearray(path.read_bytes())
    # Another base64 letter: the file still parses, and must still be refused.
    changed[at] = ord("A") if changed[at] != ord("A") else ord("B")
    path.write_bytes(bytes(changed))


@pytest.mark.parametrize("where", [b'"nonce": "', b'"salt": "', b"\n"])
def test_a_damaged_diary_opens_to_its_safety_copies_with_the_right_passphrase(
    path: Path, full_folder: Diary, clock: FakeClock, where: bytes
) -> None:
    full_folder.encrypt(PHRASE)
    damage(path, path.read_bytes().index(where) + len(where) + 3)  # header, or body
    again = Diary.open(path, clock=clock)
    assert again.is_locked()
    with pytest.raises(EncryptedFileError):
        again.unlock("not the passphrase")
    assert again.is_locked()
    again.unlock(PHRASE)  # a safety copy opened with it: the passphrase is right
    with pytest.raises(DataFileError, match=r"changed or damaged|header is damaged"):
        again.snapshot()
    again.recover_from_copy(again.safety_copies()[0].path)
    assert [str(entry.week) for entry in again.snapshot().entries] == ["2026-W46", "2026-W47"]
    assert NOTE.encode() not in path.read_bytes()


def test_a_damaged_diary_without_copies_is_refused_as_before(
    path: Path, encrypted: Diary, clock: FakeClock
) -> None:
    damage(path, -10)
    again = Diary.open(path, clock=clock)
    with pytest.raises(EncryptedFileError, match="or the file was changed"):
        again.unlock(PHRASE)
    assert again.is_locked()
