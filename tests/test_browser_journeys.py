"""In a real browser: whole journeys through check-in, dashboard, export and import.

Each test starts on an empty diary. The last one uses the keyboard alone,
from the page load on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from lib import insights
from lib.content import load_practices
from lib.csv_files import CSV_COLUMNS, export_csv, export_filename
from lib.diary import Diary
from lib.entries import make_entry
from lib.sample import sample_entries
from tests.accessibility import FOCUS_RING, shown_focus
from tests.apptest import THIS_WEEK, TODAY
from tests.browser import (
    go_to,
    open_page,
    pick_week,
    rate,
    rerun,
    save_skipping_the_rest,
    settle,
)

BOM = b"\xef\xbb\xbf"
OTHER_FIVE = "Positive associations, Being present, A bit of mystery, Creating space and Self-love"
MAX_TABS = 80  # more than every focusable element on any page, twice over
# What a keyboard user is on.
ACTIVE = """() => {
    const e = document.activeElement;
    return {
        tag: e.tagName,
        label: e.getAttribute('aria-label') || '',
        text: (e.innerText || '').trim(),
    };
}"""


def press(page, key: str, times: int = 1) -> None:
    """Press `key` (`times` times) and wait for the script run it starts."""
    with rerun(page):
        for _ in range(times):
            page.keyboard.press(key)


def tab_to(page, wanted: Callable[[dict[str, str]], bool], back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element is the wanted one."""
    settle(page)  # a run still drawing the page (after a page switch) ends first
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        active = page.evaluate(ACTIVE)
        if wanted(active):
            # Someone working by keyboard sees where they are: Closer's ring, on what one sees.
            shown = shown_focus(page)
            assert shown["outline"] == FOCUS_RING, shown
            return
        seen.append(active["label"] or active["text"][:30] or active["tag"])
    raise AssertionError(f"not reachable with {'Shift+' if back else ''}Tab; passed {seen}")


def labelled(label: str) -> Callable[[dict[str, str]], bool]:
    return lambda active: active["label"] == label


def slider_of(title: str) -> Callable[[dict[str, str]], bool]:
    return lambda active: active["label"].startswith(f"{title}: your rating, from 1 (")


def button(text: str) -> Callable[[dict[str, str]], bool]:
    return lambda active: active["tag"] == "BUTTON" and text in active["text"]


def link(text: str) -> Callable[[dict[str, str]], bool]:
    return lambda active: active["tag"] == "A" and active["text"].endswith(text)


def expect_metric(page, label: str, value: str) -> None:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    expect(box.locator('[data-testid="stMetricValue"]')).to_have_text(value)


def upload(page, name: str, data: bytes, mime: str = "text/csv") -> None:
    """Put a file into the data page's CSV import picker."""
    picker = page.locator('[data-testid="stFileUploader"]').filter(has_text="Import a CSV export")
    with rerun(page):
        picker.locator('input[type="file"]').set_input_files(
            {"name": name, "mimeType": mime, "buffer": data}
        )


def import_csv(page, data: bytes, weeks: int) -> None:
    """Upload `data` on /data, check the preview says `weeks` new weeks, and import them."""
    upload(page, "closer-entries.csv", data)
    expect_metric(page, "New weeks", str(weeks))
    expect_metric(page, "Differ from saved", "0")
    expect_metric(page, "Identical", "0")
    with rerun(page):
        page.get_by_role("button", name=f"Import {weeks} new weeks").click()
    expect(page.get_by_text(f"Imported {weeks} new weeks.")).to_be_visible()


def download_entries_csv(page, by_keyboard: bool = False) -> bytes:
    with page.expect_download() as started:
        if by_keyboard:
            page.keyboard.press("Enter")
        else:
            page.get_by_role("button", name="Entries (CSV)").click()
    download = started.value
    assert download.suggested_filename == export_filename(TODAY)
    return download.path().read_bytes()


def grid_table(page, weeks: int) -> dict[str, list[str]]:
    """Switch the week grid to its table view; each of its `weeks` rows' cells by week."""
    with rerun(page):
        page.locator('[class*="st-key-heatmap_as_table"]').get_by_text(
            "Show the week grid as a table"
        ).click()
    table = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th", has_text="Week of")
    )
    # The grid fills its cells a moment after the script has finished.
    rows = table.locator("tr").filter(has=page.locator("td"))
    expect(rows).to_have_count(weeks)
    cells = [row.locator("td").all_inner_texts() for row in rows.all()]
    return {row[0]: row for row in cells}


