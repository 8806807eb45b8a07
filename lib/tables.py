"""What each chart's "Show … as a table" shows: the chart's figures as a person reads them.

Every table has headings in words, practice titles (never keys), each week as
its ISO week and the Monday it starts, numbers to one decimal (ratings whole),
"skipped" for a practice the user skipped and "—" where there is nothing to
show: no check-in that week, no rating yet. Weeks run newest first in every
table, every week the chart shows included. Cells are text, so a number, a
"skipped" and a "—" can share a column and read the same in every table.
"""

from __future__ import annotations

import pandas as pd

from lib.entries import PRACTICE_KEYS
from lib.frames import MISSED, SKIPPED, overall_frame
from lib.weeks import monday_label

WEEK = "Week"
WEEK_OF = "Week of"
PRACTICE = "Practice"
RATING = "Rating"
SCORE = "Smoothed score"
AVERAGE = "Average rating"
PRACTICES_RATED = "Practices rated"
FOUR_WEEK_AVERAGE = "4-week average"
SKIPPED_CELL = "skipped"
NOTHING = "—"


def _numbers(values: pd.Series, decimals: int) -> pd.Series:
    """Each value with `decimals` decimals, "—" where it is missing."""
    return values.map(lambda value: NOTHING if pd.isna(value) else f"{value:.{decimals}f}").astype(
        "str"
    )


def _ratings(rows: pd.DataFrame) -> pd.Series:
    """Each row's rating: `7`, "skipped", or "—" for a week without a check-in."""
    ratings = _numbers(rows["rating"], 0)
    return ratings.where(rows["status"] != SKIPPED, SKIPPED_CELL)


def _titles(history: pd.DataFrame) -> list[str]:
    """The practice titles in the frame, in practice order."""
    return history.drop_duplicates("practice").sort_values("order")["practice_title"].tolist()


def _weeks(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's weeks, newest first: `2026-W41` and `Mon 5 Oct 2026`."""
    weeks = frame.drop_duplicates("week").sort_values("week_start", ascending=False)
    return pd.DataFrame(
        {
            WEEK: weeks["week"].astype("str").tolist(),
            WEEK_OF: [monday_label(start) for start in weeks["week_start"]],
        },
        dtype="str",
    )


def _by_week(history: pd.DataFrame, cells: pd.Series, heading: str = "{}") -> pd.DataFrame:
    """One row per week, newest first, one column of `cells` per practice (`heading` names it)."""
    weeks = _weeks(history)
    titles = _titles(history)
    grid = history.assign(cell=cells).pivot(index="week", columns="practice_title", values="cell")
    grid = grid.reindex(index=weeks[WEEK], columns=titles).reset_index(drop=True)
    grid.columns = [heading.format(title) for title in titles]
    return pd.concat([weeks, grid.astype("str")], axis=1)


def trend_table(history: pd.DataFrame) -> pd.DataFrame:
    """The trend chart's thick lines: each week's smoothed score per practice."""
    return _by_week(history, _numbers(history["score"], 1), "{} (smoothed)")


def grid_table(history: pd.DataFrame) -> pd.DataFrame:
    """The week grid: each week's rating per practice, "skipped" or "—"."""
    return _by_week(history, _ratings(history))


def overall_table(history: pd.DataFrame) -> pd.DataFrame:
    """The average chart: each week's average of the practices rated, and how many were."""
    weeks = _weeks(history)
    overall = overall_frame(history).set_index("week").reindex(weeks[WEEK])
    missed = overall.index.isin(history.loc[history["status"] == MISSED, "week"])
    rated = [f"{count} of {len(PRACTICE_KEYS)}" for count in overall["rated"]]
    return weeks.assign(
        **{
            AVERAGE: _numbers(overall["mean_rating"], 1).tolist(),
            PRACTICES_RATED: [
                NOTHING if gap else text for gap, text in zip(missed, rated, strict=True)
            ],
        }
    )


def practice_table(own: pd.DataFrame) -> pd.DataFrame:
    """One practice's history chart: each week's rating and smoothed score."""
    own = own.sort_values("week_start", ascending=False)
    return _weeks(own).assign(
        **{RATING: _ratings(own).tolist(), SCORE: _numbers(own["score"], 1).tolist()}
    )


def wheel_table(wheel: pd.DataFrame) -> pd.DataFrame:
    """The wheel: each practice's rating that week ("skipped") and its 4-week average."""
    wheel = wheel.sort_values("order")
    ratings = _numbers(wheel["rating"], 0).replace(NOTHING, SKIPPED_CELL)
    return pd.DataFrame(
        {
            PRACTICE: wheel["practice_title"].tolist(),
            RATING: ratings.tolist(),
            FOUR_WEEK_AVERAGE: _numbers(wheel["average"], 1).tolist(),
        },
        dtype="str",
    )
