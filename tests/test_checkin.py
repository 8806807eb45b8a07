"""The check-in form as plain values: start values, saving, progress, drafts, week picking."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.checkin import (
    NO_FOCUS,
    NOT_RATED,
    PICKER_WEEKS,
    RATING_STOPS,
    draft_form_values,
    draft_from_form,
    entry_from_form,
    focus_entry,
    focus_heading,
    focus_week,
    form_progress,
    form_values,
    has_unsaved_changes,
    picker_weeks,
    previous_entry,
    previous_rating_label,
    resolve_week,
    week_option_label,
    week_status,
    widget_key,
)
from lib.content import practice_title
from lib.entries import PRACTICE_KEYS, SKIPPED, EntryError, WeekEntry, make_entry
from lib.weeks import IsoWeek
from tests.conftest import DAYS, START, EntryFactory, check_in_forms, week_entries

# A Tuesday: 2026-W48 runs from Monday 23 to Sunday 29 November.
TODAY = date(2026, 11, 24)
WEEK = IsoWeek(2026, 48)


def rated_form(rating: int = 6, week: IsoWeek = WEEK) -> dict[str, object]:
    """A new week's form with every slider moved to `rating`."""
    form = form_values(week, None)
    for key in PRACTICE_KEYS:
        form[widget_key(week, "rating", key)] = rating
    return form


def rate_me(*keys: str) -> list[str]:
    """The problems `entry_from_form` names for practices neither rated nor skipped."""
    return [f"Rate {practice_title(key)} or mark it skipped." for key in keys]


@pytest.fixture
def saved(entry_factory: EntryFactory) -> WeekEntry:
    """A saved week with one practice skipped and a few notes."""
    return entry_factory(
        WEEK,
        ratings={**dict.fromkeys(PRACTICE_KEYS, 6), "connection": 9, "space": None},
        notes={"connection": "Long talk on Sunday.", "space": "No time apart."},
        reflection="Busy, but close.",
    )


def test_widget_keys_are_per_week_so_drafts_never_mix() -> None:
    assert widget_key(WEEK, "rating", "self_love") == "ci.2026-W48.rating.self_love"
    assert widget_key(WEEK, "reflection") == "ci.2026-W48.reflection"
    assert widget_key(WEEK.shifted(-1), "reflection") == "ci.2026-W47.reflection"


def test_a_slider_stops_at_not_rated_yet_then_1_to_10() -> None:
    assert NOT_RATED is None
    assert RATING_STOPS == (None, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)


def test_form_for_a_new_week_starts_blank_with_nothing_rated() -> None:
    values = form_values(WEEK, None)
    expected: dict[str, object] = {"ci.2026-W48.reflection": "", "ci.2026-W48.focus": ""}
    for key in PRACTICE_KEYS:
        expected[f"ci.2026-W48.rating.{key}"] = NOT_RATED
        expected[f"ci.2026-W48.skip.{key}"] = False
        expected[f"ci.2026-W48.note.{key}"] = ""
    assert values == expected


def test_form_for_a_saved_week_shows_what_was_saved(saved: WeekEntry) -> None:
    values = form_values(WEEK, saved)
    assert values["ci.2026-W48.rating.connection"] == 9
    assert values["ci.2026-W48.skip.connection"] is False
    assert values["ci.2026-W48.note.connection"] == "Long talk on Sunday."
    assert values["ci.2026-W48.rating.presence"] == 6
    assert values["ci.2026-W48.note.presence"] == ""
    assert values["ci.2026-W48.reflection"] == "Busy, but close."


def test_skipped_practice_shows_skip_ticked_and_the_slider_not_rated(saved: WeekEntry) -> None:
    values = form_values(WEEK, saved)
    assert values["ci.2026-W48.skip.space"] is True
    assert values["ci.2026-W48.rating.space"] is NOT_RATED
    assert values["ci.2026-W48.note.space"] == "No time apart."


