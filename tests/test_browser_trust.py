"""In a real browser: the check-in writes only what was meant, and keeps what was typed.

Sample data leaves nothing behind, an untouched practice is never saved as a
number, a draft outlives a reload and a server restart, a chosen focus leads
Home, and the form fits a phone.
"""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from lib.diary import Diary
from lib.drafts import drafts_path
from lib.entries import make_entry
from lib.sample import sample_entries
from tests.apptest import THIS_WEEK, TODAY
from tests.browser import (
    Server,
    go_to,
    note_box,
    open_note,
    open_page,
    pick_week,
    rate,
    rating_slider,
    rerun,
    save_skipping_the_rest,
    save_status,
    settle,
    skip,
)

TITLES = [
    "Emotional connection",
    "Positive associations",
    "Being present",
    "A bit of mystery",
    "Creating space",
    "Self-love",
]
ALL_SIX = "Emotional connection, Positive associations, Being present, A bit of mystery, "
ALL_SIX += "Creating space and Self-love"
PHONE = {"width": 390, "height": 844}
REFLECTION = "A quiet week, and a good one"


def saved_records(server: Server) -> list[dict]:
    """The entries as the data file holds them, read as plain JSON."""
    return list(json.loads(server.db_path.read_text())["entries"].values())


def expect_an_empty_form(page) -> None:
    """Checked once the run that drew the form has ended, so what is absent stays absent."""
    for title in TITLES:
        expect(rating_slider(page, title)).to_have_attribute("aria-valuetext", "not rated yet")
    expect(page.get_by_role("textbox", name=re.compile("^Note on "))).to_have_count(0)
    expect(page.locator(".st-key-draft_notice")).to_have_count(0)
    expect(save_status(page)).to_have_text("Nothing rated yet")


def test_sample_data_leaves_no_answer_note_or_draft_behind(browser_page, server) -> None:
    page = browser_page
    last_week = THIS_WEEK.shifted(-1)
    sample = next(e for e in sample_entries(TODAY) if e.week == last_week)
    open_page(page, server)
    with rerun(page):
        page.get_by_role("button", name="Explore with sample data").click()
    expect(page.get_by_text("You are exploring sample data")).to_be_visible()

    go_to(page, "Check-in")
    pick_week(page, last_week)
    connection = rating_slider(page, "Emotional connection")
    expect(connection).to_have_attribute("aria-valuetext", str(sample.ratings["connection"]))
    expect(note_box(page, "Emotional connection")).to_have_value(sample.notes["connection"])
    skip(page, "Self-love")  # a change a real diary would keep as a draft
    expect(save_status(page)).to_have_text(
        re.compile(r"^5 of 6 rated, 1 skipped · unsaved changes \(the sample keeps no drafts\)")
    )

    with rerun(page):
        page.get_by_role("button", name="Leave sample data").click()
    expect(page.get_by_text("You are exploring sample data")).to_have_count(0)
    go_to(page, "Home")  # so the check-in opens on this week, and picking last week reruns
    go_to(page, "Check-in")
    pick_week(page, last_week)
    expect_an_empty_form(page)
    assert not server.db_path.exists()
    assert not drafts_path(server.db_path).exists()


def test_an_untouched_practice_is_never_saved_as_a_number(browser_page, server) -> None:
    page = browser_page
    open_page(page, server, "check-in")
    with rerun(page):
        page.get_by_role("button", name="Save check-in").click()
    unanswered = page.locator(".st-key-unanswered")
    expect(unanswered).to_contain_text(f"You have not rated {ALL_SIX}.")
    expect(unanswered.get_by_role("button", name="Skip all six and save")).to_be_visible()
    assert not server.db_path.exists()

    rate(page, "Emotional connection", 3)
    rate(page, "Being present", 7)
    skip(page, "A bit of mystery")
    expect(save_status(page)).to_contain_text("2 of 6 rated, 1 skipped, 3 not rated yet")
    rest = "Positive associations, Creating space and Self-love"
    with rerun(page):
        page.get_by_role("button", name="Save check-in").click()
    expect(unanswered).to_contain_text(f"You have not rated {rest}.")
    assert not server.db_path.exists()
    with rerun(page):
        unanswered.get_by_role("button", name=f"Skip {rest} and save").click()
    expect(page.get_by_text("Saved your check-in for")).to_be_visible()

    [record] = saved_records(server)
    assert record["ratings"] == {
        "connection": 3,
        "associations": "skipped",
        "presence": 7,
        "mystery": "skipped",
        "space": "skipped",
        "self_love": "skipped",
    }
    assert not drafts_path(server.db_path).exists(), "saving removes the draft"


