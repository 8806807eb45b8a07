"""Shared by the tests: a fixed clock, diaries on both backends, entries, and strategies.

Page fixtures (`closer`) live in tests/apptest.py, browser ones in tests/browser.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import strategies as st

from lib.checkin import NO_FOCUS, RATING_STOPS, draft_from_form, widget_key
from lib.diary import Diary
from lib.drafts import Draft
from lib.entries import (
    NOTE_MAX_CHARS,
    PRACTICE_KEYS,
    RATING_MAX,
    RATING_MIN,
    REFLECTION_MAX_CHARS,
    WeekEntry,
    make_entry,
)
from lib.weeks import IsoWeek

pytest_plugins = ["tests.apptest", "tests.browser"]

# 20:15 on Tuesday 24 November 2026 (2026-W48), one hour east of UTC.
START = datetime(2026, 11, 24, 20, 15, tzinfo=timezone(timedelta(hours=1)))


@dataclass
class FakeClock:
    """A clock that only moves when a test moves it."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward and return the new time."""
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    """A fixed, timezone-aware clock the test can advance."""
    return FakeClock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where a test's data file goes (nothing is there yet)."""
    return tmp_path / "closer.json"


@pytest.fixture
def diary(path: Path, clock: FakeClock) -> Diary:
    """A diary kept in the data file at `path`."""
    return Diary.open(path, clock=clock)


@pytest.fixture(params=["memory", "json"])
def db(request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock) -> Iterator[Diary]:
    """The same diary verbs, once in memory and once on a JSON file in `tmp_path`."""
    if request.param == "memory":
        diary = Diary.in_memory(clock=clock)
    else:
        diary = Diary.open(tmp_path / "closer.json", clock=clock)
    yield diary
    diary.close()


EntryFactory = Callable[..., WeekEntry]


def valid_entry(
    week: IsoWeek | str = "2026-W48", rating: int | None = 7, **changes: object
) -> WeekEntry:
    """A valid entry: every practice rated `rating`, unless `ratings=` etc. say otherwise."""
    ratings = changes.pop("ratings", dict.fromkeys(PRACTICE_KEYS, rating))
    return make_entry(week, ratings, **changes)  # type: ignore[arg-type]


@pytest.fixture
def entry_factory() -> EntryFactory:
    """Build valid entries: `entry_factory("2026-W47", 4, reflection="...")`."""
    return valid_entry


def note_texts(limit: int) -> st.SearchStrategy[str]:
    """Text `make_entry` keeps as it is: no control characters but newline and tab, stripped."""
    alphabet = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t")
    return st.text(alphabet, max_size=limit).map(str.strip)


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Datetimes with any whole-second UTC offset, as a saved entry carries them."""
    # Whole seconds: real offsets never have microseconds, and isoformat() keeps seconds.
    offsets = st.integers(-86_399, 86_399).map(lambda seconds: timezone(timedelta(seconds=seconds)))
    return st.datetimes(timezones=offsets)


# Any day in the years Closer keeps (lib.weeks.MIN_YEAR to MAX_YEAR).
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 24))


@st.composite
def week_entries(draw: st.DrawFn) -> WeekEntry:
    """Any entry a user could save, built directly (not through `make_entry`)."""
    ratings = st.none() | st.integers(RATING_MIN, RATING_MAX)
    return WeekEntry(
        week=IsoWeek.of(draw(DAYS)),
        ratings={key: draw(ratings) for key in PRACTICE_KEYS},
        notes={key: draw(note_texts(NOTE_MAX_CHARS)) for key in PRACTICE_KEYS},
        reflection=draw(note_texts(REFLECTION_MAX_CHARS)),
        focus=draw(st.none() | st.sampled_from(PRACTICE_KEYS)),
    )


TRICKY_STARTS = ["=SUM(A1)", "+1", "-2", "@x", "'=x", "''+y", "'", "\tx", "a,b", 'say "hi"', "🙂"]


def tricky_texts(limit: int) -> st.SearchStrategy[str]:
    """Notes that test the CSV: formula-looking starts, quotes, commas, newlines, emoji."""
    pieces = st.sampled_from([*TRICKY_STARTS, "\n", "é", ""]) | note_texts(40)
    return st.lists(pieces, max_size=6).map(lambda parts: "".join(parts)[:limit].strip())


@st.composite
def saved_entries(draw: st.DrawFn, updated: st.SearchStrategy[datetime | None]) -> WeekEntry:
    """A valid entry with tricky notes and timestamps as the diary stores them."""
    entry = draw(week_entries())
    notes = {key: draw(tricky_texts(NOTE_MAX_CHARS)) for key in PRACTICE_KEYS}
    reflection = draw(tricky_texts(REFLECTION_MAX_CHARS) | note_texts(REFLECTION_MAX_CHARS))
    entry = replace(entry, notes=notes, reflection=reflection)
    return entry.stamped(draw(aware_datetimes()), draw(updated))


def diaries(updated: st.SearchStrategy[datetime | None]) -> st.SearchStrategy[list[WeekEntry]]:
    """Saved entries for distinct weeks, in any order."""
    return st.lists(saved_entries(updated), min_size=1, max_size=6, unique_by=lambda e: e.week)


def stamped_entry(week: str = "2026-W48", rating: int | None = 7, **changes: object) -> WeekEntry:
    """`valid_entry`, saved at START."""
    return valid_entry(week, rating, **changes).stamped(START, START)


# Text as typed: anything a browser can send, untrimmed.
TYPED = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@st.composite
def check_in_forms(draw: st.DrawFn, week: IsoWeek) -> dict[str, object]:
    """Any values the form's widgets can hold for `week`: a stop, a toggle, text as typed."""
    form: dict[str, object] = {}
    for key in PRACTICE_KEYS:
        form[widget_key(week, "rating", key)] = draw(st.sampled_from(RATING_STOPS))
        form[widget_key(week, "skip", key)] = draw(st.booleans())
        form[widget_key(week, "note", key)] = draw(TYPED)
    form[widget_key(week, "reflection")] = draw(TYPED)
    form[widget_key(week, "focus")] = draw(st.sampled_from((NO_FOCUS, *PRACTICE_KEYS)))
    return form


@st.composite
def form_drafts(draw: st.DrawFn) -> Draft:
    """Any draft a check-in form can make: its widgets' values, kept at any time."""
    week = IsoWeek.of(draw(DAYS))
    return draft_from_form(week, draw(check_in_forms(week)), draw(aware_datetimes()))
