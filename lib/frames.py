"""Saved weeks as long-form DataFrames: one row per (week, practice), ready for charts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

import pandas as pd

from lib.entries import PRACTICE_KEYS, WeekEntry
from lib.insights import smoothed_scores
from lib.weeks import IsoWeek

RATED = "rated"
SKIPPED = "skipped"
MISSED = "missed"
AVERAGE_WEEKS = 4

HISTORY_COLUMNS: dict[str, str] = {
    "week": "str",
    "week_start": "datetime64[ns]",
    "practice": "str",
    "practice_title": "str",
    "order": "int64",
    "rating": "float64",
    "status": "str",
    "score": "float64",
}
OVERALL_COLUMNS: dict[str, str] = {
    "week": "str",
    "week_start": "datetime64[ns]",
    "mean_rating": "float64",
    "rated": "int64",
}
WHEEL_COLUMNS: dict[str, str] = {
    "practice": "str",
    "practice_title": "str",
    "order": "int64",
    "rating": "float64",
    "average": "float64",
}


def _typed(rows: list[dict[str, object]], columns: Mapping[str, str]) -> pd.DataFrame:
    """Rows as a frame with exactly `columns`, in order and with their dtypes, even when empty."""
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(dict(columns))


def _weeks_between(first: IsoWeek, last: IsoWeek) -> list[IsoWeek]:
    """Every week from `first` to `last`, both included."""
    weeks: list[IsoWeek] = []
    week = first
    while week <= last:
        weeks.append(week)
        week = week.shifted(1)
    return weeks


def _status(checked_in: bool, rating: int | None) -> str:
    """Whether a practice was rated, skipped, or its whole week missed."""
    if not checked_in:
        return MISSED
    return SKIPPED if rating is None else RATED


def history_frame(
    entries: Sequence[WeekEntry],
    titles: Mapping[str, str],
    through: IsoWeek | None = None,
) -> pd.DataFrame:
    """One row per (week, practice) from the first check-in to `through`, missed weeks included.

    A missed week has no rating and no score: the score carries on to the next
    check-in, but a week without one shows none, so a line through it breaks.
    Built column by column, oldest week first and the practices in order within
    each week: a Python dict per row cost most of a dashboard's rebuild.
    """
    if not entries:
        return _typed([], HISTORY_COLUMNS)
    by_week = {entry.week: entry for entry in entries}
    last = through if through is not None else max(by_week)
    weeks = _weeks_between(min(by_week), last)
    saved = [by_week.get(week) for week in weeks]
    ratings = {
        key: [None if entry is None else entry.ratings[key] for entry in saved]
        for key in PRACTICE_KEYS
    }
    scores = {
        key: [
            None if entry is None else score
            for entry, score in zip(saved, smoothed_scores(ratings[key]), strict=True)
        ]
        for key in PRACTICE_KEYS
    }
    per_week = len(PRACTICE_KEYS)
    frame = pd.DataFrame(
        {
            "week": [str(week) for week in weeks for _ in PRACTICE_KEYS],
            "week_start": pd.to_datetime([week.monday for week in weeks]).repeat(per_week),
            "practice": list(PRACTICE_KEYS) * len(weeks),
            "practice_title": [titles[key] for key in PRACTICE_KEYS] * len(weeks),
            "order": list(range(1, per_week + 1)) * len(weeks),
            "rating": [ratings[key][index] for index in range(len(weeks)) for key in PRACTICE_KEYS],
            "status": [
                _status(entry is not None, None if entry is None else entry.ratings[key])
                for entry in saved
                for key in PRACTICE_KEYS
            ],
            "score": [scores[key][index] for index in range(len(weeks)) for key in PRACTICE_KEYS],
        }
    )
    return frame.astype(HISTORY_COLUMNS)


def overall_frame(history: pd.DataFrame) -> pd.DataFrame:
    """Per week: the mean of the practices rated that week and how many were rated."""
    if history.empty:
        return _typed([], OVERALL_COLUMNS)
    grouped = history.groupby(["week", "week_start"], sort=False)["rating"]
    overall = grouped.agg(mean_rating="mean", rated="count").reset_index()
    return overall.sort_values("week_start", ignore_index=True).astype(OVERALL_COLUMNS)


def wheel_frame(
    entries: Sequence[WeekEntry], titles: Mapping[str, str], week: IsoWeek
) -> pd.DataFrame:
    """The six practices for `week`: its rating and the mean of the last four weeks' ratings."""
    # By date, not by shifting the week: four weeks back from 1900-W02 is before
    # the first week Closer keeps, and IsoWeek refuses to exist there.
    first_monday = week.monday - timedelta(weeks=AVERAGE_WEEKS - 1)
    ratings = pd.DataFrame(
        [
            {"week": entry.week, "practice": key, "rating": entry.ratings[key]}
            for entry in entries
            if first_monday <= entry.week.monday <= week.monday
            for key in PRACTICE_KEYS
        ],
        columns=["week", "practice", "rating"],
    ).astype({"rating": "float64"})
    wheel = pd.DataFrame(
        {
            "practice": list(PRACTICE_KEYS),
            "practice_title": [titles[key] for key in PRACTICE_KEYS],
            "order": range(1, len(PRACTICE_KEYS) + 1),
        }
    )
    this_week = ratings[ratings["week"] == week].set_index("practice")["rating"]
    average = ratings.groupby("practice")["rating"].mean()
    wheel["rating"] = wheel["practice"].map(this_week)
    wheel["average"] = wheel["practice"].map(average)
    return wheel.astype(WHEEL_COLUMNS)


def window(history: pd.DataFrame, weeks: int | None) -> pd.DataFrame:
    """Only the rows of the last `weeks` weeks (None keeps them all)."""
    if weeks is None:
        return history
    starts = history["week_start"].drop_duplicates().nlargest(max(weeks, 0))
    return history[history["week_start"].isin(starts)].reset_index(drop=True)


def week_names(frame: pd.DataFrame) -> pd.Series:
    """`2026-W41 (Mon 5 Oct 2026)` for each row's week (`IsoWeek.with_monday`)."""
    names = {week: IsoWeek.parse(week).with_monday() for week in frame["week"].unique()}
    return frame["week"].map(names).astype("str")


def practice_rows(history: pd.DataFrame, practice: str) -> pd.DataFrame:
    """Only one practice's rows of a history frame."""
    return history[history["practice"] == practice]
