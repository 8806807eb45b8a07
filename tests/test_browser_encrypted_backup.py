"""In a real browser: an encrypted diary's backup, downloaded sealed, restored with its passphrase.

Issue 17's exports. Its own server: a served Closer keeps an encrypted diary's
key in memory, which emptying the shared server's folder would not forget.
Each passphrase tried costs the real scrypt (about half a second).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib.diary import Diary
from lib.encrypted_file import is_encrypted
from tests.accessibility import page_problems
from tests.apptest import TODAY
from tests.browser import Server, open_page, rerun, serving
from tests.conftest import valid_entry
from ui.data_sections import ENCRYPTED_OPEN
from ui.texts import CSV_NOT_ENCRYPTED

PHRASE = "lantern orchard velvet quiet"
OTHER_PHRASE = "pebble compass thunder meadow"
NOTE = "we cooked dumplings by the river"
WRONG = "The passphrase is wrong, or the file was changed after Closer wrote it."
FIELD = "Passphrase of this backup"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A Closer of this test's own on a diary encrypted with PHRASE, a note in it."""
    folder = tmp_path / "diary"
    folder.mkdir()
    diary = Diary.open(folder / "closer.json")
    diary.save_entry(valid_entry("2026-W46", 6, notes={"presence": NOTE}))
    diary.encrypt(PHRASE)
    diary.close()
    running = Server(
        db_path=folder / "closer.json", log_path=tmp_path / "streamlit.log", today=TODAY
    )
    with serving(running) as started:
        yield started


def restore_upload(page: Page, name: str, data: bytes) -> None:
    """Put a file into the data page's "Restore a backup" picker."""
    picker = page.get_by_test_id("stFileUploader").filter(has_text="Restore a backup")
    with rerun(page):
        picker.locator('input[type="file"]').set_input_files(
            {"name": name, "mimeType": "application/json", "buffer": data}
        )


def test_the_encrypted_backup_downloads_sealed_and_restores_with_its_passphrase(
    new_browser_page: Callable[..., Page], server: Server, tmp_path: Path
) -> None:
    page = new_browser_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
    open_page(page, server, "data")
    page.get_by_label("Passphrase", exact=True).fill(PHRASE)
    with rerun(page):
        page.get_by_role("button", name="Open my diary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("🗂️ Your data")
    expect(page.get_by_text(CSV_NOT_ENCRYPTED)).to_be_visible()
    expect(page.get_by_role("button", name="Full backup (JSON, not encrypted)")).to_be_visible()

    with page.expect_download() as started:
        page.get_by_role("button", name="Full backup (encrypted)").click()
    download = started.value
    assert download.suggested_filename.endswith(".encrypted.json")
    sealed = download.path().read_bytes()
    assert is_encrypted(sealed)
    assert NOTE.encode() not in sealed

    # Sealed with the diary's own key, it opens without asking.
    restore_upload(page, download.suggested_filename, sealed)
    expect(page.get_by_text(ENCRYPTED_OPEN)).to_be_visible()
    expect(page.get_by_label(FIELD)).to_have_count(0)

    # Another diary's asks for its own passphrase, and a wrong one opens nothing.
    other = Diary.open(tmp_path / "other" / "closer.json")
    other.save_entry(valid_entry("2026-W40", 3))
    other.encrypt(OTHER_PHRASE)
    restore_upload(page, "theirs.encrypted.json", other.seal_copy(other.backup_json()))
    field = page.get_by_label(FIELD)
    expect(field).to_be_visible()
    expect(field).to_have_attribute("type", "password")
    expect(field).to_have_attribute("autocomplete", "current-password")
    problems = page_problems(page, "Your data")
    assert not problems, "\n".join(problems)
    field.fill(PHRASE)  # the diary's passphrase, not this backup's
    with rerun(page):
        page.get_by_role("button", name="Open this backup").click()
    expect(page.get_by_text(WRONG)).to_be_visible()
    expect(field).to_have_value("")
    expect(page.get_by_role("button", name="Restore this backup")).to_have_count(0)

    field.fill(OTHER_PHRASE)
    with rerun(page):
        field.press("Enter")
    expect(page.get_by_text(ENCRYPTED_OPEN)).to_be_visible()
    with rerun(page):
        page.get_by_text("Yes, replace my diary with this backup").click()
    with rerun(page):
        page.get_by_role("button", name="Restore this backup").click()
    expect(page.get_by_text("Restored 1 week from the backup.")).to_be_visible()
    restored = Diary.open(server.db_path)
    restored.unlock(PHRASE)  # the diary keeps its own passphrase
    assert [str(entry.week) for entry in restored.snapshot().entries] == ["2026-W40"]
