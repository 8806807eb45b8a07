"""A week's check-in: validation messages, text tidying, and the stored record."""

import json
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.entries import (
    NOTE_MAX_CHARS,
    PRACTICE_KEYS,
    RECORD_FIELDS,
    REFLECTION_MAX_CHARS,
    SKIPPED,
    EntryError,
    WeekEntry,
    clean_text,
    entry_from_record,
    entry_to_record,
    make_entry,
)
from lib.weeks import IsoWeek
from tests.conftest import EntryFactory, aware_datetimes, stamped_entry, week_entries

ALL_SEVEN = dict.fromkeys(PRACTICE_KEYS, 7)
CET = timezone(timedelta(hours=1))
IST = timezone(timedelta(hours=5, minutes=30))
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def test_make_entry_keeps_valid_values() -> None:
    ratings = {**ALL_SEVEN, "connection": 9, "space": 1, "self_love": 10}
    entry = make_entry(
        "2026-W48",
        ratings,
        {"presence": "Phones away at dinner."},
        "A good week.",
        "mystery",
    )
    assert entry.week == IsoWeek(2026, 48)
    assert entry.ratings == ratings
    assert entry.notes == {**dict.fromkeys(PRACTICE_KEYS, ""), "presence": "Phones away at dinner."}
    assert entry.reflection == "A good week."
    assert entry.focus == "mystery"
    assert (entry.created_at, entry.updated_at) == (None, None)


def test_make_entry_accepts_an_iso_week_object() -> None:
    assert make_entry(IsoWeek(2020, 53), ALL_SEVEN).week == IsoWeek(2020, 53)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (SKIPPED, None),
        (" Skipped ", None),
        ("SKIPPED", None),
        (1, 1),
        (10, 10),
        (7.0, 7),
        ("7", 7),
        (" 3 ", 3),
    ],
)
def test_rating_may_be_a_whole_number_or_skipped(value: object, expected: int | None) -> None:
    entry = make_entry("2026-W48", {**ALL_SEVEN, "mystery": value})
    assert entry.ratings["mystery"] == expected
    assert type(entry.ratings["mystery"]) is type(expected)


def test_skipped_practices_are_left_out_of_rated() -> None:
    entry = make_entry("2026-W48", {**ALL_SEVEN, "space": None, "mystery": SKIPPED})
    assert entry.rated == {"connection": 7, "associations": 7, "presence": 7, "self_love": 7}


