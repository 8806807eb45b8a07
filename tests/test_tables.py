"""Each chart's table as a person reads it: words for headings, weeks and gaps, newest first."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import tables
from lib.content import load_practices
from lib.entries import PRACTICE_KEYS, make_entry
from lib.frames import history_frame, practice_rows, wheel_frame
from lib.weeks import IsoWeek

TITLES = {item.key: item.title for item in load_practices()}
TITLES_IN_ORDER = [TITLES[key] for key in PRACTICE_KEYS]
# 2026-W40 starts on Monday 28 September; W41 is missed; W42 is the latest check-in; W43 is
# this week, not checked in yet.
W40, W41, W42, W43 = (IsoWeek(2026, week) for week in (40, 41, 42, 43))
ENTRIES = [
    make_entry(W40, dict.fromkeys(PRACTICE_KEYS, 6) | {"space": None, "mystery": 5}),
    make_entry(W42, dict.fromkeys(PRACTICE_KEYS, 8) | {"mystery": 3}),
]
HISTORY = history_frame(ENTRIES, TITLES, through=W43)
EMPTY = history_frame([], TITLES)
NEWEST_FIRST = ["2026-W43", "2026-W42", "2026-W41", "2026-W40"]
MONDAYS = ["Mon 19 Oct 2026", "Mon 12 Oct 2026", "Mon 5 Oct 2026", "Mon 28 Sep 2026"]
# What no table may show a person: keys, internal column names, raw missing values, times.
INTERNAL = ("practice", "practice_title", "order", "mean_rating", "rated", "week_start", "status")


def cells(table: pd.DataFrame) -> list[str]:
    return [str(value) for value in table.to_numpy().ravel()]


def by_week(table: pd.DataFrame) -> dict[str, dict[str, str]]:
    return table.set_index("Week").to_dict("index")


WEEKLY = {
    "trend": tables.trend_table,
    "grid": tables.grid_table,
    "overall": tables.overall_table,
    "practice": lambda history: tables.practice_table(practice_rows(history, "space")),
}


@pytest.mark.parametrize("build", WEEKLY.values(), ids=WEEKLY.keys())
def test_every_week_table_runs_newest_first_with_the_iso_week_and_its_monday(build) -> None:
    table = build(HISTORY)
    assert list(table.columns[:2]) == ["Week", "Week of"]
    assert table["Week"].tolist() == NEWEST_FIRST, "every week the chart shows, newest first"
    assert table["Week of"].tolist() == MONDAYS


@pytest.mark.parametrize("build", [*WEEKLY.values(), None], ids=[*WEEKLY.keys(), "wheel"])
def test_no_table_shows_keys_internal_names_or_raw_values(build) -> None:
    """Regression: tables showed `practice`, `mean_rating`, None, 4.6667 and midnight times."""
    table = (
        tables.wheel_table(wheel_frame(ENTRIES, TITLES, W42)) if build is None else build(HISTORY)
    )
    assert not set(table.columns) & {*INTERNAL, *PRACTICE_KEYS}
    shown = cells(table)
    assert not set(shown) & {*PRACTICE_KEYS, "None", "nan", "<NA>"}
    assert not [cell for cell in shown if "00:00" in cell]
    decimals = [cell.partition(".")[2] for cell in shown if "." in cell]
    assert all(len(digits) == 1 for digits in decimals), "one decimal at most"
    assert all(str(dtype) == "str" for dtype in table.dtypes)


def test_the_grid_table_shows_ratings_skipped_and_a_dash_for_no_check_in() -> None:
    table = tables.grid_table(HISTORY)
    assert list(table.columns) == ["Week", "Week of", *TITLES_IN_ORDER]
    rows = by_week(table)
    assert rows["2026-W40"][TITLES["space"]] == "skipped"
    assert rows["2026-W40"][TITLES["mystery"]] == "5"
    assert rows["2026-W42"][TITLES["mystery"]] == "3"
    assert set(rows["2026-W41"].values()) - {"Mon 5 Oct 2026"} == {"—"}, "missed: all dashes"
    assert set(rows["2026-W43"].values()) - {"Mon 19 Oct 2026"} == {"—"}


def test_the_trend_table_shows_each_smoothed_score_to_one_decimal() -> None:
    table = tables.trend_table(HISTORY)
    assert list(table.columns) == ["Week", "Week of", *(f"{t} (smoothed)" for t in TITLES_IN_ORDER)]
    rows = by_week(table)
    mystery = f"{TITLES['mystery']} (smoothed)"
    # 5 then 3, the newer weighing 1 to the older's 0.84 (lib/insights.py): 3.9.
    assert [rows[week][mystery] for week in NEWEST_FIRST] == ["—", "3.9", "—", "5.0"]
    assert rows["2026-W40"][f"{TITLES['space']} (smoothed)"] == "—", "skipped before any rating"
    assert rows["2026-W42"][f"{TITLES['space']} (smoothed)"] == "8.0"
    assert not table.equals(tables.grid_table(HISTORY)), "not the grid's table again"


def test_the_overall_table_shows_the_average_and_how_many_were_rated() -> None:
    table = tables.overall_table(HISTORY)
    assert list(table.columns) == ["Week", "Week of", "Average rating", "Practices rated"]
    rows = by_week(table)
    assert rows["2026-W40"] == {
        "Week of": "Mon 28 Sep 2026",
        "Average rating": "5.8",
        "Practices rated": "5 of 6",
    }
    assert rows["2026-W42"]["Average rating"] == "7.2"  # 43 / 6 = 7.1666…
    assert rows["2026-W41"]["Average rating"] == rows["2026-W41"]["Practices rated"] == "—"


def test_a_check_in_that_skipped_everything_says_none_rated() -> None:
    history = history_frame([make_entry(W40, dict.fromkeys(PRACTICE_KEYS))], TITLES)
    assert by_week(tables.overall_table(history))["2026-W40"] == {
        "Week of": "Mon 28 Sep 2026",
        "Average rating": "—",
        "Practices rated": "0 of 6",
    }


def test_the_practice_table_shows_its_rating_and_smoothed_score() -> None:
    table = tables.practice_table(practice_rows(HISTORY, "mystery"))
    assert list(table.columns) == ["Week", "Week of", "Rating", "Smoothed score"]
    assert table["Rating"].tolist() == ["—", "3", "—", "5"]
    assert table["Smoothed score"].tolist() == ["—", "3.9", "—", "5.0"]
    space = tables.practice_table(practice_rows(HISTORY, "space"))
    assert space["Rating"].tolist() == ["—", "8", "—", "skipped"]


def test_the_wheel_table_lists_the_practices_in_order() -> None:
    table = tables.wheel_table(wheel_frame(ENTRIES, TITLES, W40))
    assert list(table.columns) == ["Practice", "Rating", "4-week average"]
    assert table["Practice"].tolist() == TITLES_IN_ORDER
    rows = table.set_index("Practice").to_dict("index")
    assert rows[TITLES["space"]] == {"Rating": "skipped", "4-week average": "—"}
    assert rows[TITLES["mystery"]] == {"Rating": "5", "4-week average": "5.0"}


@pytest.mark.parametrize("build", WEEKLY.values(), ids=WEEKLY.keys())
def test_a_table_of_no_weeks_is_empty_with_its_week_headings(build) -> None:
    table = build(EMPTY)
    assert table.empty
    assert list(table.columns[:2]) == ["Week", "Week of"]
