"""ISO weeks: the unit a check-in belongs to (`2026-W48`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

# Diaries are about now: this range keeps every date, and pandas' timestamps
# (1677 to 2262), far from their limits.
MIN_YEAR = 1900
MAX_YEAR = 2199
_WEEK_PATTERN = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


class WeekError(ValueError):
    """A week the user named that does not exist or cannot be used."""


@cache  # asked for on every IsoWeek made: thousands per read of a long diary
def weeks_in_year(year: int) -> int:
    """How many ISO weeks `year` has: 52, or 53 in long years."""
    # December 28th always falls in the last ISO week of its year.
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO week, ordered in time."""

    year: int
    week: int

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise WeekError(
                f"{self.year} is not a year Closer can use (it keeps weeks from "
                f"{MIN_YEAR} to {MAX_YEAR})."
            )
        last = weeks_in_year(self.year)
        if not 1 <= self.week <= last:
            raise WeekError(
                f"{self.year}-W{self.week:02d} is not a real week: "
                f"{self.year} has weeks 1 to {last}."
            )

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """Read `2026-W48` (also `2026W48`, `2026-w8`)."""
        match = _WEEK_PATTERN.match(text or "")
        if match is None:
            shown = (text or "").strip()[:40]
            if not shown:
                raise WeekError("No week was given. Write it like 2026-W48 (year, W, week number).")
            raise WeekError(
                f"“{shown}” is not a week. Write it like 2026-W48 (year, W, week number)."
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        """The ISO week `day` falls in."""
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        """The first day of this week."""
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        """The last day of this week."""
        return date.fromisocalendar(self.year, self.week, 7)

    @property
    def doc_id(self) -> int:
        """A stable integer id, one per week (`2026-W48` -> 202648)."""
        return self.year * 100 + self.week

    def shifted(self, weeks: int) -> IsoWeek:
        """The week `weeks` later (negative: earlier)."""
        return _shifted(self.year, self.week, weeks)

    def with_monday(self) -> str:
        """How charts, tooltips and tables name a week: `2026-W41 (Mon 5 Oct 2026)`."""
        return f"{self} ({monday_label(self.monday)})"

    def label(self) -> str:
        """A human label: `23–29 Nov 2026`."""
        start, end = self.monday, self.sunday
        if start.year != end.year:
            return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
        if start.month != end.month:
            return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
        return f"{start.day}–{end.day} {end:%b %Y}"


@lru_cache(maxsize=1 << 16)
def _shifted(year: int, week: int, weeks: int) -> IsoWeek:
    # Remembered: the insights shift every saved week on every rebuild, and an
    # IsoWeek is immutable, so the same answer can be handed out again.
    return IsoWeek.of(date.fromisocalendar(year, week, 1) + timedelta(weeks=weeks))


def check_not_future(week: IsoWeek, today: date) -> IsoWeek:
    """Return `week`, or explain why a future week cannot be checked in."""
    current = IsoWeek.of(today)
    if week > current:
        raise WeekError(
            f"{week} has not started yet. You can check in for this week "
            f"({current}) or any week before it."
        )
    return week


def day_label(day: date) -> str:
    """`Sunday 29 November` (no `%-d`, which Windows does not know)."""
    return f"{day:%A} {day.day} {day:%B}"


def monday_label(day: date) -> str:
    """`Mon 5 Oct 2026`: the day a week starts, as charts and tables name it."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def moment_label(moment: datetime) -> str:
    """`24 Nov 2026 at 20:15`."""
    return f"{moment.day} {moment:%b %Y at %H:%M}"
