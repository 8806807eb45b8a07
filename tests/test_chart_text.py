"""Charts in words: each chart's text alternative and each mark's label, on small diaries."""

from datetime import date

import pandas as pd
import pytest

from lib import chart_text
from lib.content import load_practices
from lib.entries import PRACTICE_KEYS, make_entry
from lib.frames import history_frame, overall_frame, wheel_frame
from lib.weeks import IsoWeek

TITLES = {item.key: item.title for item in load_practices()}
# Weeks 2026-W45, W46, W47 start on 2, 9 and 16 November.
FIRST = IsoWeek(2026, 45)


def diary(*weeks: dict[str, int | None] | None) -> list:
    """One entry per week from FIRST (None: no check-in that week); unnamed practices get 6."""
    return [
        make_entry(FIRST.shifted(offset), dict.fromkeys(PRACTICE_KEYS, 6) | ratings)
        for offset, ratings in enumerate(weeks)
        if ratings is not None
    ]


def history(*weeks: dict[str, int | None] | None) -> pd.DataFrame:
    return history_frame(diary(*weeks), TITLES, through=FIRST.shifted(len(weeks) - 1))


EMPTY = history_frame([], TITLES)
SKIPPED_ALL = dict.fromkeys(PRACTICE_KEYS)
# Being present climbs, mystery drops, self-love holds; connection is first rated in
# the last week and associations never.
MOVING = history(
    {"presence": 4, "mystery": 8, "connection": None, "associations": None},
    {"presence": 10, "mystery": 2, "connection": None, "associations": None},
    {"presence": 10, "mystery": 2, "connection": 5, "associations": None},
)


# -- words for weeks and numbers ------------------------------------------------------------


def test_weeks_are_named_by_iso_week_and_the_day_they_start() -> None:
    assert chart_text.week_of(date(2026, 10, 5)) == "week of 5 Oct 2026"
    assert chart_text.week_words("2026-W41", pd.Timestamp(2026, 10, 5)) == (
        "2026-W41 (week of 5 Oct 2026)"
    )


def test_span_names_the_first_and_last_week_shown() -> None:
    assert chart_text.span(MOVING) == (
        "from 2026-W45 (week of 2 Nov 2026) to 2026-W47 (week of 16 Nov 2026)"
    )
    assert chart_text.span(history({})) == "for 2026-W45 (week of 2 Nov 2026)"
    assert chart_text.span(EMPTY) == ""


@pytest.mark.parametrize(
    ("value", "shown"), [(6.5, "7"), (6.49, "6"), (7.5, "8"), (0.0, "0"), (9.96, "10")]
)
def test_scores_round_half_up_as_people_do(value: float, shown: str) -> None:
    assert chart_text.whole(value) == shown


# -- the trend --------------------------------------------------------------------------------


def test_trend_says_each_practices_direction_in_its_title() -> None:
    text = chart_text.trend_description(MOVING)
    assert text.startswith(
        "Line chart of each practice's weekly ratings (0 to 10) from 2026-W45 (week of "
        "2 Nov 2026) to 2026-W47 (week of 16 Nov 2026): a dot for each rating"
    )
    assert (
        "a thick line for each smoothed score (a weighted average of your ratings so far, in "
        "which newer weeks count more); gaps are skipped or missed weeks."
    ) in text, "says what a score is"
    # By hand, weights d² d 1 (d = 0.840896, 2.548003 in all): 4, 10, 10 end at 8.34;
    # 8, 2, 2 at 3.66.
    assert text.endswith(
        "Over these weeks the smoothed score of Emotional connection stands at 5; "
        "Positive associations has no rating yet; Being present rose from 4 to 8; "
        "A bit of mystery fell from 8 to 4; Creating space held near 6; Self-love held near 6."
    )
    assert "presence" not in text, "practice titles, never keys"


def test_trend_says_which_practice_is_picked_out() -> None:
    text = chart_text.trend_description(MOVING, "Self-love")
    assert text.endswith("Self-love is picked out; the others are faded.")


