"""Synthetic diaries for the bench: years of plausible weekly check-ins, made up and repeatable."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from lib.diary import Diary
from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.weeks import IsoWeek

SKIP_SHARE = 0.04  # of ratings
MISSED_SHARE = 0.03  # of weeks
NOTE_SHARE = 0.40  # of practices in a week
REFLECTION_SHARE = 0.85  # of weeks
NOTE_CHARS = (40, 200)
REFLECTION_CHARS = (0, 400)
OFFSET = timezone(timedelta(hours=1))

# Made-up note fragments: plain, typographic, non-ASCII and one a spreadsheet
# would read as a formula, so exports exercise their guards as real notes do.
PHRASES = (
    "We talked over dinner without our phones",
    "she laughed at the silly voice again",
    "I forgot to ask about the interview",
    "long walk by the river on Sunday",
    "felt distant most of the week, work was heavy",
    "a surprise coffee on Wednesday morning",
    "we planned the trip to Lisbon together",
    "I took an evening for myself and it helped",
    "argued about the dishes, made up quickly",
    "he told me something new about his childhood",
    "café on the corner, croissants, slow morning ☕",
    "didn’t manage much this week — tired",
    "-2 compared to last week, but OK",
    "cooked her favourite curry",
    "gave each other space on Saturday",
    "read in the same room, quietly, for hours",
)


def _text(rng: random.Random, low: int, high: int, joiner: str = "; ") -> str:
    """Sentences from PHRASES, between `low` and `high` characters long."""
    target = rng.randint(low, high)
    text = ""
    while len(text) < target:
        text += (joiner if text else "") + rng.choice(PHRASES)
    text = text[:high].rstrip(" ;,.—\n")
    return text if len(text) >= low else (text + " " + rng.choice(PHRASES))[:high].rstrip()


def _rating(rng: random.Random, level: float) -> int | None:
    if rng.random() < SKIP_SHARE:
        return None
    return min(10, max(1, round(level + rng.gauss(0, 1.2))))


def synthetic_entries(weeks: int, today: date, seed: int = 7) -> list[WeekEntry]:
    """A diary of `weeks` weeks ending last week (first and last week always present)."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    rng = random.Random(seed)  # noqa: S311 (made-up diaries, not secrets)
    last = IsoWeek.of(today).shifted(-1)
    levels = {key: rng.uniform(4.0, 7.5) for key in PRACTICE_KEYS}
    entries: list[WeekEntry] = []
    focus_in = rng.randint(2, 5)
    for back in range(weeks - 1, -1, -1):
        for key in PRACTICE_KEYS:  # each practice drifts slowly, within the scale
            levels[key] = min(9.5, max(2.0, levels[key] + rng.gauss(0, 0.25)))
        if 0 < back < weeks - 1 and rng.random() < MISSED_SHARE:
            continue
        week = last.shifted(-back)
        ratings = {key: _rating(rng, levels[key]) for key in PRACTICE_KEYS}
        notes = {
            key: _text(rng, *NOTE_CHARS) if rng.random() < NOTE_SHARE else ""
            for key in PRACTICE_KEYS
        }
        reflection = (
            _text(rng, *REFLECTION_CHARS, joiner=rng.choice((". ", ".\n")))
            if rng.random() < REFLECTION_SHARE
            else ""
        )
        focus_in -= 1
        focus = None
        if focus_in == 0:
            focus = min(PRACTICE_KEYS, key=lambda key: levels[key])
            focus_in = rng.randint(2, 5)
        entry = make_entry(week, ratings, notes, reflection, focus)
        saved = datetime.combine(week.sunday, time(19, rng.randint(0, 59)), OFFSET)
        entries.append(entry.stamped(saved, saved + timedelta(minutes=rng.randint(0, 90))))
    return entries


def write_diary(path: Path, entries: list[WeekEntry]) -> None:
    """Write `entries` to a new diary file at `path`, in one import."""
    diary = Diary.open(path)
    try:
        diary.import_entries(entries)
    finally:
        diary.close()
