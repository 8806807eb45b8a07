"""In a real browser: the dashboard's charts, what they say and how the keyboard reaches them."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from lib.chart_colours import GRAPHICS_CONTRAST
from lib.contrast import contrast_ratio
from lib.weeks import IsoWeek
from tests.apptest import TODAY
from tests.browser import Server, asked_runs, open_page, rerun, seed_sample

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
    entries = seed_sample(server)
    target = entries[-5]
    page = new_browser_page(viewport={"width": 1280, "height": 3600})
    open_page(page, server)
    heatmap = page.locator(CHARTS).nth(3)
    label = f"{target.week.with_monday()}: "
    with rerun(page):  # the click's run switches to the check-in, which runs next
        heatmap.locator(f'path[aria-label*="{label}"]').first.click()
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/check-in\?week={target.week}$"))
    expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()


# Column names Vega reads out when a mark has no words of its own.
FIELD_NAMES = (
    "slice_start",
    "slice_end",
    "week_start",
    "week_end",
    "practice_title",
    "mean_rating",
)
SYMBOLS = f'{CHARTS} [role="graphics-symbol"]'


def charts_drawn(page: Page) -> None:
    """Wait until each of Home's four charts has drawn its marks (Vega draws after the run)."""
    expect(page.locator(CHARTS)).to_have_count(4)
    for chart in page.locator(CHARTS).all():
        expect(chart.locator('[role="graphics-symbol"]').first).to_be_attached()