def test_entry_from_form_turns_skipped_into_none_and_strips_text() -> None:
    form = rated_form(5)
    form["ci.2026-W48.rating.connection"] = 8
    form["ci.2026-W48.skip.space"] = True
    form["ci.2026-W48.rating.space"] = 10
    form["ci.2026-W48.note.presence"] = "  Phones away.\r\n"
    form["ci.2026-W48.reflection"] = "\n Good week. "
    form["ci.2026-W48.focus"] = "mystery"
    entry = entry_from_form(WEEK, form)
    assert entry.week == WEEK
    assert entry.ratings == {**dict.fromkeys(PRACTICE_KEYS, 5), "connection": 8, "space": None}
    assert entry.notes["presence"] == "Phones away."
    assert entry.reflection == "Good week."
    assert entry.focus == "mystery"


def test_entry_from_saved_form_equals_the_saved_entry(saved: WeekEntry) -> None:
    assert entry_from_form(WEEK, form_values(WEEK, saved)) == saved


def test_entry_from_form_reports_every_bad_value() -> None:
    form = rated_form()
    form["ci.2026-W48.rating.connection"] = 11
    form["ci.2026-W48.rating.presence"] = NOT_RATED
    form["ci.2026-W48.note.space"] = "x\x00"
    form["ci.2026-W48.focus"] = "kindness"
    with pytest.raises(EntryError) as caught:
        entry_from_form(WEEK, form)
    assert len(caught.value.problems) == 4
    assert rate_me("presence")[0] in caught.value.problems


def test_entry_from_form_reads_only_its_own_weeks_keys() -> None:
    form = {**rated_form(1, WEEK.shifted(-1)), **rated_form(6)}
    assert entry_from_form(WEEK, form).ratings == dict.fromkeys(PRACTICE_KEYS, 6)
    form = {**rated_form(1, WEEK.shifted(-1)), **form_values(WEEK, None)}
    with pytest.raises(EntryError) as caught:
        entry_from_form(WEEK, form)
    assert caught.value.problems == rate_me(*PRACTICE_KEYS)


# A slider nobody moved is no answer: no made-up rating is ever saved.


def test_untouched_sliders_are_not_saved_as_a_made_up_5() -> None:
    form = form_values(WEEK, None)
    assert all(form[widget_key(WEEK, "rating", key)] is NOT_RATED for key in PRACTICE_KEYS)
    with pytest.raises(EntryError) as caught:
        entry_from_form(WEEK, form)
    assert caught.value.problems == rate_me(*PRACTICE_KEYS)
    assert str(caught.value).startswith("Rate Emotional connection or mark it skipped. ")
    assert "Rate Self-love or mark it skipped." in str(caught.value)


def test_a_partly_answered_form_names_only_the_practices_left() -> None:
    form = form_values(WEEK, None)
    form["ci.2026-W48.rating.connection"] = 4
    form["ci.2026-W48.rating.presence"] = 1
    form["ci.2026-W48.skip.space"] = True
    form["ci.2026-W48.rating.self_love"] = 10
    with pytest.raises(EntryError) as caught:
        entry_from_form(WEEK, form)
    assert caught.value.problems == rate_me("associations", "mystery")


def test_a_skipped_practice_needs_no_rating() -> None:
    form = form_values(WEEK, None)
    for key in PRACTICE_KEYS:
        form[widget_key(WEEK, "skip", key)] = True
    assert entry_from_form(WEEK, form).ratings == dict.fromkeys(PRACTICE_KEYS)


@pytest.mark.parametrize("position", RATING_STOPS)
def test_skip_beats_wherever_the_slider_stands(position: int | None) -> None:
    form = rated_form(3)
    form["ci.2026-W48.rating.mystery"] = position
    form["ci.2026-W48.skip.mystery"] = True
    assert entry_from_form(WEEK, form).ratings == {
        **dict.fromkeys(PRACTICE_KEYS, 3),
        "mystery": None,
    }
    assert form_progress(WEEK, form).skipped == ("mystery",)


