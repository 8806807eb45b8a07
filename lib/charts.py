"""The app's charts: one small builder per chart, long-form frames from `lib.frames` in.

Builders only encode; every reshaping and aggregation happens in `lib.frames` or
here in pandas, where it is testable. Nothing sets a background, and the few fixed
colours read on both of Streamlit's themes, light and dark.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.entries import PRACTICE_KEYS, RATING_MAX, RATING_MIN
from lib.frames import MISSED, RATED, SKIPPED

# Okabe–Ito without its yellow (too light on white) and black (invisible on
# dark): six hues that colour-blind readers can tell apart on either theme.
PALETTE: tuple[str, ...] = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7")
# Mid-grey reads on both Streamlit themes; used for things that are not a practice.
NEUTRAL = "#8C8C8C"
# Streamlit's chart theme colours titles but not subtitles (they stay black on
# dark) nor text marks (its first chart colour): this grey has about 4.3:1
# contrast on both the light and the dark background.
SUBTLE_TEXT = "#787878"
SKIPPED_FILL = "#BDBDBD"
SKIPPED_MARK = "#303030"
HEIGHT = 440
WHEEL_HEIGHT = 520
SMALL_HEIGHT = 320
HEATMAP_ROW = 28
MIDPOINT = 5
# The x axis ticks every 1, 2, 4… weeks: the smallest step giving at most
# MAX_TICKS labels, so a phone-wide chart stays readable.
TICK_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 260, 520)
MAX_TICKS = 7
# Beyond a year the labels name the month and year instead of the day.
LONG_SPAN_WEEKS = 53
# Vega-Lite's path-breaking mode: a null rating ends the line and the next rating
# starts a new one, and nulls stay out of the scale domains. The "filter" mode
# would instead draw straight across a skipped or missed week, as if it were rated.
BREAK_AT_NULLS = "break-paths-filter-domains"
# Non-path marks (points, arcs, rects) simply leave a null out.
# Lines get `tooltip=None`: Streamlit's theme turns tooltips on for every mark,
# and a line's tooltip would show only the first week of the whole path.
DROP_NULLS = "filter"
# A heatmap cell spans Monday to Sunday morning, leaving a day's gap between weeks.
CELL_DAYS = 6
LEGEND_PICK = "legend_pick"
WEEK_PICK = "week_pick"
RATING_SCALE = alt.Scale(domain=[0, RATING_MAX])


def _title(text: str, *subtitle: str) -> alt.Title:
    """A left-aligned title; each subtitle line short enough for a phone."""
    return alt.Title(text, subtitle=list(subtitle), anchor="start", subtitleColor=SUBTLE_TEXT)


def _practices(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per practice in the frame, in practice order."""
    return frame.drop_duplicates("practice").sort_values("order")


def _titles(frame: pd.DataFrame) -> list[str]:
    """The practice titles in the frame, in practice order."""
    return _practices(frame)["practice_title"].tolist()


def _colour_scale(frame: pd.DataFrame) -> alt.Scale:
    """Each practice title mapped to its fixed palette colour, so colours never shift."""
    if frame.empty:
        return alt.Scale(range=list(PALETTE))
    return alt.Scale(
        domain=_titles(frame), range=[PALETTE[order - 1] for order in _practices(frame)["order"]]
    )


def _colour(frame: pd.DataFrame) -> alt.Color:
    """Colour by practice, legend below the chart so phones keep the plot width."""
    return alt.Color(
        "practice_title:N",
        title=None,
        scale=_colour_scale(frame),
        legend=alt.Legend(
            orient="bottom",
            columns=2,
            columnPadding=12,
            labelFontSize=12,
            labelLimit=150,
            symbolOpacity=1,
            symbolSize=90,
            symbolStrokeWidth=3,
        ),
    )


def _week_ticks(frame: pd.DataFrame, offset_days: int) -> list[alt.DateTime]:
    """Every few Mondays (plus `offset_days`), counted back from the newest so it gets a label."""
    starts = frame["week_start"].drop_duplicates().sort_values(ascending=False)
    step = next((step for step in TICK_STEPS if len(starts) <= step * MAX_TICKS), TICK_STEPS[-1])
    return [
        alt.DateTime(year=day.year, month=day.month, date=day.day)
        for day in starts.iloc[::step] + pd.Timedelta(days=offset_days)
    ]


