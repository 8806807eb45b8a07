"""In a real browser: exploring sample data draws the dashboard and never touches the diary."""

import re

from playwright.sync_api import expect

from lib.diary import Diary
from lib.sample import sample_entries
from tests.apptest import TODAY
from tests.browser import Server, open_page, rerun

CHARTS = '[data-testid="stVegaLiteChart"]'


def test_sample_data_is_marked_drawn_and_left_without_a_trace(browser_page, server: Server) -> None:
    page = browser_page
    open_page(page, server)
    with rerun(page):
        page.get_by_role("button", name="Explore with sample data").click()

    expect(page.get_by_text("You are exploring sample data")).to_be_visible()
    card = page.locator('[class*="st-key-focus_suggestion"]')
    expect(card.get_by_text("Suggested focus")).to_be_visible()
    expect(page.locator(CHARTS)).to_have_count(4)  # drawn a moment after the script has finished
    expect(page.locator(f"{CHARTS} canvas, {CHARTS} svg").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)

    with rerun(page):
        page.get_by_role("button", name="Leave sample data").click()
    expect(page.get_by_role("button", name="Start your first check-in")).to_be_visible()
    expect(page.get_by_text("You are exploring sample data")).to_have_count(0)
    assert not server.db_path.exists(), "sample data must never be written to the diary"


def test_clicking_a_week_in_the_heatmap_opens_its_check_in(
    new_browser_page, server: Server
) -> None:
    diary = Diary.open(server.db_path)
    entries = sample_entries(TODAY)
    diary.import_entries(entries)
    target = entries[-5]
    page = new_browser_page(viewport={"width": 1280, "height": 3600})
    open_page(page, server)
    heatmap = page.locator(CHARTS).nth(3)
    label = f"week of {target.week.monday.day} {target.week.monday:%b %Y}: "
    with rerun(page):  # the click's run switches to the check-in, which runs next
        heatmap.locator(f'path[aria-label*="{label}"]').first.click()
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/check-in\?week={target.week}$"))
    expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()
