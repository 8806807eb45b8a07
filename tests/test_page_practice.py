"""The practice pages: one function renders each practice's own content."""

import pytest

from lib import insights
from lib.content import load_practices, personalise
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, Closer

PRACTICES = {practice.key: practice for practice in load_practices()}


def url(key: str) -> str:
    return key.replace("_", "-")


@pytest.mark.parametrize("key", PRACTICES)
def test_page_shows_its_ideas_and_prompts_with_the_partner_filled_in(
    closer: Closer, key: str
) -> None:
    practice = PRACTICES[key]
    text = "\n".join(markdown.value for markdown in closer.open_url(url(key)).markdown)
    for line in practice.ideas + practice.prompts:
        assert personalise(line) in text
    assert "{partner}" not in text


def test_space_carries_the_caution_about_too_much_distance(closer: Closer) -> None:
    at = closer.open_url("space")
    assert [warning.value for warning in at.warning] == [PRACTICES["space"].caution]
    assert not closer.open_url("presence").warning


def test_history_shows_score_trend_and_notes_newest_first_as_plain_text(closer: Closer) -> None:
    diary = closer.diary()
    for offset, (rating, note) in enumerate(
        [(4, "[click](javascript:alert(1))"), (6, "<b>old</b>")]
    ):
        ratings = dict.fromkeys(PRACTICE_KEYS, 5) | {"mystery": rating}
        diary.save_entry(make_entry(THIS_WEEK.shifted(-1 - offset), ratings, {"mystery": note}))
    at = closer.open_url("mystery")
    assert not at.exception
    assert [metric.label for metric in at.metric] == ["Score", "Trend", "Times as focus"]
    assert f"Score: {insights.SCORE_MEANING}." in [caption.value for caption in at.caption]
    assert [text.value for text in at.text] == ["[click](javascript:alert(1))", "<b>old</b>"]
    assert not any("javascript:" in markdown.value for markdown in at.markdown)
    assert at.get("vega_lite_chart")


def test_long_histories_show_the_newest_notes_and_a_button_for_older_ones(closer: Closer) -> None:
    diary = closer.diary()
    for offset in range(1, 46):
        ratings = dict.fromkeys(PRACTICE_KEYS, 5)
        diary.save_entry(make_entry(THIS_WEEK.shifted(-offset), ratings, {"space": f"n{offset}"}))
    at = closer.open_url("space")
    assert [text.value for text in at.text] == [f"n{offset}" for offset in range(1, 21)]
    at.button(key="older_notes_space").click().run()
    assert len(at.text) == 40
    assert at.button(key="older_notes_space").label == "Show 5 older notes (5 more)"
    at.button(key="older_notes_space").click().run()
    assert [text.value for text in at.text][-1] == "n45"
    assert not [button for button in at.button if button.key == "older_notes_space"]
