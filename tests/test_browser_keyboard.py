"""In a real browser, by keyboard alone: a check-in, page switches, a week from the heatmap, a CSV.

No clicks and no programmatic focus: only Tab, Shift+Tab, arrow keys, Space,
Enter and typing, as someone who cannot use a mouse works. Every control
reached shows Closer's focus ring (2 px, #c04d78: at least 3:1 on the light
and the dark page), on the part one sees when the focused input is hidden
inside a switch or a slider. At 200 % zoom no focused control is left under
Streamlit's sticky header.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from lib.csv_files import export_filename
from lib.diary import Diary
from lib.sample import sample_entries
from lib.weeks import IsoWeek
from tests.apptest import TODAY
from tests.browser import Server, open_page, rating_slider, rerun

THIS_WEEK = IsoWeek.of(TODAY)
FOCUS_RING = "rgb(192, 77, 120)"
MAX_PRESSES = 120

# The element that shows focus: the focused one or, for an input kept inside a
# visually hidden 1 px box (a switch's, a slider's), the element around that box.
SHOWN_FOCUS = """() => {
  let shown = document.activeElement;
  for (let node = shown; node && node !== document.body; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)") {
      shown = node.parentElement;
    }
  }
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const header = document.querySelector('[data-testid="stHeader"]').getBoundingClientRect();
  return {
    name: shown.getAttribute("aria-label") || shown.textContent.trim().slice(0, 60),
    tag: shown.tagName,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    top: box.top,
    headerBottom: header.bottom,
    inMain: shown.tagName !== "MAIN" && !!shown.closest('[data-testid="stMain"]'),
  };
}"""


def seed(server: Server) -> None:
    """A diary of made-up weeks before this one, so this week is still to check in."""
    diary = Diary.open(server.db_path)
    for entry in sample_entries(TODAY):
        if entry.week != THIS_WEEK:
            diary.save_entry(entry)
    diary.close()


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `target` has focus, checking the ring it shows."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        if target.evaluate("node => node === document.activeElement"):
            shown = page.evaluate(SHOWN_FOCUS)
            assert shown["outline"] == f"solid 2px {FOCUS_RING}", shown
            return
    raise AssertionError(f"{key} never reached {target} in {MAX_PRESSES} presses")


def press(page: Page, *keys: str) -> None:
    """Press keys that change the page, and wait for the run they start."""
    with rerun(page):
        for key in keys:
            page.keyboard.press(key)


def test_a_check_in_page_switches_a_week_from_the_grid_and_a_csv_by_keyboard_alone(
    browser_page: Page, server: Server
) -> None:
    seed(server)
    page = browser_page
    open_page(page, server)

    tab_to(page, page.get_by_role("link", name="Check in for this week"))
    press(page, "Enter")
    expect(page).to_have_title("Check-in · Closer")

    ratings = {"Emotional connection": 7, "Positive associations": 8, "Being present": 6}
    ratings |= {"A bit of mystery": 3, "Creating space": 5}
    for title, rating in ratings.items():
        slider = rating_slider(page, title)
        tab_to(page, slider)
        press(page, *["ArrowRight"] * rating)
        expect(slider).to_have_attribute("aria-valuetext", str(rating))
    skip = page.get_by_role("switch", name="Skip Self-love this week", exact=True)
    tab_to(page, skip)
    press(page, "Space")
    expect(skip).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Save check-in"))
    press(page, "Enter")
    expect(page.get_by_text(f"Saved your check-in for {THIS_WEEK}")).to_be_visible()
    saved = Diary.open(server.db_path).get_entry(THIS_WEEK)
    assert saved is not None
    assert saved.ratings["connection"] == 7
    assert saved.ratings["mystery"] == 3
    assert saved.ratings["self_love"] is None, "skipped"

    sidebar = page.get_by_test_id("stSidebar")
    tab_to(page, sidebar.get_by_role("link", name="Home"), backwards=True)
    press(page, "Enter")
    expect(page).to_have_title("Home · Closer")

    # The week grid's keyboard path: choose a week in the list under it, then open it.
    earlier = THIS_WEEK.shifted(-3)
    tab_to(page, page.get_by_role("combobox", name="Open a week's check-in"))
    page.keyboard.type(str(earlier))
    press(page, "Enter")
    tab_to(page, page.get_by_role("button", name=f"Open {earlier}'s check-in"))
    press(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/check-in\?week={earlier}$"))
    expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()

    sidebar_data = sidebar.get_by_role("link", name="Your data")
    tab_to(page, sidebar_data, backwards=True)
    press(page, "Enter")
    expect(page).to_have_title("Your data · Closer")
    tab_to(page, page.get_by_role("button", name="Entries (CSV)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == export_filename(TODAY)
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert re.search(rf"^{THIS_WEEK},", text, re.MULTILINE), "this week's check-in is exported"


def test_at_200_percent_zoom_no_focused_control_hides_under_the_header(
    new_browser_page, server: Server
) -> None:
    seed(server)
    # 1280×900 at 200 % zoom: the page lays out in 640×450 CSS pixels.
    page = new_browser_page(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    open_page(page, server, "check-in")
    seen: list[dict[str, object]] = []
    for key in ["Tab"] * 50 + ["Shift+Tab"] * 50:
        page.keyboard.press(key)
        shown = page.evaluate(SHOWN_FOCUS)
        if shown["inMain"]:
            seen.append(shown)
    assert len(seen) > 40, "the walk reached the page's controls"
    hidden = [shown for shown in seen if shown["top"] < shown["headerBottom"]]
    assert not hidden, hidden
