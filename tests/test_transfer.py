"""What an import decides: its limits and refusals, and the preview of which weeks change."""

from dataclasses import replace
from datetime import timedelta

import pytest

from lib import transfer
from lib.entries import PRACTICE_KEYS
from lib.transfer import (
    MAX_PROBLEMS,
    TransferError,
    check_size,
    decode_text,
    preview,
    refuse_future_weeks,
    same_content,
    to_write,
)
from tests.conftest import START, stamped_entry


def test_a_long_list_of_problems_is_cut_short() -> None:
    error = TransferError([f"Problem {number}." for number in range(1, MAX_PROBLEMS + 4)])
    assert error.problems[:2] == ["Problem 1.", "Problem 2."]
    assert len(error.problems) == MAX_PROBLEMS + 1
    assert error.problems[-1] == "…and 3 more problems."
    assert str(error) == "\n".join(error.problems)


def test_a_problem_quoting_a_huge_value_is_shortened() -> None:
    assert len(TransferError(["x" * 10_000]).problems[0]) == transfer.MAX_PROBLEM_CHARS


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
    assert to_write(result) == [fresh]
    assert to_write(result, {changed.week}) == [
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
    assert to_write(result, {stamped_entry().week}) == []


def test_only_the_differing_weeks_picked_are_replaced() -> None:
    saved = [stamped_entry("2026-W46"), stamped_entry("2026-W47"), stamped_entry("2026-W48")]
    changed = [replace(entry, reflection="edited in a spreadsheet") for entry in saved]
    result = preview(changed, saved)
    assert [old.week for old, _ in result.differing] == [entry.week for entry in saved]
    picked = {saved[0].week, saved[2].week}
    assert [entry.week for entry in to_write(result, picked)] == sorted(picked)
    # A week that is new, or identical, is never "replaced" by being picked.
    assert to_write(preview([saved[1]], saved), {saved[1].week}) == []


# Reading an upload.


@pytest.mark.parametrize(
    ("size", "cap", "message"),
    [
        (3 * 1024 * 1024, 2 * 1024 * 1024, "The file is 3 MB, larger than the 2 MB Closer reads."),
        (1_536, 1_024, "The file is 1.5 KB, larger than the 1 KB Closer reads."),
        (600, 500, "The file is 600 bytes, larger than the 500 bytes Closer reads."),
    ],
)
def test_a_file_over_the_cap_is_refused_with_both_sizes(size: int, cap: int, message: str) -> None:
    with pytest.raises(TransferError) as caught:
        check_size(b"x" * size, cap, "reads")
    assert caught.value.problems == [message]
    check_size(b"x" * cap, cap, "reads")  # exactly at the cap is fine


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"\xff\xfe", "Not UTF-8."), (b"\xef\xbb\xbf \r\n\t", "The file is empty.")],
    ids=["not-utf8", "only-a-bom-and-blanks"],
)
def test_an_upload_without_text_is_refused(data: bytes, problem: str) -> None:
    with pytest.raises(TransferError) as caught:
        decode_text(data, "Not UTF-8.")
    assert caught.value.problems == [problem]


def test_an_upload_reads_as_text_without_its_bom() -> None:
    assert decode_text("\ufeffweek,café\n".encode(), "Not UTF-8.") == "week,café\n"


def test_weeks_that_have_not_started_are_refused_by_name() -> None:
    today = START.date()  # in 2026-W48
    refuse_future_weeks([stamped_entry("2026-W47"), stamped_entry("2026-W48")], today)
    with pytest.raises(TransferError) as caught:
        refuse_future_weeks(
            [stamped_entry("2027-W02"), stamped_entry("2026-W48"), stamped_entry("2026-W49")],
            today,
        )
    assert caught.value.problems == [
        "2026-W49 has not started yet; Closer keeps weeks up to this one.",
        "2027-W02 has not started yet; Closer keeps weeks up to this one.",
    ]


@pytest.mark.parametrize(
    ("count", "words"),
    [(300, "300 bytes"), (1536, "1.5 KB"), (2048, "2 KB"), (5 * transfer.MB, "5 MB")],
)
def test_a_size_is_said_in_bytes_kb_or_mb(count: int, words: str) -> None:
    assert transfer.size_words(count) == words
