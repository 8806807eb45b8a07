"""The JSON backup: it reads back what the diary wrote, and names every problem it refuses."""

import json
from datetime import timedelta

import pytest
from hypothesis import given, settings

from lib import datafile
from lib.backup_files import (
    ENCRYPTED_UNOPENED,
    SAMPLE_NOT_RESTORED,
    backup_filename,
    parse_backup,
)
from lib.diary import Diary
from lib.encrypted_file import Kdf, derive_key, seal
from lib.entries import PRACTICE_KEYS, WeekEntry, entry_to_record
from lib.transfer import MAX_WEEKS, TransferError
from tests.conftest import START, aware_datetimes, diaries, stamped_entry


def by_week(entries: list[WeekEntry]) -> list[WeekEntry]:
    return sorted(entries, key=lambda entry: entry.week)


def stored_bytes(entries: list[WeekEntry], extra: dict[str, object] | None = None) -> bytes:
    """A data file as `AtomicJSONStorage.write` writes it."""
    data = {
        "entries": {str(entry.week.doc_id): entry_to_record(entry) for entry in entries},
        "meta": {"1": {"app": "closer", "schema_version": 1}},
        **(extra or {}),
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


@settings(max_examples=60, deadline=None)
@given(diaries(aware_datetimes()))
def test_any_diary_survives_a_backup(entries: list[WeekEntry]) -> None:
    partner = {"1": {"partner_name": "Sam", "partner_pronoun": "she"}}
    backup = parse_backup(stored_bytes(entries, {"settings": partner}))
    assert backup.entries == by_week(entries)
    assert [entry.created_at for entry in backup.entries] == [
        entry.created_at for entry in by_week(entries)
    ]
    assert backup.settings == partner["1"]


def test_the_file_name_carries_the_date_and_time_and_says_sample() -> None:
    assert backup_filename(START + timedelta(seconds=59)) == "closer-backup-2026-11-24-2015.json"
    assert backup_filename(START, sample=True) == "closer-sample-backup-2026-11-24-2015.json"


def test_the_encrypted_backup_is_named_as_the_plain_one_and_says_encrypted() -> None:
    assert backup_filename(START, encrypted=True) == "closer-backup-2026-11-24-2015.encrypted.json"


def test_an_encrypted_backup_is_not_read_as_json_before_it_is_opened() -> None:
    key = derive_key("correct horse battery staple", Kdf(n=2**4, r=8, p=1, salt=b"s" * 16))
    with pytest.raises(TransferError) as caught:
        parse_backup(seal(stored_bytes([stamped_entry()]), key))
    assert caught.value.problems == [ENCRYPTED_UNOPENED]


# What a restore refuses, and how it says so.


def backup_with(**tables: object) -> bytes:
    return stored_bytes([stamped_entry()], tables)


def entry_record(**changes: object) -> dict[str, object]:
    return {**entry_to_record(stamped_entry()), **changes}


BACKUP_PROBLEMS = [
    ("not JSON", b"Dear diary,\r\n", "it is not valid JSON at line 1, column 1"),
    (
        "a CSV export",
        b"week,week_start\r\n",
        "This is a CSV file (perhaps Closer's entries export)",
    ),
    (
        "a workbook",
        b"PK\x03\x04\x14\x00",
        "This file is a zip archive or a spreadsheet workbook, not",
    ),
    ("a PDF", b"%PDF-1.7\n", "This file is a PDF document, not a Closer backup."),
    ("truncated", stored_bytes([stamped_entry()])[:100], "it ends too early, as if cut off"),
    ("truncated mid-list", b'{"entries": {"1": [1, 2', "it ends too early, as if cut off"),
    ("not an object", b"[]", "The file is JSON but not a Closer diary (it is not an object)."),
    ("no header", b'{"entries": {}}', "The file is JSON but not a Closer diary (it has no"),
    (
        "wrong shape",
        backup_with(entries={"202648": [1]}),
        "The file is damaged: its “entries” section has the wrong shape.",
    ),
    (
        "newer schema",
        backup_with(meta={"1": {"app": "closer", "schema_version": 2}}),
        "The file was written by a newer version of Closer (data format 2",
    ),
    ("nesting bomb", b"[" * 100_000, "The file is nested too deeply to be a Closer backup."),
    ("not UTF-8", b"\xff\xfe{\x00}\x00", "The file is not UTF-8 text"),
    ("empty", b"  \n", "The file is empty."),
    (
        "rating 11",
        backup_with(
            entries={
                "202648": entry_record(ratings={**dict.fromkeys(PRACTICE_KEYS, 7), "space": 11})
            }
        ),
        "The entry stored under 202648: The rating for Creating space must be "
        "from 1 to 10, not 11.",
    ),
    (
        "entry under another week",
        backup_with(entries={"202647": entry_record()}),
        "The entry stored under 202647 says it is for 2026-W48, which belongs under 202648.",
    ),
    (
        "id that is not a plain number",
        backup_with(entries={"²": entry_record()}),
        "its “entries” section has the wrong shape",
    ),
    (
        "bad settings",
        backup_with(settings={"1": {"partner_pronoun": ["x"]}}),
        "The settings in the file cannot be used: The pronoun must be one of",
    ),
]


@pytest.mark.parametrize(
    ("data", "message"),
    [case[1:] for case in BACKUP_PROBLEMS],
    ids=[case[0] for case in BACKUP_PROBLEMS],
)
def test_backup_problems_are_named(data: bytes, message: str) -> None:
    with pytest.raises(TransferError) as caught:
        parse_backup(data)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_backup_over_the_cap_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(TransferError, match="larger than the 1 KB Closer reads"):
        parse_backup(b"[" * 5_000, max_bytes=1024)


def test_backup_refuses_more_weeks_than_any_diary_has() -> None:
    entries = {str(doc_id): {} for doc_id in range(MAX_WEEKS + 1)}
    with pytest.raises(TransferError, match="more than 10,000 weeks"):
        parse_backup(backup_with(entries=entries))


def test_backup_survives_a_message_that_recurses(monkeypatch: pytest.MonkeyPatch) -> None:
    def deep(record: object) -> WeekEntry:
        raise RecursionError

    monkeypatch.setattr(datafile, "entry_from_record", deep)
    with pytest.raises(TransferError, match="under 202648 is nested too deeply"):
        parse_backup(stored_bytes([stamped_entry()]))


def test_backup_without_settings_or_entries_is_empty_not_broken() -> None:
    backup = parse_backup(b'{"meta": {"1": {"app": "closer", "schema_version": 1}}}')
    assert (backup.entries, backup.settings) == ([], {})


def backup_of(entries: list[WeekEntry], sample: bool) -> bytes:
    diary = Diary.in_memory()
    diary.import_entries(entries)
    return diary.backup_json(sample=sample)


def test_a_sample_backup_is_marked_and_refused() -> None:
    marked = backup_of([stamped_entry()], sample=True)
    assert json.loads(marked)["meta"]["1"] == {"app": "closer", "sample": True, "schema_version": 1}
    with pytest.raises(TransferError) as caught:
        parse_backup(marked)
    assert caught.value.problems == [SAMPLE_NOT_RESTORED]


def test_a_real_backup_has_no_sample_flag_and_restores() -> None:
    real = backup_of([stamped_entry()], sample=False)
    assert json.loads(real)["meta"]["1"] == {"app": "closer", "schema_version": 1}
    assert parse_backup(real).entries == [stamped_entry()]


# What a backup holds that Closer does not know: left out, and named.


def test_a_backup_with_nothing_unknown_ignores_nothing() -> None:
    assert parse_backup(backup_with(settings={"1": {"partner_name": "Sam"}})).ignored == ()


def test_unknown_sections_fields_and_settings_are_named_and_left_out() -> None:
    record = entry_record(mood="calm", tags=["walk"])
    data = stored_bytes(
        [],
        {
            "entries": {"202648": record, "202647": entry_record(week="2026-W47", mood="ok")},
            "meta": {"1": {"app": "closer", "schema_version": 1, "exported_by": "phone"}},
            "settings": {"1": {"partner_name": "Sam", "theme": "dark"}, "2": {}},
            "photos": {"1": {"path": "x.jpg"}},
            "comment": "a top-level string, as another program might add",
        },
    )
    backup = parse_backup(data)
    assert backup.ignored == (
        "Sections Closer does not keep: “comment” and “photos”.",
        "Header fields Closer does not know: “exported_by”.",
        "Settings Closer does not know: “theme” and “settings record 2”.",
        "Fields of a week Closer does not know: “mood” (in 2 weeks) and “tags” (in 1 week).",
    )
    assert backup.settings == {"partner_name": "Sam"}
    assert [entry.week for entry in backup.entries] == [
        stamped_entry("2026-W47").week,
        stamped_entry().week,
    ]


def test_a_long_list_of_unknown_names_is_cut_short() -> None:
    extra = {f"section_{number:02}": {} for number in range(12)}
    [line] = parse_backup(stored_bytes([stamped_entry()], extra)).ignored
    assert line.startswith("Sections Closer does not keep: “section_00”, “section_01”,")
    assert line.endswith("“section_07” and 4 more.")
