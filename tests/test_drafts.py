"""Unsaved check-in drafts: their file beside the diary, the record, damaged files."""

import errno
import json
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import atomic
from lib.drafts import (
    Draft,
    DraftError,
    apply_draft,
    change_drafts,
    checked,
    draft_from_record,
    draft_to_record,
    drafts_path,
    read_drafts,
    write_drafts,
)
from lib.encrypted_file import Kdf, derive_key
from lib.entries import PRACTICE_KEYS, SKIPPED
from lib.weeks import IsoWeek
from tests.conftest import START, form_drafts

WEEK = IsoWeek(2026, 48)


def a_draft(week: IsoWeek = WEEK, **changes: Any) -> Draft:
    """A draft half filled in: connection 8, space skipped, the rest not rated yet."""
    fields: dict[str, Any] = {
        "week": week,
        "ratings": {**dict.fromkeys(PRACTICE_KEYS), "connection": 8, "space": SKIPPED},
        "notes": {**dict.fromkeys(PRACTICE_KEYS, ""), "mystery": "  Café ☕, half typed\n"},
        "reflection": "So far ",
        "focus": "presence",
        "kept_at": START,
    }
    return Draft(**(fields | changes))


# Where drafts live.


@pytest.mark.parametrize(
    ("diary", "drafts"),
    [
        ("closer.json", "closer.drafts.json"),
        ("data/closer.json", "data/closer.drafts.json"),
        ("my.diary.json", "my.diary.drafts.json"),
        ("closer", "closer.drafts.json"),
    ],
)
def test_drafts_live_in_a_file_beside_the_diary(tmp_path: Path, diary: str, drafts: str) -> None:
    assert drafts_path(tmp_path / diary) == tmp_path / drafts
    assert drafts_path(tmp_path / diary) != tmp_path / diary


# The record.


def test_record_keeps_every_practice_and_the_time_kept() -> None:
    assert draft_to_record(a_draft()) == {
        "week": "2026-W48",
        "ratings": {**dict.fromkeys(PRACTICE_KEYS), "connection": 8, "space": "skipped"},
        "notes": {**dict.fromkeys(PRACTICE_KEYS, ""), "mystery": "  Café ☕, half typed\n"},
        "reflection": "So far ",
        "focus": "presence",
        "kept_at": "2026-11-24T20:15:00+01:00",
    }


def test_a_draft_missing_some_practices_is_kept_with_them_not_rated() -> None:
    sparse = a_draft(ratings={"connection": 3}, notes={})
    record = draft_to_record(sparse)
    assert record["ratings"] == {**dict.fromkeys(PRACTICE_KEYS), "connection": 3}
    assert record["notes"] == dict.fromkeys(PRACTICE_KEYS, "")
    assert draft_from_record(record).ratings == record["ratings"]


@settings(max_examples=60, deadline=None)
@given(draft=form_drafts())
def test_any_draft_a_form_makes_survives_its_record(draft: Draft) -> None:
    record = json.loads(json.dumps(draft_to_record(draft), ensure_ascii=False))
    back = draft_from_record(record)
    assert back == draft
    assert back.kept_at.utcoffset() == draft.kept_at.utcoffset()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drafts=st.lists(form_drafts(), max_size=4, unique_by=lambda draft: draft.week))
def test_any_drafts_a_form_makes_survive_the_file(tmp_path: Path, drafts: list[Draft]) -> None:
    path = tmp_path / "closer.drafts.json"
    kept = {draft.week: draft for draft in drafts}
    write_drafts(path, kept)
    assert read_drafts(path) == kept


