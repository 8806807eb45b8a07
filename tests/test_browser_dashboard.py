"""In a real browser: exploring sample data draws the dashboard and never touches the diary."""

from datetime import date

from playwright.sync_api import expect

from lib.diary import Diary
from lib.sample import sample_entries
from tests.browser import Server, settle


def test_sample_data_is_marked_drawn_and_left_without_a_trace(browser_page, server: Server) -> None:
    page = browser_page
    page.goto(server.url)
    settle(page)
    page.get_by_role("button", name="Explore with sample data").click()
    settle(page)

    assert page.get_by_text("You are exploring sample data").is_visible()
    assert (
        page.locator('[class*="st-key-focus_suggestion"]')
        .get_by_text("Suggested focus")
        .is_visible()
    )
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4)  # drawn a moment after the script has finished
    page.locator(
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
    ).first.wait_for()
    assert not page.locator('[data-testid="stException"]').count()

    page.get_by_role("button", name="Leave sample data").click()
    settle(page)
    assert page.get_by_role("button", name="Start your first check-in").is_visible()
    assert not page.get_by_text("You are exploring sample data").count()
    assert not server.db_path.exists(), "sample data must never be written to the diary"


def test_clicking_a_week_in_the_heatmap_opens_its_check_in(browser_page, server: Server) -> None:
    diary = Diary.open(server.db_path)
    entries = sample_entries(date.today())
    for entry in entries:
        diary.save_entry(entry)
    target = entries[-5]
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 3600})
    page.goto(server.url)
    settle(page)
    heatmap = page.locator('[data-testid="stVegaLiteChart"]').nth(3)
    label = f"Week of: {target.week.monday.day} {target.week.monday:%b %Y}"
    heatmap.locator(f'path[aria-label*="{label}"]').first.click()
    settle(page)
    page.get_by_role("heading", name="Check-in").wait_for()
    assert page.url.endswith(f"/check-in?week={target.week}")
    expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()