def tab_to(page: Page, target: Locator, most: int = 3) -> None:
    """Press Tab until `target` has the focus, at most `most` times."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            break
    expect(target).to_be_focused()


def test_the_week_grid_reads_as_words_and_opens_a_week_by_keyboard_alone(
    new_browser_page, server: Server
) -> None:
    entries = seed_sample(server)
    target = entries[-5]
    rating = target.ratings["presence"]
    assert rating is not None, "the sample rates presence that week"
    page = new_browser_page(viewport={"width": 1280, "height": 900})
    open_page(page, server)
    charts_drawn(page)

    heatmap = page.locator(CHARTS).nth(3)
    cell = f"Being present, {target.week.with_monday()}: {rating}"
    expect(heatmap.locator(f'[role="graphics-symbol"][aria-label="{cell}"]')).to_have_count(1)
    labels = page.locator(SYMBOLS).evaluate_all(
        "symbols => symbols.map(symbol => symbol.getAttribute('aria-label') || '')"
    )
    assert len(labels) > 300, "every dot, slice and cell on Home has a label"
    assert not [label for label in labels if any(name in label for name in FIELD_NAMES)]

    weeks = page.get_by_role("combobox", name="Open a week's check-in")
    weeks.focus()
    page.keyboard.type(str(target.week))
    with rerun(page):
        page.keyboard.press("Enter")
    button = page.get_by_role("button", name=f"Open {target.week}'s check-in")
    tab_to(page, button)
    with rerun(page):  # the button's run switches to the check-in, which runs next
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/check-in\?week={target.week}$"))
    expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()


def test_picking_a_practice_by_keyboard_fades_the_others_in_the_trend(
    browser_page, server: Server
) -> None:
    seed_sample(server)
    page = browser_page
    open_page(page, server)
    trend = page.locator(CHARTS).nth(1)
    mystery = trend.locator('[aria-roledescription="point"][aria-label^="A bit of mystery,"]')
    others = trend.locator('[aria-roledescription="point"][aria-label^="Self-love,"]')
    expect(others.first).to_have_attribute("opacity", "1")

    pick = page.get_by_role("radiogroup", name="Pick out a practice")
    pick.get_by_role("radio", name="A bit of mystery").focus()
    with rerun(page):
        page.keyboard.press("Enter")
    expect(pick.get_by_role("radio", name="A bit of mystery")).to_be_checked()
    expect(trend).to_have_attribute("aria-label", re.compile("A bit of mystery is picked out"))
    expect(others.first).to_have_attribute("opacity", "0.1")
    expect(mystery.first).to_have_attribute("opacity", "1")


def rgb_hex(css: str) -> str:
    """`rgb(23, 22, 20)` as `#171614`."""
    red, green, blue = (int(part) for part in re.findall(r"\d+", css)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawn_marks_have_three_to_one_and_text_is_the_page_text_colour(
    new_browser_page, server: Server, scheme: str
) -> None:
    seed_sample(server)
    page = new_browser_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    open_page(page, server)
    charts_drawn(page)
    background = rgb_hex(
        page.locator('[data-testid="stApp"]').evaluate(
            "app => getComputedStyle(app).backgroundColor"
        )
    )
    text = rgb_hex(page.locator("body").evaluate("body => getComputedStyle(body).color"))
    marks = page.locator(SYMBOLS).evaluate_all(
        """symbols => symbols
            .filter(symbol => ["point", "arc mark", "rect mark"].includes(
                symbol.getAttribute("aria-roledescription")))
            .map(symbol => [
                getComputedStyle(symbol).fill, symbol.getAttribute("opacity") || "1"
            ])"""
    )
    assert len(marks) > 300
    assert {opacity for _, opacity in marks} == {"1"}, "nothing picked out: all drawn in full"
    fills = {rgb_hex(fill) for fill, _ in marks}
    assert min(contrast_ratio(fill, background) for fill in fills) >= GRAPHICS_CONTRAST
    words = page.locator(f"{CHARTS} svg text").evaluate_all(
        "texts => [...new Set(texts.map(text => getComputedStyle(text).fill))]"
    )
    assert [rgb_hex(fill) for fill in words] == [text]


# Elements on the page that scroll sideways: wider content than their box, and allowed to scroll.
SIDEWAYS = """Array.from(document.querySelectorAll('[data-testid=stMain] *'))
  .filter(e => e.scrollWidth > e.clientWidth + 1
    && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
  .map(e => `${e.dataset.testid || e.tagName}: ${e.scrollWidth} in ${e.clientWidth}`)"""


def test_the_dashboard_fits_a_phone_without_scrolling_sideways(new_browser_page, server) -> None:
    """Regression: "Does focusing help?" was a four-column table scrolling sideways at 390 px."""
    seed_sample(server)
    page = new_browser_page(viewport={"width": 390, "height": 844})
    open_page(page, server)
    page.get_by_role("heading", name="Does focusing help?").scroll_into_view_if_needed()
    compared = page.get_by_role("listitem").filter(has_text="Emotional connection, your focus")
    expect(compared).to_contain_text("at the check-in after a focus week")
    expect(page.locator(f"{CHARTS} canvas, {CHARTS} svg").first).to_be_visible()
    assert page.evaluate(SIDEWAYS) == []


def test_every_week_axis_labels_the_mondays_weeks_start_on(
    new_browser_page, server: Server
) -> None:
    """Regression: the grid's axis, ticked mid-cell, labelled Thursdays; the trend Mondays."""
    entries = seed_sample(server)
    page = new_browser_page(viewport={"width": 1280, "height": 3600})
    open_page(page, server)
    charts_drawn(page)
    week, mondays = entries[0].week, set()
    while week <= IsoWeek.of(TODAY):
        mondays.add(f"{week.monday.day} {week.monday:%b}")
        week = week.shifted(1)
    shown = {}
    for index, name in ((1, "trend"), (2, "average"), (3, "grid")):
        texts = page.locator(CHARTS).nth(index).locator(".role-axis-label text").all_text_contents()
        shown[name] = [text for text in texts if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", text)]
        assert shown[name], f"the {name} labels its weeks"
        assert set(shown[name]) <= mondays, name
    assert set(shown["grid"]) <= set(shown["trend"]), "the same weeks, named by the same Mondays"


def test_a_table_switch_and_the_span_rerun_their_own_part_not_the_page(
    browser_page, server: Server
) -> None:
    """st.fragment: the status, focus card and wheel above are not run again for either."""
    seed_sample(server)
    page = browser_page
    open_page(page, server)
    with asked_runs(page) as asked:
        with rerun(page):
            page.get_by_text("Show the trends as a table").click()
        expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
        with rerun(page):
            page.get_by_text("1 year", exact=True).click()
        with rerun(page):
            page.get_by_text("Show the trends as a table").click()
    switch, span, back = asked
    assert switch, "the switch reran a fragment, not the page"
    assert span, "the span reran a fragment, not the page"
    assert switch == back != span, "the switch its chart alone; the span the trends section"
    expect(page.get_by_role("radio", name="1 year")).to_be_checked()