def test_trend_of_no_check_ins_or_only_skipped_ratings() -> None:
    assert chart_text.trend_description(EMPTY) == (
        "Line chart of each practice's weekly ratings (0 to 10). There are no check-ins yet."
    )
    text = chart_text.trend_description(history(SKIPPED_ALL, SKIPPED_ALL))
    assert text.endswith("gaps are skipped or missed weeks. No practice has a rating yet.")


# -- one practice -------------------------------------------------------------------------------


def test_practice_history_says_its_direction_and_latest_rating() -> None:
    own = MOVING[MOVING["practice"] == "mystery"]
    text = chart_text.practice_description(own, "A bit of mystery")
    assert text.startswith("Line chart of your weekly A bit of mystery rating (0 to 10) from")
    assert "the smoothed score (a weighted average of your ratings so far, in which" in text
    assert text.endswith(
        "Over these weeks the smoothed score fell from 8 to 4. Latest rating: 2 in "
        "2026-W47 (week of 16 Nov 2026), smoothed score 3.7."
    )


def test_practice_history_of_no_check_ins_or_only_skipped_ratings() -> None:
    assert chart_text.practice_description(EMPTY, "Self-love") == (
        "Line chart of your weekly Self-love rating (0 to 10). There are no check-ins yet."
    )
    never = MOVING[MOVING["practice"] == "associations"]
    text = chart_text.practice_description(never, "Positive associations")
    assert text.endswith("Positive associations has no rating in these weeks.")


# -- all six together -----------------------------------------------------------------------------


def test_overall_says_the_latest_average_its_direction_and_the_extremes() -> None:
    overall = overall_frame(history({"mystery": 1}, None, {"presence": 9}, {"space": 3}))
    text = chart_text.overall_description(overall)
    assert text.startswith(
        "Line chart of the weekly average of the practices you rated (0 to 10) from 2026-W45 "
        "(week of 2 Nov 2026) to 2026-W48 (week of 23 Nov 2026), with a dashed line at 5. "
    )
    assert text.endswith(
        "Latest average: 5.5 in 2026-W48 (week of 23 Nov 2026), down from 6.5 in 2026-W47 "
        "(week of 16 Nov 2026). Of these weeks, the lowest was 5.2 in 2026-W45 (week of "
        "2 Nov 2026), the highest 6.5 in 2026-W47 (week of 16 Nov 2026)."
    )


def test_overall_of_one_week_none_or_only_skipped_ratings() -> None:
    one = chart_text.overall_description(overall_frame(history({})))
    assert one.endswith("Only one week has an average: 6.0 in 2026-W45 (week of 2 Nov 2026).")
    assert chart_text.overall_description(overall_frame(EMPTY)).endswith(
        "There are no check-ins yet."
    )
    skipped = chart_text.overall_description(overall_frame(history(SKIPPED_ALL)))
    assert skipped.endswith("No practice was rated in these weeks.")


def test_an_unchanged_average_is_said_to_be_the_same() -> None:
    text = chart_text.overall_description(overall_frame(history({}, {})))
    assert "Latest average: 6.0 in 2026-W46 (week of 9 Nov 2026), the same as 6.0 in" in text


# -- the week grid ---------------------------------------------------------------------------------


def test_heatmap_says_lowest_and_highest_week_by_average_skipped_and_missed() -> None:
    grid = history({"mystery": 1, "space": None}, None, {"presence": 9}, {"self_love": None})
    text = chart_text.heatmap_description(grid)
    assert text.startswith(
        "Grid of weekly ratings (1 to 10), one row per practice and one column per week, "
        "from 2026-W45 (week of 2 Nov 2026) to 2026-W48 (week of 23 Nov 2026); "
    )
    assert text.endswith(
        "By each week's average rating, the lowest was 5.0 in 2026-W45 (week of 2 Nov 2026), "
        "the highest 6.5 in 2026-W47 (week of 16 Nov 2026). 2 ratings skipped (grey with a "
        "dash). 1 week without a check-in (empty columns): 2026-W46."
    )


