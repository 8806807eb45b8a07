"""In a real browser: the passcode screen has no serious accessibility problem.

Its own module: the `server` here is a Closer behind a passcode, and the
browser pages check that no request leaves for anywhere but that server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.accessibility import VIEWPORTS, page_problems
from tests.browser import Server, behind_passcode, open_page

PASSCODE = "river stones"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """Closer behind a passcode, on an empty diary."""
    with behind_passcode(tmp_path, PASSCODE) as running:
        yield running


def test_the_passcode_screen_has_no_serious_accessibility_problem(
    new_browser_page: Callable[..., Page], server: Server
) -> None:
    page = new_browser_page(viewport=VIEWPORTS["desktop"], color_scheme="light")
    open_page(page, server)
    expect(page.get_by_label("Passcode")).to_be_visible()
    problems = page_problems(page, "Locked")
    assert not problems, "\n".join(problems)
