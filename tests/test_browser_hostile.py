"""In a real browser: notes that look like HTML or links are shown as text and never run."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from lib.weeks import IsoWeek
from tests.browser import (
    Server,
    note_box,
    open_note,
    require_chromium,
    save_skipping_the_rest,
    settle,
)

IMG = '<img src=x onerror="window.__pwned=1">'
LINK = "[x](javascript:window.__pwned=2)"
MYSTERY = "A bit of mystery"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for this module's tests (each still gets a fresh browser page)."""
    require_chromium()
    folder = tmp_path_factory.mktemp("hostile")
    running = Server(db_path=folder / "closer.json", log_path=folder / "streamlit.log")
    running.start()
    yield running
    running.stop()


def open_page(page, server: Server, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    settle(page)


def watch_dialogs(page) -> list[str]:
    """Every alert/confirm/prompt the page opens (dismissed at once)."""
    seen: list[str] = []

    def dismiss(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return seen


def mystery_note(page):
    """The mystery note's text area, its expander opened if a saved note did not open it."""
    if not note_box(page, MYSTERY).count():
        open_note(page, MYSTERY)
    return note_box(page, MYSTERY)


def save_note(page, server: Server, path: str, text: str) -> None:
    open_page(page, server, path)
    mystery_note(page).fill(text)
    page.keyboard.press("Control+Enter")
    settle(page)
    save_skipping_the_rest(page, "all six")


def assert_nothing_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0


def test_notes_that_look_like_html_or_links_stay_text_everywhere(
    browser_page, server: Server
) -> None:
    page = browser_page
    dialogs = watch_dialogs(page)
    last_week = IsoWeek.of(date.today()).shifted(-1)
    save_note(page, server, "check-in", IMG)
    expect(note_box(page, MYSTERY)).to_have_value(IMG)
    assert_nothing_ran(page)
    save_note(page, server, f"check-in?week={last_week}", LINK)
    assert_nothing_ran(page)

    open_page(page, server, "mystery")
    page.get_by_role("tab", name="Your history").click()
    settle(page)
    notes = page.locator('[data-testid="stText"]')
    assert notes.all_inner_texts() == [IMG, LINK], "newest first, exactly as typed"
    assert notes.first.is_visible()
    assert_nothing_ran(page)

    open_page(page, server)
    assert page.get_by_text("Weeks checked in").is_visible(), "the dashboard was drawn"
    assert_nothing_ran(page)

    # Streamlit's Markdown turns a javascript: link into href="#"; nothing runs.
    open_page(page, server, "check-in?week=" + quote("[x](javascript:window.__pwned=3)"))
    assert page.get_by_role("alert").first.is_visible()
    assert_nothing_ran(page)
    assert not dialogs, f"the page opened a dialog: {dialogs}"


def test_a_note_pasted_over_the_limit_is_not_dropped_without_a_word(
    browser_page, server: Server
) -> None:
    page = browser_page
    open_page(page, server, "check-in")
    note = mystery_note(page)
    note.fill("")  # another test may have saved a note for this week
    note.focus()
    page.keyboard.insert_text("z" * 2_500)  # one input event, as a paste makes
    settle(page)
    assert note.input_value() or page.get_by_text("2,000").count()


def test_a_link_in_the_week_parameter_is_not_a_live_link(browser_page, server: Server) -> None:
    page = browser_page
    open_page(page, server, "check-in?week=" + quote("[Sign in again](https://evil.example)"))
    alert = page.get_by_role("alert").first
    assert alert.is_visible()
    assert alert.locator("a").count() == 0