def test_unticking_skip_on_a_saved_week_asks_for_a_rating(saved: WeekEntry) -> None:
    form = form_values(WEEK, saved)
    form["ci.2026-W48.skip.space"] = False
    assert has_unsaved_changes(WEEK, form, saved)
    with pytest.raises(EntryError) as caught:
        entry_from_form(WEEK, form)
    assert caught.value.problems == rate_me("space")


# How far the form is.


@pytest.mark.parametrize(
    ("ratings", "skipped", "rated", "skips", "unanswered", "summary"),
    [
        ({}, (), (), (), PRACTICE_KEYS, "Nothing rated yet"),
        (dict.fromkeys(PRACTICE_KEYS, 7), (), PRACTICE_KEYS, (), (), "6 of 6 rated"),
        ({}, PRACTICE_KEYS, (), PRACTICE_KEYS, (), "0 of 6 rated, 6 skipped"),
        (
            {"connection": 1, "associations": 10, "mystery": 5, "self_love": 2},
            ("space",),
            ("connection", "associations", "mystery", "self_love"),
            ("space",),
            ("presence",),
            "4 of 6 rated, 1 skipped, 1 not rated yet",
        ),
        (
            {"presence": 8},
            ("connection", "space"),
            ("presence",),
            ("connection", "space"),
            ("associations", "mystery", "self_love"),
            "1 of 6 rated, 2 skipped, 3 not rated yet",
        ),
        (
            dict.fromkeys(PRACTICE_KEYS, 7),
            ("self_love",),
            PRACTICE_KEYS[:-1],
            ("self_love",),
            (),
            "5 of 6 rated, 1 skipped",
        ),
    ],
    ids=["blank", "all-rated", "all-skipped", "four-one-one", "one-two-three", "rated-and-skip"],
)
def test_form_progress_counts_rated_skipped_and_not_rated_yet(
    ratings: dict[str, int],
    skipped: tuple[str, ...],
    rated: tuple[str, ...],
    skips: tuple[str, ...],
    unanswered: tuple[str, ...],
    summary: str,
) -> None:
    form = form_values(WEEK, None)
    for key, value in ratings.items():
        form[widget_key(WEEK, "rating", key)] = value
    for key in skipped:
        form[widget_key(WEEK, "skip", key)] = True
    progress = form_progress(WEEK, form)
    assert (progress.rated, progress.skipped, progress.unanswered) == (rated, skips, unanswered)
    assert progress.summary() == summary


def test_form_progress_of_a_saved_week_has_nothing_left(saved: WeekEntry) -> None:
    assert form_progress(WEEK, form_values(WEEK, saved)).summary() == "5 of 6 rated, 1 skipped"


def test_fresh_form_has_no_unsaved_changes() -> None:
    assert not has_unsaved_changes(WEEK, form_values(WEEK, None), None)


def test_a_slider_moved_back_to_not_rated_is_no_change() -> None:
    form = form_values(WEEK, None)
    form["ci.2026-W48.rating.connection"] = 7
    assert has_unsaved_changes(WEEK, form, None)
    form["ci.2026-W48.rating.connection"] = NOT_RATED
    assert not has_unsaved_changes(WEEK, form, None)


@settings(max_examples=60, deadline=None)
@given(entry=week_entries())
def test_any_saved_entry_shows_as_its_own_form_with_nothing_unsaved(entry: WeekEntry) -> None:
    form = form_values(entry.week, entry)
    assert not has_unsaved_changes(entry.week, form, entry)
    assert form_progress(entry.week, form).unanswered == ()
    assert entry_from_form(entry.week, form) == entry


