"""Hostile input through the pages: refused with a plain message, never run, never markup.

Every case checks that the page raises nothing, says what it should in plain
words, leaves the data file alone when nothing is saved, and that a saved note
comes back byte for byte and is only ever shown with st.text.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from lib import transfer
from lib.checkin import widget_key
from lib.entries import NOTE_MAX_CHARS, PRACTICE_KEYS, REFLECTION_MAX_CHARS, make_entry
from lib.settings import make_settings
from lib.weeks import IsoWeek
from tests.apptest import THIS_WEEK, Closer, open_notes, rate_all

CHECK_IN = "pages/check-in.py"
DATA = "pages/data.py"
LAST_WEEK = THIS_WEEK.shifted(-1)
# Elements whose text Streamlit renders as Markdown: user text must never land in one.
MARKDOWN_KINDS = (
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "info",
    "warning",
    "error",
    "success",
    "toast",
)
HEADER = "week,connection,associations,presence,mystery,space,self_love"
MB = 1024 * 1024


def rendered_as_markdown(at: AppTest) -> list[str]:
    """The text of every element on the page that Streamlit renders as Markdown."""
    return [str(element.value) for kind in MARKDOWN_KINDS for element in getattr(at, kind)]


def messages(at: AppTest) -> str:
    """Every error, warning and success on the page, Markdown escapes removed."""
    found = [*at.error, *at.warning, *at.success]
    return "\n".join(str(element.value) for element in found).replace("\\", "")


def seed_last_week(closer: Closer) -> bytes:
    """A diary with one saved week; returns the file's bytes."""
    closer.diary().save_entry(make_entry(LAST_WEEK, dict.fromkeys(PRACTICE_KEYS, 6)))
    return closer.db_path.read_bytes()


def stored_record(closer: Closer, week=THIS_WEEK) -> dict[str, object]:
    """The entry exactly as the data file holds it."""
    raw = json.loads(closer.db_path.read_text(encoding="utf-8"))
    return raw["entries"][str(week.doc_id)]


def save(at: AppTest) -> AppTest:
    return at.button(key="save").click().run()


def upload(at: AppTest, label_start: str, name: str, data: bytes, mime: str) -> AppTest:
    uploader = next(item for item in at.file_uploader if item.label.startswith(label_start))
    uploader.set_value((name, data, mime))
    return at.run()


# Notes that look like code or markup, or are unusual Unicode: saved as typed, shown as text.

HOSTILE_NOTES = {
    "script tag": "<script>alert(1)</script>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "markdown javascript link": "[click](javascript:alert(1))",
    "markdown and streamlit markup": "**bold** _it_ `code` $x^2$ :red[red] ![i](x.png)\n# heading",
    "right-to-left with RLO": "שלום \u202eexe.txt\u202c مرحبا بالعالم",
    "emoji and combining characters": (
        "👩\u200d❤️\u200d👨 🫶🏽 🏳️\u200d🌈 👍🏿 "
        "e\u0301 n\u0303 Z\u0351\u0352\u0353\u0354 a\u0308\u0308"
    ),
}


def test_hostile_notes_are_saved_byte_for_byte_and_shown_only_as_text(closer: Closer) -> None:
    # One check-in carries them all: one per practice note, every one in the reflection.
    texts = list(HOSTILE_NOTES.values())
    notes = dict(zip(PRACTICE_KEYS, texts, strict=True))
    reflection = "\n".join(texts)
    at = open_notes(rate_all(closer.open(CHECK_IN)))
    for key, text in notes.items():
        at.text_area(key=widget_key(THIS_WEEK, "note", key)).input(text)
    at.text_area(key=widget_key(THIS_WEEK, "reflection")).input(reflection)
    save(at.run())
    assert not at.exception
    assert any(f"Saved your check-in for {THIS_WEEK}" in item.value for item in at.success)

    record = stored_record(closer)
    for key, text in notes.items():
        assert record["notes"][key].encode("utf-8") == text.encode("utf-8"), key
    assert record["reflection"].encode("utf-8") == reflection.encode("utf-8")
    assert closer.diary().get_entry(THIS_WEEK).notes == notes

    reopened = closer.open(CHECK_IN)
    for key, text in notes.items():
        assert reopened.text_area(key=widget_key(THIS_WEEK, "note", key)).value == text
    assert reopened.text_area(key=widget_key(THIS_WEEK, "reflection")).value == reflection
    shown = [at, reopened, closer.open()]
    for key, text in notes.items():
        practice = closer.open_url(key.replace("_", "-"))
        assert [item.value for item in practice.text] == [text], key
        shown.append(practice)
    for page in shown:
        assert not page.exception
        markdown = rendered_as_markdown(page)
        assert not [text for text in texts if any(text in value for value in markdown)]


