"""In a real browser: the encryption section and the diary's lock screen have no serious problem.

Settings with a passphrase typed (its strength hint and the safety copies'
choice showing), Settings once the diary is encrypted (both expanders open),
and the lock screen with a wrong passphrase refused: each in light and dark,
at desktop and phone width (tests/accessibility.py).

Its own module and server: a served Closer keeps an encrypted diary's key in
memory, which emptying the shared server's folder would not forget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib.diary import Diary
from lib.sample import sample_entries
from tests.accessibility import VIEWPORTS, page_problems
from tests.apptest import TODAY
from tests.browser import Server, open_page, rerun, serving

PHRASE = "lantern orchard velvet quiet"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A Closer of this test's own on the sample history, with a safety copy beside it."""
    diary = Diary.open(tmp_path / "diary" / "closer.json")
    entries = sample_entries(TODAY)
    diary.import_entries(entries)
    diary.import_entries(entries[-1:])  # replaces a saved week: a safety copy first
    diary.close()
    running = Server(
        db_path=tmp_path / "diary" / "closer.json",
        log_path=tmp_path / "streamlit.log",
        today=TODAY,
    )
    with serving(running) as started:
        yield started


def commit(page: Page, label: str, text: str) -> None:
    """Type into the field labelled `label` and press Enter (the first field reruns the page)."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    if label == "Passphrase":
        with rerun(page):
            field.press("Enter")
    else:
        field.press("Enter")  # sent without a rerun


def test_encrypting_and_the_lock_screen_have_no_serious_accessibility_problem(
    new_browser_page: Callable[..., Page], server: Server
) -> None:
    page = new_browser_page(viewport=VIEWPORTS["desktop"], color_scheme="light")
    open_page(page, server, "settings")
    commit(page, "Passphrase", PHRASE)
    expect(page.get_by_text("Strength: Very strong")).to_be_visible()
    expect(page.get_by_role("radiogroup", name="1 safety copy beside the diary")).to_be_visible()
    problems = [f"Plain diary: {line}" for line in page_problems(page, "Settings")]

    commit(page, "Passphrase, again", PHRASE)
    with rerun(page):
        page.get_by_text("I understand: if I lose this passphrase").click()
    with rerun(page):
        page.get_by_role("button", name="Encrypt my diary").click()
    expect(page.get_by_text("Your diary is encrypted.")).to_be_visible()
    for expander in ("Change the passphrase", "Turn encryption off"):
        page.locator("summary", has_text=expander).click()
        expect(page.get_by_role("button", name=expander)).to_be_visible()
    problems += [f"Encrypted diary: {line}" for line in page_problems(page, "Settings")]

    with rerun(page):
        page.get_by_test_id("stMain").get_by_role("button", name="Lock now").click()
    page.get_by_label("Passphrase", exact=True).fill("not the passphrase")
    # Clicked, not sent with Enter: the pointer stays on the primary button, so its
    # hovered colours are audited too.
    with rerun(page):
        page.get_by_role("button", name="Open my diary").click()
    expect(page.get_by_text("That passphrase does not open your diary")).to_be_visible()
    problems += page_problems(page, "Locked")
    assert not problems, "\n".join(problems)
