"""CSV export and import, reading backups, the import preview and file names."""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import transfer
from lib.diary import Diary
from lib.entries import (
    NOTE_MAX_CHARS,
    PRACTICE_KEYS,
    REFLECTION_MAX_CHARS,
    WeekEntry,
    entry_to_record,
)
from lib.transfer import (
    CSV_COLUMNS,
    MAX_PROBLEMS,
    MAX_WEEKS,
    SAMPLE_CELL,
    SAMPLE_NOT_IMPORTED,
    SAMPLE_NOT_RESTORED,
    TransferError,
    backup_filename,
    export_csv,
    export_filename,
    export_tidy_csv,
    guard_formula,
    parse_backup,
    parse_csv,
    preview,
    same_content,
    tidy_filename,
    to_write,
    unguard_formula,
)
from lib.weeks import IsoWeek
from tests.conftest import START, aware_datetimes, note_texts, valid_entry, week_entries

BOM = b"\xef\xbb\xbf"
HEADER = ",".join(CSV_COLUMNS)
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
    """Entries for distinct weeks, in any order."""
    return st.lists(saved_entries(updated), min_size=1, max_size=6, unique_by=lambda e: e.week)


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


def stamped_entry(week: str = "2026-W48", rating: int | None = 7, **changes: object) -> WeekEntry:
    return valid_entry(week, rating, **changes).stamped(START, START)


# Round trips.


@settings(max_examples=60, deadline=None)
@given(diaries(st.none() | aware_datetimes()))
def test_any_diary_survives_csv_export_and_import(entries: list[WeekEntry]) -> None:
    back = parse_csv(export_csv(entries))
    assert back == [replace(entry, created_at=None) for entry in by_week(entries)]
    for before, after in zip(by_week(entries), back, strict=True):
        offset = before.updated_at and before.updated_at.utcoffset()
        assert (after.updated_at and after.updated_at.utcoffset()) == offset


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


@given(st.text())
def test_the_formula_guard_is_undone_exactly(text: str) -> None:
    guarded = guard_formula(text)
    assert unguard_formula(guarded) == text
    assert not guarded.startswith(transfer.FORMULA_STARTS)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("''-x", "'''-x"),
        ("'quoted'", "'quoted'"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_formula_guard_cells(text: str, cell: str) -> None:
    assert guard_formula(text) == cell
    assert unguard_formula(cell) == text


# The export's shape.


def test_export_starts_with_a_bom_and_the_exact_header() -> None:
    data = export_csv([])
    assert data == BOM + (HEADER + "\r\n").encode()
    assert HEADER == (
        "week,week_start,connection,associations,presence,mystery,space,self_love,"
        "connection_note,associations_note,presence_note,mystery_note,space_note,"
        "self_love_note,reflection,focus,updated_at"
    )


def test_export_writes_one_row_per_week_oldest_first() -> None:
    ratings = {**dict.fromkeys(PRACTICE_KEYS, 7), "space": None, "self_love": 10}
    newer = stamped_entry("2026-W48", ratings=ratings, focus="mystery")
    older = stamped_entry("2026-W47", 3)
    lines = export_csv([newer, older]).decode("utf-8-sig").split("\r\n")
    assert lines[1] == "2026-W47,2026-11-16,3,3,3,3,3,3,,,,,,,,,2026-11-24T20:15:00+01:00"
    assert lines[2] == "2026-W48,2026-11-23,7,7,7,7,,10,,,,,,,,mystery,2026-11-24T20:15:00+01:00"
    assert lines[3] == ""


def test_export_prefixes_formula_cells_and_quotes_what_needs_it() -> None:
    notes = {"connection": '=HYPERLINK("x")', "presence": "a, b\nc", "space": "'=x"}
    entry = stamped_entry(notes=notes, reflection="@SUM(1)")
    row = next(csv.DictReader(io.StringIO(export_csv([entry]).decode("utf-8-sig"), newline="")))
    assert row["connection_note"] == '\'=HYPERLINK("x")'
    assert row["presence_note"] == "a, b\nc"
    assert row["space_note"] == "''=x"
    assert row["reflection"] == "'@SUM(1)"
    assert b'"\'=HYPERLINK(""x"")"' in export_csv([entry])


def test_tidy_export_has_one_row_per_week_and_practice() -> None:
    ratings = {**dict.fromkeys(PRACTICE_KEYS, 7), "space": None}
    entries = [stamped_entry("2026-W48", ratings=ratings, notes={"mystery": "-1 day"})]
    entries.append(stamped_entry("2026-W47", 4))
    data = export_tidy_csv(entries)
    assert data.startswith(BOM)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["week", "week_start", "practice", "rating", "note"]
    assert len(rows) == 1 + 2 * len(PRACTICE_KEYS)
    assert rows[1] == ["2026-W47", "2026-11-16", "connection", "4", ""]
    assert [row[2] for row in rows[7:13]] == list(PRACTICE_KEYS)
    assert rows[10] == ["2026-W48", "2026-11-23", "mystery", "7", "'-1 day"]
    assert rows[11] == ["2026-W48", "2026-11-23", "space", "", ""]


# What the import accepts.


def test_import_accepts_a_file_without_bom_and_with_shuffled_columns() -> None:
    entries = [stamped_entry("2026-W47", 4), stamped_entry("2026-W48", notes={"space": "=x"})]
    text = export_csv(entries).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    order = list(reversed(range(len(CSV_COLUMNS))))
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[row[index] for index in order] for row in rows])
    assert parse_csv(buffer.getvalue().encode()) == [replace(e, created_at=None) for e in entries]


