"""In a real browser: the journal, from an imported diary to a filtered export.

Each test starts on an empty diary. The diary goes in as a user's own CSV,
through the importer on Your data.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Locator, Page, expect

from lib.csv_files import chosen_weeks_filename, export_csv
from lib.diary import Diary
from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.weeks import IsoWeek
from tests.apptest import TODAY
from tests.browser import Server, go_to, open_page, rerun
from tests.test_browser_journeys import import_csv

HOSTILE = "<img src=x onerror=alert(1)>"


def entry(
    week: str, presence: int | None, note: str = "", reflection: str = "", space_note: str = ""
) -> WeekEntry:
    """A week with every practice at 6 but Being present, one connection note, a reflection."""
    notes = dict.fromkeys(PRACTICE_KEYS, "") | {"connection": note, "space": space_note}
    ratings = dict.fromkeys(PRACTICE_KEYS, 6) | {"presence": presence}
    return make_entry(week, ratings, notes, reflection)


# "river" and "walk" together in one note, in two fields, in the reflection alone;
# and each of them alone.
DIARY = [
    entry("2026-W38", 5, "a long walk, no water"),
    entry("2026-W39", 7, "Crème brûlée after dinner"),
    entry("2026-W40", 3, "a walk by the river"),
    entry("2026-W41", 8, "walked home", space_note="the River was high"),
    entry("2026-W42", 2, "river only"),
    entry("2026-W43", None, HOSTILE),
    entry("2026-W44", 9, reflection="Our river walk at dusk"),
    entry("2026-W45", 6),
]
RIVER_WALK = ["2026-W44", "2026-W41", "2026-W40"]  # newest first


def week_cards(page: Page) -> Locator:
    return page.locator('[class*="st-key-journal_week_"]')


def expect_weeks(page: Page, weeks: list[str]) -> None:
    """Exactly these weeks' cards show, in this order, each headed by its week and Monday."""
    headings = week_cards(page).get_by_role("heading", level=2)
    expect(headings).to_have_text([IsoWeek.parse(week).with_monday() for week in weeks])


def card(page: Page, week: str) -> Locator:
    return page.locator(f".st-key-journal_week_{week}")


def search(page: Page, query: str) -> None:
    """Type a search and send it with Enter, as a user does."""
    box = page.get_by_role("textbox", name="Search your notes and reflections")
    box.fill(query)
    with rerun(page):
        box.press("Enter")


def import_diary(page: Page, server: Server) -> None:
    open_page(page, server, "data")
    import_csv(page, export_csv(DIARY), len(DIARY))


def test_search_filter_open_a_week_and_export_what_was_found(browser_page, server) -> None:
    page = browser_page
    import_diary(page, server)
    go_to(page, "Journal")
    expect_weeks(page, [str(item.week) for item in reversed(DIARY)])
    expect(page.get_by_text("All 8 weeks, newest first.")).to_be_visible()

    search(page, "River WALK")
    expect(page).to_have_url(re.compile(r"/journal\?q=River(\+|%20)WALK$"))
    expect_weeks(page, RIVER_WALK)
    expect(page.get_by_text("3 weeks of 8 match, newest first.")).to_be_visible()
    # Each match marked as typed, whatever its case; the rest of the text unmarked.
    expect(card(page, "2026-W44").locator("mark.closer-hit")).to_have_text(["river", "walk"])
    expect(card(page, "2026-W41").locator("mark.closer-hit")).to_have_text(["walk", "River"])

    page.get_by_text("Narrow the weeks down").click()  # opens in the browser, no run
    # Clicked while the expander still slides open, the list may not open.
    expect(page.locator('[data-testid="stExpander"] details')).to_have_attribute("open", "")
    practice = page.get_by_role("combobox", name="Practice")
    expect(practice).to_be_in_viewport()
    practice.click()
    option = page.get_by_role("option", name="Being present")
    expect(option).to_be_visible()
    with rerun(page):
        option.click()
    expect(practice).to_have_value("Being present")
    lowest = page.get_by_role("slider", name="Its rating — start")
    expect(lowest).to_be_enabled()
    lowest.focus()
    with rerun(page):
        for _ in range(6):  # from 1 to 7
            page.keyboard.press("ArrowRight")
        expect(lowest).to_have_attribute("aria-valuetext", "7")
    chosen = ["2026-W44", "2026-W41"]  # Being present at 9 and 8; the 3 is out
    expect_weeks(page, chosen)
    expect(page.get_by_text("2 weeks of 8 match, newest first.")).to_be_visible()

    with rerun(page):
        card(page, "2026-W41").get_by_role("link", name="Open 2026-W41 in the check-in").click()
    expect(page).to_have_url(re.compile(r"/check-in\?week=2026-W41$"))
    week_picker = page.get_by_role("combobox", name="Week", exact=True)
    expect(week_picker).to_have_value(re.compile(r"^2026-W41 · "))
    expect(
        page.get_by_role("slider", name=re.compile(r"^Being present: your rating"))
    ).to_have_attribute("aria-valuetext", "8")

    go_to(page, "Journal")
    # The search lives in the address and the filters in the session: both are back.
    expect_weeks(page, chosen)
    with page.expect_download() as started:
        page.get_by_role("button", name="Export these 2 weeks (CSV)").click()
    download = started.value
    assert download.suggested_filename == chosen_weeks_filename(TODAY)
    # Byte for byte the full export's rows for these weeks, as saved (with the import's times).
    saved = Diary.open(server.db_path).snapshot().by_week
    assert download.path().read_bytes() == export_csv([saved[IsoWeek.parse(w)] for w in chosen])