def test_form_showing_the_saved_entry_has_no_unsaved_changes(saved: WeekEntry) -> None:
    assert not has_unsaved_changes(WEEK, form_values(WEEK, saved), saved)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("rating.connection", 8),
        ("skip.presence", True),
        ("skip.space", False),
        ("note.mystery", "Something new."),
        ("reflection", "Changed my mind."),
    ],
)
def test_any_real_change_is_unsaved(saved: WeekEntry, field: str, value: object) -> None:
    form = form_values(WEEK, saved)
    form[f"ci.2026-W48.{field}"] = value
    assert has_unsaved_changes(WEEK, form, saved)


@pytest.mark.parametrize(
    ("field", "value"),
    [("rating.connection", 6), ("rating.space", 1), ("skip.space", True), ("note.mystery", "Hi")],
)
def test_any_change_to_a_new_week_is_unsaved(field: str, value: object) -> None:
    form = form_values(WEEK, None)
    form[f"ci.2026-W48.{field}"] = value
    assert has_unsaved_changes(WEEK, form, None)


def test_moving_the_slider_of_a_skipped_practice_is_no_change(saved: WeekEntry) -> None:
    form = form_values(WEEK, saved)
    form["ci.2026-W48.rating.space"] = 2
    assert not has_unsaved_changes(WEEK, form, saved)


def test_whitespace_around_notes_is_no_change(saved: WeekEntry) -> None:
    form = form_values(WEEK, saved)
    form["ci.2026-W48.note.connection"] = "  Long talk on Sunday.\n"
    assert not has_unsaved_changes(WEEK, form, saved)


def test_no_week_asked_for_opens_this_week_silently() -> None:
    assert resolve_week(None, TODAY) == (WEEK, None)
    assert resolve_week("", TODAY) == (WEEK, None)


@pytest.mark.parametrize("requested", ["2026-W40", "2026w48", "2020-W53"])
def test_past_or_current_week_is_opened(requested: str) -> None:
    assert resolve_week(requested, TODAY) == (IsoWeek.parse(requested), None)


@pytest.mark.parametrize(
    ("requested", "message"),
    [
        ("2026-W49", "2026-W49 has not started yet"),
        ("2031-W01", "has not started yet"),
        ("soon", "“soon” is not a week"),
        ("2025-W53", "2025 has weeks 1 to 52"),
    ],
)
def test_unusable_week_falls_back_to_this_week_with_a_message(requested: str, message: str) -> None:
    week, problem = resolve_week(requested, TODAY)
    assert week == WEEK
    assert problem is not None
    assert message in problem
    assert problem.endswith("Showing this week instead.")


def test_picker_offers_two_years_newest_first_from_this_week() -> None:
    weeks = picker_weeks(TODAY, [])
    assert len(weeks) == PICKER_WEEKS == 104
    assert weeks[0] == WEEK
    assert weeks[-1] == IsoWeek(2024, 49)
    assert weeks == sorted(weeks, reverse=True)
    assert len(set(weeks)) == len(weeks)


def test_picker_reaches_back_to_an_older_saved_week() -> None:
    weeks = picker_weeks(TODAY, [IsoWeek(2026, 40), IsoWeek(2023, 2)])
    assert weeks[0] == WEEK
    assert weeks[-1] == IsoWeek(2023, 2)
    assert IsoWeek(2024, 1) in weeks


def test_picker_stops_at_the_first_week_closer_keeps() -> None:
    # Regression: it stepped from 1900-W01 into 1899, which IsoWeek refuses.
    weeks = picker_weeks(TODAY, [IsoWeek(1900, 1)])
    assert weeks[0] == WEEK
    assert weeks[-1] == IsoWeek(1900, 1)


def test_picker_reaches_back_to_the_week_being_opened() -> None:
    assert picker_weeks(TODAY, [], also=IsoWeek(2020, 53))[-1] == IsoWeek(2020, 53)


def test_picker_never_offers_future_weeks() -> None:
    weeks = picker_weeks(TODAY, [IsoWeek(2027, 5)], also=IsoWeek(2026, 50))
    assert weeks[0] == WEEK
    assert len(weeks) == PICKER_WEEKS


