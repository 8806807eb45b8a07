"""The app's charts: one small builder per chart, long-form frames from `lib.frames` in.

Builders only encode; every reshaping and aggregation happens in `lib.frames` or
here in pandas, where it is testable. Nothing sets a background: the colours
(`lib.chart_colours`) read on both of Streamlit's themes, and the words
(`lib.chart_text`) say to a screen reader what the chart shows. Layers that only
repeat what another layer says (lines through dots, numbers on slices) are
hidden from assistive technology (`aria=False`), so each value is read once.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib import chart_parts, chart_text
from lib.altair_state import built_unchecked
from lib.chart_colours import (
    NEUTRAL,
    PALETTE,
    RAMP_INTERPOLATION,
    RATING_RAMP,
    SKIPPED_FILL,
    TEXT,
)
from lib.chart_guides import (
    LABEL_LIMIT,
    WEEK_TITLE,
    practice_colour,
    practice_titles,
    week_axis,
)
from lib.entries import PRACTICE_KEYS, RATING_MAX, RATING_MIN
from lib.frames import RATED, SKIPPED, week_names

# Streamlit's theme fits a whole chart, legend included, into its height: on a
# phone the trend's one-column legend would squash its plot to a strip. So the
# trend fits only its width, its plot keeps this height, and the chart grows down.
TREND_PLOT_HEIGHT = 260
FIT_WIDTH_ONLY = alt.AutoSizeParams(type="fit-x", contains="padding")
WHEEL_HEIGHT = 520
SMALL_HEIGHT = 320
HEATMAP_ROW = 28
MIDPOINT = 5
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
# Each mark's words for a screen reader (Vega-Lite's `description` channel).
LABEL = "label"
DESCRIBED = alt.Description(f"{LABEL}:N")
# Each mark's week in its tooltip, named as everywhere else: `2026-W41 (Mon 5 Oct 2026)`.
WEEK_NAME = "week_name"
WEEK_TOOLTIP = alt.Tooltip(f"{WEEK_NAME}:N", title="Week")


def _slim(frame: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    """Only the columns a chart reads, floats cut to two decimals: the spec carries the data."""
    slim = frame[keep]
    return slim.round(dict.fromkeys(slim.select_dtypes("float").columns, 2))


def _picked_title(history: pd.DataFrame, highlight: str | None) -> str | None:
    """The title of practice `highlight` (a key) if the frame holds it."""
    titles = history.loc[history["practice"] == highlight, "practice_title"]
    return None if titles.empty else str(titles.iloc[0])


@built_unchecked
def trend_chart(history: pd.DataFrame, highlight: str | None = None) -> alt.LayerChart:
    """Every practice's weekly ratings with its smoothed score; pick one out with the legend.

    `highlight` (a practice key) starts the chart with that practice picked out,
    as a click on its legend entry does; None shows all six alike.
    """
    data = _slim(
        history.assign(
            **{LABEL: chart_text.rating_labels(history), WEEK_NAME: week_names(history)}
        ),
        ["week_start", WEEK_NAME, "practice_title", "rating", "score", LABEL],
    )
    picked = _picked_title(history, highlight)
    pick = alt.selection_point(
        fields=["practice_title"],
        bind="legend",
        name=LEGEND_PICK,
        value=alt.Undefined if picked is None else [{"practice_title": picked}],
    )
    base = alt.Chart(data).encode(x=week_axis(history), color=practice_colour(history))
    rating_y = alt.Y("rating:Q", title="Rating", scale=RATING_SCALE)
    tooltip = [
        WEEK_TOOLTIP,
        alt.Tooltip("practice_title:N", title="Practice"),
        alt.Tooltip("rating:Q", title="Rating"),
        alt.Tooltip("score:Q", title="Score", format=".1f"),
    ]
    # Faint by design: it only joins the dots, which carry each rating.
    ratings_line = base.mark_line(
        strokeWidth=1.2, tooltip=None, invalid=BREAK_AT_NULLS, aria=False
    ).encode(y=rating_y, opacity=chart_parts.picked_opacity(pick, 0.35, 0.05))
    ratings_points = (
        base.mark_point(filled=True, size=30, invalid=DROP_NULLS)
        .encode(
            y=rating_y,
            opacity=chart_parts.picked_opacity(pick, 1, 0.1),
            tooltip=tooltip,
            description=DESCRIBED,
        )
        .add_params(pick)
    )
    # Each dot's label says its smoothed score too, so the line is not read again.
    score_line = base.mark_line(
        strokeWidth=3, tooltip=None, invalid=BREAK_AT_NULLS, aria=False
    ).encode(
        y=alt.Y("score:Q", title="Rating"),
        opacity=chart_parts.picked_opacity(pick, 1, 0.08),
    )
    return chart_parts.layered(
        "trend",
        (score_line, ratings_line, ratings_points),
        chart_parts.title(
            "How each practice is going",
            "Dots: weekly ratings. Thick lines: smoothed.",
            "Pick one out above, or in the legend.",
        ),
        chart_text.trend_description(history, picked),
        TREND_PLOT_HEIGHT,
        FIT_WIDTH_ONLY,
    )


@built_unchecked
def wheel_chart(wheel: pd.DataFrame, title: str = "This week") -> alt.LayerChart:
    """One week's six ratings as a wheel, over a ghost of the last four weeks' average."""
    # Slice angles come from pandas, not Vega's stack: stacking an arc's theta
    # groups by its radius field, so two equal ratings would share one slice.
    data = wheel.assign(
        slice_start=wheel["order"] - 1,
        slice_end=wheel["order"],
        slice_mid=wheel["order"] - 0.5,
        **{LABEL: chart_text.wheel_labels(wheel)},
    )
    data = _slim(
        data,
        ["practice_title", "rating", "average", "slice_start", "slice_end", "slice_mid", LABEL],
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
    colour = practice_colour(wheel)
    slice_end = alt.Theta2("slice_end:Q")
    # The ghost's faint fill is decoration: its dashed edge, in a colour with 3:1
    # on both themes, shows the average; each slice's label says it in words.
    ghost = base.mark_arc(padAngle=0.03, opacity=0.25, invalid=DROP_NULLS, aria=False).encode(
        theta2=slice_end, radius=average, color=colour
    )
    ratings = base.mark_arc(padAngle=0.03, invalid=DROP_NULLS).encode(
        theta2=slice_end, radius=rating, color=colour, description=DESCRIBED
    )
    ghost_edge = base.mark_arc(
        padAngle=0.03,
        filled=False,
        stroke=NEUTRAL,
        strokeDash=[3, 3],
        invalid=DROP_NULLS,
        aria=False,
    ).encode(theta2=slice_end, radius=average, tooltip=alt.TooltipValue(None))
    labels = base.mark_text(
        radiusOffset=12,
        fontSize=14,
        fontWeight="bold",
        color=TEXT,
        invalid=DROP_NULLS,
        aria=False,
    ).encode(theta=alt.Theta("slice_mid:Q"), radius=rating, text=alt.Text("rating:Q", format=".0f"))
    return chart_parts.layered(
        "wheel",
        (ghost, ratings, ghost_edge, labels),
        chart_parts.title(
            title, "Longer slices are higher ratings.", "Dashed ghost: the 4-week average."
        ),
        chart_text.wheel_description(wheel, title),
        WHEEL_HEIGHT,
    )


@built_unchecked
def heatmap_chart(history: pd.DataFrame) -> alt.LayerChart:
    """Ratings as a week-by-practice grid; skipped cells grey with a dash; weeks clickable."""
    cells = history.assign(
        week_end=history["week_start"] + pd.Timedelta(days=CELL_DAYS),
        week_mid=history["week_start"] + pd.Timedelta(days=CELL_DAYS / 2),
        **{LABEL: chart_text.cell_labels(history), WEEK_NAME: week_names(history)},
    )
    keep = ["week", "week_start", "week_end", WEEK_NAME, "practice_title", LABEL]
    rated = cells.loc[cells["status"] == RATED, [*keep, "rating"]]
    skipped = cells.loc[cells["status"] == SKIPPED, [*keep, "week_mid", "status"]]
    pick = alt.selection_point(fields=["week"], name=WEEK_PICK)
    tooltip = [WEEK_TOOLTIP, alt.Tooltip("practice_title:N", title="Practice")]
    base = alt.Chart(rated).encode(
        x=week_axis(history, offset_days=CELL_DAYS // 2),
        y=alt.Y(
            "practice_title:N",
            title=None,
            sort=practice_titles(history),
            scale=alt.Scale(paddingInner=0.12),
            axis=alt.Axis(labelLimit=LABEL_LIMIT, domain=False, ticks=False),
        ),
        opacity=chart_parts.picked_opacity(pick, 1, 0.35),
        tooltip=[*tooltip, alt.Tooltip("rating:Q", title="Rating")],
        description=DESCRIBED,
    )
    week_end = alt.X2("week_end:T")
    # Every fill, and every blend the legend shows, has 3:1 on both themes: no cell
    # needs an outline to be seen, and outlines would crowd a year of narrow cells.
    rating_colour = alt.Color(
        "rating:Q",
        title="Rating",
        scale=alt.Scale(
            domain=list(range(RATING_MIN, RATING_MAX + 1)),
            range=list(RATING_RAMP),
            interpolate=RAMP_INTERPOLATION,
        ),
        legend=alt.Legend(
            orient="bottom",
            # The legend starts under the grid, right of the row titles: on a phone
            # a fixed length would run off the chart's right edge.
            gradientLength=alt.ExprRef("clamp(width - 24, 60, 160)"),
            values=[1, 5, 10],
        ),
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
    # The cell under it says "skipped" already.
    skipped_dash = skipped_base.mark_text(text="–", color=TEXT, fontWeight="bold", aria=False)
    skipped_dash = skipped_dash.encode(x=alt.X("week_mid:T", title=WEEK_TITLE))
    return chart_parts.layered(
        "heatmap",
        (rated_cells, skipped_cells, skipped_dash),
        chart_parts.title(
            "Week by week",
            "Grey with a dash: skipped.",
            "An empty column: no check-in.",
            "Click a week, or pick it below, to open it.",
        ),
        chart_text.heatmap_description(history),
        # A fixed step per row: a fixed total height would squash the rows on a
        # phone, where the legend and wrapped titles take more of it.
        alt.Step(HEATMAP_ROW),
    )


@built_unchecked
def overall_chart(overall: pd.DataFrame) -> alt.LayerChart:
    """The mean of the rated practices week by week, with a dashed line at the midpoint."""
    data = _slim(
        overall.assign(
            **{LABEL: chart_text.overall_labels(overall), WEEK_NAME: week_names(overall)}
        ),
        ["week_start", WEEK_NAME, "mean_rating", "rated", LABEL],
    )
    base = alt.Chart(data).encode(
        x=week_axis(overall),
        y=alt.Y("mean_rating:Q", title="Average rating", scale=RATING_SCALE),
    )
    midpoint = (
        alt.Chart(pd.DataFrame({"mean_rating": [MIDPOINT]}))
        .mark_rule(color=NEUTRAL, strokeDash=[4, 4], tooltip=None, aria=False)
        .encode(y=alt.Y("mean_rating:Q", title="Average rating"))
    )
    # The page's text colour: not one of the practices' colours, and 3:1 on both themes.
    line = base.mark_line(
        strokeWidth=2, color=TEXT, tooltip=None, invalid=BREAK_AT_NULLS, aria=False
    )
    # Opacity 1: Vega-Lite draws points at 0.7 by default, which would fade their contrast.
    points = base.mark_point(
        filled=True, size=40, opacity=1, color=TEXT, invalid=DROP_NULLS
    ).encode(
        tooltip=[
            WEEK_TOOLTIP,
            alt.Tooltip("mean_rating:Q", title="Average", format=".1f"),
            alt.Tooltip("rated:Q", title="Practices rated"),
        ],
        description=DESCRIBED,
    )
    return chart_parts.layered(
        "overall",
        (midpoint, line, points),
        chart_parts.title(
            "All six together",
            "Each week's average of the practices rated.",
            "The dashed line marks 5.",
        ),
        chart_text.overall_description(overall),
        SMALL_HEIGHT,
    )


@built_unchecked
def practice_history_chart(history: pd.DataFrame, practice: str) -> alt.LayerChart:
    """One practice's weekly ratings with its smoothed score, in the practice's colour."""
    own = history[history["practice"] == practice]
    data = _slim(
        own.assign(
            **{LABEL: chart_text.rating_labels(own, with_title=False), WEEK_NAME: week_names(own)}
        ),
        ["week_start", WEEK_NAME, "rating", "score", LABEL],
    )
    colour = PALETTE[PRACTICE_KEYS.index(practice)]
    title = own["practice_title"].iloc[0] if not own.empty else practice
    base = alt.Chart(data).encode(x=week_axis(own))
    rating_y = alt.Y("rating:Q", title="Rating", scale=RATING_SCALE)
    score_line = base.mark_line(
        color=colour, strokeWidth=3, tooltip=None, invalid=BREAK_AT_NULLS, aria=False
    ).encode(y=alt.Y("score:Q", title="Rating"))
    # Faint by design: it only joins the dots, which carry each rating.
    ratings_line = base.mark_line(
        color=colour,
        strokeWidth=1.2,
        opacity=0.45,
        tooltip=None,
        invalid=BREAK_AT_NULLS,
        aria=False,
    ).encode(y=rating_y)
    ratings_points = base.mark_point(
        filled=True, size=45, opacity=1, color=colour, invalid=DROP_NULLS
    ).encode(
        y=rating_y,
        tooltip=[
            WEEK_TOOLTIP,
            alt.Tooltip("rating:Q", title="Rating"),
            alt.Tooltip("score:Q", title="Score", format=".1f"),
        ],
        description=DESCRIBED,
    )
    return chart_parts.layered(
        "practice",
        (score_line, ratings_line, ratings_points),
        chart_parts.title(f"{title} over time", "Dots: ratings. Thick line: smoothed score."),
        chart_text.practice_description(own, title),
        SMALL_HEIGHT,
    )
