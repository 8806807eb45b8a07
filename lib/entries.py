"""A week's check-in (`WeekEntry`), its validation and its stored form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from lib.content import practice_title
from lib.errors import DiaryError
from lib.practices import PRACTICE_KEYS
from lib.weeks import IsoWeek, WeekError

RATING_MIN = 1
RATING_MAX = 10
SKIPPED = "skipped"
NOTE_MAX_CHARS = 2_000
REFLECTION_MAX_CHARS = 10_000

# Newlines and tabs are ordinary in notes; other control characters (Unicode's
# "Cc": C0, DEL and C1) only arrive by pasting binary junk and would make the
# diary hard to read. One regex search: every read checks every note.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# ASCII digits only: str.isdigit() also accepts "²", which int() then rejects.
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


class EntryError(DiaryError, ValueError):
    """One or more values of a check-in cannot be saved; each problem in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class WeekEntry:
    """One week's check-in. A rating of None means the practice was skipped."""

    week: IsoWeek
    ratings: dict[str, int | None]
    notes: dict[str, str] = field(default_factory=lambda: dict.fromkeys(PRACTICE_KEYS, ""))
    reflection: str = ""
    focus: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def rated(self) -> dict[str, int]:
        """The practices that were rated, without the skipped ones."""
        return {key: value for key, value in self.ratings.items() if value is not None}

    def stamped(self, created_at: datetime, updated_at: datetime) -> WeekEntry:
        """A copy carrying these timestamps."""
        return replace(self, created_at=created_at, updated_at=updated_at)


def clean_rating(key: str, value: object) -> int | None:
    """A rating from 1 to 10, or None for skipped; otherwise say what is wrong."""
    name = practice_title(key)
    if value is None or (isinstance(value, str) and value.strip().lower() == SKIPPED):
        return None
    if isinstance(value, bool):
        raise ValueError(f"The rating for {name} must be a number from 1 to 10.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not _WHOLE_NUMBER.fullmatch(text):
            raise ValueError(
                f"The rating for {name} must be a whole number from 1 to 10 "
                f"or “skipped”, not “{text[:20]}”."
            )
        value = int(text)
    if not isinstance(value, int):
        raise ValueError(f"The rating for {name} must be a whole number from 1 to 10.")
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValueError(f"The rating for {name} must be from 1 to 10, not {value}.")
    return value


def clean_text(value: object, limit: int, what: str) -> str:
    """Tidy a note: one newline style, no trailing blanks, within `limit` characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"The {what} must be text.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        raise ValueError(
            f"The {what} is {len(text):,} characters long; the limit is {limit:,}. "
            "Please shorten it."
        )
    control = _CONTROL.search(text)
    if control is not None:
        raise ValueError(
            f"The {what} contains an invisible control character "
            f"(U+{ord(control.group()):04X}). Please retype or remove it."
        )
    return text


def clean_focus(value: object) -> str | None:
    """A practice key or None."""
    if value is None or value == "":
        return None
    if value not in PRACTICE_KEYS:
        raise ValueError(f"“{str(value)[:30]}” is not one of the six practices.")
    return str(value)


def make_entry(
    week: IsoWeek | str,
    ratings: Mapping[str, object],
    notes: Mapping[str, object] | None = None,
    reflection: object = "",
    focus: object = None,
) -> WeekEntry:
    """Build a valid `WeekEntry`, or raise `EntryError` listing every problem."""
    problems: list[str] = []
    parsed_week: IsoWeek | None = None
    try:
        parsed_week = week if isinstance(week, IsoWeek) else IsoWeek.parse(str(week))
    except WeekError as error:
        problems.append(str(error))
    unknown = sorted(set(ratings) - set(PRACTICE_KEYS)) + sorted(
        set(notes or {}) - set(PRACTICE_KEYS)
    )
    for key in unknown:
        problems.append(f"“{key}” is not one of the six practices.")
    clean_ratings: dict[str, int | None] = {}
    clean_notes: dict[str, str] = {}
    for key in PRACTICE_KEYS:
        if key not in ratings:
            problems.append(f"Rate {practice_title(key)} or mark it skipped.")
        else:
            try:
                clean_ratings[key] = clean_rating(key, ratings[key])
            except ValueError as error:
                problems.append(str(error))
        try:
            clean_notes[key] = clean_text(
                (notes or {}).get(key), NOTE_MAX_CHARS, f"note on {practice_title(key)}"
            )
        except ValueError as error:
            problems.append(str(error))
    try:
        clean_reflection = clean_text(reflection, REFLECTION_MAX_CHARS, "reflection")
    except ValueError as error:
        problems.append(str(error))
    try:
        clean_focus_key = clean_focus(focus)
    except ValueError as error:
        problems.append(f"The focus for the coming week: {error}")
    if problems or parsed_week is None:
        raise EntryError(problems)
    return WeekEntry(parsed_week, clean_ratings, clean_notes, clean_reflection, clean_focus_key)


def parse_time(text: str) -> datetime:
    """A time with its UTC offset, written like 2026-11-24T20:15:00+01:00; else ValueError."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"“{text[:40]}” is not a date and time like 2026-11-24T20:15:00+01:00."
        ) from None
    if moment.tzinfo is None:
        raise ValueError(
            f"“{text[:40]}” has no time zone; write it like 2026-11-24T20:15:00+01:00."
        )
    return moment


def _stored_time(value: object, what: str) -> datetime:
    if value is None:
        raise EntryError([f"The {what} time is missing."])
    if not isinstance(value, str):
        raise EntryError(
            [f"The {what} time must be written as text, like 2026-11-24T20:15:00+01:00."]
        )
    try:
        return parse_time(value)
    except ValueError as error:
        raise EntryError([f"The {what} time {error}"]) from None


# The fields of a stored entry (`entry_to_record`); a backup's other fields are ignored.
RECORD_FIELDS: tuple[str, ...] = (
    "week",
    "ratings",
    "notes",
    "reflection",
    "focus",
    "created_at",
    "updated_at",
)


def entry_to_record(entry: WeekEntry) -> dict[str, Any]:
    """The JSON-ready form of an entry, as stored in the data file."""
    return {
        "week": str(entry.week),
        "ratings": {
            key: SKIPPED if entry.ratings[key] is None else entry.ratings[key]
            for key in PRACTICE_KEYS
        },
        "notes": {key: entry.notes.get(key, "") for key in PRACTICE_KEYS},
        "reflection": entry.reflection,
        "focus": entry.focus,
        "created_at": entry.created_at.isoformat() if entry.created_at else None,
        "updated_at": entry.updated_at.isoformat() if entry.updated_at else None,
    }


def entry_from_record(record: Mapping[str, Any]) -> WeekEntry:
    """Read a stored record back, validating it like fresh input."""
    if not isinstance(record, Mapping):
        raise EntryError(["An entry is not a JSON object."])
    ratings = record.get("ratings")
    notes = record.get("notes")
    if not isinstance(ratings, Mapping) or not isinstance(notes, Mapping):
        raise EntryError([f"The entry for {record.get('week', '?')} has no ratings or notes."])
    entry = make_entry(
        str(record.get("week", "")),
        ratings,
        notes,
        record.get("reflection", ""),
        record.get("focus"),
    )
    return entry.stamped(
        _stored_time(record.get("created_at"), "created"),
        _stored_time(record.get("updated_at"), "updated"),
    )
