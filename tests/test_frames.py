"""Long-form frames: every week present, statuses, carried scores, the wheel, week names."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.frames import (
    HISTORY_COLUMNS,
    OVERALL_COLUMNS,
    WHEEL_COLUMNS,
    history_frame,
    overall_frame,
    wheel_frame,
    window,
)
from lib.insights import smoothed_scores
from lib.weeks import IsoWeek

TITLES = {key: key.replace("_", " ").capitalize() for key in PRACTICE_KEYS}
W46, W47, W48 = IsoWeek(2026, 46), IsoWeek(2026, 47), IsoWeek(2026, 48)


def entry(week: IsoWeek | str, **ratings: int | None) -> WeekEntry:
    """A check-in rating every practice 5 unless told otherwise (None = skipped)."""
    return make_entry(week, {**dict.fromkeys(PRACTICE_KEYS, 5), **ratings})


def rows(history: pd.DataFrame, practice: str) -> pd.DataFrame:
    """One practice's rows, oldest first."""
    return history[history["practice"] == practice].reset_index(drop=True)


def same(left: float | None, right: float | None) -> bool:
    """Equal, counting NaN and None as the same missing value."""
    if left is None or right is None or math.isnan(left) or math.isnan(right):
        return (left is None or math.isnan(left)) and (right is None or math.isnan(right))
    return left == pytest.approx(right)


# -- history_frame ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "entries",
    [[], [entry(W48)], [entry(W46), entry(W48, space=None)]],
    ids=["empty", "one week", "with a gap"],
)
def test_history_has_the_documented_columns_and_dtypes(entries: list[WeekEntry]) -> None:
    history = history_frame(entries, TITLES)
    assert list(history.columns) == list(HISTORY_COLUMNS)
    assert {column: str(dtype) for column, dtype in history.dtypes.items()} == HISTORY_COLUMNS


def test_history_has_a_row_for_every_week_and_practice_in_order() -> None:
    history = history_frame([entry(W46), entry(W48)], TITLES)
    assert len(history) == 3 * len(PRACTICE_KEYS)
    assert history["week"].unique().tolist() == ["2026-W46", "2026-W47", "2026-W48"]
    assert history["week_start"].iloc[0] == pd.Timestamp(date(2026, 11, 9))
    assert history["practice"].tolist()[:6] == list(PRACTICE_KEYS)
    assert history["order"].tolist()[:6] == [1, 2, 3, 4, 5, 6]
    assert history["practice_title"].tolist()[:6] == [TITLES[key] for key in PRACTICE_KEYS]


@pytest.mark.parametrize(
    ("week", "expected_status", "expected_rating"),
    [
        ("2026-W46", "rated", 5.0),
        ("2026-W47", "missed", None),
        ("2026-W48", "skipped", None),
    ],
)
def test_status_and_rating_per_week(
    week: str, expected_status: str, expected_rating: float | None
) -> None:
    history = history_frame([entry(W46), entry(W48, space=None)], TITLES)
    row = history[(history["week"] == week) & (history["practice"] == "space")].iloc[0]
    assert row["status"] == expected_status
    assert same(row["rating"], expected_rating)


def test_a_missed_week_is_missed_for_all_six_practices() -> None:
    history = history_frame([entry(W46), entry(W48)], TITLES)
    missed = history[history["week"] == "2026-W47"]
    assert set(missed["status"]) == {"missed"}
    assert missed["rating"].isna().all()


def test_score_carries_across_skipped_and_missed_weeks_but_shows_only_at_check_ins() -> None:
    """Regression: a missed week showed the carried score, drawing a line through the gap."""
    ratings: list[int | None] = [2, None, 10, None, None, 6]
    first = IsoWeek(2026, 40)
    entries = [
        entry(first.shifted(offset), connection=rating)
        for offset, rating in enumerate(ratings)
        if offset != 3  # week 3 is missed; week 1 and 4 are skipped
    ]
    own = rows(history_frame(entries, TITLES), "connection")
    assert own["status"].tolist() == ["rated", "skipped", "rated", "missed", "skipped", "rated"]
    expected = smoothed_scores(ratings)
    expected[3] = None
    assert all(same(got, want) for got, want in zip(own["score"], expected, strict=True))
    assert own["score"].iloc[1] == own["score"].iloc[0], "a skipped week keeps the score"
    assert math.isnan(own["score"].iloc[3]), "a missed week shows no score"
    assert own["score"].iloc[4] == own["score"].iloc[2], "the score carries past it"


def test_score_is_nan_before_the_first_rating() -> None:
    own = rows(history_frame([entry(W46, mystery=None), entry(W47, mystery=4)], TITLES), "mystery")
    assert math.isnan(own["score"].iloc[0])
    assert own["score"].iloc[1] == 4.0


def test_weeks_run_contiguously_across_a_year_with_week_53() -> None:
    history = history_frame([entry(IsoWeek(2026, 51)), entry(IsoWeek(2027, 2))], TITLES)
    assert history["week"].unique().tolist() == [
        "2026-W51",
        "2026-W52",
        "2026-W53",
        "2027-W01",
        "2027-W02",
    ]
    starts = history["week_start"].drop_duplicates()
    assert (starts.diff().dropna() == pd.Timedelta(days=7)).all()


