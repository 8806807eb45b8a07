"""In a real browser: axe-core finds nothing serious in any page Closer draws.

Every page, in light and dark, at desktop (1280×900) and phone (390×844)
width, with no diary yet, with sample data and with a real diary (the
passcode screen is in tests/test_browser_accessibility_locked.py). Each case
is one browser session that moves through the sidebar, as a person would,
and checks each page's tab title and that no heading carries a "Link to
heading" Tab stop. See tests/accessibility.py for what counts as a problem
and docs/ACCESSIBILITY.md for the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect

from lib.content import load_practices
from lib.csv_files import export_csv
from tests.accessibility import VIEWPORTS, audit, page_problems, wait_for_charts
from tests.browser import Server, go_to, open_page, rerun, seed_sample

PRACTICES = [item.title for item in load_practices()]
# Sidebar link name -> the page's tab title.
ADDRESSES = {
    "Home": "",
    "Check-in": "check-in",
    "Journal": "journal",
    **{item.title: item.key.replace("_", "-") for item in load_practices()},
    "Your data": "data",
    "Settings": "settings",
}
PAGES = {
    "Home": "Home",
    "Check-in": "Check-in",
    "Journal": "Journal",
    **{title: title for title in PRACTICES},
    "Your data": "Your data",
    "Settings": "Settings",
}


@pytest.mark.parametrize("state", ["empty", "sample", "real"])
def test_every_page_has_no_serious_accessibility_problem(
    new_browser_page: Callable[..., Page], server: Server, state: str
) -> None:
    if state == "real":
        seed_sample(server)
    page = new_browser_page(viewport=VIEWPORTS["desktop"], color_scheme="light")
    open_page(page, server)
    if state == "sample":
        with rerun(page):
            page.get_by_role("button", name="Explore with sample data").click()
        expect(page.get_by_text("You are exploring sample data")).to_be_visible()
    problems = page_problems(page, "Home")
    for link, name in PAGES.items():
        if link == "Home":
            continue
        go_to(page, link)
        problems += page_problems(page, name)
        if name in PRACTICES and state != "empty":
            # Tabs switch in the browser, without a run.
            page.get_by_role("tab", name="Your history").click()
            expect(page.get_by_role("tab", name="Your history")).to_have_attribute(
                "aria-selected", "true"
            )
            problems += page_problems(page, f"{name} history")
    assert not problems, "\n".join(problems)


def test_the_audit_finds_captions_faded_back_to_streamlits_default(
    browser_page: Page, server: Server
) -> None:
    """The check can fail: captions at Streamlit's 60 % (#828180 on white) are reported."""
    page = browser_page
    open_page(page, server, "settings")
    assert not audit(page)
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.add_style_tag(content='div[data-testid="stCaptionContainer"] { opacity: 0.6 !important; }')
    problems = audit(page)
    assert problems
    assert all(line.startswith("color-contrast (serious)") for line in problems)
    assert any("#828180" in line for line in problems), problems


# Whatever in the main area reaches past the window's right edge: clipped, or
# scrolled sideways (chart marks and legends included, as SVG elements).
PAST_THE_EDGE = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const main = document.querySelector('[data-testid="stMain"]');
  const past = [];
  if (main.scrollWidth > main.clientWidth + 1) past.push(`main scrolls to ${main.scrollWidth}px`);
  for (const node of main.querySelectorAll("*")) {
    const box = node.getBoundingClientRect();
    if (box.width > 0 && box.right > edge && getComputedStyle(node).visibility !== "hidden") {
      const name = node.getAttribute("aria-label") || node.textContent.trim().slice(0, 40);
      past.push(`${node.tagName} to ${Math.round(box.right)}px: ${name}`);
    }
  }
  return past.slice(0, 10);
}"""


@pytest.mark.parametrize(
    "window",
    [
        pytest.param({"viewport": {"width": 320, "height": 800}}, id="320px"),
        # 1280×900 at 200 % zoom: the page lays out in 640×450 CSS pixels.
        pytest.param(
            {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}, id="200%"
        ),
    ],
)
def test_no_page_is_clipped_or_scrolls_sideways_when_narrow_or_zoomed(
    new_browser_page: Callable[..., Page], server: Server, window: dict[str, object]
) -> None:
    seed_sample(server)
    page = new_browser_page(**window)
    problems: list[str] = []
    for name, path in ADDRESSES.items():
        open_page(page, server, path)
        wait_for_charts(page)
        problems += [f"{name}: {line}" for line in page.evaluate(PAST_THE_EDGE)]
        if name in PRACTICES:
            page.get_by_role("tab", name="Your history").press("Enter")
            wait_for_charts(page)
            problems += [f"{name} history: {line}" for line in page.evaluate(PAST_THE_EDGE)]
    assert not problems, "\n".join(problems)


def test_the_import_and_restore_previews_have_no_serious_accessibility_problem(
    new_browser_page: Callable[..., Page], server: Server
) -> None:
    """The data page with a file in each picker: week-by-week changes, tick boxes, a refusal."""
    entries = seed_sample(server)
    edited = [
        replace(entry, ratings={**entry.ratings, "presence": 9}, reflection="")
        for entry in entries[-3:]
    ]
    backup = json.loads(server.db_path.read_text(encoding="utf-8"))
    backup["photos"] = {"1": {"path": "x.jpg"}}
    page = new_browser_page(viewport=VIEWPORTS["desktop"], color_scheme="light")
    open_page(page, server, "data")
    pickers = page.locator('[data-testid="stFileUploader"]')
    with rerun(page):
        pickers.filter(has_text="Import a CSV export").locator(
            'input[type="file"]'
        ).set_input_files({"name": "e.csv", "mimeType": "text/csv", "buffer": export_csv(edited)})
    with rerun(page):
        page.get_by_text(f"Replace {edited[0].week}").click()
    with rerun(page):
        pickers.filter(has_text="Restore a backup").locator('input[type="file"]').set_input_files(
            {
                "name": "b.json",
                "mimeType": "application/json",
                "buffer": json.dumps(backup).encode(),
            }
        )
    expect(page.get_by_text("Closer will leave out what it does not know")).to_be_visible()
    expect(page.get_by_role("button", name="Import 0")).to_have_count(0)
    expect(page.get_by_role("button", name="Replace 1 week")).to_be_visible()
    problems = page_problems(page, "Your data")
    assert not problems, "\n".join(problems)