# Control characters: refused with the character named, the form kept, the file untouched.

CONTROL_CASES = [
    ("note", "ding\x07dong", "U+0007"),
    ("note", "\x1b[31mred\x1b[0m", "U+001B"),
    ("reflection", "before\x00after", "U+0000"),
    ("reflection", "next\x85line", "U+0085"),
]


@pytest.mark.parametrize(
    ("field", "text", "code"), CONTROL_CASES, ids=["BEL", "ESC", "NUL", "C1 NEL"]
)
def test_control_characters_are_refused_by_name_and_nothing_is_written(
    closer: Closer, field: str, text: str, code: str
) -> None:
    before = seed_last_week(closer)
    at = open_notes(rate_all(closer.open(CHECK_IN)))
    key = widget_key(THIS_WEEK, field, "space" if field == "note" else "")
    at.text_area(key=key).input(text)
    save(at.run())
    assert not at.exception
    assert f"invisible control character ({code})" in messages(at)
    assert any("Not saved" in error.value for error in at.error)
    assert at.text_area(key=key).value == text, "the form keeps what was typed"
    assert closer.db_path.read_bytes() == before


# Text longer than the limit: a megabyte sent straight to the server (what set_value
# does, as a hand-made WebSocket message would) is refused with its length and the
# limit, nothing is stored, and the form keeps it to be shortened. (A paste in the
# browser goes the same way: test_browser_hostile.py.)

LONG_CASES = [
    ("note", "mystery", "The note on A bit of mystery", NOTE_MAX_CHARS),
    ("reflection", "", "The reflection", REFLECTION_MAX_CHARS),
]


