"""Snapshots: the diary at one revision, and what the next read may reuse from one."""

from datetime import UTC, datetime
from typing import Any

import pytest

from lib.datafile import checked_entry_record
from lib.entries import WeekEntry
from lib.settings import Settings, make_settings
from lib.snapshots import Snapshot, checked_records, make_snapshot, same_diary
from lib.weeks import IsoWeek
from tests.conftest import valid_entry

WEEKS = ("2026-W44", "2026-W46", "2026-W45")
STAMP = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)


def stored(week: str) -> WeekEntry:
    """An entry as a diary stores it: stamped."""
    return valid_entry(week, 5).stamped(STAMP, STAMP)


def snapshot(settings: Settings | None = None) -> Snapshot:
    entries = {IsoWeek.parse(week): stored(week) for week in WEEKS}
    tables: dict[str, dict[str, Any]] = {
        "entries": {str(week.doc_id): checked_entry_record(e) for week, e in entries.items()},
        "meta": {"1": {"app": "closer", "schema_version": 1}},
    }
    return make_snapshot("r1", tables, entries, settings or Settings())


def test_entries_are_oldest_first_and_the_snapshot_cannot_be_changed() -> None:
    made = snapshot()
    assert [str(entry.week) for entry in made.entries] == sorted(WEEKS)
    with pytest.raises(TypeError):
        made.by_week[IsoWeek(2026, 47)] = made.entries[0]  # type: ignore[index]


def test_each_checked_record_comes_with_its_entry_under_its_key() -> None:
    made = snapshot()
    records = checked_records(made)
    assert set(records) == {"202644", "202645", "202646"}
    record, entry = records["202645"]
    assert entry is made.by_week[IsoWeek(2026, 45)]
    assert record is made.tables["entries"]["202645"]
    assert checked_records(None) == {}


def test_the_same_entries_settings_and_tables_are_the_same_diary_whatever_the_header() -> None:
    made = snapshot()
    tables = {**made.tables, "meta": {"1": {"app": "closer", "schema_version": 1, "x": 1}}}
    assert same_diary(made, tables, dict(made.by_week), made.settings)


def test_a_changed_entry_setting_or_table_is_another_diary() -> None:
    made = snapshot()
    entries = dict(made.by_week)
    first = IsoWeek(2026, 44)
    entries[first] = stored("2026-W44")  # equal, but not the checked object
    assert not same_diary(made, made.tables, entries, made.settings)
    fewer = {week: entry for week, entry in made.by_week.items() if week != first}
    assert not same_diary(made, made.tables, fewer, made.settings)
    assert not same_diary(made, made.tables, dict(made.by_week), make_settings("Sam", "he"))
    extra = {**made.tables, "notes": {"1": {"text": "x"}}}
    assert not same_diary(made, extra, dict(made.by_week), made.settings)