BAD_INPUTS = [
    (
        {"ratings": {**ALL_SEVEN, "connection": 11}},
        "The rating for Emotional connection must be from 1 to 10, not 11.",
    ),
    ({"ratings": {**ALL_SEVEN, "connection": 0}}, "must be from 1 to 10, not 0."),
    (
        {"ratings": {**ALL_SEVEN, "presence": -1}},
        "The rating for Being present must be from 1 to 10, not -1.",
    ),
    ({"ratings": {**ALL_SEVEN, "presence": "-1"}}, "must be from 1 to 10, not -1."),
    ({"ratings": {**ALL_SEVEN, "presence": "11"}}, "must be from 1 to 10, not 11."),
    (
        {"ratings": {**ALL_SEVEN, "mystery": "abc"}},
        "The rating for A bit of mystery must be a whole number from 1 to 10 "
        "or “skipped”, not “abc”.",
    ),
    ({"ratings": {**ALL_SEVEN, "mystery": ""}}, "or “skipped”, not “”."),
    ({"ratings": {**ALL_SEVEN, "mystery": "7.5"}}, "not “7.5”"),
    (
        {"ratings": {**ALL_SEVEN, "space": 5.5}},
        "The rating for Creating space must be a whole number from 1 to 10.",
    ),
    ({"ratings": {**ALL_SEVEN, "space": float("nan")}}, "must be a whole number from 1 to 10."),
    ({"ratings": {**ALL_SEVEN, "space": [5]}}, "must be a whole number from 1 to 10."),
    (
        {"ratings": {**ALL_SEVEN, "self_love": True}},
        "The rating for Self-love must be a number from 1 to 10.",
    ),
    ({"ratings": {**ALL_SEVEN, "self_love": False}}, "Self-love must be a number from 1 to 10."),
    (
        {"ratings": {key: 7 for key in PRACTICE_KEYS if key != "self_love"}},
        "Rate Self-love or mark it skipped.",
    ),
    ({"ratings": {**ALL_SEVEN, "kindness": 7}}, "“kindness” is not one of the six practices."),
    ({"notes": {"kindness": "hi"}}, "“kindness” is not one of the six practices."),
    (
        {"notes": {"connection": "x" * (NOTE_MAX_CHARS + 1)}},
        "The note on Emotional connection is 2,001 characters long; the limit is 2,000. "
        "Please shorten it.",
    ),
    (
        {"reflection": "x" * (REFLECTION_MAX_CHARS + 1)},
        "The reflection is 10,001 characters long; the limit is 10,000.",
    ),
    (
        {"notes": {"self_love": "tea\x00time"}},
        "The note on Self-love contains an invisible control character (U+0000).",
    ),
    (
        {"notes": {"space": "a\x1b[31mred"}},
        "note on Creating space contains an invisible control character (U+001B)",
    ),
    (
        {"reflection": "bell\x07"},
        "The reflection contains an invisible control character (U+0007).",
    ),
    ({"reflection": "del\x7f!"}, "(U+007F)"),
    ({"notes": {"presence": 42}}, "The note on Being present must be text."),
    ({"reflection": ["a list"]}, "The reflection must be text."),
    (
        {"focus": "kindness"},
        "The focus for the coming week: “kindness” is not one of the six practices.",
    ),
    ({"focus": "self-love"}, "“self-love” is not one of the six practices."),
    ({"focus": 3}, "“3” is not one of the six practices."),
    ({"week": "2026-W54"}, "2026-W54 is not a real week: 2026 has weeks 1 to 53."),
    ({"week": "next week"}, "“next week” is not a week."),
    ({"week": ""}, "No week was given"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_INPUTS)
def test_make_entry_explains_each_bad_input(changes: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"week": "2026-W48", "ratings": ALL_SEVEN, **changes}
    with pytest.raises(EntryError) as caught:
        make_entry(**arguments)  # type: ignore[arg-type]
    assert len(caught.value.problems) == 1, caught.value.problems
    assert message in caught.value.problems[0]
    assert message in str(caught.value)


@pytest.mark.parametrize("value", ["--1", "²", "1²"])
def test_rating_text_that_looks_numeric_gets_the_plain_words_message(value: str) -> None:
    with pytest.raises(EntryError) as caught:
        make_entry("2026-W48", {**ALL_SEVEN, "connection": value})
    assert "The rating for Emotional connection must be" in str(caught.value)
    assert "invalid literal" not in str(caught.value)


def test_make_entry_reports_every_problem_at_once() -> None:
    ratings = {key: 7 for key in PRACTICE_KEYS if key != "space"}
    with pytest.raises(EntryError) as caught:
        make_entry(
            "2025-W53",
            {**ratings, "connection": 11, "presence": "abc"},
            {"mystery": "\x00"},
            "x" * (REFLECTION_MAX_CHARS + 1),
            "kindness",
        )
    problems = caught.value.problems
    expected = [
        "2025 has weeks 1 to 52",
        "Emotional connection must be from 1 to 10, not 11",
        "Being present must be a whole number",
        "Rate Creating space or mark it skipped",
        "note on A bit of mystery contains an invisible control character",
        "The reflection is 10,001 characters long",
        "The focus for the coming week",
    ]
    assert len(problems) == len(expected), problems
    for fragment in expected:
        assert sum(fragment in problem for problem in problems) == 1, fragment


def test_entry_error_is_a_value_error_carrying_its_problems() -> None:
    error = EntryError(["First.", "Second."])
    assert isinstance(error, ValueError)
    assert str(error) == "First. Second."
    assert error.problems == ["First.", "Second."]


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("  line one\r\nline two\r\n  ", "line one\nline two"),
        ("old mac\rline", "old mac\nline"),
        ("\n\n  padded  \n\t", "padded"),
        ("tabs\tinside\tstay", "tabs\tinside\tstay"),
        ("", ""),
        (None, ""),
    ],
)
def test_notes_and_reflection_are_tidied(raw: str | None, tidy: str) -> None:
    entry = make_entry("2026-W48", ALL_SEVEN, {"presence": raw}, raw)
    assert entry.notes["presence"] == tidy
    assert entry.reflection == tidy


def test_length_limit_counts_the_tidied_text() -> None:
    note = "x" * NOTE_MAX_CHARS + "   \r\n"
    entry = make_entry("2026-W48", ALL_SEVEN, {"connection": note}, "y" * REFLECTION_MAX_CHARS)
    assert len(entry.notes["connection"]) == NOTE_MAX_CHARS
    assert len(entry.reflection) == REFLECTION_MAX_CHARS


@pytest.mark.parametrize("focus", [None, ""])
def test_no_focus_is_stored_as_none(focus: str | None) -> None:
    assert make_entry("2026-W48", ALL_SEVEN, focus=focus).focus is None


def test_record_holds_every_practice_with_skipped_spelled_out(entry_factory: EntryFactory) -> None:
    entry = entry_factory(ratings={**ALL_SEVEN, "space": None}, notes={"space": "Away."})
    record = entry_to_record(
        entry.stamped(
            datetime(2026, 11, 24, 20, 15, tzinfo=CET), datetime(2026, 11, 25, 8, 0, tzinfo=CET)
        )
    )
    assert record == {
        "week": "2026-W48",
        "ratings": {**ALL_SEVEN, "space": "skipped"},
        "notes": {**dict.fromkeys(PRACTICE_KEYS, ""), "space": "Away."},
        "reflection": "",
        "focus": None,
        "created_at": "2026-11-24T20:15:00+01:00",
        "updated_at": "2026-11-25T08:00:00+01:00",
    }