def test_back_filling_two_earlier_weeks_shows_on_the_dashboard(browser_page, server) -> None:
    page = browser_page
    picked, linked = THIS_WEEK.shifted(-3), THIS_WEEK.shifted(-5)

    open_page(page, server, "check-in")
    pick_week(page, picked)
    rate(page, "Emotional connection", 7)
    save_skipping_the_rest(page, OTHER_FIVE)
    expect(page.get_by_text(f"Saved your check-in for {picked}")).to_be_visible()

    open_page(page, server, f"check-in?week={linked}")
    week_picker = page.get_by_role("combobox", name="Week", exact=True)
    expect(week_picker).to_have_value(re.compile(rf"^{linked} · {re.escape(linked.label())}"))
    rate(page, "Emotional connection", 2)
    save_skipping_the_rest(page, OTHER_FIVE)
    expect(page.get_by_text(f"Saved your check-in for {linked}")).to_be_visible()

    go_to(page, "Home")
    expect_metric(page, "Weeks checked in", "2")
    rows = grid_table(page, 6)  # every week from the first check-in to this one
    assert rows[str(picked)][:3] == [str(picked), "Mon 2 Nov 2026", "7"]
    assert rows[str(linked)][:3] == [str(linked), "Mon 19 Oct 2026", "2"]
    assert rows[str(THIS_WEEK)][:3] == [str(THIS_WEEK), "Mon 23 Nov 2026", "—"]
    saved = Diary.open(server.db_path).snapshot().entries
    assert [(e.week, e.ratings["connection"]) for e in saved] == [(linked, 2), (picked, 7)]


def test_an_imported_half_year_draws_the_dashboard_and_its_focus_can_be_chosen(
    browser_page, server
) -> None:
    page = browser_page
    history = sample_entries(TODAY)
    open_page(page, server, "data")
    import_csv(page, export_csv(history), len(history))

    go_to(page, "Home")
    expect_metric(page, "Weeks checked in", str(len(history)))
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4)  # drawn a moment after the script has finished
    for index in range(4):
        expect(charts.nth(index).locator("svg, canvas").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)

    diary = Diary.open(server.db_path)
    suggestion = insights.focus_suggestion(diary.snapshot().entries, TODAY)
    assert suggestion is not None
    title = next(item.title for item in load_practices() if item.key == suggestion.practice)
    card = page.locator('[class*="st-key-focus_suggestion"]')
    heading = card.get_by_text(re.compile(r"^Suggested focus (this|next) week:"))
    expect(heading).to_have_text(re.compile(f"{re.escape(title)}$"))
    with rerun(page):
        card.get_by_role("button", name=re.compile(r"^Make it (this|next) week's focus$")).click()
    latest = diary.snapshot().entries[-1]
    assert latest.focus == suggestion.practice
    expect(card.get_by_text(f"Chosen at your check-in for {latest.week}")).to_be_visible()


def test_the_csv_export_is_exactly_what_was_saved(browser_page, server) -> None:
    diary = Diary.open(server.db_path)
    for entry in sample_entries(TODAY)[-6:]:
        diary.save_entry(entry)
    week = THIS_WEEK
    tricky = {"connection": 9, "associations": None, "presence": 4}
    tricky |= {"mystery": 1, "space": 10, "self_love": 6}
    notes = {"mystery": '=HYPERLINK("x")', "space": 'Café, "quoted"\nsecond line'}
    diary.save_entry(make_entry(week, tricky, notes, "+ a reflection; with ümlauts", "space"))
    page = browser_page

    open_page(page, server, "data")
    data = download_entries_csv(page)

    assert data.startswith(BOM)
    assert data[len(BOM) :].split(b"\r\n", 1)[0].decode() == ",".join(CSV_COLUMNS)
    assert data == export_csv(Diary.open(server.db_path).snapshot().entries)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 7
    assert rows[-1]["mystery_note"] == '\'=HYPERLINK("x")'
    assert rows[-1]["space_note"] == 'Café, "quoted"\nsecond line'
    assert rows[-1]["associations"] == ""


def test_a_valid_import_adds_weeks_and_a_broken_one_changes_nothing(browser_page, server) -> None:
    page = browser_page
    weeks = sample_entries(TODAY)[-4:]
    valid = export_csv(weeks)
    open_page(page, server, "data")
    import_csv(page, valid, len(weeks))
    go_to(page, "Home")
    expect_metric(page, "Weeks checked in", "4")

    rows = list(csv.reader(io.StringIO(valid.decode("utf-8-sig"), newline="")))
    rows[1][CSV_COLUMNS.index("connection")] = "11"
    broken = io.StringIO(newline="")
    csv.writer(broken, lineterminator="\r\n").writerows(rows)
    before = server.db_path.read_bytes()

    go_to(page, "Your data")
    upload(page, "broken.csv", broken.getvalue().encode("utf-8-sig"))
    problem = page.locator('[data-testid="stAlert"]').filter(has_text="cannot be used")
    expect(problem.get_by_text("Nothing was changed")).to_be_visible()
    expect(problem).to_contain_text("Row 2, column “connection”")
    expect(problem).to_contain_text("not 11")
    # The upload's run has ended (upload waits for it): no Import button was drawn.
    expect(page.get_by_role("button", name=re.compile(r"^Import"))).to_have_count(0)
    assert server.db_path.read_bytes() == before
    go_to(page, "Home")
    expect_metric(page, "Weeks checked in", "4")


