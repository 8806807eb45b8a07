"""Each page's view of the diary, built in one go from the saved weeks."""

from datetime import date

from lib import charts, frames, insights, tables, views
from lib.checkin import picker_weeks
from lib.content import load_practices
from lib.entries import PRACTICE_KEYS, make_entry
from lib.weeks import IsoWeek

TODAY = date(2026, 11, 24)
WEEK = IsoWeek.of(TODAY)
TITLES = {item.key: item.title for item in load_practices()}


def diary(weeks: int = 8):
    """`weeks` check-ins to last week; mystery falls, and every third week has a focus."""
    entries = []
    for index in range(weeks):
        ratings = dict.fromkeys(PRACTICE_KEYS, 6) | {"mystery": max(1, 8 - index)}
        notes = {"space": f"note {index}"} if index % 2 else {}
        focus = "mystery" if index % 3 == 0 else None
        week = WEEK.shifted(index - weeks)
        entries.append(make_entry(week, ratings, notes, "", focus))
    return entries


def test_home_view_gathers_what_the_dashboard_shows() -> None:
    entries = diary()
    view = views.home_view(entries, TITLES, TODAY)
    assert view.status.weeks_checked_in == 8
    assert not view.status.done
    assert view.streak == insights.streak(entries, TODAY) == 8
    assert view.consistency == insights.consistency(entries, TODAY)
    assert view.suggestion is not None
    assert view.suggestion.practice == "mystery"
    assert view.focus_target == entries[-1]
    assert list(view.effects) == insights.focus_effects(entries)
    assert view.history.equals(frames.history_frame(entries, TITLES, through=WEEK))
    wheel = frames.wheel_frame(entries, TITLES, entries[-1].week)
    assert view.wheel_table.equals(tables.wheel_table(wheel))
    assert (
        view.wheel_chart.to_dict()
        == charts.wheel_chart(wheel, f"Latest check-in: {entries[-1].week.with_monday()}").to_dict()
    )
    # One date convention: the ISO week and its Monday, as every other chart and table says.
    assert (
        view.wheel_chart.to_dict()["title"]["text"] == "Latest check-in: 2026-W47 (Mon 16 Nov 2026)"
    )


def test_the_wheel_is_this_week_once_it_is_checked_in() -> None:
    entries = [*diary(2), make_entry(WEEK, dict.fromkeys(PRACTICE_KEYS, 4))]
    view = views.home_view(entries, TITLES, TODAY)
    assert view.wheel_chart.to_dict()["title"]["text"] == "This week"
    assert view.status.done


def test_trends_view_keeps_only_the_chosen_window() -> None:
    history = views.home_view(diary(30), TITLES, TODAY).history
    twelve = views.trends_view(history, 12)
    everything = views.trends_view(history, None)
    assert len(twelve.trend_table) == 12, "this week, without a check-in yet, is a row of —"
    assert len(everything.trend_table) == 31
    assert twelve.heatmap_chart.to_dict()["params"][0]["name"] == charts.WEEK_PICK


def test_each_trend_chart_has_its_own_table_of_the_same_weeks_newest_first() -> None:
    """Regression: the trend and the grid shared one table, sorted unlike the average's."""
    history = views.home_view(diary(30), TITLES, TODAY).history
    view = views.trends_view(history, 12)
    recent = frames.window(history, 12)
    assert view.trend_table.equals(tables.trend_table(recent))
    assert view.overall_table.equals(tables.overall_table(recent))
    assert view.heatmap_table.equals(tables.grid_table(recent))
    assert not view.trend_table.equals(view.heatmap_table)
    newest_first = [str(WEEK.shifted(-offset)) for offset in range(12)]
    for table in (view.trend_table, view.overall_table, view.heatmap_table):
        assert table["Week"].tolist() == newest_first


def test_check_in_view_labels_every_picker_week_and_finds_the_week_before() -> None:
    entries = diary()
    opened = entries[3].week
    view = views.check_in_view(entries, TODAY, opened)
    weeks = picker_weeks(TODAY, [entry.week for entry in entries], also=opened)
    assert list(view.week_labels) == [str(week) for week in weeks]
    assert view.week_labels[str(opened)].endswith("✓ saved")
    assert view.previous == entries[2]
    assert view.outcome == insights.focus_outcome(entries, opened)
    assert view.suggested == "mystery"


def test_check_in_view_of_an_empty_diary() -> None:
    view = views.check_in_view([], TODAY, WEEK)
    assert (view.previous, view.outcome, view.suggested) == (None, None, None)
    assert next(iter(view.week_labels)) == str(WEEK)


def test_practice_view_has_newest_notes_first_and_counts_focus_weeks() -> None:
    entries = diary()
    view = views.practice_view(entries, TITLES, "space", TODAY)
    notes = [entry.notes["space"] for entry in view.notes]
    assert notes == ["note 7", "note 5", "note 3", "note 1"]
    assert views.practice_view(entries, TITLES, "mystery", TODAY).times_focused == 3
    assert view.score == insights.score(entries, "space")
    assert list(view.table.columns) == ["Week", "Week of", "Rating", "Smoothed score"]
    assert len(view.table) == 9, "every week from the first check-in to this one"


def test_trends_view_picks_out_a_practice_and_lists_the_grids_weeks() -> None:
    history = views.home_view(diary(3), TITLES, TODAY).history
    picked = views.trends_view(history, 12, highlight="mystery")
    assert picked.trend_chart.to_dict()["params"][0]["value"] == [
        {"practice_title": TITLES["mystery"]}
    ]
    assert "value" not in views.trends_view(history, 12).trend_chart.to_dict()["params"][0]
    assert list(picked.weeks) == [str(WEEK.shifted(-offset)) for offset in range(4)]
    assert picked.weeks[str(WEEK)] == f"{WEEK} (Mon 23 Nov 2026) · no check-in"
