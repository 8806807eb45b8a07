"""Encrypting the diary from Settings, the lock on every page, Lock now, a new passphrase, off."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import encrypted_file
from lib.diary import Diary
from lib.drafts import Draft
from lib.entries import PRACTICE_KEYS
from tests.apptest import THIS_WEEK, Closer
from tests.conftest import valid_entry
from tests.test_page_gate import FakeMonotonic
from ui import passcode_gate, session, views

PAGE = "pages/settings.py"
PHRASE = "lantern orchard velvet quiet"
NEW_PHRASE = "pebble compass thunder meadow"
NOTE = "we cooked dumplings by the river"
LOCKED = "🔒 Your diary is locked"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap scrypt cost: the file format's own tests use the real one."""
    monkeypatch.setattr(encrypted_file, "COST", 2**4)


@pytest.fixture
def written(closer: Closer) -> Closer:
    """A diary with a note in two weeks, a safety copy, a draft and a file set aside."""
    diary = closer.diary()
    diary.save_entry(valid_entry("2026-W46", 6, reflection=NOTE))
    diary.save_entry(valid_entry("2026-W47", 7, notes={"presence": NOTE}))
    diary.import_entries([valid_entry("2026-W47", 8, notes={"presence": NOTE})])
    ratings = dict.fromkeys(PRACTICE_KEYS, 4)
    notes = dict.fromkeys(PRACTICE_KEYS, "")
    diary.keep_draft(Draft(THIS_WEEK, ratings, notes, NOTE, None, diary._clock()))
    closer.db_path.with_name("closer.unreadable-20261101-120000.json").write_text(f"[{NOTE}")
    return closer


def restart() -> None:
    """As after the server restarts: no handle holds a key."""
    session._DIARIES.clear()


def button(at: AppTest, label: str):
    return next(found for found in at.button if found.label == label)


def texts(at: AppTest) -> str:
    return "\n".join(
        element.value for kind in (at.success, at.error, at.warning) for element in kind
    )


def encrypt(closer: Closer, first: str = PHRASE, again: str = PHRASE, sure: bool = True) -> AppTest:
    at = closer.open(PAGE)
    at.text_input(key="new_passphrase").input(first)
    at.text_input(key="new_passphrase_again").input(again)
    at.checkbox(key="encrypt_sure").set_value(sure)
    at.run()
    return button(at, "Encrypt my diary").click().run()


def unlock(at: AppTest, passphrase: str) -> AppTest:
    at.text_input(key="diary_passphrase").input(passphrase)
    return button(at, "Open my diary").click().run()


def plain_files(folder: Path) -> list[str]:
    return sorted(
        file.name
        for file in folder.rglob("*")
        if file.is_file() and NOTE.encode() in file.read_bytes()
    )


def test_encrypting_from_settings_leaves_no_note_plain_in_the_folder(written: Closer) -> None:
    folder = written.db_path.parent
    assert len(plain_files(folder)) == 4  # diary, drafts, a safety copy, a set-aside file
    at = encrypt(written)
    assert not at.exception
    assert "Your diary is encrypted" in texts(at)
    assert plain_files(folder) == []
    assert written.diary().is_locked()  # a new handle, as after a restart
    # The fields are emptied: the passphrase is kept nowhere.
    assert at.text_input(key="new_passphrase").value == ""
    assert at.session_state["new_passphrase_again"] == ""
    assert all(PHRASE not in repr(at.session_state[key]) for key in at.session_state)


