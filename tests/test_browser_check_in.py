"""In a real browser: a first check-in by keyboard survives a reload and a server restart."""

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
    assert sliders.count() == 6
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