@pytest.mark.parametrize(
    ("field", "practice", "what", "limit"), LONG_CASES, ids=["note", "reflection"]
)
def test_a_megabyte_of_text_is_refused_with_the_limit_and_never_stored(
    closer: Closer, field: str, practice: str, what: str, limit: int
) -> None:
    pasted = "0123456789abcdef" * (MB // 16)
    at = open_notes(rate_all(closer.open(CHECK_IN)))
    key = widget_key(THIS_WEEK, field, practice)
    at.text_area(key=key).set_value(pasted)
    save(at.run())
    assert not at.exception
    assert f"{what} is {MB:,} characters long; the limit is {limit:,}." in messages(at)
    assert closer.diary().get_entry(THIS_WEEK) is None
    assert at.text_area(key=key).value == pasted, "the form keeps what was typed"


def test_a_note_over_the_limit_in_an_imported_csv_is_refused_with_the_limit(
    closer: Closer,
) -> None:
    # The import is where a user's over-long text reaches Closer's own length check.
    before = seed_last_week(closer)
    data = f"{HEADER},mystery_note\n2026-W40,5,5,5,5,5,5,{'y' * 100_000}\n".encode()
    at = upload(closer.open(DATA), "Import", "long.csv", data, "text/csv")
    assert not at.exception
    too_long = "The note on A bit of mystery is 100,000 characters long; the limit is 2,000."
    assert too_long in messages(at)
    assert not [button for button in at.button if button.key == "import_confirm"]
    assert closer.db_path.read_bytes() == before


def test_a_megabyte_cell_in_a_csv_is_refused_with_the_row(closer: Closer) -> None:
    before = seed_last_week(closer)
    data = f"{HEADER},mystery_note\n2026-W40,5,5,5,5,5,5,{'y' * MB}\n".encode()
    at = upload(closer.open(DATA), "Import", "huge-cell.csv", data, "text/csv")
    assert not at.exception
    assert "Row 2: the file stops being readable CSV here" in messages(at)
    assert closer.db_path.read_bytes() == before


# ?week= in the address: anything there is explained and the current week is shown.


@pytest.mark.parametrize(
    ("requested", "message"),
    [
        ("../../etc/passwd", "“../../etc/passwd” is not a week."),
        ("x" * 10_000, "“" + "x" * 40 + "” is not a week."),
        ("2026-W53", "2026-W53 has not started yet."),
        ("2025-W53", "2025-W53 is not a real week: 2025 has weeks 1 to 52."),
        ("\x00", "is not a week."),
        ("%00", "“%00” is not a week."),
        ("0000-W01", "0 is not a year Closer can use (it keeps weeks from 1900 to 2199)."),
        ("9999-W52", "9999 is not a year Closer can use (it keeps weeks from 1900 to 2199)."),
        ("2026-W48\n<b>x</b>", "is not a week."),
    ],
    ids=[
        "path-traversal",
        "10000-chars",
        "2026-W53-valid-but-future",
        "2025-W53-does-not-exist",
        "NUL",
        "percent-00-undecoded",
        "year-0",
        "last-week-of-9999",
        "newline-html",
    ],
)
def test_a_hostile_week_in_the_url_is_explained_briefly_and_this_week_is_shown(
    closer: Closer, requested: str, message: str
) -> None:
    at = closer.open(CHECK_IN, week=requested)
    assert not at.exception
    # The message is Markdown-escaped; compare what the user reads.
    warnings = [re.sub(r"\\(.)", r"\1", warning.value) for warning in at.warning]
    assert len(warnings) == 1
    assert message in warnings[0]
    assert len(warnings[0]) < 300, "a long value is quoted only in part"
    assert at.selectbox(key="week_picker").value == str(THIS_WEEK)
    assert "week" not in at.query_params
    assert not closer.db_path.exists()


def test_a_markdown_link_in_the_week_parameter_is_not_rendered_as_a_link(
    closer: Closer,
) -> None:
    at = closer.open(CHECK_IN, week="[Sign in again](https://evil.example)")
    assert not at.exception
    assert at.warning
    assert not any("](" in value for value in rendered_as_markdown(at))


def test_the_first_week_of_year_one_in_the_url_does_not_crash_the_page(closer: Closer) -> None:
    at = closer.open(CHECK_IN, week="0001-W01")
    assert not at.exception


# Uploads: a million rows, over the size cap, a JSON nesting bomb.


def test_a_csv_of_a_million_rows_is_refused_at_the_row_cap(closer: Closer) -> None:
    # Two bytes a row keeps a million rows (2 MB) under the 5 MB upload cap.
    before = seed_last_week(closer)
    data = HEADER.encode() + b"\n" + b"a\n" * 1_000_000
    at = upload(closer.open(DATA), "Import", "million.csv", data, "text/csv")
    assert not at.exception
    assert transfer.TOO_MANY_WEEKS in messages(at)
    assert not [button for button in at.button if button.key == "import_confirm"]
    assert closer.db_path.read_bytes() == before


def test_a_million_full_rows_are_refused_at_the_size_cap(closer: Closer) -> None:
    before = seed_last_week(closer)
    data = HEADER.encode() + b"\n" + b"2026-W40,5,5,5,5,5,5\n" * 1_000_000
    at = upload(closer.open(DATA), "Import", "million-full.csv", data, "text/csv")
    assert not at.exception
    assert "larger than the 5 MB Closer imports." in messages(at)
    assert closer.db_path.read_bytes() == before


def backup_with(field: str, value: str) -> bytes:
    """A backup with Closer's layout whose one entry holds `value` (raw JSON) as `field`."""
    text = json.dumps(
        {
            "meta": {"1": {"app": "closer", "schema_version": 1}},
            "entries": {
                str(THIS_WEEK.doc_id): {
                    "week": str(THIS_WEEK),
                    "ratings": dict.fromkeys(PRACTICE_KEYS, 5),
                    "notes": dict.fromkeys(PRACTICE_KEYS, ""),
                    "reflection": "",
                    "focus": None,
                    "created_at": "2026-11-24T20:15:00+01:00",
                    "updated_at": "2026-11-24T20:15:00+01:00",
                    field: "DEEP",
                }
            },
        }
    )
    return text.replace('"DEEP"', value).encode()


def deep_backup(depth: int, field: str) -> bytes:
    """A backup whose entry holds `field` nested `depth` lists deep."""
    return backup_with(field, "[" * depth + "]" * depth)


BOMBS = {
    "brackets": (b"[" * 1_000_000, "nested too deeply"),
    "objects": (b'{"a":' * 500_000, "nested too deeply"),
    "deep focus 100k": (deep_backup(100_000, "focus"), "nested too deeply"),
    # Shallow enough to parse: then the entry is named (its value quoted, or "nested too deeply").
    "deep focus 900": (deep_backup(900, "focus"), "The entry stored under 202648"),
    "deep week 900": (deep_backup(900, "week"), "The entry stored under 202648"),
    "deep reflection 900": (deep_backup(900, "reflection"), "The reflection must be text."),
}


@pytest.mark.parametrize(("data", "message"), BOMBS.values(), ids=BOMBS.keys())
def test_a_json_nesting_bomb_is_refused_and_nothing_changes(
    closer: Closer, data: bytes, message: str
) -> None:
    before = seed_last_week(closer)
    at = upload(closer.open(DATA), "Restore", "bomb.json", data, "application/json")
    assert not at.exception
    assert message in messages(at)
    assert "This file cannot be used. Nothing was changed." in messages(at)
    assert not [button for button in at.button if button.key == "restore_confirm"]
    assert closer.db_path.read_bytes() == before


def test_a_backup_with_a_megabyte_note_is_refused_with_the_limit(closer: Closer) -> None:
    before = seed_last_week(closer)
    data = backup_with("reflection", json.dumps("z" * MB))
    at = upload(closer.open(DATA), "Restore", "long.json", data, "application/json")
    assert not at.exception
    assert "The reflection is 1,048,576 characters long; the limit is 10,000." in messages(at)
    assert closer.db_path.read_bytes() == before


# Imported weeks the pages cannot draw.


@pytest.mark.parametrize("week", ["1676-W01", "9999-W52"])
def test_an_imported_week_of_a_year_closer_does_not_keep_is_refused_by_its_year(
    closer: Closer, week: str
) -> None:
    before = seed_last_week(closer)
    data = f"{HEADER}\n{week},5,5,5,5,5,5\n".encode()
    at = upload(closer.open(DATA), "Import", "far.csv", data, "text/csv")
    assert not at.exception
    year = int(week[:4])
    assert f"{year} is not a year Closer can use (it keeps weeks from 1900 to 2199)." in messages(
        at
    )
    assert not [button for button in at.button if button.key == "import_confirm"]
    assert closer.db_path.read_bytes() == before


def test_an_imported_week_in_the_first_year_closer_keeps_never_breaks_a_page(
    closer: Closer,
) -> None:
    data = f"{HEADER}\n1900-W01,5,5,5,5,5,5\n".encode()
    at = upload(closer.open(DATA), "Import", "far.csv", data, "text/csv")
    at.button(key="import_confirm").click().run()
    assert not at.exception
    assert [entry.week for entry in closer.diary().snapshot().entries] == [IsoWeek(1900, 1)]
    assert not closer.open().exception
    assert not closer.open(CHECK_IN).exception
    assert not closer.open_url("mystery").exception


# The partner's name is escaped for Markdown; a placeholder is plain text.


def test_a_partner_name_with_punctuation_reads_as_typed_in_the_note_placeholders(
    closer: Closer,
) -> None:
    closer.diary().save_settings(make_settings("Anne-Marie", "she"))
    at = open_notes(closer.open(CHECK_IN))
    placeholders = [area.placeholder for area in at.text_area]
    assert any("Anne-Marie" in text for text in placeholders)
    assert not any("\\" in text for text in placeholders)
