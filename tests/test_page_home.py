"""The home page: a welcome on the first visit, the dashboard afterwards."""

import json

from lib.content import load_app_text
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, Closer


def metric(at, label: str) -> str:
    return next(item.value for item in at.metric if item.label == label)


def seed_falling_mystery(closer: Closer) -> None:
    """Six weeks to last week: all 7 except mystery, which falls 7, 6, 5, 4, 3, 2."""
    diary = closer.diary()
    for index in range(6):
        ratings = dict.fromkeys(PRACTICE_KEYS, 7) | {"mystery": 7 - index}
        diary.save_entry(make_entry(THIS_WEEK.shifted(index - 6), ratings))


def test_first_visit_explains_the_idea_and_offers_the_first_check_in(closer: Closer) -> None:
    at = closer.open()
    assert load_app_text().intro in [markdown.value for markdown in at.markdown]
    at.button(key="start").click().run()
    assert not at.exception
    assert at.title[0].value.endswith("Check-in")


def test_open_week_says_until_when_the_check_in_is_open(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK.shifted(-3), dict.fromkeys(PRACTICE_KEYS, 5)))
    at = closer.open()
    assert any("is open until Sunday 29 November" in info.value for info in at.info)
    assert not at.success
    assert metric(at, "Weeks checked in") == "1"
    assert metric(at, "Streak") == "0"


def test_done_week_says_so_and_counts_streak_and_consistency(closer: Closer) -> None:
    for offset in (0, 1, 2, 5):
        week = THIS_WEEK.shifted(-offset)
        closer.diary().save_entry(make_entry(week, dict.fromkeys(PRACTICE_KEYS, 5)))
    at = closer.open()
    assert not at.exception
    assert any(str(THIS_WEEK) in success.value for success in at.success)
    assert metric(at, "Weeks checked in") == "4"
    assert metric(at, "Streak") == "3"
    assert metric(at, "Last 12 weeks") == "4 of 12"


def test_focus_card_names_the_lowest_falling_practice_with_its_numbers(closer: Closer) -> None:
    seed_falling_mystery(closer)
    card = closer.open().container("focus_suggestion")
    text = "\n".join(markdown.value for markdown in card.markdown)
    assert "A bit of mystery" in text
    # Score by hand: start 7, then k = 1 - 0.5 ** 0.25 towards 6, 5, 4, 3, 2.
    assert "Lowest score of the six (5.1)" in text
    assert "Down 2 points over your last 3 check-ins" in text


def test_focus_button_stores_the_focus_on_last_weeks_check_in(closer: Closer) -> None:
    seed_falling_mystery(closer)
    at = closer.open()
    at.button(key="make_focus").click().run()
    assert not at.exception
    assert closer.diary().get_entry(THIS_WEEK.shifted(-1)).focus == "mystery"
    card_text = " ".join(caption.value for caption in at.container("focus_suggestion").caption)
    assert "This is your focus" in card_text


def test_dashboard_draws_every_chart(closer: Closer) -> None:
    seed_falling_mystery(closer)
    at = closer.open()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 4
    specs = [json.loads(chart.proto.spec) for chart in charts]
    assert all(spec.get("description") for spec in specs)


def test_sample_data_is_marked_and_never_written_to_the_diary(closer: Closer) -> None:
    at = closer.open()
    at.button(key="explore_sample").click().run()
    assert not at.exception
    assert at.container("focus_suggestion")
    assert int(metric(at, "Weeks checked in")) > 20
    assert not closer.db_path.exists()
    # The banner and its "Leave" button come from app.py before page.run(), which
    # AppTest does not capture; tests/test_browser_dashboard.py checks them.
    at.switch_page("pages/check_in.py").run()
    at.button(key="save").click().run()
    assert not closer.db_path.exists(), "a save in sample mode stays in the sample"
