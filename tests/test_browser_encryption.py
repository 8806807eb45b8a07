"""In a real browser: encrypt the diary, the lock on every address, Lock now, a new passphrase, off.

Issue 17's journey. Its own module and its own server: a served Closer keeps
an encrypted diary's key in memory, which emptying the shared server's folder
would not forget. Each passphrase tried costs the real scrypt (about 0.75 s).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from lib.diary import Diary
from lib.drafts import Draft
from lib.entries import PRACTICE_KEYS
from tests.apptest import THIS_WEEK, TODAY
from tests.browser import Server, open_page, rerun, serving, settle
from tests.conftest import START, valid_entry
from ui import diary_gate

PHRASE = "lantern orchard velvet quiet"
NEW_PHRASE = "pebble compass thunder meadow"
NOTE = "we cooked dumplings by the river"
REFLECTION = "a slow Sunday flying kites on the dunes"
DRAFTED = "half a thought about the lake house"
SECRETS = (NOTE, REFLECTION, DRAFTED)
LOCKED = "🔒 Your diary is locked"
WRONG = diary_gate.WRONG
ADDRESSES = ("", "check-in", "journal", "data", "settings", "mystery")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A Closer of this test's own on a plain diary: notes, a reflection, a safety copy, a draft."""
    folder = tmp_path / "diary"
    folder.mkdir()
    diary = Diary.open(folder / "closer.json")
    diary.save_entry(valid_entry("2026-W46", 6, reflection=REFLECTION))
    diary.save_entry(valid_entry("2026-W47", 7, notes={"presence": NOTE}))
    # Importing a saved week replaces it, so Closer takes a safety copy first.
    diary.import_entries([valid_entry("2026-W47", 8, notes={"presence": NOTE})])
    diary.keep_draft(
        Draft(
            THIS_WEEK,
            dict.fromkeys(PRACTICE_KEYS, 4),
            dict.fromkeys(PRACTICE_KEYS, ""),
            DRAFTED,
            None,
            START,
        )
    )
    diary.close()
    assert len(files_holding_secrets(folder)) == 3  # the diary, its safety copy, the drafts
    running = Server(
        db_path=folder / "closer.json", log_path=tmp_path / "streamlit.log", today=TODAY
    )
    with serving(running) as started:
        yield started


def files_holding_secrets(folder: Path) -> list[str]:
    """The files under `folder`, at any depth, in which a note, reflection or draft is readable."""
    return sorted(
        str(file.relative_to(folder))
        for file in folder.rglob("*")
        if file.is_file() and any(secret.encode() in file.read_bytes() for secret in SECRETS)
    )


def commit(page: Page, label: str, text: str, within: Locator | None = None) -> None:
    """Type `text` into the field labelled `label` and leave it by Tab, as people do.

    Tab goes first to the field's Show button, inside the field's own box; the page
    sends the field when focus leaves it. The new passphrase's field reruns the page
    (its strength hint); the others are sent without a rerun.
    """
    field = (within or page).get_by_label(label, exact=True)
    field.fill(text)
    if label in ("Passphrase", "New passphrase"):
        with rerun(page):
            field.press("Tab")
    else:
        field.press("Tab")
        expect(field).not_to_be_focused()