def test_heatmap_counts_many_missed_weeks_without_naming_them() -> None:
    grid = history({}, *[None] * 5, {})
    assert chart_text.heatmap_description(grid).endswith(
        "No rating skipped. 5 weeks without a check-in (empty columns)."
    )


def test_heatmap_of_no_check_ins_or_only_skipped_ratings() -> None:
    assert chart_text.heatmap_description(EMPTY).endswith("There are no check-ins yet.")
    text = chart_text.heatmap_description(history(SKIPPED_ALL, SKIPPED_ALL))
    assert text.endswith(
        "No practice was rated in these weeks. 12 ratings skipped (grey with a dash). "
        "Every week shown has a check-in."
    )
    one = chart_text.heatmap_description(history({"space": 9}))
    assert "Only one week has ratings, averaging 6.5 in 2026-W45 (week of 2 Nov 2026)." in one


# -- the wheel ------------------------------------------------------------------------------------


def test_wheel_names_its_week_and_every_practice() -> None:
    wheel = wheel_frame(
        diary({"mystery": 2}, {"mystery": None, "space": 9}), TITLES, FIRST.shifted(1)
    )
    text = chart_text.wheel_description(wheel, "Latest check-in: 9–15 Nov 2026")
    assert text.startswith("Latest check-in: 9–15 Nov 2026. A wheel of six slices, one per")
    assert text.endswith(
        "A bit of mystery: skipped, 4-week average 2.0; Creating space: 9, 4-week average "
        "7.5; Self-love: 6, 4-week average 6.0."
    )


def test_wheel_of_a_week_all_skipped() -> None:
    wheel = wheel_frame(diary(SKIPPED_ALL), TITLES, FIRST)
    text = chart_text.wheel_description(wheel, "This week")
    assert "Emotional connection: skipped; Positive associations: skipped;" in text
    assert text.endswith("Self-love: skipped.")


# -- each mark's label ----------------------------------------------------------------------------


def test_rating_labels_name_practice_week_rating_and_score() -> None:
    labels = chart_text.rating_labels(MOVING[MOVING["practice"] == "presence"]).tolist()
    assert labels == [
        "Being present, week of 2 Nov 2026: 4, smoothed score 4.0",
        "Being present, week of 9 Nov 2026: 10, smoothed score 7.3",
        "Being present, week of 16 Nov 2026: 10, smoothed score 8.3",
    ]
    own = chart_text.rating_labels(MOVING[MOVING["practice"] == "associations"], with_title=False)
    assert own.iloc[0] == "Week of 2 Nov 2026: not rated"


def test_cell_labels_say_skipped_for_a_skipped_rating() -> None:
    grid = history({"space": None})
    labels = dict(zip(grid["practice"], chart_text.cell_labels(grid), strict=True))
    assert labels["space"] == "Creating space, week of 2 Nov 2026: skipped"
    assert labels["presence"] == "Being present, week of 2 Nov 2026: 6"


def test_overall_labels_count_the_practices_rated() -> None:
    overall = overall_frame(history({key: None for key in PRACTICE_KEYS[1:]}, {}))
    assert chart_text.overall_labels(overall).tolist() == [
        "Week of 2 Nov 2026: average 6.0 of 1 practice rated",
        "Week of 9 Nov 2026: average 6.0 of 6 practices rated",
    ]


def test_labels_of_an_empty_frame_are_empty() -> None:
    assert chart_text.rating_labels(EMPTY).empty
    assert chart_text.cell_labels(EMPTY).empty
    assert chart_text.overall_labels(overall_frame(EMPTY)).empty


# -- the keyboard's way into the grid -------------------------------------------------------------


def test_week_choices_list_the_grids_weeks_newest_first() -> None:
    choices = chart_text.week_choices(history({}, None, {}))
    assert choices == {
        "2026-W47": "2026-W47 · week of 16 Nov",
        "2026-W46": "2026-W46 · week of 9 Nov · no check-in",
        "2026-W45": "2026-W45 · week of 2 Nov",
    }
    assert chart_text.week_choices(EMPTY) == {}
