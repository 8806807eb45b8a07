"""The journal page: every saved week, searched from the box or the address, and filtered."""

from __future__ import annotations

import re

from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.weeks import IsoWeek
from tests.apptest import Closer
from ui.texts import CSV_NOT_ENCRYPTED

PAGE = "pages/journal.py"
HOSTILE = "<img src=x onerror=alert(1)> **bold** :material/home:"


def entry(week: str, note: str = "", reflection: str = "", presence: int | None = 5) -> WeekEntry:
    notes = dict.fromkeys(PRACTICE_KEYS, "")
    notes["connection"] = note
    ratings = dict.fromkeys(PRACTICE_KEYS, 6) | {"presence": presence}
    return make_entry(week, ratings, notes, reflection)


DIARY = [
    entry("2026-W40", "Crème brûlée after dinner", presence=3),
    entry("2026-W41", "a walk by the river", presence=4),
    entry("2026-W42", "walked home", reflection="the river was high", presence=8),
    entry("2026-W43", "river only", presence=2),
    entry("2026-W44", HOSTILE, presence=None),
    entry("2026-W45"),
]


def seeded(closer: Closer, entries: list[WeekEntry] = DIARY) -> Closer:
    closer.diary().import_entries(entries)
    return closer


def weeks_shown(at) -> list[str]:
    return [header.value.split(" ")[0] for header in at.header]


def kinds_in_order(node) -> list[str]:
    """Every element's type under `node`, in the order the page shows them."""
    if not hasattr(node, "children"):
        return [node.type]
    return [
        kind for index in sorted(node.children) for kind in kinds_in_order(node.children[index])
    ]


