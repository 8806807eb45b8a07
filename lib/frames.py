"""Saved weeks as long-form DataFrames: one row per (week, practice), ready for charts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

import numpy as np
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


def history_frame(
    entries: Sequence[WeekEntry],
    titles: Mapping[str, str],
    through: IsoWeek | None = None,
) -> pd.DataFrame:
    """One row per (week, practice) from the first check-in to `through`, missed weeks included.

    A missed week has no rating and no score: the score carries on to the next
    check-in, but a week without one shows none, so a line through it breaks.
    Built as arrays, a week per row and a practice per column, then laid out
    oldest week first and the practices in order within each week: a row or an
    IsoWeek per week cost most of a dashboard's rebuild at a hundred years.
    """
    if not entries:
        return _typed([], HISTORY_COLUMNS)
    first = min(entry.week for entry in entries).monday
    last = (through if through is not None else max(entry.week for entry in entries)).monday
    count = max(0, (last - first).days // 7 + 1)
    # A list per practice, a week per item: None where skipped or missed.
    columns: list[list[int | None]] = [[None] * count for _ in PRACTICE_KEYS]
    checked_in = np.zeros(count, dtype=bool)
    for entry in entries:
        row = (entry.week.monday - first).days // 7
        if 0 <= row < count:
            checked_in[row] = True
            for column, key in zip(columns, PRACTICE_KEYS, strict=True):
                column[row] = entry.ratings[key]
    ratings = np.array(columns, dtype=float).T.reshape(count, len(PRACTICE_KEYS))
    scores = np.array([smoothed_scores(column) for column in columns], dtype=float)
    scores = scores.T.reshape(count, len(PRACTICE_KEYS))
    scores[~checked_in] = np.nan
    mondays = pd.date_range(first, periods=count, freq="7D")
    calendar = mondays.isocalendar()
    names = (
        calendar["year"].astype(str).str.zfill(4) + "-W" + calendar["week"].astype(str).str.zfill(2)
    ).to_numpy()
    per_week = len(PRACTICE_KEYS)
    status = np.where(np.isnan(ratings), SKIPPED, RATED)
    status[~checked_in] = MISSED
    frame = pd.DataFrame(
        {
            "week": names.repeat(per_week),
            "week_start": mondays.repeat(per_week),
            "practice": np.tile(PRACTICE_KEYS, count),
            "practice_title": np.tile([titles[key] for key in PRACTICE_KEYS], count),
            "order": np.tile(np.arange(1, per_week + 1), count),
            "rating": ratings.ravel(),
            "status": status.ravel(),
            "score": scores.ravel(),
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
    first = (week.monday - timedelta(weeks=AVERAGE_WEEKS - 1)).isocalendar()[:2]
    last = (week.year, week.week)
    ratings = pd.DataFrame(
        [
            {"week": entry.week, "practice": key, "rating": entry.ratings[key]}
            for entry in entries
            if first <= (entry.week.year, entry.week.week) <= last
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
