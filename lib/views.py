"""What each page draws, computed in one go from the saved weeks.

Pages cache these per data-file revision, so a rerun that changes nothing
in the diary (a slider move, a toggle) costs no analysis and no chart
building. Everything here is shared between sessions: never change it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from lib import chart_text, charts, frames, insights, tables
from lib.checkin import (
    WeekStatus,
    focus_entry,
    picker_weeks,
    previous_entry,
    week_option_label,
    week_status,
)
from lib.entries import WeekEntry
from lib.weeks import IsoWeek


@dataclass(frozen=True)
class HomeView:
    """The dashboard's figures and charts, apart from the trends window."""

    status: WeekStatus
    streak: int
    consistency: int
    suggestion: insights.FocusSuggestion | None
    focus_target: WeekEntry | None
    wheel_table: pd.DataFrame
    wheel_chart: alt.LayerChart
    effects: tuple[insights.FocusEffect, ...]
    history: pd.DataFrame


@dataclass(frozen=True)
class TrendsView:
    """The trend, overall and heatmap charts for the last `weeks` weeks, each with its table.

    Each table shows what its chart shows, as a person reads it (`lib.tables`).
    `weeks` are the heatmap's weeks, newest first, each with its label: the
    keyboard's way to open one, as a click on the grid does.
    """

    trend_table: pd.DataFrame
    trend_chart: alt.LayerChart
    overall_table: pd.DataFrame
    overall_chart: alt.LayerChart
    heatmap_table: pd.DataFrame
    heatmap_chart: alt.LayerChart
    weeks: Mapping[str, str]


@dataclass(frozen=True)
class CheckInView:
    """What the check-in page needs besides the form: picker, last check-in, suggestion."""

    week_labels: Mapping[str, str]
    previous: WeekEntry | None
    outcome: insights.FocusOutcome | None
    suggested: str | None


@dataclass(frozen=True)
class PracticeView:
    """One practice's score, trend, times as focus, history chart and notes, newest first."""

    score: float | None
    trend: insights.Trend
    times_focused: int
    chart: alt.LayerChart
    table: pd.DataFrame
    notes: tuple[WeekEntry, ...]


def home_view(entries: Sequence[WeekEntry], titles: Mapping[str, str], today: date) -> HomeView:
    """Everything the dashboard shows for these entries (at least one) as of `today`."""
    latest = entries[-1].week
    title = (
        "This week" if latest == IsoWeek.of(today) else f"Latest check-in: {latest.with_monday()}"
    )
    wheel = frames.wheel_frame(entries, titles, latest)
    return HomeView(
        status=week_status(list(entries), today),
        streak=insights.streak(entries, today),
        consistency=insights.consistency(entries, today),
        suggestion=insights.focus_suggestion(entries, today),
        focus_target=focus_entry(entries, today),
        wheel_table=tables.wheel_table(wheel),
        wheel_chart=charts.wheel_chart(wheel, title),
        effects=tuple(insights.focus_effects(entries)),
        history=frames.history_frame(entries, titles, through=IsoWeek.of(today)),
    )


def trends_view(
    history: pd.DataFrame, weeks: int | None, highlight: str | None = None
) -> TrendsView:
    """The trends section for the last `weeks` weeks of `history` (None: all of it).

    `highlight` is the practice (a key) the trend picks out; None for none.
    """
    recent = frames.window(history, weeks)
    return TrendsView(
        trend_table=tables.trend_table(recent),
        trend_chart=charts.trend_chart(recent, highlight),
        overall_table=tables.overall_table(recent),
        overall_chart=charts.overall_chart(frames.overall_frame(recent)),
        heatmap_table=tables.grid_table(recent),
        heatmap_chart=charts.heatmap_chart(recent),
        weeks=chart_text.week_choices(recent),
    )


def check_in_view(entries: Sequence[WeekEntry], today: date, week: IsoWeek) -> CheckInView:
    """The week picker's options and labels (newest first) and what the form shows beside it."""
    saved = {entry.week for entry in entries}
    suggestion = insights.focus_suggestion(entries, today)
    return CheckInView(
        week_labels={
            str(option): week_option_label(option, today, saved)
            for option in picker_weeks(today, saved, also=week)
        },
        previous=previous_entry(entries, week),
        outcome=insights.focus_outcome(list(entries), week),
        suggested=suggestion.practice if suggestion else None,
    )


def practice_view(
    entries: Sequence[WeekEntry], titles: Mapping[str, str], key: str, today: date
) -> PracticeView:
    """Practice `key`'s part of the diary (at least one entry) as of `today`."""
    history = frames.history_frame(entries, titles, through=IsoWeek.of(today))
    return PracticeView(
        score=insights.score(entries, key),
        trend=insights.trend(entries, key),
        times_focused=sum(1 for entry in entries if entry.focus == key),
        chart=charts.practice_history_chart(history, key),
        table=tables.practice_table(frames.practice_rows(history, key)),
        notes=tuple(entry for entry in reversed(entries) if entry.notes[key]),
    )