def test_picker_crosses_week_53() -> None:
    weeks = picker_weeks(date(2027, 1, 12), [])
    assert weeks[:3] == [IsoWeek(2027, 2), IsoWeek(2027, 1), IsoWeek(2026, 53)]


@pytest.mark.parametrize(
    ("week", "saved_weeks", "label"),
    [
        (WEEK, set(), "2026-W48 · 23–29 Nov 2026 · this week"),
        (WEEK, {WEEK}, "2026-W48 · 23–29 Nov 2026 · this week · ✓ saved"),
        (IsoWeek(2026, 47), {IsoWeek(2026, 47)}, "2026-W47 · 16–22 Nov 2026 · last week · ✓ saved"),
        (IsoWeek(2026, 47), {WEEK}, "2026-W47 · 16–22 Nov 2026 · last week"),
        (IsoWeek(2026, 45), {IsoWeek(2026, 45)}, "2026-W45 · 2–8 Nov 2026 · ✓ saved"),
        (IsoWeek(2026, 44), set(), "2026-W44 · 26 Oct – 1 Nov 2026"),
    ],
)
def test_week_option_label_marks_this_week_last_week_and_saved(
    week: IsoWeek, saved_weeks: set[IsoWeek], label: str
) -> None:
    assert week_option_label(week, TODAY, saved_weeks) == label


def test_last_week_across_new_year_is_week_53() -> None:
    assert week_option_label(IsoWeek(2026, 53), date(2027, 1, 4), set()).endswith("· last week")


def test_previous_entry_is_the_latest_before_the_week(entry_factory: EntryFactory) -> None:
    entries = [entry_factory(week) for week in ("2026-W44", "2026-W46", "2026-W48", "2026-W50")]
    assert previous_entry(entries, WEEK) == entries[1]
    assert previous_entry(entries, IsoWeek(2026, 45)) == entries[0]
    assert previous_entry(entries, IsoWeek(2026, 44)) is None
    assert previous_entry([], WEEK) is None


@pytest.mark.parametrize(
    ("week", "previous_week", "key", "label"),
    [
        (WEEK, "2026-W47", "connection", "Last week: 9"),
        (WEEK, "2026-W47", "space", "Last week: skipped"),
        (WEEK, "2026-W44", "connection", "2026-W44: 9"),
        (WEEK, "2026-W44", "space", "2026-W44: skipped"),
        # Filling in a past week: the week before it is named, never "Last week".
        (IsoWeek(2026, 46), "2026-W45", "connection", "2026-W45: 9"),
        (IsoWeek(2026, 46), "2026-W45", "space", "2026-W45: skipped"),
    ],
)
def test_previous_rating_label_says_when_and_what(
    entry_factory: EntryFactory, week: IsoWeek, previous_week: str, key: str, label: str
) -> None:
    ratings = {**dict.fromkeys(PRACTICE_KEYS, 4), "connection": 9, "space": None}
    previous = entry_factory(previous_week, ratings=ratings)
    assert previous_rating_label(previous, week, key, WEEK) == label


@pytest.mark.parametrize("week", [WEEK, IsoWeek(2026, 40)])
def test_previous_rating_label_without_earlier_check_in(week: IsoWeek) -> None:
    assert previous_rating_label(None, week, "connection", WEEK) == "No earlier check-in"


def test_previous_rating_label_calls_week_53_last_week_in_january(
    entry_factory: EntryFactory,
) -> None:
    previous = entry_factory("2026-W53", 3)
    january = IsoWeek(2027, 1)
    assert previous_rating_label(previous, january, "mystery", january) == "Last week: 3"


def test_week_status_when_this_week_is_done(entry_factory: EntryFactory) -> None:
    entries = [entry_factory("2026-W40"), entry_factory(WEEK), entry_factory("2026-W45")]
    status = week_status(entries, TODAY)
    assert status.week == WEEK
    assert status.done
    assert status.weeks_checked_in == 3


