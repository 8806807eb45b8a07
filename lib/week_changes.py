"""What replacing a saved week with a file's version of it changes, field by field.

An import preview that says only "differs" hides what a spreadsheet did on
its own: LibreOffice turns a note "007" into "7" and "12:30" into "12:30:00".
Each differing week is described in the words a person reads (practice
titles, "skipped", old and new values), and whatever the file's version
would leave empty is said to be emptied, because replacing a week empties it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lib.entries import PRACTICE_KEYS, WeekEntry
from lib.weeks import IsoWeek

# A note up to this long is quoted old and new; a longer one is only said to change.
QUOTE_MAX_CHARS = 40
NO_FOCUS = "none"


@dataclass(frozen=True)
class WeekChanges:
    """One differing week: each change, in the order the check-in asks."""

    week: IsoWeek
    changed: tuple[str, ...]


def week_changes(saved: WeekEntry, incoming: WeekEntry, titles: Mapping[str, str]) -> WeekChanges:
    """How `incoming` differs from `saved` (the same week), practices named by `titles`."""
    changed: list[str] = []
    for key in PRACTICE_KEYS:
        title = titles[key]
        old, new = saved.ratings.get(key), incoming.ratings.get(key)
        if old != new:
            changed.append(f"{title}: {_rating(old)} → {_rating(new)}")
        _text_change(
            f"{title}'s note",
            saved.notes.get(key, ""),
            incoming.notes.get(key, ""),
            changed,
        )
    _text_change("The reflection", saved.reflection, incoming.reflection, changed)
    if saved.focus != incoming.focus:
        changed.append(f"Focus: {_focus(saved.focus, titles)} → {_focus(incoming.focus, titles)}")
    return WeekChanges(saved.week, tuple(changed))


def _rating(value: int | None) -> str:
    return "skipped" if value is None else str(value)


def _focus(key: str | None, titles: Mapping[str, str]) -> str:
    return NO_FOCUS if key is None else titles[key]


def _text_change(what: str, old: str, new: str, changed: list[str]) -> None:
    """Say how a note or the reflection changes, and when the file's version empties it."""
    if old == new:
        return
    if not new:
        changed.append(f"{what} would be emptied")
    elif not old:
        changed.append(f"{what} is added")
    elif len(old) <= QUOTE_MAX_CHARS and len(new) <= QUOTE_MAX_CHARS and "\n" not in old + new:
        changed.append(f"{what}: “{old}” → “{new}”")
    else:
        changed.append(f"{what} changed")