def _week_axis(frame: pd.DataFrame, offset_days: int = 0) -> alt.X:
    """Time along x, ticked on Mondays (Vega's own weeks start on Sunday)."""
    long_span = frame["week_start"].nunique() > LONG_SPAN_WEEKS
    axis = alt.Axis(
        values=_week_ticks(frame, offset_days),
        format="%b %Y" if long_span else "%-d %b",
        labelOverlap=True,
        grid=False,
    )
    # Pixel padding keeps the first and last point off the plot's edges.
    return alt.X("week_start:T", title="Week", axis=axis, scale=alt.Scale(padding=12))


def _span(frame: pd.DataFrame) -> str:
    """`from 2026-W23 to 2026-W48`, or a note that there is nothing yet."""
    if frame.empty:
        return "with no check-ins yet"
    weeks = frame.sort_values("week_start")["week"]
    first, last = weeks.iloc[0], weeks.iloc[-1]
    return f"for {first}" if first == last else f"from {first} to {last}"


def _latest_scores(history: pd.DataFrame) -> str:
    """`Emotional connection 7.2, …` from the last week, for text alternatives."""
    if history.empty:
        return ""
    latest = history[history["week_start"] == history["week_start"].max()]
    parts = [
        f"{row.practice_title} {row.score:.1f}"
        for row in latest.sort_values("order").itertuples()
        if pd.notna(row.score)
    ]
    return f" Latest smoothed scores: {', '.join(parts)}." if parts else ""