def expect_locked(page: Page) -> None:
    """Only the lock screen: its title and prompt, no page list, nothing from the diary."""
    expect(page.get_by_role("heading", level=1)).to_have_text(LOCKED)
    expect(page.get_by_label("Passphrase", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Open my diary")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_role("link", name="Journal")).to_have_count(0)
    html = page.content()
    assert not [secret for secret in SECRETS if secret in html], page.url


def unlock(page: Page, passphrase: str) -> None:
    """Enter `passphrase` at the lock screen and wait for the run it starts."""
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    with rerun(page):
        page.get_by_role("button", name="Open my diary").click()


def expect_open_journal(page: Page) -> None:
    """The journal, with the saved note and reflection in it."""
    expect(page.get_by_role("heading", level=1)).to_have_text("📖 Journal")
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_text(REFLECTION)).to_be_visible()


def test_encrypting_locks_every_address_until_the_passphrase_is_given(
    new_browser_page: Callable[..., Page], server: Server
) -> None:
    folder = server.db_path.parent
    page = new_browser_page(viewport={"width": 1280, "height": 900})
    open_page(page, server, "settings")
    expect(page.get_by_role("heading", name="Encrypt my diary")).to_be_visible()
    expect(page.get_by_role("button", name="Download a plain backup first (JSON)")).to_be_visible()

    commit(page, "Passphrase", PHRASE)
    expect(page.get_by_text(re.compile(r"^Strength: Very strong \(4 of 4\)\."))).to_be_visible()
    commit(page, "Passphrase, again", PHRASE)
    copies = page.get_by_role("radiogroup", name="1 safety copy beside the diary")
    expect(copies.get_by_role("radio", name="Encrypt with the same passphrase")).to_be_checked()
    encrypt = page.get_by_role("button", name="Encrypt my diary")
    expect(encrypt).to_be_disabled()
    with rerun(page):
        page.get_by_text("I understand: if I lose this passphrase, my diary is lost.").click()
    with rerun(page):
        encrypt.click()
    expect(page.get_by_text("Your diary is encrypted.")).to_be_visible()
    expect(page.get_by_role("heading", name="Encryption", exact=True)).to_be_visible()
    assert files_holding_secrets(folder) == []
    assert list(folder.glob("backups/*")), "the safety copy is kept, encrypted"

    server.restart()
    for address in ADDRESSES:
        open_page(page, server, address)
        expect_locked(page)
    expect(page).to_have_title("Locked · Closer")

    open_page(page, server, "journal")
    unlock(page, "lantern orchard velvet")
    expect(page.get_by_text(WRONG)).to_be_visible()
    expect_locked(page)
    unlock(page, PHRASE)
    expect_open_journal(page)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Your diary is encrypted")


def test_lock_now_locks_every_tab_and_the_passphrase_opens_it_again(
    new_browser_page: Callable[..., Page], server: Server
) -> None:
    Diary.open(server.db_path).encrypt(PHRASE)  # as another Closer on this file would
    page = new_browser_page(viewport={"width": 1280, "height": 900})
    open_page(page, server, "journal")
    expect_locked(page)
    unlock(page, PHRASE)
    expect_open_journal(page)
    other_tab = new_browser_page(viewport={"width": 1280, "height": 900})
    open_page(other_tab, server, "journal")
    expect_open_journal(other_tab)  # the server holds the key for every session

    with rerun(page):
        page.get_by_test_id("stSidebar").get_by_role("button", name="Lock now").click()
    expect_locked(page)
    expect(page.get_by_text("every window now asks for it again")).to_be_visible()
    # The other tab, untouched, runs again at once and drops the journal it showed.
    expect_locked(other_tab)

    unlock(other_tab, PHRASE)
    expect(other_tab.get_by_role("heading", level=1)).not_to_have_text(LOCKED)
    page.reload()  # a new session: the key is the server's, not the tab's
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("📖 Journal")


def test_a_new_passphrase_replaces_the_old_and_turning_encryption_off_leaves_plain_json(
    new_browser_page: Callable[..., Page], server: Server
) -> None:
    Diary.open(server.db_path).encrypt(PHRASE)
    page = new_browser_page(viewport={"width": 1280, "height": 900})
    open_page(page, server, "settings")
    unlock(page, PHRASE)
    expect(page.get_by_role("heading", name="Encryption", exact=True)).to_be_visible()

    change = page.get_by_test_id("stExpander").filter(has_text="Change the passphrase")
    change.locator("summary").click()
    commit(page, "Current passphrase", PHRASE, within=change)
    commit(page, "New passphrase", NEW_PHRASE, within=change)
    commit(page, "New passphrase, again", NEW_PHRASE, within=change)
    with rerun(page):
        change.get_by_role("button", name="Change the passphrase").click()
    expect(page.get_by_text("The passphrase is changed.")).to_be_visible()
    assert files_holding_secrets(server.db_path.parent) == []

    server.restart()
    open_page(page, server, "settings")
    unlock(page, PHRASE)
    expect(page.get_by_text(WRONG)).to_be_visible()
    expect_locked(page)
    unlock(page, NEW_PHRASE)
    expect(page.get_by_role("heading", name="Encryption", exact=True)).to_be_visible()

    off = page.get_by_test_id("stExpander").filter(has_text="Turn encryption off")
    off.locator("summary").click()
    commit(page, "Current passphrase", NEW_PHRASE, within=off)
    with rerun(page):
        off.get_by_text("Yes, store my diary unencrypted").click()
    with rerun(page):
        off.get_by_role("button", name="Turn encryption off").click()
    expect(page.get_by_text("Encryption is off: your diary is a plain file again.")).to_be_visible()
    expect(page.get_by_role("heading", name="Encrypt my diary")).to_be_visible()
    stored = json.loads(server.db_path.read_text(encoding="utf-8"))
    assert NOTE in json.dumps(stored["entries"])

    server.restart()
    open_page(page, server, "journal")
    expect_open_journal(page)
    expect(page.get_by_text(LOCKED)).to_have_count(0)