def html_of(at) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def test_an_empty_diary_says_so_and_leads_to_the_check_in(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert not at.exception
    assert "No check-ins yet" in at.info[0].value
    assert not at.text_input  # nothing to search
    assert any(link.proto.label == "Start your first check-in" for link in at.get("page_link"))


def test_every_week_shows_newest_first_with_a_way_to_open_it(closer: Closer) -> None:
    at = seeded(closer).open(PAGE)
    assert weeks_shown(at) == [f"2026-W{week}" for week in range(45, 39, -1)]
    assert "All 6 weeks, newest first." in [caption.value for caption in at.caption]
    links = [link.proto for link in at.get("page_link") if link.proto.label.startswith("Open")]
    assert links[0].label == "Open 2026-W45 in the check-in"
    assert links[0].query_string == "week=2026-W45"


def test_the_address_searches_without_accents_or_case(closer: Closer) -> None:
    at = seeded(closer).open(PAGE, q="creme brulee")
    assert at.text_input(key="q").value == "creme brulee"
    assert weeks_shown(at) == ["2026-W40"]
    assert '<mark class="closer-hit">Crème</mark>' in html_of(at)


def test_several_words_must_all_be_in_the_week(closer: Closer) -> None:
    at = seeded(closer).open(PAGE, q="river walk")
    assert weeks_shown(at) == ["2026-W42", "2026-W41"]
    assert "2 weeks of 6 match, newest first." in [caption.value for caption in at.caption]


def test_typing_a_search_filters_and_names_the_export(closer: Closer) -> None:
    at = seeded(closer).open(PAGE)
    at.text_input(key="q").input("river").run()
    assert weeks_shown(at) == ["2026-W43", "2026-W42", "2026-W41"]
    assert at.get("download_button")[0].proto.label == "Export these 3 weeks (CSV)"


def test_a_hostile_note_is_shown_as_typed(closer: Closer) -> None:
    at = seeded(closer).open(PAGE, q="onerror")
    assert weeks_shown(at) == ["2026-W44"]
    html = html_of(at)
    assert "<img" not in html
    plain = re.sub(r"</?mark[^>]*>", "", html)
    assert "&lt;img src=x onerror=alert(1)&gt; **bold** :material/home:" in plain


def test_a_practice_and_a_rating_range_narrow_the_weeks(closer: Closer) -> None:
    at = seeded(closer).open(PAGE)
    at.selectbox(key="journal_practice").set_value("presence").run()
    at.slider(key="journal_rating").set_value((1, 4)).run()
    assert weeks_shown(at) == ["2026-W43", "2026-W41", "2026-W40"]  # the skipped week is out


def test_dates_and_notes_only_combine_with_the_search(closer: Closer) -> None:
    at = seeded(closer).open(PAGE, q="river")
    at.date_input(key="journal_until").set_value(IsoWeek(2026, 42).sunday).run()
    assert weeks_shown(at) == ["2026-W42", "2026-W41"]
    at = closer.open(PAGE)
    at.checkbox(key="journal_notes").check().run()
    assert "2026-W45" not in weeks_shown(at)
    assert len(weeks_shown(at)) == 5


def test_no_match_says_which_filter_left_nothing(closer: Closer) -> None:
    at = seeded(closer).open(PAGE, q="river")
    at.selectbox(key="journal_practice").set_value("presence").run()
    at.slider(key="journal_rating").set_value((9, 10)).run()
    assert weeks_shown(at) == []
    assert at.info[0].value == (
        "No week matches: 3 weeks contain “river”, but they do not have Being present "
        "at 9 or higher."
    )
    assert not at.get("download_button")
    assert not [c.value for c in at.caption if "match, newest first" in c.value]  # said once


def test_a_start_after_the_end_is_pointed_out(closer: Closer) -> None:
    at = seeded(closer).open(PAGE)
    at.date_input(key="journal_since").set_value(IsoWeek(2026, 44).monday)
    at.date_input(key="journal_until").set_value(IsoWeek(2026, 41).monday).run()
    assert "“From” is after “To”" in at.warning[0].value
    assert weeks_shown(at) == []


def test_a_long_diary_is_shown_twenty_weeks_at_a_time(closer: Closer) -> None:
    weeks = [entry(str(IsoWeek(2026, 47).shifted(-back))) for back in range(45)]
    at = seeded(closer, weeks).open(PAGE)
    assert len(at.header) == 20
    assert weeks_shown(at)[0] == "2026-W47"
    assert "Weeks 1–20 of 45." in [caption.value for caption in at.caption]
    assert at.get("pagination")[0].proto.num_pages == 3
    # The page buttons are under the cards, where a reader who reached the last one is.
    shown = [kind for kind in kinds_in_order(at.main) if kind in {"header", "pagination"}]
    assert shown == ["header"] * 20 + ["pagination"]


def test_the_filters_are_kept_after_opening_a_week_in_the_check_in(closer: Closer) -> None:
    at = seeded(closer).open(PAGE)
    at.selectbox(key="journal_practice").set_value("presence").run()
    at.slider(key="journal_rating").set_value((1, 4)).run()
    at.checkbox(key="journal_notes").check().run()
    at.switch_page("pages/check-in.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert not at.warning  # nothing said about a value set twice
    assert at.selectbox(key="journal_practice").value == "presence"
    assert at.slider(key="journal_rating").value == (1, 4)
    assert weeks_shown(at) == ["2026-W43", "2026-W41", "2026-W40"]


def test_the_sample_has_a_journal_and_its_export_says_it_is_the_sample(closer: Closer) -> None:
    at = closer.open()
    at.button(key="explore_sample").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert len(weeks_shown(at)) == 20  # the sample's first page
    export = at.get("download_button")[0].proto
    assert "Closer does not import sample files" in export.help
    assert CSV_NOT_ENCRYPTED not in [caption.value for caption in at.main.caption]
    assert not closer.db_path.exists()


def test_the_export_says_beside_it_that_a_csv_file_is_not_encrypted(closer: Closer) -> None:
    at = seeded(closer).open(PAGE)
    at.text_input(key="q").input("river").run()
    assert at.get("download_button")[0].proto.label == "Export these 3 weeks (CSV)"
    assert CSV_NOT_ENCRYPTED in [caption.value for caption in at.main.caption]