def test_the_user_may_delete_the_safety_copies_instead(written: Closer) -> None:
    at = written.open(PAGE)
    assert at.radio(key="encrypt_copies").options == [
        "Encrypt with the same passphrase",
        "Delete",
    ]
    assert at.radio(key="encrypt_copies").label == "2 safety copies beside the diary"
    at.radio(key="encrypt_copies").set_value("Delete").run()
    at.text_input(key="new_passphrase").input(PHRASE)
    at.text_input(key="new_passphrase_again").input(PHRASE)
    at.checkbox(key="encrypt_sure").check().run()
    at = button(at, "Encrypt my diary").click().run()
    assert "Deleted 2 safety copies." in texts(at)
    assert not (written.db_path.parent / "backups").exists() or not list(
        (written.db_path.parent / "backups").iterdir()
    )
    assert plain_files(written.db_path.parent) == []


@pytest.mark.parametrize(
    ("first", "again", "said"),
    [
        (PHRASE, PHRASE + "s", "The two passphrases are not the same"),
        ("password1", "password1", "That passphrase is too easy to guess"),
        ("", "", "Type a passphrase"),
    ],
)
def test_a_passphrase_that_will_not_do_is_explained_and_nothing_changes(
    written: Closer, first: str, again: str, said: str
) -> None:
    before = written.db_path.read_bytes()
    at = encrypt(written, first, again)
    assert said in texts(at)
    assert written.db_path.read_bytes() == before


def test_the_lost_passphrase_sentence_must_be_confirmed_and_a_plain_backup_is_offered(
    written: Closer,
) -> None:
    at = written.open(PAGE)
    assert button(at, "Encrypt my diary").disabled
    assert "if I lose this passphrase, my diary is lost" in at.checkbox(key="encrypt_sure").label
    offered = [download.label for download in at.get("download_button")]
    assert "Download a plain backup first (JSON)" in offered


def test_the_strength_hint_follows_what_is_typed(closer: Closer) -> None:
    at = closer.open(PAGE)
    at.text_input(key="new_passphrase").input("password1").run()
    assert any("Strength: **Very weak**" in caption.value for caption in at.caption)
    at.text_input(key="new_passphrase").input(PHRASE).run()
    assert any("Strength: **Very strong**" in caption.value for caption in at.caption)


def test_after_a_restart_every_page_asks_and_only_the_right_passphrase_opens(
    written: Closer,
) -> None:
    encrypt(written)
    restart()
    for url in ("", "check-in", "journal", "data", "settings", "mystery"):
        at = written.open_url(url)
        assert [title.value for title in at.title] == [LOCKED], url
        assert not at.select_slider
        assert not at.metric
        assert not at.get("download_button")
        assert NOTE not in repr(at)
    at = unlock(written.open_url("journal"), "not the passphrase")
    assert "That passphrase does not open your diary" in texts(at)
    assert at.title[0].value == LOCKED
    at = unlock(at, PHRASE)
    assert not at.exception
    assert at.title[0].value != LOCKED
    assert written.open_url("journal").title[0].value != LOCKED  # the server holds the key