def test_the_file_is_readable_text_with_one_draft_per_week(tmp_path: Path) -> None:
    path = tmp_path / "closer.drafts.json"
    later = IsoWeek(2026, 49)
    write_drafts(path, {later: a_draft(later), WEEK: a_draft()})
    raw = path.read_bytes()
    assert "Café ☕".encode() in raw, "text is stored readable, not \\u-escaped"
    assert list(json.loads(raw)["drafts"]) == ["2026-W48", "2026-W49"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "private to the owner, like the diary"


# Records and files Closer cannot read.


def valid_record() -> dict[str, Any]:
    return draft_to_record(a_draft())


def changed(**fields: object) -> dict[str, Any]:
    return valid_record() | fields


def without(name: str) -> dict[str, Any]:
    record = valid_record()
    del record[name]
    return record


def rating(value: object) -> dict[str, Any]:
    record = valid_record()
    record["ratings"]["presence"] = value
    return record


def note(value: object) -> dict[str, Any]:
    record = valid_record()
    record["notes"]["presence"] = value
    return record


BAD_RECORDS = {
    "not an object": (["2026-W48"], "not a JSON object"),
    "null": (None, "not a JSON object"),
    "no week": (without("week"), "bad week or time"),
    "week is not a week": (changed(week="soon"), "bad week or time"),
    "week 54": (changed(week="2026-W54"), "bad week or time"),
    "week as a number": (changed(week=202648), "bad week or time"),
    "no time": (without("kept_at"), "bad week or time"),
    "time is null": (changed(kept_at=None), "bad week or time"),
    "time is not a time": (changed(kept_at="yesterday"), "bad week or time"),
    "no ratings": (without("ratings"), "has no ratings or notes"),
    "ratings not an object": (changed(ratings=[8, 5]), "has no ratings or notes"),
    "notes not an object": (changed(notes="hello"), "has no ratings or notes"),
    "rating 0": (rating(0), "a rating Closer cannot read"),
    "rating 11": (rating(11), "a rating Closer cannot read"),
    "rating as text": (rating("7"), "a rating Closer cannot read"),
    "rating true": (rating(True), "a rating Closer cannot read"),
    "rating 7.5": (rating(7.5), "a rating Closer cannot read"),
    "rating skip": (rating("skip"), "a rating Closer cannot read"),
    "note a number": (note(5), "a note that is not text"),
    "note null": (note(None), "a note that is not text"),
    "reflection not text": (changed(reflection=["a"]), "reflection or focus"),
    "unknown focus": (changed(focus="kindness"), "reflection or focus"),
    "focus a number": (changed(focus=3), "reflection or focus"),
}


@pytest.mark.parametrize(("record", "message"), BAD_RECORDS.values(), ids=BAD_RECORDS)
def test_a_record_that_is_not_a_draft_is_refused(record: object, message: str) -> None:
    with pytest.raises(DraftError, match=message):
        draft_from_record(record)


def test_the_valid_record_the_bad_ones_start_from_is_read() -> None:
    assert draft_from_record(valid_record()) == a_draft()


def file_of(drafts: object) -> bytes:
    return json.dumps({"drafts": drafts}).encode()


BAD_FILES = {
    "empty": (b"", "not valid JSON"),
    "cut short": (file_of({"2026-W48": valid_record()})[:-9], "not valid JSON"),
    "not UTF-8": (b'{"drafts": {}}\xff', "not valid JSON"),
    "nested too deeply": (b"[" * 100_000, "not valid JSON"),
    "a list": (b"[]", "not a Closer drafts file"),
    "a string": (b'"drafts"', "not a Closer drafts file"),
    "no drafts": (b"{}", "not a Closer drafts file"),
    "the diary itself": (b'{"entries": {}, "meta": {}}', "not a Closer drafts file"),
    "drafts a list": (file_of([valid_record()]), "not a Closer drafts file"),
    "one bad draft": (
        file_of({"2026-W47": changed(week="2026-W47"), "2026-W48": rating(11)}),
        "a rating Closer cannot read",
    ),
    "a draft not an object": (file_of({"2026-W48": "draft"}), "not a JSON object"),
}


@pytest.mark.parametrize(("raw", "message"), BAD_FILES.values(), ids=BAD_FILES)
def test_a_damaged_drafts_file_is_refused_and_left_alone(
    tmp_path: Path, raw: bytes, message: str
) -> None:
    path = tmp_path / "closer.drafts.json"
    path.write_bytes(raw)
    with pytest.raises(DraftError, match=message):
        read_drafts(path)
    assert path.read_bytes() == raw


def test_no_drafts_file_means_no_drafts(tmp_path: Path) -> None:
    assert read_drafts(tmp_path / "closer.drafts.json") == {}


def test_a_drafts_file_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "closer.drafts.json"
    path.mkdir()
    with pytest.raises(DraftError, match="cannot be read"):
        read_drafts(path)


# Writing.


def test_writing_no_drafts_removes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "closer.drafts.json"
    write_drafts(path, {WEEK: a_draft()})
    write_drafts(path, {})
    assert not path.exists()
    write_drafts(path, {})  # and with no file there is nothing to do
    assert list(tmp_path.iterdir()) == []


def fail_with(code: int) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize("target", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    path = tmp_path / "closer.drafts.json"
    write_drafts(path, {WEEK: a_draft()})
    before = path.read_bytes()
    monkeypatch.setattr(atomic.os, target, fail_with(errno.ENOSPC))
    with pytest.raises(OSError, match="No space left"):
        write_drafts(path, {WEEK: a_draft(reflection="More")})
    monkeypatch.undo()
    assert [item.name for item in tmp_path.iterdir()] == ["closer.drafts.json"]
    assert path.read_bytes() == before


# A draft is checked before it is written, as an entry is.


@pytest.mark.parametrize(
    "change",
    [
        {"ratings": dict.fromkeys(PRACTICE_KEYS, 11)},
        {"ratings": dict.fromkeys(PRACTICE_KEYS, True)},
        {"focus": ""},
        {"notes": dict.fromkeys(PRACTICE_KEYS, 3)},
    ],
    ids=["rating 11", "rating True", "empty focus", "note not text"],
)
def test_a_draft_that_would_not_read_back_is_refused(change: dict[str, object]) -> None:
    draft = replace(a_draft(), **change)
    with pytest.raises(DraftError):
        checked(draft)


def test_a_good_draft_passes_the_check_unchanged() -> None:
    draft = a_draft()
    assert checked(draft) is draft


def test_applying_a_draft_says_whether_anything_changed() -> None:
    drafts: dict[IsoWeek, Draft] = {}
    assert apply_draft(drafts, WEEK, a_draft()) is True
    assert apply_draft(drafts, WEEK.shifted(-1), None) is False, "nothing there to remove"
    assert apply_draft(drafts, WEEK, None) is True
    assert drafts == {}
    assert apply_draft(drafts, None, None) is False
    drafts[WEEK] = a_draft()
    assert apply_draft(drafts, None, None) is True, "no week: every draft goes"
    assert drafts == {}


def test_changing_drafts_writes_the_file_and_removes_it_with_the_last_draft(
    tmp_path: Path,
) -> None:
    path = tmp_path / "closer.drafts.json"
    assert change_drafts(path, WEEK, a_draft(), START) is None
    assert read_drafts(path) == {WEEK: a_draft()}
    assert change_drafts(path, WEEK, None, START) is None
    assert not path.exists()


def test_changing_an_unreadable_drafts_file_sets_it_aside_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "closer.drafts.json"
    path.write_bytes(b"{not json")
    aside = change_drafts(path, WEEK, a_draft(), START)
    assert aside == tmp_path / "closer.drafts.unreadable-20261124-201500.json"
    assert aside.read_bytes() == b"{not json"
    assert read_drafts(path) == {WEEK: a_draft()}


def test_an_encrypted_diarys_drafts_are_sealed_with_its_key(tmp_path: Path) -> None:
    key = derive_key("correct horse battery staple", Kdf(n=2**4, r=8, p=1, salt=b"k" * 16))
    path = tmp_path / "closer.drafts.json"
    draft = a_draft(reflection="a walk by the canal")
    write_drafts(path, {draft.week: draft}, key)
    assert b"canal" not in path.read_bytes()
    assert read_drafts(path, key) == {draft.week: draft}
    with pytest.raises(DraftError, match="encrypted, and the diary is not"):
        read_drafts(path)
    other = derive_key("another passphrase", Kdf(n=2**4, r=8, p=1, salt=b"o" * 16))
    with pytest.raises(DraftError, match="encrypted and cannot be opened"):
        read_drafts(path, other)
