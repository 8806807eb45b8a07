"""The CSV files: round trips, the formula guard, the export, what an import accepts or refuses."""

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.csv_files import (
    CSV_COLUMNS,
    ENCRYPTED_NOT_IMPORTED,
    FORMULA_STARTS,
    SAMPLE_CELL,
    SAMPLE_NOT_IMPORTED,
    chosen_weeks_filename,
    export_csv,
    export_filename,
    export_tidy_csv,
    guard_formula,
    parse_csv,
    tidy_filename,
    unguard_formula,
)
from lib.encrypted_file import Kdf, derive_key, seal
from lib.entries import NOTE_MAX_CHARS, PRACTICE_KEYS, WeekEntry
from lib.transfer import MAX_PROBLEMS, MAX_WEEKS, TransferError
from lib.weeks import IsoWeek
from tests.conftest import aware_datetimes, diaries, stamped_entry

BOM = b"\xef\xbb\xbf"
HEADER = ",".join(CSV_COLUMNS)


def by_week(entries: list[WeekEntry]) -> list[WeekEntry]:
    return sorted(entries, key=lambda entry: entry.week)


# Round trips.


@settings(max_examples=60, deadline=None)
@given(diaries(st.none() | aware_datetimes()))
def test_any_diary_survives_csv_export_and_import(entries: list[WeekEntry]) -> None:
    back = parse_csv(export_csv(entries))
    assert back == [replace(entry, created_at=None) for entry in by_week(entries)]
    for before, after in zip(by_week(entries), back, strict=True):
        offset = before.updated_at and before.updated_at.utcoffset()
        assert (after.updated_at and after.updated_at.utcoffset()) == offset


@given(st.text())
def test_the_formula_guard_is_undone_exactly(text: str) -> None:
    guarded = guard_formula(text)
    assert unguard_formula(guarded) == text
    assert not guarded.startswith(FORMULA_STARTS)


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
        "Row 2, column “mystery”: The rating for A bit of mystery must be from 1 to 10, not 11.",
    ),
    (
        "rating abc",
        csv_file(self_love="abc"),
        "Row 2, column “self_love”: The rating for Self-love must be a whole number "
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
        "Row 2, column “mystery_note”: The note on A bit of mystery is 2,001 characters long; "
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
        "Row 2, column “space_note”: The note on Creating space contains an invisible control "
        "character (U+0000).",
    ),
    (
        "row too wide",
        csv_file().rstrip() + b",extra\r\n",
        "Row 2 has 18 cells, but the first row names 17 columns.",
    ),
    ("row too short", f"{HEADER}\r\n2026-W48,,7\r\n".encode(), "Row 2 has 3 cells"),
    ("UTF-16", b"\xff\xfew\x00e\x00e\x00k\x00", "The file is not UTF-8 text (it is UTF-16)."),
    ("an image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file is a PNG image."),
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
        "Row 2, column “connection”: The rating for Emotional connection must be "
        "from 1 to 10, not 0.",
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


# File names.


def test_file_names_carry_the_date() -> None:
    assert export_filename(date(2026, 11, 24)) == "closer-entries-2026-11-24.csv"
    assert tidy_filename(date(2026, 11, 24)) == "closer-entries-tidy-2026-11-24.csv"
    assert chosen_weeks_filename(date(2026, 11, 24)) == "closer-entries-chosen-2026-11-24.csv"
    assert chosen_weeks_filename(date(2026, 11, 24), sample=True) == (
        "closer-sample-entries-chosen-2026-11-24.csv"
    )


def test_sample_file_names_say_sample() -> None:
    assert export_filename(date(2026, 11, 24), sample=True) == (
        "closer-sample-entries-2026-11-24.csv"
    )
    assert tidy_filename(date(2026, 11, 24), sample=True) == (
        "closer-sample-entries-tidy-2026-11-24.csv"
    )


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"PK\x03\x04\x14\x00 workbook", "diary.xlsx", "an Excel workbook (.xlsx)"),
        (b"PK\x03\x04\x14\x00 workbook", "Diary.ODS", "a LibreOffice or OpenOffice spreadsheet"),
        (b"PK\x03\x04\x14\x00 workbook", "", "a zip archive or a spreadsheet workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "an Excel 97–2003 workbook (.xls)"),
        (b"%PDF-1.7\n", "diary.pdf", "a PDF document"),
    ],
)
def test_a_workbook_or_document_is_named_and_what_closer_imports_said(
    data: bytes, name: str, kind: str
) -> None:
    with pytest.raises(TransferError) as caught:
        parse_csv(data, name=name)
    [problem] = caught.value.problems
    assert problem.startswith(f"This file is {kind}")
    assert "Closer imports CSV files saved as UTF-8" in problem
    assert problem.endswith("save it as “CSV UTF-8” and import that file.")


def test_other_binary_data_is_called_not_a_csv() -> None:
    with pytest.raises(TransferError) as caught:
        parse_csv(b"week,space\x00\x01\x02\x03\x04")
    [problem] = caught.value.problems
    assert problem.startswith("This is not a CSV file (it looks like binary data).")
    assert "save it as “CSV UTF-8”" in problem


def test_a_file_over_the_limit_says_its_size_and_the_limit() -> None:
    with pytest.raises(TransferError) as caught:
        parse_csv(b"week\n" + b"x" * 2_000, max_bytes=1_024)
    assert caught.value.problems == ["The file is 2 KB, larger than the 1 KB Closer imports."]


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


def test_an_encrypted_backup_is_named_and_sent_to_restore() -> None:
    key = derive_key("correct horse battery staple", Kdf(n=2**4, r=8, p=1, salt=b"s" * 16))
    sealed = seal(export_csv([stamped_entry()]), key)
    with pytest.raises(TransferError) as caught:
        parse_csv(sealed, name="closer-backup-2026-11-24-2015.encrypted.json")
    assert caught.value.problems == [ENCRYPTED_NOT_IMPORTED]
    assert "encrypted Closer backup" in ENCRYPTED_NOT_IMPORTED
    assert "“Restore a backup”" in ENCRYPTED_NOT_IMPORTED
