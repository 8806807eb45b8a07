"""What each chart says in words: its text alternative, and a label for every mark it draws.

A chart's `description` is what a screen reader announces for the whole chart;
each data mark's label (Vega-Lite's `description` channel) is what it announces
for one dot, slice or cell. Both say what a sighted reader sees, in practice
titles and ISO weeks with the Monday they start (`2026-W41 (Mon 5 Oct 2026)`,
as tooltips and tables name them). Built in pandas, where it is tested.
"""

from __future__ import annotations

import math

import pandas as pd

from lib.frames import MISSED, SKIPPED, overall_frame, week_names
from lib.insights import SCORE_MEANING
from lib.weeks import IsoWeek
from lib.wording import joined, plural

# A smoothed score that moved less than this over the weeks shown "held near" its value.
HELD = 1.0
# Up to this many weeks without a check-in are named; more are only counted.
NAMED_MISSED_WEEKS = 4
NO_CHECK_INS = "There are no check-ins yet."
# The lines break where a week has no check-in; a skipped rating has no dot.
GAPS = "a skipped rating has no dot, and the lines break at weeks without a check-in."


def week_words(week: str) -> str:
    """`2026-W41 (Mon 5 Oct 2026)`."""
    return IsoWeek.parse(week).with_monday()


def whole(value: float) -> str:
    """A score rounded half up, as people round: 6.5 is `7`."""
    return str(math.floor(value + 0.5))


def span(frame: pd.DataFrame) -> str:
    """`from 2026-W23 (Mon 1 Jun 2026) to 2026-W48 (…)`, `for …`, or "" with no weeks."""
    if frame.empty:
        return ""
    weeks = frame.drop_duplicates("week").sort_values("week_start")
    first, last = weeks.iloc[0], weeks.iloc[-1]
    if first["week"] == last["week"]:
        return f"for {week_words(first['week'])}"
    return f"from {week_words(first['week'])} to {week_words(last['week'])}"


def _numbers(values: pd.Series, decimals: int) -> pd.Series:
    """Each value with `decimals` decimals, "" where it is missing."""
    return values.map(lambda value: "" if pd.isna(value) else f"{value:.{decimals}f}").astype(str)


# -- one label per mark ------------------------------------------------------------------


def rating_labels(history: pd.DataFrame, with_title: bool = True) -> pd.Series:
    """`Being present, 2026-W41 (Mon 5 Oct 2026): 6, smoothed score 6.4` for each trend dot."""
    head = history["practice_title"] + ", " if with_title else ""
    scores = _numbers(history["score"], 1)
    score_part = scores.where(scores == "", ", smoothed score " + scores)
    ratings = _numbers(history["rating"], 0).replace("", "not rated")
    return head + week_names(history) + ": " + ratings + score_part


def cell_labels(history: pd.DataFrame) -> pd.Series:
    """`Being present, 2026-W41 (Mon 5 Oct 2026): 6` (or `: skipped`) for each heatmap cell."""
    ratings = _numbers(history["rating"], 0)
    ratings = ratings.where(history["status"] != SKIPPED, "skipped")
    return history["practice_title"] + ", " + week_names(history) + ": " + ratings


def wheel_labels(wheel: pd.DataFrame) -> pd.Series:
    """`Being present: 7, 4-week average 7.5` for each slice of the wheel."""
    ratings = _numbers(wheel["rating"], 0).replace("", "skipped")
    averages = _numbers(wheel["average"], 1)
    average_part = averages.where(averages == "", ", 4-week average " + averages)
    return wheel["practice_title"] + ": " + ratings + average_part


def overall_labels(overall: pd.DataFrame) -> pd.Series:
    """`2026-W41 (Mon 5 Oct 2026): average 6.2 of 5 practices rated` for each dot of the average."""
    practices = overall["rated"].map(lambda count: plural(count, "practice")).astype(str)
    text = week_names(overall) + ": average " + _numbers(overall["mean_rating"], 1)
    return text + " of " + practices + " rated"


# -- one description per chart ----------------------------------------------------------


def _direction(scores: pd.Series) -> str:
    """How a smoothed score moved over the weeks shown: `rose from 4 to 7`, `held near 6`."""
    known = scores.dropna()
    if known.empty:
        return "has no rating yet"
    first, last = known.iloc[0], known.iloc[-1]
    if len(known) == 1:
        return f"stands at {whole(last)}"
    if last - first >= HELD:
        return f"rose from {whole(first)} to {whole(last)}"
    if first - last >= HELD:
        return f"fell from {whole(first)} to {whole(last)}"
    return f"held near {whole(last)}"


def _directions(history: pd.DataFrame) -> str:
    """`Being present rose from 4 to 7; Self-love held near 6.` for every practice."""
    ordered = history.sort_values(["order", "week_start"])
    parts = [
        f"{title} {_direction(rows['score'])}"
        for title, rows in ordered.groupby("practice_title", sort=False)
    ]
    return "; ".join(parts) + "."


def trend_description(history: pd.DataFrame, highlight: str | None = None) -> str:
    """The trend chart: the weeks shown and each practice's direction; what is picked out."""
    chart = "Line chart of each practice's weekly ratings (0 to 10)"
    if history.empty:
        return f"{chart}. {NO_CHECK_INS}"
    text = (
        f"{chart} {span(history)}: a dot for each rating and a thick line for each "
        f"smoothed score ({SCORE_MEANING}); {GAPS} "
    )
    if history["score"].isna().all():
        text += "No practice has a rating yet."
    else:
        text += f"Over these weeks the smoothed score of {_directions(history)}"
    if highlight is not None:
        text += f" {highlight} is picked out; the others are faded."
    return text


