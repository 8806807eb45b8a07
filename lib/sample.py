"""A made-up, realistic history for exploring Closer before the first check-in.

It only ever lives in memory (`Diary.in_memory`); it is never written to the
user's data file.
"""

from __future__ import annotations

import random
from datetime import date

from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.weeks import IsoWeek

SAMPLE_WEEKS = 26
_SEED = 48
# Where each practice starts and how it drifts per week: one clearly slipping.
_START = {
    "connection": 6.5,
    "associations": 7.0,
    "presence": 5.0,
    "mystery": 6.0,
    "space": 5.5,
    "self_love": 4.5,
}
_DRIFT = {
    "connection": 0.04,
    "associations": 0.02,
    "presence": 0.10,
    "mystery": -0.12,
    "space": 0.03,
    "self_love": 0.08,
}
_NOTES = {
    "connection": "Talked properly on Sunday evening, phones off.",
    "presence": "Cooked together without the radio on.",
    "mystery": "Felt a bit routine this week.",
    "space": "Had a quiet afternoon at the climbing gym alone.",
    "self_love": "Finished the novel I started in the spring.",
}


def sample_entries(today: date, weeks: int = SAMPLE_WEEKS) -> list[WeekEntry]:
    """`weeks` check-ins ending last week, with a few skips, one missed week and some focuses."""
    rng = random.Random(_SEED)  # noqa: S311 - made-up sample data, not secrets
    last = IsoWeek.of(today).shifted(-1)
    entries: list[WeekEntry] = []
    for index in range(weeks):
        week = last.shifted(index - weeks + 1)
        if index == weeks // 2:
            continue  # a missed week, as real diaries have
        ratings: dict[str, object] = {}
        for key in PRACTICE_KEYS:
            level = _START[key] + _DRIFT[key] * index + rng.uniform(-1.2, 1.2)
            skipped = rng.random() < 0.04
            ratings[key] = None if skipped else max(1, min(10, round(level)))
        notes = {key: text for key, text in _NOTES.items() if rng.random() < 0.3}
        focus = PRACTICE_KEYS[rng.randrange(len(PRACTICE_KEYS))] if index % 3 == 0 else None
        entries.append(make_entry(week, ratings, notes, "", focus))
    return entries