def test_import_needs_only_the_week_and_the_six_ratings() -> None:
    header = ",".join(["self_love", "week", *PRACTICE_KEYS[:5]])
    data = f"{header}\n5,2026-w8,1,2,skipped,4,\n".encode()
    (entry,) = parse_csv(data)
    assert entry.week == IsoWeek(2026, 8)
    assert entry.ratings == dict(zip(PRACTICE_KEYS, [1, 2, None, 4, None, 5], strict=True))
    assert entry.notes == dict.fromkeys(PRACTICE_KEYS, "")
    assert (entry.reflection, entry.focus, entry.created_at, entry.updated_at) == (
        "",
        None,
        None,
        None,
    )


def test_import_reads_semicolons_and_skips_blank_rows() -> None:
    text = export_csv([stamped_entry()]).decode("utf-8-sig").replace(",", ";")
    lines = text.split("\r\n")
    data = "\r\n".join([lines[0], "", ";;;", lines[1]]).encode("utf-8-sig")
    assert [entry.week for entry in parse_csv(data)] == [IsoWeek(2026, 48)]


def test_import_ignores_week_start_which_a_spreadsheet_may_reformat() -> None:
    text = export_csv([stamped_entry()]).decode("utf-8-sig").replace("2026-11-23", "23/11/2026")
    assert parse_csv(text.encode())[0].week == IsoWeek(2026, 48)


def test_import_tidies_notes_like_the_check_in_form() -> None:
    data = f'{HEADER}\r\n2026-W48,,7,7,7,7,7,7,"  hi \r\n there ",,,,,,"\'=x",,\r\n'.encode()
    (entry,) = parse_csv(data)
    assert entry.notes["connection"] == "hi \n there"
    assert entry.reflection == "=x"


# What the import refuses, and how it says so.


def csv_file(**cells: str) -> bytes:
    """A one-row export of a valid entry with some cells replaced."""
    row = dict(next(csv.DictReader(io.StringIO(export_csv([stamped_entry()]).decode("utf-8-sig")))))
    row.update(cells)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue().encode()


