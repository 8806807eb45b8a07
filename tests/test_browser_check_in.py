"""In a real browser: a first check-in by keyboard survives a reload and a server restart."""

from playwright.sync_api import expect

from tests.browser import Server, settle


def open_page(page, server: Server, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    settle(page)


def test_first_check_in_by_keyboard_survives_reload_and_restart(browser_page, server) -> None:
    page = browser_page
    open_page(page, server)
    assert page.get_by_text("Start your first check-in").is_visible()

    open_page(page, server, "check-in")
    sliders = page.get_by_role("slider")
    # A widget's code loads on first use, a moment after the script has finished.
    expect(sliders).to_have_count(6)
    for index, presses in enumerate([3, 0, 1, 4, 2, 5]):
        sliders.nth(index).focus()
        for _ in range(presses):
            page.keyboard.press("ArrowRight")
        settle(page)
    note = page.get_by_label("Note on a bit of mystery (optional)")
    note.fill("Shared an old story, <b>not</b> bold")
    page.keyboard.press("Control+Enter")
    settle(page)
    page.get_by_role("button", name="Save check-in").focus()
    page.keyboard.press("Enter")
    settle(page)
    assert page.get_by_text("Saved your check-in for").is_visible()

    expected = ["8", "5", "6", "9", "7", "10"]

    def assert_saved_week_is_shown() -> None:
        assert [sliders.nth(i).get_attribute("value") for i in range(6)] == expected
        assert note.input_value() == "Shared an old story, <b>not</b> bold"
        assert page.get_by_text("You are editing the check-in you saved").is_visible()

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
    assert not page.get_by_role("dialog").count(), "Streamlit's 'Page not found' dialog showed"
    assert page.get_by_role("heading", name="Check-in").is_visible()
    page.get_by_role("button", name="Save check-in").click(timeout=5_000)
    settle(page)
    assert page.get_by_text("Saved your check-in for 2026-W40").is_visible()
