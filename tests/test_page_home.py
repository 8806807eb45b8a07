"""The home page: a welcome on the first visit, the dashboard afterwards."""

import json
from dataclasses import replace

from streamlit.testing.v1 import AppTest

from lib import insights
from lib.content import load_app_text, load_practices
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
    at = closer.open()
    assert [header.value for header in at.container("focus_suggestion").header] == [
        "Suggested focus this week: 🔮 A bit of mystery"
    ]
    text = card_text(at)
    # Score by hand: 7, 6, 5, 4, 3, 2 weighted d⁵ … d, 1 (d = 0.5 ** 0.25) is 4.0.
    assert "Lowest score of the six (4.0)" in text
    assert "Down 2 points over your last 3 check-ins" in text


def card_text(at: AppTest) -> str:
    """Everything the focus card says, in order of kind: markdown, captions, messages."""
    card = at.container("focus_suggestion")
    parts = [*card.header, *card.markdown, *card.caption, *card.success, *card.error]
    return "\n".join(part.value for part in parts)


def test_focus_button_stores_the_focus_on_last_weeks_check_in(closer: Closer) -> None:
    seed_falling_mystery(closer)
    at = closer.open()
    assert at.button(key="make_focus").label == "Make it this week's focus"
    at.button(key="make_focus").click().run()
    assert not at.exception
    assert closer.diary().get_entry(THIS_WEEK.shifted(-1)).focus == "mystery"
    text = card_text(at)
    assert "Your focus this week: 🔮 A bit of mystery" in text
    assert f"Chosen at your check-in for {THIS_WEEK.shifted(-1)}" in text
    assert "This week's focus is now A bit of mystery." in text
    assert "✓ Closer suggests A bit of mystery too:" in text
    assert not at.container("focus_suggestion").button
    assert "This week's focus is now" not in card_text(at.run()), "said once"


def test_a_focus_chosen_at_this_weeks_check_in_is_never_replaced_silently(
    closer: Closer,
) -> None:
    """Regression: Home offered its suggestion, never named the chosen focus, and overwrote it."""
    seed_falling_mystery(closer)
    ratings = dict.fromkeys(PRACTICE_KEYS, 7) | {"mystery": 1}
    closer.diary().save_entry(make_entry(THIS_WEEK, ratings, focus="self_love"))
    at = closer.open()
    assert not at.exception

    text = card_text(at)
    assert "Your focus next week: 🛁 Self-love" in text
    assert f"Chosen at your check-in for {THIS_WEEK} ({THIS_WEEK.label()})." in text
    assert "**Closer suggests 🔮 A bit of mystery instead:**" in text
    assert "Lowest score of the six" in text
    assert "Try this week" not in text
    card = at.container("focus_suggestion")
    assert [button.label for button in card.button] == [
        "Switch next week's focus to A bit of mystery (replaces Self-love)"
    ]

    card.button(key="switch_focus").click().run()
    assert not at.exception
    assert closer.diary().get_entry(THIS_WEEK).focus == "mystery"
    text = card_text(at)
    assert "Next week's focus is now A bit of mystery; it was Self-love." in text
    assert "Your focus next week: 🔮 A bit of mystery" in text
    assert not at.container("focus_suggestion").button


def test_a_focus_equal_to_the_suggestion_is_said_once_without_a_button(closer: Closer) -> None:
    seed_falling_mystery(closer)
    ratings = dict.fromkeys(PRACTICE_KEYS, 7) | {"mystery": 1}
    closer.diary().save_entry(make_entry(THIS_WEEK, ratings, focus="mystery"))
    at = closer.open()
    text = card_text(at)
    assert "Your focus next week: 🔮 A bit of mystery" in text
    assert text.count("Closer suggests") == 1
    assert "✓ Closer suggests A bit of mystery too:" in text
    assert "Suggested focus" not in text
    assert not at.container("focus_suggestion").button


def test_without_a_focus_yet_the_suggestion_can_be_made_next_weeks_focus(closer: Closer) -> None:
    seed_falling_mystery(closer)
    ratings = dict.fromkeys(PRACTICE_KEYS, 7) | {"mystery": 1}
    closer.diary().save_entry(make_entry(THIS_WEEK, ratings))
    at = closer.open()
    text = card_text(at)
    assert "Suggested focus next week: 🔮 A bit of mystery" in text
    assert "**One idea to try:**" in text
    assert "Your focus" not in text
    assert at.button(key="make_focus").label == "Make it next week's focus"
    at.button(key="make_focus").click().run()
    assert closer.diary().get_entry(THIS_WEEK).focus == "mystery"
    text = card_text(at)
    assert "Next week's focus is now A bit of mystery." in text
    assert "Your focus next week: 🔮 A bit of mystery" in text


def test_a_focus_chosen_last_week_is_this_weeks_and_can_be_switched(closer: Closer) -> None:
    seed_falling_mystery(closer)
    last = closer.diary().get_entry(THIS_WEEK.shifted(-1))
    closer.diary().save_entry(replace(last, focus="self_love"))
    at = closer.open()
    text = card_text(at)
    assert "Your focus this week: 🛁 Self-love" in text
    assert f"Chosen at your check-in for {THIS_WEEK.shifted(-1)}" in text
    assert "**Closer suggests 🔮 A bit of mystery instead:**" in text
    button = at.button(key="switch_focus")
    assert button.label == "Switch this week's focus to A bit of mystery (replaces Self-love)"
    button.click().run()
    assert closer.diary().get_entry(THIS_WEEK.shifted(-1)).focus == "mystery"
    assert "This week's focus is now A bit of mystery; it was Self-love." in card_text(at)


