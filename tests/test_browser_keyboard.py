"""In a real browser at 200 % zoom: no focused control is left under the sticky header.

The whole visit by keyboard alone, with the focus ring checked at every stop,
is `test_check_in_back_fill_and_export_with_the_keyboard_only` in
tests/test_browser_journeys.py.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from tests.accessibility import shown_focus
from tests.browser import Server, open_page, seed_sample


def test_at_200_percent_zoom_no_focused_control_hides_under_the_header(
    new_browser_page: Callable[..., Page], server: Server
) -> None:
    seed_sample(server)
    # 1280×900 at 200 % zoom: the page lays out in 640×450 CSS pixels.
    page = new_browser_page(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    open_page(page, server, "check-in")
    seen: list[dict[str, object]] = []
    for key in ["Tab"] * 50 + ["Shift+Tab"] * 50:
        page.keyboard.press(key)
        shown = shown_focus(page)
        if shown["inMain"]:
            seen.append(shown)
    assert len(seen) > 40, "the walk reached the page's controls"
    hidden = [shown for shown in seen if shown["top"] < shown["headerBottom"]]
    assert not hidden, hidden
