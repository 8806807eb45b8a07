"""The whole diary as read at one revision, checked: what every page draws from.

A `Snapshot` is shared by every session and cached view (ui/views.py), so it
is never changed. `checked_records` and `same_diary` let the next read reuse
what is still the same (`Diary._current`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lib.datafile import ENTRIES_TABLE, META_TABLE
from lib.entries import WeekEntry
from lib.settings import Settings
from lib.weeks import IsoWeek


@dataclass(frozen=True)
class Snapshot:
    """The whole diary as read at one revision, checked. Shared: never change it."""

    revision: str
    entries: tuple[WeekEntry, ...]
    by_week: Mapping[IsoWeek, WeekEntry]
    settings: Settings
    tables: Mapping[str, Mapping[str, Any]] = field(repr=False)


def _week_order(item: tuple[IsoWeek, WeekEntry]) -> tuple[int, int]:
    return (item[0].year, item[0].week)


def make_snapshot(
    revision: str,
    tables: dict[str, dict[str, Any]],
    by_week: dict[IsoWeek, WeekEntry],
    settings: Settings,
) -> Snapshot:
    """A snapshot that takes over `by_week` (a dict nobody else holds)."""
    return Snapshot(
        revision=revision,
        # Sorting on plain tuples: comparing or hashing IsoWeek dataclasses is much slower.
        entries=tuple(entry for _, entry in sorted(by_week.items(), key=_week_order)),
        by_week=MappingProxyType(by_week),
        settings=settings,
        tables=tables,
    )


def checked_records(
    snapshot: Snapshot | None,
) -> dict[str, tuple[Mapping[str, Any], WeekEntry]]:
    """The snapshot's entry records by key, each with its entry, as read and checked."""
    if snapshot is None:
        return {}
    records = snapshot.tables.get(ENTRIES_TABLE, {})
    return {
        key: (records[key], entry)
        for key, entry in ((str(entry.week.doc_id), entry) for entry in snapshot.entries)
    }


def same_diary(
    snapshot: Snapshot,
    tables: Mapping[str, Mapping[str, Any]],
    entries: Mapping[IsoWeek, WeekEntry],
    settings: Settings,
) -> bool:
    """Whether what was just read is `snapshot`'s diary: the same entries, settings and rest.

    The header is left out: every write puts a new one on (`serialise`).
    """
    return (
        len(entries) == len(snapshot.by_week)
        and all(snapshot.by_week.get(week) is entry for week, entry in entries.items())
        and settings == snapshot.settings
        and _without_entries(tables) == _without_entries(snapshot.tables)
    )


def _without_entries(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Every table but the entries and the header."""
    return {
        name: table for name, table in tables.items() if name not in (ENTRIES_TABLE, META_TABLE)
    }