def test_without_a_recent_check_in_the_card_asks_for_one(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK.shifted(-3), dict.fromkeys(PRACTICE_KEYS, 5)))
    at = closer.open()
    text = card_text(at)
    assert "Check in for this week to choose a focus." in text
    assert "**One idea to try:**" in text
    assert not at.container("focus_suggestion").button


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
    at.switch_page("pages/check-in.py").run()
    at.button(key="save").click().run()
    assert not closer.db_path.exists(), "a save in sample mode stays in the sample"


def test_each_table_switch_names_the_chart_it_turns_into_a_table(closer: Closer) -> None:
    seed_falling_mystery(closer)
    labels = [toggle.label for toggle in closer.open().toggle]
    assert labels == [
        "Show this week's ratings as a table",
        "Show the trends as a table",
        "Show all six together as a table",
        "Show the week grid as a table",
    ]


def vega_spec(at: AppTest, title: str) -> dict:
    """The spec of the chart titled `title`."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    (spec,) = [spec for spec in specs if spec["title"]["text"] == title]
    return spec


def test_choosing_a_week_in_the_list_opens_its_check_in(closer: Closer) -> None:
    """The heatmap's keyboard path: the same week a click on the grid would open."""
    seed_falling_mystery(closer)
    written = closer.db_path.read_bytes()
    at = closer.open()
    weeks = at.selectbox(key="week_open")
    assert weeks.label == "Open a week's check-in"
    assert weeks.value is None, "nothing is chosen until the user chooses"
    assert weeks.options[:2] == [
        f"{THIS_WEEK} · week of 23 Nov · no check-in",
        f"{THIS_WEEK.shifted(-1)} · week of 16 Nov",
    ]
    assert at.button(key="open_week").disabled
    week = THIS_WEEK.shifted(-3)
    weeks.select(str(week)).run()
    assert not at.exception
    button = at.button(key="open_week")
    assert button.label == f"Open {week}'s check-in"
    assert not button.disabled
    assert at.title[0].value.endswith("Closer"), "choosing a week alone opens nothing"

    button.click().run()
    assert not at.exception
    assert at.title[0].value.endswith("Check-in")
    assert at.selectbox(key="week_picker").value == str(week)
    assert closer.db_path.read_bytes() == written, "opening a week writes nothing"


def test_picking_a_practice_picks_it_out_of_the_trend(closer: Closer) -> None:
    """The legend's keyboard path: the trend is drawn with that practice picked out."""
    seed_falling_mystery(closer)
    at = closer.open()
    pick = at.pills(key="trend_pick")
    assert pick.label == "Pick out a practice"
    assert pick.options == [item.title for item in load_practices()]
    trend = vega_spec(at, "How each practice is going")
    assert "value" not in trend["params"][0]

    pick.select("mystery").run()
    assert not at.exception
    trend = vega_spec(at, "How each practice is going")
    assert trend["params"][0]["value"] == [{"practice_title": "A bit of mystery"}]
    assert trend["params"][0]["bind"] == "legend", "the legend still picks too"
    assert "A bit of mystery is picked out" in trend["description"]

    at.pills(key="trend_pick").unselect("mystery").run()
    assert "value" not in vega_spec(at, "How each practice is going")["params"][0]


def test_every_dashboard_control_has_its_own_name(closer: Closer) -> None:
    seed_falling_mystery(closer)
    at = closer.open()
    labels = [
        *(widget.label for widget in at.segmented_control),
        *(widget.label for widget in at.pills),
        *(widget.label for widget in at.selectbox),
        *(widget.label for widget in at.toggle),
    ]
    assert len(labels) == len(set(labels)) == 7


def test_the_focus_card_says_what_a_score_is(closer: Closer) -> None:
    seed_falling_mystery(closer)
    assert f"Score: {insights.SCORE_MEANING}." in card_text(closer.open())


def test_focus_effects_wait_with_one_line_until_a_practice_can_be_compared(
    closer: Closer,
) -> None:
    """Regression: after the first check-in every row of a wide table said "not enough data"."""
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 5), focus="space"))
    at = closer.open()
    assert not at.exception
    assert "Does focusing help?" in [header.value for header in at.header]
    captions = [caption.value for caption in at.caption]
    assert any(
        caption.startswith("Once a practice has been your focus at 3") for caption in captions
    )
    assert not any("not enough data" in caption for caption in captions)
    assert not at.dataframe, "no table until there is something to compare"
    assert not any("after a focus week" in markdown.value for markdown in at.markdown)


def test_focus_effects_say_in_a_sentence_how_a_focused_practice_moved(closer: Closer) -> None:
    # Being present 5 6 6 8 7 7 9 8, the focus at the 1st, 3rd and 6th check-ins:
    # +1, +2, +2 after a focus week, 0, -1, 0, -1 after the others.
    diary = closer.diary()
    ratings = [5, 6, 6, 8, 7, 7, 9, 8]
    focus = ["presence", None, "presence", None, None, "presence", None, None]
    for index, (rating, chosen) in enumerate(zip(ratings, focus, strict=True)):
        week = THIS_WEEK.shifted(index - len(ratings))
        entry = dict.fromkeys(PRACTICE_KEYS, 7) | {"presence": rating}
        diary.save_entry(make_entry(week, entry, focus=chosen))
    at = closer.open()
    assert not at.exception
    assert (
        "- **Being present**, your focus 3 times: on average up 1.7 at the check-in after a "
        "focus week (3 times), down 0.5 after other check-ins (4 times)."
    ) in [markdown.value for markdown in at.markdown]
    assert (
        "Not enough focus weeks yet to compare Emotional connection, Positive associations, "
        "A bit of mystery, Creating space and Self-love."
    ) in [caption.value for caption in at.caption]
    assert not at.dataframe
