"""Plain `streamlit run app.py`, the command every Streamlit user types, serves Closer's pages.

The first run after a start is in Streamlit's old folder mode (ui/frame.py):
each address here is the first visit to a freshly started server.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from lib.content import load_practices
from tests.apptest import TODAY
from tests.browser import Server, require_chromium

SIDEBAR = [
    "Home",
    "Check-in",
    "Journal",
    *(item.title for item in load_practices()),
    "Your data",
    "Settings",
]


class PlainServer(Server):
    """`streamlit run app.py`, without serve.py."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "streamlit", "run", "app.py", *self.loopback()]


@pytest.fixture
def plain_server(tmp_path: Path) -> Iterator[PlainServer]:
    """A server started for this test alone: its first run is the visit under test."""
    require_chromium()
    running = PlainServer(
        db_path=tmp_path / "closer.json", log_path=tmp_path / "streamlit.log", today=TODAY
    )
    running.start()
    yield running
    running.stop()


@pytest.fixture
def first_page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("address", "heading", "shows"),
    [
        ("settings", "Settings", "Weekly reminder"),
        ("data", "Your data", "Restore a backup"),
        # The form is for 2026-W40, so the focus it asks for is the next week's.
        ("check-in?week=2026-W40", "Check-in", "Your focus for 2026-W41"),
    ],
)
def test_a_first_visit_shows_the_same_sidebar_and_page_as_make_run(
    plain_server: PlainServer, first_page: Page, address: str, heading: str, shows: str
) -> None:
    page = first_page
    page.goto(f"{plain_server.url}/{address}")
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=30_000)
    sidebar = page.get_by_test_id("stSidebarNav")
    # Each link is its icon, then its title: app.py's pages, and no helper module.
    expect(sidebar.get_by_role("link")).to_have_text(
        [re.compile(re.escape(title) + "$") for title in SIDEBAR]
    )
    expect(page).to_have_url(re.compile(re.escape(f"/{address}") + "$"))
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page).to_have_title(f"{heading} · Closer")
    expect(page.get_by_test_id("stMain")).to_contain_text(shows)