def test_record_round_trip_keeps_timestamps_and_their_offsets(entry_factory: EntryFactory) -> None:
    created = datetime(2026, 11, 24, 20, 15, 3, 120_000, tzinfo=IST)
    updated = datetime(2026, 11, 30, 23, 59, tzinfo=NEW_YORK_WINTER)
    entry = entry_factory(
        ratings={**ALL_SEVEN, "mystery": None},
        notes={"mystery": "Kept a surprise.\nTwo lines."},
        reflection="Calm.",
        focus="space",
    ).stamped(created, updated)
    back = entry_from_record(json.loads(json.dumps(entry_to_record(entry))))
    assert back == entry
    assert back.created_at is not None
    assert back.updated_at is not None
    assert back.created_at.utcoffset() == timedelta(hours=5, minutes=30)
    assert back.updated_at.utcoffset() == timedelta(hours=-5)


def good_record() -> dict[str, object]:
    return {
        "week": "2026-W48",
        "ratings": {**ALL_SEVEN, "space": "skipped"},
        "notes": dict.fromkeys(PRACTICE_KEYS, ""),
        "reflection": "",
        "focus": None,
        "created_at": "2026-11-24T20:15:00+01:00",
        "updated_at": "2026-11-24T20:15:00+01:00",
    }


def test_good_record_reads_back() -> None:
    entry = entry_from_record(good_record())
    assert entry.week == IsoWeek(2026, 48)
    assert entry.ratings["space"] is None
    assert entry.created_at == datetime(2026, 11, 24, 20, 15, tzinfo=CET)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"created_at": "2026-11-24T20:15:00"},
            "The created time “2026-11-24T20:15:00” has no time zone; write it like 2026-11-24T",
        ),
        (
            {"updated_at": "2026-11-24 20:15"},
            "The updated time “2026-11-24 20:15” has no time zone; write it like 2026-11-24T",
        ),
        ({"created_at": None}, "The created time is missing."),
        ({"updated_at": 1764011700}, "The updated time must be written as text"),
        ({"updated_at": None}, "The updated time is missing."),
        (
            {"created_at": "last Tuesday"},
            "The created time “last Tuesday” is not a date and time like 2026-11-24T20:15",
        ),
        ({"ratings": [7, 7, 7, 7, 7, 7]}, "The entry for 2026-W48 has no ratings or notes."),
        ({"notes": "none"}, "has no ratings or notes"),
        ({"ratings": {**ALL_SEVEN, "presence": 11}}, "present must be from 1 to 10, not 11"),
        ({"week": "2026-W99"}, "2026-W99 is not a real week"),
        ({"focus": "kindness"}, "“kindness” is not one of the six practices"),
    ],
)
def test_entry_from_record_rejects_damaged_records(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(EntryError) as caught:
        entry_from_record({**good_record(), **changes})
    assert message in str(caught.value)


@pytest.mark.parametrize("record", [["2026-W48"], "2026-W48", None, 7])
def test_entry_from_record_rejects_non_objects(record: object) -> None:
    with pytest.raises(EntryError, match=r"An entry is not a JSON object\."):
        entry_from_record(record)  # type: ignore[arg-type]


def test_entry_from_record_without_week_names_it_unknown() -> None:
    record = good_record()
    del record["week"], record["ratings"]
    with pytest.raises(EntryError, match=r"The entry for \? has no ratings or notes."):
        entry_from_record(record)


@given(week_entries(), aware_datetimes(), aware_datetimes())
def test_any_valid_entry_survives_record_and_json_round_trip(
    entry: WeekEntry, created: datetime, updated: datetime
) -> None:
    stamped = entry.stamped(created, updated)
    back = entry_from_record(json.loads(json.dumps(entry_to_record(stamped))))
    assert back == stamped
    assert back.created_at is not None
    assert back.updated_at is not None
    assert back.created_at.utcoffset() == created.utcoffset()
    assert back.updated_at.utcoffset() == updated.utcoffset()


@given(week_entries())
def test_make_entry_leaves_clean_input_unchanged(entry: WeekEntry) -> None:
    rebuilt = make_entry(str(entry.week), entry.ratings, entry.notes, entry.reflection, entry.focus)
    assert rebuilt == entry


@given(st.text(max_size=40))
def test_a_control_character_is_refused_exactly_when_unicode_calls_it_one(text: str) -> None:
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    controls = [c for c in cleaned if c not in "\n\t" and unicodedata.category(c) == "Cc"]
    if controls:
        with pytest.raises(ValueError, match=f"U\\+{ord(controls[0]):04X}"):
            clean_text(text, 100, "note")
    else:
        assert clean_text(text, 100, "note") == cleaned


def test_record_fields_name_every_field_an_entry_is_stored_with() -> None:
    # A backup's other fields are reported as unknown: the two lists must not drift apart.
    assert tuple(entry_to_record(stamped_entry())) == RECORD_FIELDS