def test_through_extends_the_history_with_missed_weeks() -> None:
    history = history_frame([entry(W46)], TITLES, through=W48)
    assert history["week"].unique().tolist() == ["2026-W46", "2026-W47", "2026-W48"]
    assert set(history[history["week"] != "2026-W46"]["status"]) == {"missed"}


def test_entries_need_not_be_sorted() -> None:
    shuffled = history_frame([entry(W48), entry(W46)], TITLES)
    assert shuffled.equals(history_frame([entry(W46), entry(W48)], TITLES))


# -- overall_frame ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "expected_mean", "expected_rated"),
    [
        ({}, 5.0, 6),
        ({"connection": 10, "associations": 2}, (10 + 2 + 5 * 4) / 6, 6),
        ({"connection": None, "space": 8}, (5 * 4 + 8) / 5, 5),
        (dict.fromkeys(PRACTICE_KEYS), None, 0),
    ],
    ids=["all five", "mixed", "skipped ignored", "all skipped"],
)
def test_overall_mean_ignores_skipped(
    ratings: dict[str, int | None], expected_mean: float | None, expected_rated: int
) -> None:
    overall = overall_frame(history_frame([entry(W48, **ratings)], TITLES))
    assert same(overall["mean_rating"].iloc[0], expected_mean)
    assert overall["rated"].iloc[0] == expected_rated


def test_overall_has_one_row_per_week_with_missed_weeks_empty() -> None:
    overall = overall_frame(history_frame([entry(W46), entry(W48)], TITLES))
    assert list(overall.columns) == list(OVERALL_COLUMNS)
    assert overall["week"].tolist() == ["2026-W46", "2026-W47", "2026-W48"]
    assert math.isnan(overall["mean_rating"].iloc[1])
    assert overall["rated"].tolist() == [6, 0, 6]


def test_overall_of_nothing_is_empty_with_its_columns() -> None:
    overall = overall_frame(history_frame([], TITLES))
    assert overall.empty
    assert {column: str(dtype) for column, dtype in overall.dtypes.items()} == OVERALL_COLUMNS


# -- wheel_frame -----------------------------------------------------------------------


def test_wheel_averages_the_last_four_weeks_ignoring_skipped_and_missed() -> None:
    entries = [
        entry(IsoWeek(2026, 44), presence=1),  # five weeks back: outside the window
        entry(IsoWeek(2026, 45), presence=2),
        entry(W46, presence=None),  # skipped
        # 2026-W47 missed
        entry(W48, presence=6),
    ]
    wheel = wheel_frame(entries, TITLES, W48).set_index("practice")
    assert wheel.loc["presence", "rating"] == 6.0
    assert wheel.loc["presence", "average"] == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("entries", "expected_rating", "expected_average"),
    [
        ([entry(W48, self_love=None)], None, None),
        ([entry(W47, self_love=7), entry(W48, self_love=None)], None, 7.0),
        ([entry(W46, self_love=3)], None, 3.0),
        ([], None, None),
    ],
    ids=["skipped, never rated", "skipped this week", "no entry this week", "no entries"],
)
def test_wheel_rating_is_nan_when_skipped_or_not_checked_in(
    entries: list[WeekEntry], expected_rating: float | None, expected_average: float | None
) -> None:
    wheel = wheel_frame(entries, TITLES, W48).set_index("practice")
    assert same(wheel.loc["self_love", "rating"], expected_rating)
    assert same(wheel.loc["self_love", "average"], expected_average)


def test_wheel_has_six_rows_in_practice_order() -> None:
    wheel = wheel_frame([entry(W48)], TITLES, W48)
    assert list(wheel.columns) == list(WHEEL_COLUMNS)
    assert {column: str(dtype) for column, dtype in wheel.dtypes.items()} == WHEEL_COLUMNS
    assert wheel["practice"].tolist() == list(PRACTICE_KEYS)
    assert wheel["order"].tolist() == [1, 2, 3, 4, 5, 6]


# -- window ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [
        (None, ["2026-W46", "2026-W47", "2026-W48"]),
        (2, ["2026-W47", "2026-W48"]),
        (1, ["2026-W48"]),
        (10, ["2026-W46", "2026-W47", "2026-W48"]),
        (0, []),
    ],
)
def test_window_keeps_the_last_weeks(weeks: int | None, expected: list[str]) -> None:
    history = history_frame([entry(W46), entry(W48)], TITLES)
    kept = window(history, weeks)
    assert kept["week"].unique().tolist() == expected
    assert len(kept) == len(expected) * len(PRACTICE_KEYS)
    assert list(kept.columns) == list(HISTORY_COLUMNS)


def test_window_of_nothing_is_empty() -> None:
    assert window(history_frame([], TITLES), 12).empty


def test_the_wheel_of_the_first_weeks_closer_keeps_averages_what_there_is() -> None:
    # Regression: it shifted 1900-W02 four weeks back, into 1899, which IsoWeek refuses.
    first, second = IsoWeek(1900, 1), IsoWeek(1900, 2)
    entries = [
        make_entry(first, dict.fromkeys(PRACTICE_KEYS, 4)),
        make_entry(second, dict.fromkeys(PRACTICE_KEYS, 8)),
    ]
    wheel = wheel_frame(entries, TITLES, second)
    assert wheel["rating"].tolist() == [8.0] * len(PRACTICE_KEYS)
    assert wheel["average"].tolist() == [6.0] * len(PRACTICE_KEYS)
