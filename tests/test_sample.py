"""The made-up sample history: realistic, the same every time, and never in the future."""

from datetime import date

import pytest

from lib.sample import SAMPLE_WEEKS, sample_entries
from lib.weeks import IsoWeek

TODAY = date(2026, 11, 24)  # in 2026-W48


def test_the_sample_ends_last_week_with_one_week_missed() -> None:
    entries = sample_entries(TODAY)
    weeks = [entry.week for entry in entries]
    assert weeks[-1] == IsoWeek(2026, 47)
    assert weeks[0] == IsoWeek(2026, 47).shifted(1 - SAMPLE_WEEKS)
    assert weeks == sorted(weeks)
    assert len(weeks) == SAMPLE_WEEKS - 1  # a missed week, as real diaries have


def test_the_sample_has_skips_notes_and_focuses_like_a_real_diary() -> None:
    entries = sample_entries(TODAY)
    assert any(None in entry.ratings.values() for entry in entries)
    assert any(any(entry.notes.values()) for entry in entries)
    assert any(entry.focus for entry in entries)


def test_the_sample_is_the_same_every_time_and_moves_with_today() -> None:
    assert sample_entries(TODAY) == sample_entries(TODAY)
    later = sample_entries(date(2027, 1, 5))  # in 2027-W01
    assert later[-1].week == IsoWeek(2026, 53)
    assert [entry.ratings for entry in later] == [entry.ratings for entry in sample_entries(TODAY)]


@pytest.mark.parametrize("weeks", [3, 52])
def test_the_sample_can_be_another_length_and_still_misses_one_week(weeks: int) -> None:
    entries = sample_entries(TODAY, weeks)
    assert len(entries) == weeks - 1
    assert entries[-1].week == IsoWeek(2026, 47)