@pytest.mark.parametrize(
    ("name", "data", "mime", "said"),
    [
        (
            "diary.xlsx",
            b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "This file is an Excel workbook (.xlsx). Closer imports CSV files saved as UTF-8",
        ),
        (
            "huge.csv",
            b"week\n" + b"x" * (6 * 1024 * 1024),
            "text/csv",
            "The file is 6 MB, larger than the 5 MB Closer imports.",
        ),
    ],
    ids=["workbook", "over-the-limit"],
)
def test_a_file_closer_cannot_import_is_refused_in_words_on_the_page(
    browser_page, server, name: str, data: bytes, mime: str, said: str
) -> None:
    # Streamlit's own refusal is a red icon on the file chip with a MIME type on hover;
    # the file must reach Closer, which says what it is and what Closer takes instead.
    page = browser_page
    open_page(page, server, "data")
    expect(page.get_by_text("A CSV file saved as UTF-8")).to_be_visible()
    # Streamlit's own "50MB per file" (its transport cap) would contradict the 5 MB said.
    instructions = page.get_by_test_id("stFileUploaderDropzoneInstructions")
    expect(instructions).to_have_count(2)
    expect(instructions.first).to_contain_text("MB per file")
    expect(instructions.first).to_be_hidden()
    upload(page, name, data, mime)
    problem = page.locator('[data-testid="stAlert"]').filter(has_text="cannot be used")
    expect(problem).to_contain_text(said)
    expect(page.get_by_text("files are not allowed")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile(r"^Import"))).to_have_count(0)


def test_check_in_back_fill_and_export_with_the_keyboard_only(browser_page, server) -> None:
    page = browser_page
    this_week = THIS_WEEK
    earlier = this_week.shifted(-2)
    open_page(page, server)

    tab_to(page, button("Start your first check-in"))
    press(page, "Enter")
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()
    tab_to(page, slider_of("Emotional connection"))
    press(page, "End")
    press(page, "ArrowLeft", 2)
    tab_to(page, slider_of("Being present"))
    press(page, "ArrowRight", 3)
    tab_to(page, labelled("Skip A bit of mystery this week"))
    press(page, "Space")
    tab_to(page, lambda a: a["tag"] == "SUMMARY" and a["text"].startswith("Note on A bit of"))
    press(page, "Enter")
    tab_to(page, labelled("Note on A bit of mystery"))
    page.keyboard.type("Planned a surprise, told nobody")
    with rerun(page):  # leaving the note stores it
        tab_to(page, button("Save check-in"))
    press(page, "Enter")
    tab_to(page, button("Skip Positive associations, Creating space and Self-love and save"))
    press(page, "Enter")
    expect(page.get_by_text(f"Saved your check-in for {this_week}")).to_be_visible()

    tab_to(page, labelled("Week"), back=True)
    page.keyboard.type(str(earlier))
    press(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/check-in\?week={earlier}$"))
    tab_to(page, slider_of("Self-love"))
    press(page, "ArrowRight", 6)
    tab_to(page, button("Save check-in"))
    press(page, "Enter")
    tab_to(page, button("Skip Emotional connection, Positive associations"))
    press(page, "Enter")
    expect(page.get_by_text(f"Saved your check-in for {earlier}")).to_be_visible()

    saved = {entry.week: entry for entry in Diary.open(server.db_path).snapshot().entries}
    assert set(saved) == {earlier, this_week}
    assert saved[this_week].ratings == {
        "connection": 8,
        "associations": None,
        "presence": 3,
        "mystery": None,
        "space": None,
        "self_love": None,
    }
    assert saved[this_week].notes["mystery"] == "Planned a surprise, told nobody"
    assert saved[earlier].ratings["self_love"] == 6

    # The week grid's keyboard path: choose a week in the list under it, then open it.
    tab_to(page, link("Home"), back=True)
    press(page, "Enter")
    expect(page).to_have_title("Home · Closer")
    tab_to(page, labelled("Open a week's check-in"))
    page.keyboard.type(str(earlier))
    press(page, "Enter")
    tab_to(page, button(f"Open {earlier}'s check-in"))
    press(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/check-in\?week={earlier}$"))
    expect(page.get_by_text("Editing the check-in you saved on")).to_be_visible()

    tab_to(page, link("Your data"), back=True)
    press(page, "Enter")
    expect(page).to_have_url(re.compile(r"/data$"))
    tab_to(page, button("Entries (CSV)"))
    data = download_entries_csv(page, by_keyboard=True)
    assert data == export_csv(list(saved.values()))
