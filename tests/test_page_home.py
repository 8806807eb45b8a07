"""The home page: a welcome on the first visit, this week's status afterwards."""

from lib.content import load_app_text
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, Closer


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
    assert at.metric[0].value == "1"


def test_done_week_says_so_and_counts_every_week(closer: Closer) -> None:
    for offset in range(3):
        week = THIS_WEEK.shifted(-offset)
        closer.diary().save_entry(make_entry(week, dict.fromkeys(PRACTICE_KEYS, 5)))
    at = closer.open()
    assert any(str(THIS_WEEK) in success.value for success in at.success)
    assert at.metric[0].value == "3"
    assert at.metric[1].value == THIS_WEEK.label()
