"""In a real browser: a first check-in by keyboard survives a reload and a server restart."""

from playwright.sync_api import expect

from tests.browser import (
    go_to,
    note_box,
    open_note,
    open_page,
    rate,
    rating_slider,
    rerun,
    settle,
)


def test_first_check_in_by_keyboard_survives_reload_and_restart(browser_page, server) -> None:
    page = browser_page
    open_page(page, server)
    expect(page.get_by_text("Start your first check-in")).to_be_visible()

    go_to(page, "Check-in")
    ratings = {"Emotional connection": 8, "Positive associations": 5, "Being present": 6}
    ratings |= {"A bit of mystery": 9, "Creating space": 7, "Self-love": 10}
    for title, rating in ratings.items():
        rate(page, title, rating)
    open_note(page, "A bit of mystery").fill("Shared an old story, <b>not</b> bold")
    with rerun(page):
        page.keyboard.press("Control+Enter")
    page.get_by_role("button", name="Save check-in").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved your check-in for")).to_be_visible()

    def assert_saved_week_is_shown() -> None:
        for title, rating in ratings.items():
            expect(rating_slider(page, title)).to_have_attribute("aria-valuetext", str(rating))
        # A saved note opens with its expander open.
        note = note_box(page, "A bit of mystery")
        expect(note).to_have_value("Shared an old story, <b>not</b> bold")
        expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()

    page.reload()
    settle(page)
    assert_saved_week_is_shown()

    server.restart()
    open_page(page, server, "check-in")
    assert_saved_week_is_shown()


def test_a_deep_link_right_after_a_server_start_opens_without_a_page_not_found(
    browser_page, server
) -> None:
    page = browser_page
    server.restart()
    open_page(page, server, "check-in?week=2026-W40")
    # The dialog would come with the run that has just ended, so its absence now is real.
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()
    page.get_by_role("button", name="Save check-in").click(timeout=5_000)
    skip_all = page.locator(".st-key-unanswered").get_by_role(
        "button", name="Skip all six and save"
    )
    skip_all.click()
    expect(page.get_by_text("Saved your check-in for 2026-W40")).to_be_visible()