def practice_description(own: pd.DataFrame, title: str) -> str:
    """One practice's history chart: the weeks shown, its direction and its latest rating."""
    chart = f"Line chart of your weekly {title} rating (0 to 10)"
    if own.empty:
        return f"{chart}. {NO_CHECK_INS}"
    text = (
        f"{chart} {span(own)}: a dot for each rating and a thick line for the smoothed "
        f"score ({SCORE_MEANING}); {GAPS} "
    )
    rated = own.dropna(subset=["rating"]).sort_values("week_start")
    if rated.empty:
        return text + f"{title} has no rating in these weeks."
    latest = rated.iloc[-1]
    moved = _direction(own.sort_values("week_start")["score"])
    when = week_words(latest["week"])
    return (
        text
        + f"Over these weeks the smoothed score {moved}. "
        + f"Latest rating: {latest['rating']:.0f} in {when}, smoothed score {latest['score']:.1f}."
    )


def _week_average(row: pd.Series) -> str:
    """`6.2 in 2026-W47 (Mon 16 Nov 2026)`."""
    return f"{row['mean_rating']:.1f} in {week_words(row['week'])}"


def _rated_weeks(overall: pd.DataFrame) -> pd.DataFrame:
    """The weeks of an overall frame that have an average, oldest first."""
    return overall.dropna(subset=["mean_rating"]).sort_values("week_start")


def _lowest_and_highest(rated: pd.DataFrame) -> str:
    """`the lowest was 4.3 in …, the highest 7.0 in …` (of a tie, the latest week)."""
    newest_first = rated.iloc[::-1]
    lowest = newest_first.loc[newest_first["mean_rating"].idxmin()]
    highest = newest_first.loc[newest_first["mean_rating"].idxmax()]
    return f"the lowest was {_week_average(lowest)}, the highest {_week_average(highest)}"


def overall_description(overall: pd.DataFrame) -> str:
    """The average chart: the weeks shown, the latest average and its direction, the extremes."""
    chart = "Line chart of the weekly average of the practices you rated (0 to 10)"
    if overall.empty:
        return f"{chart}. {NO_CHECK_INS}"
    text = f"{chart} {span(overall)}, with a dashed line at 5. "
    rated = _rated_weeks(overall)
    if rated.empty:
        return text + "No practice was rated in these weeks."
    latest = rated.iloc[-1]
    if len(rated) == 1:
        return text + f"Only one week has an average: {_week_average(latest)}."
    before = rated.iloc[-2]
    change = round(latest["mean_rating"], 1) - round(before["mean_rating"], 1)
    moved = "up from" if change > 0 else "down from" if change < 0 else "the same as"
    return (
        text
        + f"Latest average: {_week_average(latest)}, {moved} {_week_average(before)}. "
        + f"Of these weeks, {_lowest_and_highest(rated)}."
    )


def _missed_weeks(history: pd.DataFrame) -> str:
    """`2 weeks without a check-in (empty columns): 2026-W33 and 2026-W48.`"""
    missed = history.loc[history["status"] == MISSED].drop_duplicates("week")
    if missed.empty:
        return "Every week shown has a check-in."
    count = plural(len(missed), "week")
    if len(missed) > NAMED_MISSED_WEEKS:
        return f"{count} without a check-in (empty columns)."
    return f"{count} without a check-in (empty columns): {joined(missed['week'].tolist())}."


def heatmap_description(history: pd.DataFrame) -> str:
    """The week grid: the weeks shown, its lowest and highest week, skipped and missed weeks."""
    chart = "Grid of weekly ratings (1 to 10), one row per practice and one column per week"
    if history.empty:
        return f"{chart}. {NO_CHECK_INS}"
    text = f"{chart}, {span(history)}; bluer cells are lower ratings, golder cells higher. "
    rated = _rated_weeks(overall_frame(history))
    if rated.empty:
        text += "No practice was rated in these weeks. "
    elif len(rated) == 1:
        text += f"Only one week has ratings, averaging {_week_average(rated.iloc[0])}. "
    else:
        text += f"By each week's average rating, {_lowest_and_highest(rated)}. "
    skipped = int((history["status"] == SKIPPED).sum())
    skipped_text = plural(skipped, "rating") + (" skipped (grey with a dash). " if skipped else "")
    return text + (skipped_text if skipped else "No rating skipped. ") + _missed_weeks(history)


def wheel_description(wheel: pd.DataFrame, title: str) -> str:
    """The wheel: which week it shows, and each practice's rating and 4-week average."""
    return (
        f"{title}. A wheel of six slices, one per practice; the longer the slice, the "
        "higher the rating from 0 to 10, over a faint ghost of the 4-week average. "
        + "; ".join(wheel_labels(wheel.sort_values("order")))
        + "."
    )


def week_choices(history: pd.DataFrame) -> dict[str, str]:
    """The heatmap's weeks, newest first: `2026-W41` to `2026-W41 (Mon 5 Oct 2026)`."""
    weeks = history.drop_duplicates("week").sort_values("week_start", ascending=False)
    missed = set(history.loc[history["status"] == MISSED, "week"])
    return {
        week: week_words(week) + (" · no check-in" if week in missed else "")
        for week in weeks["week"]
    }
