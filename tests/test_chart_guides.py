"""The axes and legends the charts share: fixed practice colours, weeks ticked on Mondays."""

from datetime import date

from lib.chart_colours import PALETTE
from lib.chart_guides import (
    LABEL_LIMIT,
    MAX_TICKS,
    practice_colour,
    practice_titles,
    week_axis,
)
from lib.entries import PRACTICE_KEYS, make_entry
from lib.frames import history_frame
from lib.weeks import IsoWeek

TITLES = {key: f"{key} title" for key in PRACTICE_KEYS}
LATEST = IsoWeek(2026, 48)


def history(weeks: int):
    entries = [
        make_entry(LATEST.shifted(-offset), dict.fromkeys(PRACTICE_KEYS, 5))
        for offset in range(weeks)
    ]
    return history_frame(sorted(entries, key=lambda entry: entry.week), TITLES)


def test_a_practice_keeps_its_colour_whichever_practices_are_shown() -> None:
    frame = history(3)
    only = frame[frame["practice"].isin(["mystery", "connection"])]
    scale = practice_colour(only).to_dict()["scale"]
    assert scale["domain"] == [TITLES["connection"], TITLES["mystery"]]
    assert scale["range"] == [PALETTE[0], PALETTE[3]]
    assert practice_titles(frame) == [TITLES[key] for key in PRACTICE_KEYS]


def test_with_no_practices_the_scale_still_has_the_palette() -> None:
    assert practice_colour(history(0)).to_dict()["scale"] == {"range": list(PALETTE)}


def test_the_legend_fits_its_columns_to_the_width_and_never_cuts_a_title() -> None:
    legend = practice_colour(history(3)).to_dict()["legend"]
    assert legend["labelLimit"] == LABEL_LIMIT >= 200
    assert legend["columns"] == {"expr": "width >= 470 ? 3 : width >= 300 ? 2 : 1"}


def test_a_long_span_ticks_months_at_most_max_ticks_times_on_mondays() -> None:
    axis = week_axis(history(520)).to_dict()["axis"]
    assert axis["labelExpr"] == "timeFormat(datum.value, '%b %Y')"
    ticks = [date(tick["year"], tick["month"], tick["date"]) for tick in axis["values"]]
    assert len(ticks) <= MAX_TICKS
    assert all(day.weekday() == 0 for day in ticks)
    assert week_axis(history(26)).to_dict()["axis"]["labelExpr"] == (
        "timeFormat(datum.value, '%-d %b')"
    )


def test_ticks_moved_into_the_week_are_still_labelled_with_its_monday() -> None:
    """Regression: the heatmap's axis, ticked mid-cell, labelled Thursdays, the trend Mondays."""
    x = week_axis(history(26), offset_days=3).to_dict()
    ticks = [date(tick["year"], tick["month"], tick["date"]) for tick in x["axis"]["values"]]
    assert all(day.weekday() == 3 for day in ticks), "each tick sits mid-cell, on Thursday"
    assert x["axis"]["labelExpr"] == "timeFormat(timeOffset('day', datum.value, -3), '%-d %b')"
    assert x["title"] == "Week (dates are Mondays)"
