"""The data file's format: its layout, how it is written, what is refused, its revision."""

import errno
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from tinydb import Query, TinyDB

from lib import datafile
from lib.datafile import (
    changed_tables,
    checked_entry_record,
    checked_settings_record,
    read_entries,
    read_settings,
    read_tables,
)
from lib.diary import Diary
from lib.entries import PRACTICE_KEYS, EntryError, WeekEntry, entry_to_record
from lib.errors import DataFileError
from lib.settings import Settings, SettingsError, make_settings
from lib.weeks import IsoWeek
from tests.conftest import START, EntryFactory, week_entries

WEEK = IsoWeek(2026, 48)
HEADER = b'"meta": {"1": {"app": "closer", "schema_version": 1}}'


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b" \n", "is empty, though a Closer diary never is."),
        (b'{"meta": "\xff"}', "is not text (it is not UTF-8)."),
        (b'{"meta": {', "is damaged: it stops being valid JSON at line 1, column 11"),
        (b"[" * 200_000, "is damaged: it is nested too deeply."),
        (b'"closer"', "is JSON but not a Closer diary (it is not an object)."),
        (b'{"_default": {}}', "is JSON but not a Closer diary (it has no Closer header)."),
        (
            b'{"meta": {"1": {"app": "closer", "schema_version": 2}}}',
            "was written by a newer version of Closer (data format 2; this version reads "
            "format 1). Update Closer to open it.",
        ),
        (b"{" + HEADER + b', "entries": []}', "is damaged: its “entries” section has the wrong"),
    ],
    ids=[
        "blank",
        "not-utf8",
        "cut-off",
        "nested",
        "not-an-object",
        "tinydb-default",
        "newer",
        "shape",
    ],
)
def test_bytes_closer_did_not_write_are_refused_by_name(raw: bytes, problem: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_tables(raw, Path("closer.json"))
    assert str(caught.value).startswith(f"The data file closer.json {problem}")


def test_an_entry_that_fails_its_checks_is_named_by_week() -> None:
    record = {**entry_to_record(WeekEntry(WEEK, dict.fromkeys(PRACTICE_KEYS, 5))), "focus": "x"}
    tables = read_tables(b"{" + HEADER + b"}", Path("closer.json"))
    with pytest.raises(DataFileError, match="has an entry for 2026-W48 that Closer cannot read"):
        read_entries({**tables, "entries": {"202648": record}}, Path("closer.json"))


def test_settings_are_the_defaults_until_some_are_saved() -> None:
    where = Path("closer.json")
    assert read_settings({}, where) == Settings()
    saved = {"settings": {"1": {"partner_name": "Sam", "partner_pronoun": "she"}}}
    assert read_settings(saved, where) == make_settings("Sam", "she")
    with pytest.raises(DataFileError, match="has settings Closer cannot read: The pronoun"):
        read_settings({"settings": {"1": {"partner_pronoun": 42}}}, where)


def test_changes_set_and_delete_records_and_copy_only_the_changed_tables() -> None:
    entries = {"202647": {"week": "2026-W47"}, "202648": {"week": "2026-W48"}}
    settings = {"1": {"partner_name": "Sam"}}
    tables = {"entries": entries, "settings": settings}
    new = {"week": "2026-W49"}
    changed = changed_tables(tables, {"entries": {"202647": None, "202649": new}})
    assert changed == {
        "entries": {"202648": entries["202648"], "202649": new},
        "settings": settings,
    }
    assert changed["settings"] is settings, "an unchanged table is shared, not copied"
    assert changed["entries"]["202648"] is entries["202648"]
    assert len(entries) == 2, "the tables given are never changed in place"
    replaced = changed_tables(tables, {"entries": {"202649": new}}, replace_tables=True)
    assert replaced == {"entries": {"202649": new}, "settings": settings}


def test_a_record_is_only_stored_if_it_reads_back() -> None:
    entry = WeekEntry(WEEK, dict.fromkeys(PRACTICE_KEYS, 5)).stamped(START, START)
    assert checked_entry_record(entry) == entry_to_record(entry)
    with pytest.raises(EntryError, match="must be from 1 to 10, not 11"):
        checked_entry_record(WeekEntry(WEEK, {**entry.ratings, "space": 11}))
    assert checked_settings_record(make_settings("Sam", "she")) == {
        "partner_name": "Sam",
        "partner_pronoun": "she",
    }
    with pytest.raises(SettingsError, match="pronoun"):
        checked_settings_record(Settings("Sam", "it"))


def test_file_layout_has_the_closer_header_and_entries_by_week_id(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.save_entry(
        entry_factory(
            WEEK,
            ratings={**dict.fromkeys(PRACTICE_KEYS, 4), "space": None},
            notes={"mystery": "Café ☕"},
            focus="presence",
        )
    )
    raw = path.read_bytes()
    assert "Café ☕".encode() in raw, "text is stored readable, not \\u-escaped"
    assert raw.endswith(b"}\n")
    assert json.loads(raw) == {
        "meta": {"1": {"app": "closer", "schema_version": 1}},
        "entries": {
            "202648": {
                "week": "2026-W48",
                "ratings": {**dict.fromkeys(PRACTICE_KEYS, 4), "space": "skipped"},
                "notes": {**dict.fromkeys(PRACTICE_KEYS, ""), "mystery": "Café ☕"},
                "reflection": "",
                "focus": "presence",
                "created_at": "2026-11-24T20:15:00+01:00",
                "updated_at": "2026-11-24T20:15:00+01:00",
            }
        },
    }


def test_file_keeps_its_header_after_the_last_entry_is_deleted(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.save_entry(entry_factory(WEEK))
    diary.delete_entry(WEEK)
    assert json.loads(path.read_bytes()) == {
        "meta": {"1": {"app": "closer", "schema_version": 1}},
        "entries": {},
    }
    assert read_entries(read_tables(path.read_bytes(), path), path) == {}


def test_a_non_ascii_digit_id_is_reported_not_crashed_on(
    path: Path, entry_factory: EntryFactory
) -> None:
    # "²".isdigit() is True, but int("²") fails: such an id once crashed every read.
    Diary.open(path).save_entry(entry_factory("2026-W40", 3))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["²"] = data["entries"].pop("202640")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="wrong shape"):
        read_tables(path.read_bytes(), path)


def test_an_id_with_a_leading_zero_is_reported_as_damaged(
    path: Path, entry_factory: EntryFactory
) -> None:
    # "0202640" reads as week 2026-W40, but a save would file it again under "202640".
    Diary.open(path).save_entry(entry_factory("2026-W40", 3))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["0202640"] = data["entries"].pop("202640")
    path.write_text(json.dumps(data), encoding="utf-8")
    tables = read_tables(path.read_bytes(), path)
    with pytest.raises(DataFileError, match="belongs under 202640"):
        read_entries(tables, path)


def test_a_recently_changed_file_is_told_apart_by_its_bytes(path: Path) -> None:
    path.write_bytes(b"one")
    changed = max(path.stat().st_mtime_ns, path.stat().st_ctime_ns)
    recent = datafile.file_revision(path, changed + 1)
    settled = datafile.file_revision(path, changed + datafile.RACY_NANOSECONDS)
    assert recent.startswith(settled + ":")  # the same stat, plus a digest of the bytes
    path.write_bytes(b"two")
    assert datafile.file_revision(path, changed + 1).rsplit(":", 1)[1] != recent.rsplit(":", 1)[1]


def test_the_revision_of_a_missing_or_unreadable_file(path: Path) -> None:
    assert datafile.file_revision(path, 0) == "none"
    path.mkdir()
    assert datafile.file_revision(path, path.stat().st_mtime_ns).endswith(
        f"unreadable-{errno.EISDIR}"
    )


def test_writing_again_encodes_only_the_changed_documents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines: datafile.LineCache = {}
    data = {"entries": {"202647": {"week": "2026-W47"}, "202648": {"week": "2026-W48"}}}
    assert datafile.serialise(data, lines) == datafile.serialise(data)
    encoded: list[object] = []
    real_encode = datafile._ENCODE

    def counting(value: object) -> str:
        if isinstance(value, dict):
            encoded.append(value)
        return real_encode(value)

    monkeypatch.setattr(datafile, "_ENCODE", counting)
    changed = {"entries": {**data["entries"], "202648": {"week": "2026-W48", "focus": "space"}}}
    first = datafile.serialise(changed, lines)
    assert encoded == [changed["entries"]["202648"], datafile.header()["1"]]
    assert first == datafile.serialise(changed)
    del changed["entries"]["202647"]
    assert datafile.serialise(changed, lines) == datafile.serialise(changed)
    assert ("entries", "202647") not in lines


@settings(max_examples=30, deadline=None)
@given(entry=week_entries())
def test_the_file_is_the_same_whether_lines_were_reused_or_not(entry: WeekEntry) -> None:
    lines: datafile.LineCache = {}
    data = {"entries": {str(entry.week.doc_id): entry_to_record(entry)}, "settings": {}}
    datafile.serialise(data, lines)
    assert datafile.serialise(data, lines) == datafile.serialise(data)
    assert json.loads(datafile.serialise(data, lines))["entries"] == data["entries"]


@settings(max_examples=30, deadline=None)
@given(entry=week_entries())
def test_a_sample_backup_differs_from_the_file_only_in_its_header(entry: WeekEntry) -> None:
    data = {"entries": {str(entry.week.doc_id): entry_to_record(entry)}}
    real = datafile.serialise(data).split(b"\n")
    marked = datafile.serialise(data, sample=True).split(b"\n")
    assert [(line, other) for line, other in zip(real, marked, strict=True) if line != other] == [
        (
            b'  "1": {"app": "closer", "schema_version": 1}',
            b'  "1": {"app": "closer", "sample": true, "schema_version": 1}',
        )
    ]


def test_the_file_is_a_tinydb_database_any_tinydb_reader_can_open(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    """An independent reader: stock TinyDB, with its own JSONStorage, reads what Closer wrote."""
    older = diary.save_entry(entry_factory("2026-W47", 3, notes={"presence": "Café ☕"}))
    newer = diary.save_entry(entry_factory(WEEK, 8, focus="mystery"))
    diary.save_settings(make_settings("Sam", "she"))
    before = path.read_bytes()
    with TinyDB(path, access_mode="r", encoding="utf-8") as stock:
        assert stock.tables() == {"entries", "meta", "settings"}
        entries = stock.table("entries")
        assert len(entries) == 2
        stored = entries.get(doc_id=WEEK.doc_id)
        assert stored is not None
        assert stored.doc_id == 202648
        assert stored == entry_to_record(newer)
        found = entries.search(Query().notes.presence == "Café ☕")
        assert [(item.doc_id, item["week"]) for item in found] == [(202647, "2026-W47")]
        assert found[0] == entry_to_record(older)
        assert entries.search(Query().ratings.connection >= 5) == [entry_to_record(newer)]
        assert stock.table("meta").get(doc_id=1) == {"app": "closer", "schema_version": 1}
        assert stock.table("settings").all() == [{"partner_name": "Sam", "partner_pronoun": "she"}]
    assert path.read_bytes() == before