def test_the_address_searches_and_a_hostile_note_stays_text(browser_page, server: Server) -> None:
    page = browser_page
    dialogs: list[str] = []  # an alert() that ran would show here
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    import_diary(page, server)

    open_page(page, server, "journal?q=creme%20brulee")
    expect(page.get_by_role("textbox", name="Search your notes and reflections")).to_have_value(
        "creme brulee"
    )
    expect_weeks(page, ["2026-W39"])
    expect(card(page, "2026-W39").locator("mark.closer-hit")).to_have_text(["Crème", "brûlée"])

    open_page(page, server, f"journal?q={quote('river walk')}")
    expect_weeks(page, RIVER_WALK)

    open_page(page, server, "journal?q=onerror")
    expect_weeks(page, ["2026-W43"])
    hostile = card(page, "2026-W43")
    expect(hostile.locator("dd")).to_have_text(HOSTILE)
    expect(page.locator("img[src=x], [onerror]")).to_have_count(0)
    open_page(page, server, "journal")  # unsearched, without marks, too
    expect(card(page, "2026-W43").locator("dd")).to_have_text(HOSTILE)
    expect(page.locator("img[src=x], [onerror]")).to_have_count(0)
    assert dialogs == []


def test_on_a_phone_a_week_with_a_skipped_practice_keeps_its_chips_on_one_line(
    new_browser_page, server: Server
) -> None:
    page = new_browser_page(viewport={"width": 390, "height": 844})
    diary = Diary.open(server.db_path)
    diary.import_entries(DIARY)
    diary.close()

    open_page(page, server, "journal?q=onerror")  # 2026-W43: Being present skipped
    week = card(page, "2026-W43")
    chips = week.locator("li.closer-chip")
    expect(chips).to_have_count(6)
    # Measured once the journal's style sheet and the page's fonts are in.
    expect(week.locator("ul.closer-ratings")).to_have_css("display", "flex")
    page.evaluate("document.fonts.ready.then(() => true)")
    # One look at the layout (the page above may still grow between two looks).
    layout = week.evaluate(
        """card => ({
            tops: [...card.querySelectorAll("li.closer-chip")].map(chip => chip.offsetTop),
            lefts: ["h2", "li.closer-chip", "dl.closer-writing dt"].map(
                selector => Math.round(card.querySelector(selector).getBoundingClientRect().x)
            ),
        })"""
    )
    assert len(set(layout["tops"])) == 1, f"the chips wrap: {layout['tops']}"
    # The notes start where the heading and the chips do, not indented as a list.
    assert len(set(layout["lefts"])) == 1, layout["lefts"]
