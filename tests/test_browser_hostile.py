"""In a real browser: notes that look like HTML or links are shown as text and never run."""

from __future__ import annotations

import json
from urllib.parse import quote

from playwright.sync_api import expect

from lib.drafts import drafts_path
from tests.apptest import THIS_WEEK
from tests.browser import (
    Server,
    go_to,
    note_box,
    open_note,
    open_page,
    pick_week,
    rerun,
    save_skipping_the_rest,
)

IMG = '<img src=x onerror="window.__pwned=1">'
LINK = "[x](javascript:window.__pwned=2)"
MYSTERY = "A bit of mystery"


def watch_dialogs(page) -> list[str]:
    """Every alert/confirm/prompt the page opens (dismissed at once)."""
    seen: list[str] = []

    def dismiss(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return seen


def save_note(page, text: str) -> None:
    open_note(page, MYSTERY).fill(text)
    with rerun(page):
        page.keyboard.press("Control+Enter")
    save_skipping_the_rest(page, "all six")


def assert_nothing_ran(page) -> None:
    """Checked once the page's script run has ended, so all it draws is drawn."""
    assert page.evaluate("typeof window.__pwned") == "undefined"
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(page.locator('a[href^="javascript:"]')).to_have_count(0)


def test_notes_that_look_like_html_or_links_stay_text_everywhere(
    browser_page, server: Server
) -> None:
    page = browser_page
    dialogs = watch_dialogs(page)
    last_week = THIS_WEEK.shifted(-1)
    open_page(page, server, "check-in")
    save_note(page, IMG)
    expect(note_box(page, MYSTERY)).to_have_value(IMG)
    assert_nothing_ran(page)
    pick_week(page, last_week)
    save_note(page, LINK)
    expect(note_box(page, MYSTERY)).to_have_value(LINK)
    assert_nothing_ran(page)

    go_to(page, "A bit of mystery")
    page.get_by_role("tab", name="Your history").click()  # drawn already: no rerun
    notes = page.locator('[data-testid="stText"]')
    expect(notes).to_have_text([IMG, LINK])  # newest first, exactly as typed
    expect(notes.first).to_be_visible()
    assert_nothing_ran(page)

    go_to(page, "Home")
    expect(page.get_by_text("Weeks checked in")).to_be_visible()  # the dashboard was drawn
    assert_nothing_ran(page)

    # Streamlit's Markdown turns a javascript: link into href="#"; nothing runs.
    open_page(page, server, "check-in?week=" + quote("[x](javascript:window.__pwned=3)"))
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_nothing_ran(page)
    assert not dialogs, f"the page opened a dialog: {dialogs}"


def test_a_note_pasted_over_the_limit_is_not_dropped_without_a_word(
    browser_page, server: Server
) -> None:
    page = browser_page
    pasted = "z" * 2_500
    open_page(page, server, "check-in")
    note = open_note(page, MYSTERY)
    note.focus()
    with rerun(page):  # sent by the pause in typing, as a paste would be
        page.keyboard.insert_text(pasted)  # one input event, as a paste makes
    expect(note).to_have_value(pasted)
    [draft] = json.loads(drafts_path(server.db_path).read_text())["drafts"].values()
    assert draft["notes"]["mystery"] == pasted, "kept whole as a draft"

    # Saving says why it cannot, and the note stays to be shortened.
    with rerun(page):
        page.get_by_role("button", name="Save check-in").click()
    with rerun(page):
        page.get_by_role("button", name="Skip all six and save").click()
    refusal = page.locator('[data-testid="stAlert"]').filter(has_text="Not saved.")
    expect(refusal).to_contain_text("is 2,500 characters long; the limit is 2,000")
    expect(note).to_have_value(pasted)
    assert not server.db_path.exists()


def test_a_link_in_the_week_parameter_is_not_a_live_link(browser_page, server: Server) -> None:
    page = browser_page
    open_page(page, server, "check-in?week=" + quote("[Sign in again](https://evil.example)"))
    alert = page.get_by_role("alert").first
    expect(alert).to_be_visible()
    expect(alert.locator("a")).to_have_count(0)


def test_a_partner_named_like_a_streamlit_icon_reads_as_typed(browser_page, server: Server) -> None:
    # Streamlit's Markdown turns `:material/home:` into an icon after parsing, so a
    # backslash before the colon was not enough: the name showed as a house.
    page = browser_page
    name = ":material/home:"
    open_page(page, server, "settings")
    page.get_by_role("textbox", name="Name").fill(name)
    with rerun(page):
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    go_to(page, "Emotional connection")
    asked = f"When did I share something real with {name} this week, and how did it feel?"
    prompt = page.get_by_role("listitem").filter(has_text="When did I share something real")
    expect(prompt).to_be_visible()
    assert prompt.inner_text().replace("\u2060", "") == asked  # the joiner is invisible
    expect(page.get_by_role("img", name="home icon")).to_have_count(0)

    go_to(page, "Check-in")
    note = open_note(page, "Emotional connection")
    expect(note).to_have_attribute("placeholder", asked)
    expect(page.get_by_role("img", name="home icon")).to_have_count(0)
