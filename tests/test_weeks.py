"""ISO weeks: parsing, calendar edges around week 53 and New Year, labels, limits."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.weeks import IsoWeek, WeekError, check_not_future, monday_label, weeks_in_year
from tests.conftest import DAYS


@pytest.mark.parametrize(
    ("year", "weeks"),
    [(2020, 53), (2026, 53), (2015, 53), (2025, 52), (2024, 52), (2027, 52)],
)
def test_weeks_in_year_counts_week_53_only_in_long_years(year: int, weeks: int) -> None:
    assert weeks_in_year(year) == weeks


@pytest.mark.parametrize(("year", "week"), [(2020, 53), (2026, 53)])
def test_week_53_exists_in_long_years(year: int, week: int) -> None:
    assert str(IsoWeek(year, week)) == f"{year}-W53"


@pytest.mark.parametrize(
    ("year", "week", "message"),
    [
        (2025, 53, "2025-W53 is not a real week: 2025 has weeks 1 to 52."),
        (2026, 54, "2026-W54 is not a real week: 2026 has weeks 1 to 53."),
        (2026, 0, "2026-W00 is not a real week: 2026 has weeks 1 to 53."),
        (2026, -1, "2026 has weeks 1 to 53"),
        (0, 1, "0 is not a year Closer can use"),
        (10000, 1, "10000 is not a year Closer can use"),
    ],
)
def test_week_that_does_not_exist_names_the_years_week_range(
    year: int, week: int, message: str
) -> None:
    with pytest.raises(WeekError, match=re.escape(message)):
        IsoWeek(year, week)


@pytest.mark.parametrize(
    ("day", "week"),
    [
        # The first days of January can belong to the previous ISO year...
        (date(2027, 1, 1), "2026-W53"),
        (date(2027, 1, 3), "2026-W53"),
        (date(2021, 1, 3), "2020-W53"),
        (date(2021, 1, 1), "2020-W53"),
        (date(2023, 1, 1), "2022-W52"),
        # ...and the last days of December to the next.
        (date(2024, 12, 30), "2025-W01"),
        (date(2025, 12, 29), "2026-W01"),
        (date(2025, 12, 31), "2026-W01"),
        # Ordinary days and the days just inside a year.
        (date(2027, 1, 4), "2027-W01"),
        (date(2026, 12, 28), "2026-W53"),
        (date(2026, 11, 23), "2026-W48"),
        (date(2026, 11, 29), "2026-W48"),
        (date(2026, 11, 30), "2026-W49"),
    ],
)
def test_of_puts_a_day_in_its_iso_week_across_new_year(day: date, week: str) -> None:
    assert str(IsoWeek.of(day)) == week


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-W48", IsoWeek(2026, 48)),
        ("2026W48", IsoWeek(2026, 48)),
        ("2026-w8", IsoWeek(2026, 8)),
        ("2026w08", IsoWeek(2026, 8)),
        ("  2026-W48\n", IsoWeek(2026, 48)),
        ("2020-W53", IsoWeek(2020, 53)),
        ("2026-W01", IsoWeek(2026, 1)),
    ],
)
def test_parse_accepts_common_spellings(text: str, expected: IsoWeek) -> None:
    assert IsoWeek.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No week was given"),
        ("   ", "No week was given"),
        ("abc", "“abc” is not a week. Write it like 2026-W48"),
        ("2026-48", "“2026-48” is not a week"),
        ("26-W48", "“26-W48” is not a week"),
        ("2026-W048", "“2026-W048” is not a week"),
        ("2026-W48-1", "“2026-W48-1” is not a week"),
        ("2026-W00", "2026-W00 is not a real week: 2026 has weeks 1 to 53"),
        ("2026-W60", "2026-W60 is not a real week: 2026 has weeks 1 to 53"),
        ("2025-W53", "2025 has weeks 1 to 52"),
        ("0000-W01", "0 is not a year Closer can use"),
    ],
)
def test_parse_rejects_garbage_with_a_message(text: str, message: str) -> None:
    with pytest.raises(WeekError) as caught:
        IsoWeek.parse(text)
    assert message in str(caught.value)


def test_parse_quotes_at_most_40_characters_of_a_long_garbage_value() -> None:
    with pytest.raises(WeekError) as caught:
        IsoWeek.parse("x" * 500)
    assert "“" + "x" * 40 + "”" in str(caught.value)


@pytest.mark.parametrize("year", [1, 999, 1676, 1899, 2200, 9999])
def test_years_far_from_now_are_refused_with_the_range(year: int) -> None:
    # Far years once crashed pages (pandas timestamps end in 1677 and 2262;
    # 9999-W52 ends in year 10000).
    with pytest.raises(WeekError, match="it keeps weeks from 1900 to 2199"):
        IsoWeek(year, 1)


def test_the_first_and_last_weeks_kept_read_back() -> None:
    for week in (IsoWeek(1900, 1), IsoWeek(2199, 52)):
        assert IsoWeek.parse(str(week)) == week
        assert week.label()


def test_week_error_is_a_value_error_for_callers_that_catch_broadly() -> None:
    with pytest.raises(ValueError, match="not a week"):
        IsoWeek.parse("soon")


@pytest.mark.parametrize(
    ("week", "monday", "sunday"),
    [
        (IsoWeek(2026, 48), date(2026, 11, 23), date(2026, 11, 29)),
        (IsoWeek(2026, 53), date(2026, 12, 28), date(2027, 1, 3)),
        (IsoWeek(2026, 1), date(2025, 12, 29), date(2026, 1, 4)),
        (IsoWeek(2020, 53), date(2020, 12, 28), date(2021, 1, 3)),
        (IsoWeek(2024, 9), date(2024, 2, 26), date(2024, 3, 3)),
    ],
)
def test_monday_and_sunday_bound_the_week(week: IsoWeek, monday: date, sunday: date) -> None:
    assert (week.monday, week.sunday) == (monday, sunday)


@pytest.mark.parametrize(
    ("week", "doc_id"),
    [(IsoWeek(2026, 48), 202648), (IsoWeek(2026, 5), 202605), (IsoWeek(2020, 53), 202053)],
)
def test_doc_id_is_year_and_week(week: IsoWeek, doc_id: int) -> None:
    assert week.doc_id == doc_id


@pytest.mark.parametrize(
    ("start", "weeks", "expected"),
    [
        ("2026-W52", 1, "2026-W53"),
        ("2026-W53", 1, "2027-W01"),
        ("2027-W01", -1, "2026-W53"),
        ("2025-W52", 1, "2026-W01"),
        ("2026-W01", -1, "2025-W52"),
        ("2020-W53", -53, "2019-W52"),
        ("2026-W48", -52, "2025-W48"),
        ("2026-W48", -104, "2024-W48"),
        ("2026-W48", 0, "2026-W48"),
    ],
)
def test_shifted_crosses_year_boundaries_including_week_53(
    start: str, weeks: int, expected: str
) -> None:
    assert str(IsoWeek.parse(start).shifted(weeks)) == expected


def test_weeks_order_by_time_not_by_text() -> None:
    weeks = [IsoWeek(2027, 1), IsoWeek(2026, 10), IsoWeek(2026, 53), IsoWeek(2026, 9)]
    assert sorted(weeks) == [
        IsoWeek(2026, 9),
        IsoWeek(2026, 10),
        IsoWeek(2026, 53),
        IsoWeek(2027, 1),
    ]
    assert IsoWeek(2026, 53) < IsoWeek(2027, 1)
    assert max(weeks) == IsoWeek(2027, 1)


@pytest.mark.parametrize(
    ("week", "label"),
    [
        (IsoWeek(2026, 48), "23–29 Nov 2026"),
        (IsoWeek(2026, 2), "5–11 Jan 2026"),
        (IsoWeek(2026, 49), "30 Nov – 6 Dec 2026"),
        (IsoWeek(2026, 53), "28 Dec 2026 – 3 Jan 2027"),
        (IsoWeek(2026, 1), "29 Dec 2025 – 4 Jan 2026"),
    ],
)
def test_label_shortens_within_a_month_and_spells_out_across_years(
    week: IsoWeek, label: str
) -> None:
    assert week.label() == label


@pytest.mark.parametrize(
    ("week", "named"),
    [
        (IsoWeek(2026, 41), "2026-W41 (Mon 5 Oct 2026)"),
        (IsoWeek(2026, 1), "2026-W01 (Mon 29 Dec 2025)"),
        (IsoWeek(2026, 53), "2026-W53 (Mon 28 Dec 2026)"),
    ],
)
def test_with_monday_names_the_iso_week_and_the_monday_it_starts(week: IsoWeek, named: str) -> None:
    """Charts, tooltips and tables all name a week this way, even when it starts in December."""
    assert week.with_monday() == named
    assert monday_label(week.monday) == named.split("(")[1].rstrip(")")


@pytest.mark.parametrize(
    ("week", "today"),
    [
        (IsoWeek(2026, 48), date(2026, 11, 24)),
        (IsoWeek(2026, 47), date(2026, 11, 24)),
        (IsoWeek(2020, 1), date(2026, 11, 24)),
        (IsoWeek(2026, 53), date(2027, 1, 1)),
        (IsoWeek(2026, 49), date(2026, 11, 30)),
    ],
)
def test_check_not_future_allows_this_week_and_earlier(week: IsoWeek, today: date) -> None:
    assert check_not_future(week, today) == week


@pytest.mark.parametrize(
    ("week", "today", "message"),
    [
        (
            IsoWeek(2026, 49),
            date(2026, 11, 29),
            "2026-W49 has not started yet. You can check in for this week (2026-W48)",
        ),
        (IsoWeek(2027, 1), date(2027, 1, 3), "2027-W01 has not started yet"),
        (IsoWeek(2030, 1), date(2026, 11, 24), "(2026-W48) or any week before it"),
    ],
)
def test_check_not_future_refuses_weeks_that_have_not_started(
    week: IsoWeek, today: date, message: str
) -> None:
    with pytest.raises(WeekError) as caught:
        check_not_future(week, today)
    assert message in str(caught.value)


@given(DAYS)
def test_every_day_lies_in_its_week_and_the_week_reads_back(day: date) -> None:
    week = IsoWeek.of(day)
    assert week.monday <= day <= week.sunday
    assert week.monday.weekday() == 0
    assert (week.sunday - week.monday).days == 6
    assert IsoWeek.parse(str(week)) == week


# Days at least 300 weeks inside the years Closer keeps, so every shift stays in range.
INNER_DAYS = st.dates(min_value=date(1906, 1, 1), max_value=date(2193, 12, 1))


@given(INNER_DAYS, st.integers(min_value=-300, max_value=300))
def test_shifting_moves_by_whole_weeks_and_back(day: date, weeks: int) -> None:
    week = IsoWeek.of(day)
    moved = week.shifted(weeks)
    assert (moved.monday - week.monday).days == 7 * weeks
    assert moved.shifted(-weeks) == week
    assert (moved > week) == (weeks > 0)