def test_a_draft_outlives_a_reload_and_a_restart_until_discarded(browser_page, server) -> None:
    page = browser_page
    drafts = drafts_path(server.db_path)
    typed = "Walked alone on Sunday, came back glad"
    open_page(page, server, "check-in")
    rate(page, "Creating space", 4)
    expect(save_status(page)).to_contain_text("1 of 6 rated")
    note = open_note(page, "Creating space")
    note.click()
    # No blur, no Ctrl+Enter: a pause in typing alone sends the note to the server.
    with rerun(page):
        page.keyboard.type(typed)
    expect(note).to_be_focused()
    kept = json.loads(drafts.read_text())["drafts"]
    assert [(d["ratings"]["space"], d["notes"]["space"]) for d in kept.values()] == [(4, typed)]
    # The same for the week's reflection, which sits under the six practices.
    reflection = page.get_by_role("textbox", name="Reflection on the week (optional)")
    reflection.click()
    with rerun(page):
        page.keyboard.type(REFLECTION)
    expect(reflection).to_be_focused()
    kept = json.loads(drafts.read_text())["drafts"]
    assert [d["reflection"] for d in kept.values()] == [REFLECTION]

    def expect_the_draft_back() -> None:
        expect(page.locator(".st-key-draft_notice")).to_contain_text("Your unsaved changes from")
        expect(rating_slider(page, "Creating space")).to_have_attribute("aria-valuetext", "4")
        expect(note_box(page, "Creating space")).to_have_value(typed)
        expect(reflection).to_have_value(REFLECTION)

    page.reload()
    settle(page)
    expect_the_draft_back()
    server.restart()
    open_page(page, server, "check-in")
    expect_the_draft_back()

    with rerun(page):
        page.get_by_role("button", name="Discard draft").click()
    expect_an_empty_form(page)
    assert not drafts.exists()
    assert not server.db_path.exists()


def test_the_focus_chosen_at_a_check_in_leads_home(browser_page, server) -> None:
    page = browser_page
    open_page(page, server, "check-in")
    rate(page, "Self-love", 5)
    focus = page.get_by_role("combobox", name="Your focus next week")
    focus.focus()
    page.keyboard.type("Self-love")
    with rerun(page):
        page.keyboard.press("Enter")
    expect(focus).to_have_value(re.compile("^🛁 Self-love"))  # chosen, not just typed
    rest = "Emotional connection, Positive associations, Being present, A bit of mystery "
    save_skipping_the_rest(page, rest + "and Creating space")

    go_to(page, "Home")
    card = page.locator(".st-key-focus_suggestion")
    expect(card).to_contain_text("Your focus next week: 🛁 Self-love")
    [record] = saved_records(server)
    assert record["focus"] == "self_love"


def phone_check_in(new_browser_page, server: Server, scheme: str):
    """The check-in on a phone in a light or dark theme, its six practices drawn."""
    page = new_browser_page(viewport=PHONE, color_scheme=scheme)
    open_page(page, server, "check-in")
    expect(page.get_by_role("slider")).to_have_count(6)  # widget code loads after the run
    return page


def assert_fits_a_phone(page) -> None:
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    assert height <= 2.5 * PHONE["height"], f"the check-in is {height}px tall"
    expect(page.get_by_role("switch")).to_have_count(6)
    for title in TITLES:  # six toggles, six names: each says what it skips
        expect(
            page.get_by_role("switch", name=f"Skip {title} this week", exact=True)
        ).to_be_visible()


def test_the_check_in_fits_a_phone_in_two_and_a_half_screens(new_browser_page, server) -> None:
    light, dark = (phone_check_in(new_browser_page, server, scheme) for scheme in ("light", "dark"))
    background = "getComputedStyle(document.querySelector('.stApp')).backgroundColor"
    assert light.evaluate(background) != dark.evaluate(background)
    assert_fits_a_phone(light)
    assert_fits_a_phone(dark)

    # Last week saved with a focus: a "Last week: n" beside each title, and the focus outcome.
    ratings = {"connection": 6, "associations": 7, "presence": 5}
    ratings |= {"mystery": 3, "space": 8, "self_love": 4}
    last_week = THIS_WEEK.shifted(-1)
    Diary.open(server.db_path).save_entry(make_entry(last_week, ratings, focus="mystery"))
    for page in (light, dark):
        page.reload()  # a new session, on the diary as it is now
        settle(page)
        expect(page.get_by_role("slider")).to_have_count(6)
        expect(page.get_by_text(re.compile(r"^Last week: \d+$"))).to_have_count(6)
        expect(page.get_by_text("Your focus this week: A bit of mystery.")).to_be_visible()
        assert_fits_a_phone(page)
