"""The axes and legends the charts share: weeks along x, practices by colour.

Both are sized for a phone as well as a desktop: the week axis labels at most
MAX_TICKS weeks, and the practice legend takes as many columns as fit, so no
practice title is ever cut short.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.chart_colours import PALETTE

# The x axis ticks every 1, 2, 4… weeks: the smallest step giving at most
# MAX_TICKS labels, so a phone-wide chart stays readable.
TICK_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 260, 520)
MAX_TICKS = 7
# Beyond a year the labels name the month and year instead of the day.
LONG_SPAN_WEEKS = 53
# Legend columns by the chart's width (Vega's `width` signal, the plot's width in pixels).
LEGEND_COLUMNS = alt.ExprRef("width >= 470 ? 3 : width >= 300 ? 2 : 1")
# Wider than the longest practice title, which Vega would otherwise cut with "…".
LABEL_LIMIT = 220
# Every date on a week axis is the Monday the week starts, as in tooltips and tables.
WEEK_TITLE = "Week (dates are Mondays)"


def practices(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per practice in the frame, in practice order."""
    return frame.drop_duplicates("practice").sort_values("order")


def practice_titles(frame: pd.DataFrame) -> list[str]:
    """The practice titles in the frame, in practice order."""
    return practices(frame)["practice_title"].tolist()


def _colour_scale(frame: pd.DataFrame) -> alt.Scale:
    """Each practice title mapped to its fixed palette colour, so colours never shift."""
    if frame.empty:
        return alt.Scale(range=list(PALETTE))
    return alt.Scale(
        domain=practice_titles(frame),
        range=[PALETTE[order - 1] for order in practices(frame)["order"]],
    )


def practice_colour(frame: pd.DataFrame) -> alt.Color:
    """Colour by practice, legend below the chart so phones keep the plot width."""
    return alt.Color(
        "practice_title:N",
        title=None,
        scale=_colour_scale(frame),
        legend=alt.Legend(
            orient="bottom",
            columns=LEGEND_COLUMNS,
            columnPadding=12,
            labelFontSize=12,
            labelLimit=LABEL_LIMIT,
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


def week_axis(frame: pd.DataFrame, offset_days: int = 0) -> alt.X:
    """Time along x, ticked and labelled on Mondays (Vega's own weeks start on Sunday).

    With `offset_days` each tick sits that many days after its Monday (the middle
    of a heatmap cell) but its label still names the Monday.
    """
    long_span = frame["week_start"].nunique() > LONG_SPAN_WEEKS
    date_format = "%b %Y" if long_span else "%-d %b"
    # By calendar day, not by milliseconds: a clock change inside the week would
    # otherwise land the label on Sunday evening.
    monday = "datum.value" if not offset_days else f"timeOffset('day', datum.value, {-offset_days})"
    axis = alt.Axis(
        values=_week_ticks(frame, offset_days),
        labelExpr=f"timeFormat({monday}, '{date_format}')",
        labelOverlap=True,
        grid=False,
    )
    # Pixel padding keeps the first and last point off the plot's edges.
    return alt.X("week_start:T", title=WEEK_TITLE, axis=axis, scale=alt.Scale(padding=12))