def _slim(frame: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    """Only the columns a chart reads, floats cut to two decimals: the spec carries the data."""
    slim = frame[keep]
    return slim.round(dict.fromkeys(slim.select_dtypes("float").columns, 2))


def trend_chart(history: pd.DataFrame) -> alt.LayerChart:
    """Every practice's weekly ratings with its smoothed score; click the legend to pick one."""
    data = _slim(history, ["week", "week_start", "practice_title", "rating", "score"])
    pick = alt.selection_point(fields=["practice_title"], bind="legend", name=LEGEND_PICK)
    base = alt.Chart(data).encode(x=_week_axis(history), color=_colour(history))
    rating_y = alt.Y("rating:Q", title="Rating", scale=RATING_SCALE)
    tooltip = [
        alt.Tooltip("week:N", title="Week"),
        alt.Tooltip("practice_title:N", title="Practice"),
        alt.Tooltip("rating:Q", title="Rating"),
        alt.Tooltip("score:Q", title="Score", format=".1f"),
    ]
    ratings_line = base.mark_line(strokeWidth=1.2, tooltip=None, invalid=BREAK_AT_NULLS).encode(
        y=rating_y, opacity=alt.condition(pick, alt.value(0.35), alt.value(0.05))
    )
    ratings_points = (
        base.mark_point(filled=True, size=30, invalid=DROP_NULLS)
        .encode(
            y=rating_y,
            opacity=alt.condition(pick, alt.value(0.9), alt.value(0.1)),
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    score_line = base.mark_line(strokeWidth=3, tooltip=None, invalid=BREAK_AT_NULLS).encode(
        y=alt.Y("score:Q", title="Rating"),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.08)),
    )
    return alt.layer(score_line, ratings_line, ratings_points).properties(
        title=_title(
            "How each practice is going",
            "Dots: weekly ratings. Thick lines: smoothed score.",
            "Click a name in the legend to pick it out.",
        ),
        description=(
            f"Line chart of weekly ratings from 0 to 10 for each practice {_span(history)}, "
            "with a thicker line for its smoothed score; gaps are skipped or missed weeks."
            + _latest_scores(history)
        ),
        width="container",
        height=HEIGHT,
    )


def wheel_chart(wheel: pd.DataFrame, title: str = "This week") -> alt.LayerChart:
    """One week's six ratings as a wheel, over a ghost of the last four weeks' average."""
    # Slice angles come from pandas, not Vega's stack: stacking an arc's theta
    # groups by its radius field, so two equal ratings would share one slice.
    data = wheel.assign(
        slice_start=wheel["order"] - 1, slice_end=wheel["order"], slice_mid=wheel["order"] - 0.5
    )
    data = _slim(
        data, ["practice_title", "rating", "average", "slice_start", "slice_end", "slice_mid"]
    )
    # A slice's area grows with its radius squared; a square-root scale makes the
    # area, which the eye compares, proportional to the rating, with 0 at the centre.
    # The range stops short of the edge to leave room for the labels.
    radius_scale = alt.Scale(
        type="sqrt",
        domain=[0, RATING_MAX],
        zero=True,
        range=[0, alt.expr("max(min(width, height) / 2 - 26, 10)")],
    )
    base = alt.Chart(data).encode(
        theta=alt.Theta("slice_start:Q", scale=alt.Scale(domain=[0, len(PRACTICE_KEYS)])),
        tooltip=[
            alt.Tooltip("practice_title:N", title="Practice"),
            alt.Tooltip("rating:Q", title="Rating"),
            alt.Tooltip("average:Q", title="4-week average", format=".1f"),
        ],
    )
    average = alt.Radius("average:Q", scale=radius_scale)
    rating = alt.Radius("rating:Q", scale=radius_scale)
    colour = _colour(wheel)
    slice_end = alt.Theta2("slice_end:Q")
    ghost = base.mark_arc(padAngle=0.03, opacity=0.25, invalid=DROP_NULLS).encode(
        theta2=slice_end, radius=average, color=colour
    )
    ratings = base.mark_arc(padAngle=0.03, invalid=DROP_NULLS).encode(
        theta2=slice_end, radius=rating, color=colour
    )
    # The dashed edge keeps the average visible where this week's slice covers the ghost.
    ghost_edge = base.mark_arc(
        padAngle=0.03, filled=False, stroke=NEUTRAL, strokeDash=[3, 3], invalid=DROP_NULLS
    ).encode(theta2=slice_end, radius=average, tooltip=alt.value(None))
    labels = base.mark_text(
        radiusOffset=12, fontSize=14, fontWeight="bold", color=SUBTLE_TEXT, invalid=DROP_NULLS
    )
    labels = labels.encode(
        theta=alt.Theta("slice_mid:Q"), radius=rating, text=alt.Text("rating:Q", format=".0f")
    )
    return alt.layer(ghost, ratings, ghost_edge, labels).properties(
        title=_title(
            title,
            "Longer slices are higher ratings.",
            "The faint, dashed ghost is the 4-week average.",
        ),
        description="Radial chart of this week's ratings from 0 to 10 for each practice, "
        + "over a faint ghost of each practice's 4-week average. "
        + _wheel_summary(wheel),
        width="container",
        height=WHEEL_HEIGHT,
    )


def _wheel_summary(wheel: pd.DataFrame) -> str:
    """`Emotional connection 7 (average 6.5), …` for the wheel's text alternative."""
    parts = []
    for row in wheel.sort_values("order").itertuples():
        rating = "skipped" if pd.isna(row.rating) else f"{row.rating:.0f}"
        average = "" if pd.isna(row.average) else f" (average {row.average:.1f})"
        parts.append(f"{row.practice_title} {rating}{average}")
    return "; ".join(parts) + "." if parts else "No practices to show."


def heatmap_chart(history: pd.DataFrame) -> alt.LayerChart:
    """Ratings as a week-by-practice grid; skipped cells grey with a dash; weeks clickable."""
    cells = history.assign(
        week_end=history["week_start"] + pd.Timedelta(days=CELL_DAYS),
        week_mid=history["week_start"] + pd.Timedelta(days=CELL_DAYS / 2),
    )
    keep = ["week", "week_start", "week_end", "practice_title"]
    rated = cells.loc[cells["status"] == RATED, [*keep, "rating"]]
    skipped = cells.loc[cells["status"] == SKIPPED, [*keep, "week_mid", "status"]]
    pick = alt.selection_point(fields=["week"], name=WEEK_PICK)
    tooltip = [
        alt.Tooltip("week:N", title="Week"),
        alt.Tooltip("week_start:T", title="Week of", format="%-d %b %Y"),
        alt.Tooltip("practice_title:N", title="Practice"),
    ]
    base = alt.Chart(rated).encode(
        x=_week_axis(history, offset_days=CELL_DAYS // 2),
        y=alt.Y(
            "practice_title:N",
            title=None,
            sort=_titles(history),
            scale=alt.Scale(paddingInner=0.12),
            axis=alt.Axis(labelLimit=130, domain=False, ticks=False),
        ),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.35)),
        tooltip=[*tooltip, alt.Tooltip("rating:Q", title="Rating")],
    )
    week_end = alt.X2("week_end:T")
    rating_colour = alt.Color(
        "rating:Q",
        title="Rating",
        scale=alt.Scale(scheme="viridis", domain=[RATING_MIN, RATING_MAX]),
        legend=alt.Legend(orient="bottom", gradientLength=160, values=[1, 5, 10]),
    )
    rated_cells = (
        base.mark_rect(cornerRadius=2, invalid=DROP_NULLS)
        .encode(x2=week_end, color=rating_colour)
        .add_params(pick)
    )
    # Vega-Lite lets a param live in one layer only, but a point selection reads
    # the clicked mark of any layer in its group: skipped cells pick their week too.
    skipped_base = base.encode(tooltip=[*tooltip, alt.Tooltip("status:N", title="Rating")])
    skipped_base = skipped_base.properties(data=skipped)
    skipped_cells = skipped_base.mark_rect(cornerRadius=2, color=SKIPPED_FILL).encode(x2=week_end)
    skipped_dash = skipped_base.mark_text(text="–", color=SKIPPED_MARK, fontWeight="bold")
    skipped_dash = skipped_dash.encode(x=alt.X("week_mid:T", title="Week"))
    missed = history.loc[history["status"] == MISSED, "week"].nunique()
    return alt.layer(rated_cells, skipped_cells, skipped_dash).properties(
        title=_title(
            "Week by week",
            "Grey with a dash: skipped. Empty column: no check-in.",
            "Click a week to open its check-in.",
        ),
        description=(
            f"Grid of weekly ratings from 1 to 10, one row per practice, {_span(history)}; "
            f"{len(skipped)} ratings skipped and {missed} weeks without a check-in."
        ),
        width="container",
        # A fixed step per row: a fixed total height would squash the rows on a
        # phone, where the legend and wrapped titles take more of it.
        height=alt.Step(HEATMAP_ROW),
    )