def test_wrong_passphrases_slow_down_like_wrong_passcodes(
    written: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeMonotonic()
    monkeypatch.setattr(passcode_gate, "clock", clock)
    encrypt(written)
    restart()
    at = written.open()
    for _ in range(3):
        at = unlock(at, "wrong")
        assert "That passphrase does not open your diary" in texts(at)
    at = unlock(at, "wrong")
    assert "Too many wrong tries. Try again in 2 seconds" in texts(at)
    at = unlock(at, PHRASE)  # even the right one waits its turn
    assert at.title[0].value == LOCKED
    assert "Closer did not check that one" in texts(at)
    clock.advance(2)
    at = unlock(at, PHRASE)
    assert at.title[0].value != LOCKED


def test_lock_now_locks_every_window(written: Closer) -> None:
    encrypt(written)
    other_tab = written.open("pages/journal.py")
    assert other_tab.title[0].value != LOCKED
    at = written.open()
    at = next(b for b in at.sidebar.button if b.label == "Lock now").click().run()
    assert at.title[0].value == LOCKED
    assert "every window now asks for it again" in texts(at)
    assert other_tab.run().title[0].value == LOCKED


def test_lock_now_drops_every_view_read_from_the_diary(
    written: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypt(written)
    built: list[int] = []
    real = views.journal.pages
    monkeypatch.setattr(views.journal, "pages", lambda entries: built.append(1) or real(entries))
    at = written.open("pages/journal.py")
    shown = session.diary().snapshot()
    views.journal_pages(shown)
    assert len(built) == 1  # built once, then kept for its revision
    next(b for b in at.sidebar.button if b.label == "Lock now").click().run()
    views.journal_pages(shown)
    assert len(built) == 2  # the kept one went with the key


def test_a_new_passphrase_needs_the_current_one_and_replaces_it(written: Closer) -> None:
    encrypt(written)
    at = written.open(PAGE)
    at.text_input(key="current_passphrase").input("not it")
    at.text_input(key="new_passphrase").input(NEW_PHRASE)
    at.text_input(key="new_passphrase_again").input(NEW_PHRASE)
    at = button(at, "Change the passphrase").click().run()
    assert "The current passphrase is not right" in texts(at)
    at.text_input(key="current_passphrase").input(PHRASE)
    at.text_input(key="new_passphrase").input(NEW_PHRASE)
    at.text_input(key="new_passphrase_again").input(NEW_PHRASE)
    at = button(at, "Change the passphrase").click().run()
    assert "The passphrase is changed" in texts(at)
    assert plain_files(written.db_path.parent) == []
    restart()
    at = unlock(written.open(), PHRASE)
    assert at.title[0].value == LOCKED
    at = unlock(at, NEW_PHRASE)
    assert at.title[0].value != LOCKED


def test_turning_encryption_off_needs_the_passphrase_and_a_yes(written: Closer) -> None:
    encrypt(written)
    at = written.open(PAGE)
    assert button(at, "Turn encryption off").disabled
    at.text_input(key="current_passphrase_off").input(PHRASE)
    at.checkbox(key="decrypt_sure").check().run()
    at = button(at, "Turn encryption off").click().run()
    assert "your diary is a plain file again" in texts(at)
    assert not Diary.open(written.db_path).is_encrypted()
    assert "Encrypt my diary" in [header.value for header in at.header]
    restart()
    assert written.open().title[0].value != LOCKED


def test_sample_mode_points_to_the_users_own_diary(closer: Closer) -> None:
    at = closer.open()
    session_button = next(b for b in at.button if "sample" in b.label.lower())
    at = session_button.click().run()
    at.switch_page(PAGE).run()
    assert any("Leave the sample data" in caption.value for caption in at.caption)
    assert not [field for field in at.text_input if field.key == "new_passphrase"]


def test_a_damaged_diary_opens_with_its_passphrase_to_the_recovery_page(written: Closer) -> None:
    encrypt(written)
    raw = bytearray(written.db_path.read_bytes())
    raw[-10] = ord("A") if raw[-10] != ord("A") else ord("B")  # the ciphertext, still base64
    written.db_path.write_bytes(bytes(raw))
    restart()
    at = unlock(written.open(), PHRASE)
    assert at.title[0].value == "⚠️ Closer cannot open your diary"
    assert "changed or damaged after Closer wrote it" in "\n".join(
        element.value for element in at.error
    )
    at = at.button(key="recover_restore").click().run()
    assert at.title[0].value != LOCKED
    assert "Restored the safety copy" in texts(at)
    assert plain_files(written.db_path.parent) == []


def test_a_diary_locked_from_another_tab_meanwhile_is_said_so_not_a_crash(
    written: Closer,
) -> None:
    encrypt(written)
    written.db_path.with_name("closer.drafts.json").write_text('{"drafts": {}}')  # left plain
    at = written.open(PAGE)
    assert button(at, "Encrypt them now")
    session.diary().lock()  # Lock now in another tab, before this click
    at = button(at, "Encrypt them now").click().run()
    assert not at.exception
    assert at.title[0].value == LOCKED