def without_column(name: str) -> bytes:
    text = export_csv([stamped_entry()]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    index = rows[0].index(name)
    buffer = io.StringIO()
    csv.writer(buffer).writerows([row[:index] + row[index + 1 :] for row in rows])
    return buffer.getvalue().encode()


def two_rows(first: str, second: str) -> bytes:
    row = export_csv([stamped_entry()]).decode("utf-8-sig").split("\r\n")[1]
    return (
        f"{HEADER}\n{row.replace('2026-W48', first)}\n{row.replace('2026-W48', second)}\n".encode()
    )


CSV_PROBLEMS = [
    ("unknown column", csv_file(colour="red"), "The column “colour” is not one Closer knows."),
    ("no week column", without_column("week"), "The column “week” is missing."),
    ("no rating column", without_column("mystery"), "The column “mystery” is missing."),
    (
        "column twice",
        f"{HEADER},week\r\n".encode(),
        "The column “week” appears twice.",
    ),
    (
        "unnamed column",
        b"week,,connection\r\n",
        "Column 2 of the first row has no name.",
    ),
    (
        "rating 11",
        csv_file(mystery="11"),
        "Row 2, column “mystery”: The rating for mystery must be from 1 to 10, not 11.",
    ),
    (
        "rating abc",
        csv_file(self_love="abc"),
        "Row 2, column “self_love”: The rating for self-love must be a whole number "
        "from 1 to 10 or “skipped”, not “abc”.",
    ),
    (
        "impossible week",
        csv_file(week="2026-W60"),
        "Row 2, column “week”: 2026-W60 is not a real week: 2026 has weeks 1 to 53.",
    ),
    ("no week", csv_file(week=""), "Row 2, column “week”: No week was given."),
    (
        "same week twice",
        two_rows("2026-W48", "2026-w48"),
        "Row 3, column “week”: 2026-W48 is already in row 2; each week can appear only once.",
    ),
    (
        "bad focus",
        csv_file(focus="romance"),
        "Row 2, column “focus”: “romance” is not one of the six practices.",
    ),
    (
        "bad updated_at",
        csv_file(updated_at="yesterday"),
        "Row 2, column “updated_at”: “yesterday” is not a date and time",
    ),
    (
        "updated_at without zone",
        csv_file(updated_at="2026-11-24T20:15:00"),
        "Row 2, column “updated_at”: “2026-11-24T20:15:00” has no time zone",
    ),
    (
        "note too long",
        csv_file(mystery_note="x" * (NOTE_MAX_CHARS + 1)),
        "Row 2, column “mystery_note”: The note on mystery is 2,001 characters long; "
        "the limit is 2,000.",
    ),
    (
        "control character",
        csv_file(reflection="a\x07b"),
        "Row 2, column “reflection”: The reflection contains an invisible control "
        "character (U+0007).",
    ),
    (
        "NUL character",
        csv_file(space_note="a\x00b"),
        "Row 2, column “space_note”: The note on space contains an invisible control "
        "character (U+0000).",
    ),
    (
        "row too wide",
        csv_file().rstrip() + b",extra\r\n",
        "Row 2 has 18 cells, but the first row names 17 columns.",
    ),
    ("row too short", f"{HEADER}\r\n2026-W48,,7\r\n".encode(), "Row 2 has 3 cells"),
    ("UTF-16", b"\xff\xfew\x00e\x00e\x00k\x00", "The file is not UTF-8 text (it is UTF-16)."),
    ("binary junk", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a CSV file"),
    ("plain text", b"Dear diary,\nwhat a week.\n", "The column “Dear diary” is not one Closer"),
    (
        "broken quoting",
        f'{HEADER}\r\n2026-W48,"2026-11-23"x\r\n'.encode(),
        "Row 2: the file stops being readable CSV here",
    ),
    ("a backup instead", b'{"meta": {}}', "This is a JSON file (perhaps a Closer backup)"),
    ("empty file", b"", "The file is empty."),
    ("only a BOM and blanks", BOM + b" \r\n\r\n", "The file is empty."),
    ("blank rows only", b"\r\n,,,\r\n", "The file is empty."),
    ("header only", export_csv([]), "The file has column names but no weeks to import."),
]


@pytest.mark.parametrize(
    ("data", "message"),
    [case[1:] for case in CSV_PROBLEMS],
    ids=[case[0] for case in CSV_PROBLEMS],
)
def test_import_names_each_problem(data: bytes, message: str) -> None:
    with pytest.raises(TransferError) as caught:
        parse_csv(data)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_import_lists_every_problem_in_the_file() -> None:
    text = export_csv([stamped_entry("2026-W47"), stamped_entry("2026-W48")]).decode("utf-8-sig")
    text = text.replace("2026-W47,2026-11-16,7", "2026-W47,2026-11-16,0")
    text = text.replace(",,,,,,,,2026-11-24T20:15:00+01:00\r\n2026-W48", ",,,,,,,x,\r\n2026-W99")
    with pytest.raises(TransferError) as caught:
        parse_csv(text.encode())
    assert caught.value.problems == [
        "Row 2, column “connection”: The rating for connection must be from 1 to 10, not 0.",
        "Row 2, column “focus”: “x” is not one of the six practices.",
        "Row 3, column “week”: 2026-W99 is not a real week: 2026 has weeks 1 to 53.",
    ]


def test_a_long_list_of_problems_is_cut_short() -> None:
    rows = [f"2026-W{week:02d},,11,7,7,7,7,7" for week in range(1, 54)]
    data = "\n".join([",".join(["week", "week_start", *PRACTICE_KEYS]), *rows]).encode()
    with pytest.raises(TransferError) as caught:
        parse_csv(data)
    assert len(caught.value.problems) == MAX_PROBLEMS + 1
    assert caught.value.problems[-1] == "…and 3 more problems."


def test_a_problem_quoting_a_huge_value_is_shortened() -> None:
    assert len(TransferError(["x" * 10_000]).problems[0]) == transfer.MAX_PROBLEM_CHARS


def test_import_refuses_more_weeks_than_any_diary_has() -> None:
    start = IsoWeek(1900, 1)
    rows = [f"{start.shifted(offset)},1,1,1,1,1,1" for offset in range(MAX_WEEKS + 1)]
    data = "\n".join([",".join(["week", *PRACTICE_KEYS]), *rows]).encode()
    with pytest.raises(TransferError, match="more than 10,000 weeks"):
        parse_csv(data)
    assert len(parse_csv("\n".join(data.decode().split("\n")[:-1]).encode())) == MAX_WEEKS


@pytest.mark.parametrize(
    ("size", "cap", "message"),
    [
        (
            3 * 1024 * 1024,
            2 * 1024 * 1024,
            "The file is 3 MB, larger than the 2 MB Closer imports.",
        ),
        (2_000, 1_024, "The file is 2 KB, larger than the 1 KB Closer imports."),
        (600, 500, "The file is 600 bytes, larger than the 500 bytes Closer imports."),
    ],
)
def test_import_refuses_a_file_over_the_cap_and_names_it(size: int, cap: int, message: str) -> None:
    with pytest.raises(TransferError) as caught:
        parse_csv(b"x" * size, max_bytes=cap)
    assert caught.value.problems == [message]


# Backups.


def backup_with(**tables: object) -> bytes:
    return stored_bytes([stamped_entry()], tables)


def entry_record(**changes: object) -> dict[str, object]:
    return {**entry_to_record(stamped_entry()), **changes}


BACKUP_PROBLEMS = [
    ("not JSON", b"week,week_start\r\n", "it is not valid JSON at line 1, column 1"),
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
        "The entry stored under 202648: The rating for space must be from 1 to 10, not 11.",
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

    monkeypatch.setattr(transfer, "entry_from_record", deep)
    with pytest.raises(TransferError, match="under 202648 is nested too deeply"):
        parse_backup(stored_bytes([stamped_entry()]))


def test_backup_without_settings_or_entries_is_empty_not_broken() -> None:
    backup = parse_backup(b'{"meta": {"1": {"app": "closer", "schema_version": 1}}}')
    assert (backup.entries, backup.settings) == ([], {})


# The import preview.


def test_preview_sorts_weeks_into_new_differing_and_identical() -> None:
    later = START + timedelta(days=9)
    saved = [stamped_entry("2026-W46"), stamped_entry("2026-W47"), stamped_entry("2026-W48")]
    same = stamped_entry("2026-W47").stamped(later, later)
    changed = replace(stamped_entry("2026-W48", 3), created_at=None)
    fresh = replace(stamped_entry("2026-W49"), created_at=None)
    result = preview([fresh, changed, same], saved)
    assert result.new == [fresh]
    assert result.differing == [(saved[2], changed)]
    assert result.identical == [same]
    assert to_write(result, replace_differing=False) == [fresh]
    assert to_write(result, replace_differing=True) == [
        replace(changed, created_at=START),
        fresh,
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"ratings": {**dict.fromkeys(PRACTICE_KEYS, 7), "space": None}},
        {"notes": {"mystery": "new"}},
        {"reflection": "more"},
        {"focus": "space"},
    ],
)
def test_any_change_in_content_makes_a_week_differ(change: dict[str, object]) -> None:
    assert not same_content(stamped_entry(), stamped_entry(**change))


def test_an_empty_import_changes_nothing() -> None:
    result = preview([], [stamped_entry()])
    assert to_write(result, replace_differing=True) == []


# File names.


def test_file_names_carry_the_date() -> None:
    assert export_filename(date(2026, 11, 24)) == "closer-entries-2026-11-24.csv"
    assert tidy_filename(date(2026, 11, 24)) == "closer-entries-tidy-2026-11-24.csv"
    assert backup_filename(START + timedelta(seconds=59)) == "closer-backup-2026-11-24-2015.json"


def test_sample_file_names_say_sample() -> None:
    assert export_filename(date(2026, 11, 24), sample=True) == (
        "closer-sample-entries-2026-11-24.csv"
    )
    assert tidy_filename(date(2026, 11, 24), sample=True) == (
        "closer-sample-entries-tidy-2026-11-24.csv"
    )
    assert backup_filename(START, sample=True) == "closer-sample-backup-2026-11-24-2015.json"


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x14\x00 workbook", b"week,space\x00\x01\x02\x03\x04"],
    ids=["xlsx", "nul-bytes"],
)
def test_a_binary_file_is_called_not_a_csv(data: bytes) -> None:
    with pytest.raises(TransferError) as caught:
        parse_csv(data)
    assert caught.value.problems == [
        "This is not a CSV file (it looks like a spreadsheet workbook or other binary data). "
        "In your spreadsheet program, save it as “CSV UTF-8” and import that."
    ]