def overall_chart(overall: pd.DataFrame) -> alt.LayerChart:
    """The mean of the rated practices week by week, with a faint line at the midpoint."""
    data = _slim(overall, ["week", "week_start", "mean_rating", "rated"])
    base = alt.Chart(data).encode(
        x=_week_axis(overall),
        y=alt.Y("mean_rating:Q", title="Average rating", scale=RATING_SCALE),
    )
    midpoint = (
        alt.Chart(pd.DataFrame({"mean_rating": [MIDPOINT]}))
        .mark_rule(color=NEUTRAL, strokeDash=[4, 4], opacity=0.6, tooltip=None)
        .encode(y=alt.Y("mean_rating:Q", title="Average rating"))
    )
    # No colour set: Streamlit's theme gives its own chart colour, light or dark.
    line = base.mark_line(strokeWidth=2, tooltip=None, invalid=BREAK_AT_NULLS)
    points = base.mark_point(filled=True, size=40, invalid=DROP_NULLS).encode(
        tooltip=[
            alt.Tooltip("week:N", title="Week"),
            alt.Tooltip("mean_rating:Q", title="Average", format=".1f"),
            alt.Tooltip("rated:Q", title="Practices rated"),
        ]
    )
    return alt.layer(midpoint, line, points).properties(
        title=_title(
            "All six together",
            "The average of the practices you rated each week.",
            "The dashed line marks 5.",
        ),
        description=(
            f"Line chart of the weekly average rating from 0 to 10 {_span(overall)}, "
            "with a dashed reference line at 5; gaps are weeks without a rating."
        ),
        width="container",
        height=SMALL_HEIGHT,
    )


def practice_history_chart(history: pd.DataFrame, practice: str) -> alt.LayerChart:
    """One practice's weekly ratings with its smoothed score, in the practice's colour."""
    own = history[history["practice"] == practice]
    data = _slim(own, ["week", "week_start", "rating", "score"])
    colour = PALETTE[PRACTICE_KEYS.index(practice)]
    title = own["practice_title"].iloc[0] if not own.empty else practice
    base = alt.Chart(data).encode(x=_week_axis(own))
    rating_y = alt.Y("rating:Q", title="Rating", scale=RATING_SCALE)
    score_line = base.mark_line(
        color=colour, strokeWidth=3, opacity=0.9, tooltip=None, invalid=BREAK_AT_NULLS
    ).encode(y=alt.Y("score:Q", title="Rating"))
    ratings_line = base.mark_line(
        color=colour, strokeWidth=1.2, opacity=0.45, tooltip=None, invalid=BREAK_AT_NULLS
    ).encode(y=rating_y)
    ratings_points = base.mark_point(filled=True, size=45, color=colour, invalid=DROP_NULLS).encode(
        y=rating_y,
        tooltip=[
            alt.Tooltip("week:N", title="Week"),
            alt.Tooltip("rating:Q", title="Rating"),
            alt.Tooltip("score:Q", title="Score", format=".1f"),
        ],
    )
    return alt.layer(score_line, ratings_line, ratings_points).properties(
        title=_title(f"{title} over time", "Dots: weekly ratings. Thick line: smoothed score."),
        description=(
            f"Line chart of the weekly {title} rating from 0 to 10 {_span(own)}, with a "
            "thicker line for its smoothed score; gaps are skipped or missed weeks."
            + _latest_scores(own)
        ),
        width="container",
        height=SMALL_HEIGHT,
    )