def test_week_status_when_this_week_is_not_done(entry_factory: EntryFactory) -> None:
    entries = [entry_factory("2026-W40"), entry_factory("2026-W45")]
    status = week_status(entries, TODAY)
    assert not status.done
    assert status.weeks_checked_in == 2


def test_week_status_of_an_empty_diary() -> None:
    status = week_status([], TODAY)
    assert (status.done, status.weeks_checked_in) == (False, 0)


@pytest.mark.parametrize(
    ("today", "days_left"),
    [(date(2026, 11, 23), 6), (date(2026, 11, 24), 5), (date(2026, 11, 29), 0)],
    ids=["monday", "tuesday", "sunday"],
)
def test_week_status_counts_days_left_to_sunday(today: date, days_left: int) -> None:
    assert week_status([], today).days_left == days_left


def test_a_blank_form_has_no_focus_and_a_chosen_focus_is_an_unsaved_change() -> None:
    form = form_values(WEEK, None)
    assert form["ci.2026-W48.focus"] == NO_FOCUS
    assert entry_from_form(WEEK, rated_form()).focus is None
    form["ci.2026-W48.focus"] = "space"
    assert has_unsaved_changes(WEEK, form, None)


@pytest.mark.parametrize(
    ("saved_weeks", "expected"),
    [
        ([], None),
        (["2026-W46"], None),
        (["2026-W46", "2026-W47"], "2026-W47"),
        (["2026-W47", "2026-W48"], "2026-W48"),
    ],
    ids=["nothing", "only-older", "last-week", "this-week"],
)
def test_focus_entry_is_this_or_last_weeks_check_in(
    saved_weeks: list[str], expected: str | None
) -> None:
    entries = [make_entry(week, dict.fromkeys(PRACTICE_KEYS, 5)) for week in saved_weeks]
    found = focus_entry(entries, TODAY)
    assert (None if found is None else str(found.week)) == expected


def test_picker_offers_a_far_older_opened_week_alone_not_every_week_between() -> None:
    weeks = picker_weeks(TODAY, [IsoWeek(2023, 2)], also=IsoWeek(1900, 2))
    assert weeks[-2:] == [IsoWeek(2023, 2), IsoWeek(1900, 2)]
    assert len(weeks) == len(picker_weeks(TODAY, [IsoWeek(2023, 2)])) + 1


@pytest.mark.parametrize(
    ("chosen_at", "today", "week", "heading"),
    [
        ("2026-W47", TODAY, "this week", "Your focus this week"),
        ("2026-W48", TODAY, "next week", "Your focus next week"),
        ("2026-W44", TODAY, "2026-W45", "Your focus for 2026-W45"),
        ("2026-W46", TODAY, "2026-W47", "Your focus for 2026-W47"),
        # 2026 has 53 weeks: 2026-W53 is followed by 2027-W01 (from Monday 4 January).
        ("2026-W53", date(2026, 12, 30), "next week", "Your focus next week"),
        ("2026-W53", date(2027, 1, 5), "this week", "Your focus this week"),
        ("2026-W52", date(2026, 12, 30), "this week", "Your focus this week"),
        ("2026-W53", TODAY, "2027-W01", "Your focus for 2027-W01"),
        ("2026-W52", TODAY, "2026-W53", "Your focus for 2026-W53"),
        # 2025 has 52 weeks: 1 January 2026 is already in 2026-W01.
        ("2025-W52", date(2026, 1, 1), "this week", "Your focus this week"),
        ("2025-W52", date(2025, 12, 28), "next week", "Your focus next week"),
    ],
    ids=[
        "chosen-last-week",
        "chosen-this-week",
        "older",
        "chosen-two-weeks-ago",
        "chosen-in-week-53",
        "week-53-in-january",
        "week-52-in-week-53",
        "week-53-named",
        "week-53-named-after-52",
        "week-52-in-january",
        "week-52-on-its-sunday",
    ],
)
def test_focus_week_and_heading_say_which_week_a_focus_is_for(
    chosen_at: str, today: date, week: str, heading: str
) -> None:
    assert focus_week(IsoWeek.parse(chosen_at), today) == week
    assert focus_heading(IsoWeek.parse(chosen_at), today) == heading