# The sample marker: exports of the made-up sample say so inside, and are never imported.


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("export", [export_csv, export_tidy_csv], ids=["wide", "tidy"])
@settings(max_examples=30, deadline=None)
@given(entries=diaries(st.none() | aware_datetimes()))
def test_a_sample_export_is_the_real_one_plus_a_marked_last_column(
    export: Callable[..., bytes], entries: list[WeekEntry]
) -> None:
    real = csv_rows(export(entries))
    marked = csv_rows(export(entries, sample=True))
    assert marked[0] == [*real[0], "sample"]
    assert [row[:-1] for row in marked[1:]] == real[1:]
    assert {row[-1] for row in marked[1:]} == {SAMPLE_CELL}
    assert "sample" not in real[0]


@settings(max_examples=30, deadline=None)
@given(diaries(st.none() | aware_datetimes()))
def test_a_sample_csv_is_refused_and_only_the_marker_stands_in_the_way(
    entries: list[WeekEntry],
) -> None:
    marked = export_csv(entries, sample=True)
    with pytest.raises(TransferError) as caught:
        parse_csv(marked)
    assert caught.value.problems == [SAMPLE_NOT_IMPORTED]
    unmarked = io.StringIO()
    csv.writer(unmarked).writerows(row[:-1] for row in csv_rows(marked))
    assert parse_csv(unmarked.getvalue().encode()) == parse_csv(export_csv(entries))


def with_sample_cells(*cells: str) -> bytes:
    """Two weeks exported as CSV, with a `sample` column first holding `cells`."""
    rows = csv_rows(export_csv([stamped_entry("2026-W47"), stamped_entry("2026-W48")]))
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [["sample", *rows[0]], *([cell, *row] for cell, row in zip(cells, rows[1:], strict=True))]
    )
    return buffer.getvalue().encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (export_csv([stamped_entry()], sample=True), SAMPLE_NOT_IMPORTED),
        (export_tidy_csv([stamped_entry()], sample=True), SAMPLE_NOT_IMPORTED),
        (with_sample_cells("", "yes"), SAMPLE_NOT_IMPORTED),
        (with_sample_cells("", ""), "The column “sample” is not one Closer knows."),
    ],
    ids=["sample-export", "sample-tidy-export", "one-marked-row", "empty-sample-column"],
)
def test_a_csv_with_a_sample_column_is_never_imported(data: bytes, message: str) -> None:
    with pytest.raises(TransferError) as caught:
        parse_csv(data)
    assert caught.value.problems == [message]


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
