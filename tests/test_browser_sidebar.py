"""In a real browser: the sidebar gets out of the way on a phone and stays put on a desktop.

On a phone the open sidebar covers the page. It closes once a page is chosen in
it, and a reload starts with it closed, however it was left (ui/page_tweaks.py).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser import Server, go_to, open_page, settle

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# True once the middle of the screen shows the page, not the sidebar over it.
PAGE_IN_VIEW = """() => {
  const here = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
  return here !== null && here.closest('[data-testid="stMain"]') !== null;
}"""


def sidebar_is(page: Page, state: str) -> None:
    expect(page.get_by_test_id("stSidebar")).to_have_attribute(
        "data-collapsed", "true" if state == "closed" else "false"
    )


def open_sidebar(page: Page) -> None:
    # The page's own script closes an open sidebar on a phone once it has loaded
    # (ui/page_tweaks.py): wait until it has run, or on a slow machine it closes
    # the sidebar just opened here, and its links slide out of reach.
    page.wait_for_function("() => window.closerClosesPhoneSidebar === true")
    page.get_by_test_id("stExpandSidebarButton").click()
    sidebar_is(page, "open")


def test_on_a_phone_the_sidebar_closes_after_a_page_is_chosen_and_after_a_reload(
    new_browser_page, server: Server
) -> None:
    page = new_browser_page(viewport=PHONE)
    open_page(page, server)
    sidebar_is(page, "closed")
    open_sidebar(page)
    go_to(page, "Settings")
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    sidebar_is(page, "closed")
    page.wait_for_function(PAGE_IN_VIEW)

    open_sidebar(page)  # left open, then the page is loaded again
    page.reload()
    settle(page)
    sidebar_is(page, "closed")
    page.wait_for_function(PAGE_IN_VIEW)
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()


def test_on_a_phone_a_sidebar_remembered_open_starts_closed(
    new_browser_page, server: Server
) -> None:
    # What Streamlit remembered before this fix (or when a phone's browser never
    # said it was leaving the page) opened the sidebar over the page on every load.
    page = new_browser_page(viewport=PHONE)
    open_page(page, server)
    page.evaluate("localStorage.setItem('stSidebarCollapsed-', 'false')")
    open_page(page, server, "settings")
    sidebar_is(page, "closed")
    page.wait_for_function(PAGE_IN_VIEW)


def test_on_a_desktop_the_sidebar_stays_open(new_browser_page, server: Server) -> None:
    page = new_browser_page(viewport=DESKTOP)
    open_page(page, server)
    sidebar_is(page, "open")
    go_to(page, "Settings")
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    sidebar_is(page, "open")
    page.reload()
    settle(page)
    sidebar_is(page, "open")