# Drafts: the form as typed, kept until it is saved.


def test_a_draft_keeps_the_form_as_typed() -> None:
    form = form_values(WEEK, None)
    form["ci.2026-W48.rating.connection"] = 8
    form["ci.2026-W48.rating.space"] = 4
    form["ci.2026-W48.skip.space"] = True
    form["ci.2026-W48.note.mystery"] = "  half a thought\n"
    form["ci.2026-W48.reflection"] = " So far "
    draft = draft_from_form(WEEK, form, START)
    assert draft.week == WEEK
    assert draft.ratings == {**dict.fromkeys(PRACTICE_KEYS), "connection": 8, "space": SKIPPED}
    assert draft.notes == {**dict.fromkeys(PRACTICE_KEYS, ""), "mystery": "  half a thought\n"}
    assert draft.reflection == " So far "
    assert draft.focus is None
    assert draft.kept_at == START


def test_a_draft_puts_the_form_back_with_skipped_sliders_not_rated() -> None:
    form = form_values(WEEK, None)
    form["ci.2026-W48.rating.connection"] = 8
    form["ci.2026-W48.rating.space"] = 4
    form["ci.2026-W48.skip.space"] = True
    form["ci.2026-W48.focus"] = "mystery"
    values = draft_form_values(draft_from_form(WEEK, form, START))
    assert values == form | {"ci.2026-W48.rating.space": NOT_RATED}


def test_a_draft_reads_only_its_own_weeks_keys() -> None:
    form = {**rated_form(1, WEEK.shifted(-1)), **form_values(WEEK, None)}
    assert draft_from_form(WEEK, form, START).ratings == dict.fromkeys(PRACTICE_KEYS)
    assert set(draft_form_values(draft_from_form(WEEK, form, START))) == set(
        form_values(WEEK, None)
    )


@settings(max_examples=80, deadline=None)
@given(data=st.data(), saved=week_entries())
def test_any_form_comes_back_from_its_draft_with_the_same_answers(
    data: st.DataObject, saved: WeekEntry
) -> None:
    week = IsoWeek.of(data.draw(DAYS))
    saved = replace(saved, week=week)
    form = data.draw(check_in_forms(week))
    draft = draft_from_form(week, form, START)
    back = draft_form_values(draft)
    # Exactly the form, but a skipped practice's slider, which is no answer, is not kept.
    skipped = {
        widget_key(week, "rating", key): NOT_RATED
        for key in PRACTICE_KEYS
        if form[widget_key(week, "skip", key)]
    }
    assert back == form | skipped
    assert draft_from_form(week, back, START) == draft
    assert form_progress(week, back) == form_progress(week, form)
    for against in (None, saved):
        assert has_unsaved_changes(week, back, against) == has_unsaved_changes(week, form, against)


@settings(max_examples=60, deadline=None)
@given(entry=week_entries())
def test_a_draft_of_an_untouched_saved_week_has_nothing_unsaved(entry: WeekEntry) -> None:
    draft = draft_from_form(entry.week, form_values(entry.week, entry), START)
    assert not has_unsaved_changes(entry.week, draft_form_values(draft), entry)


def test_a_draft_of_a_blank_form_has_nothing_unsaved() -> None:
    draft = draft_from_form(WEEK, form_values(WEEK, None), START)
    assert draft.ratings == dict.fromkeys(PRACTICE_KEYS)
    assert not has_unsaved_changes(WEEK, draft_form_values(draft), None)
