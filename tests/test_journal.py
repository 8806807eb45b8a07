"""The journal's search, marks and filters."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib import journal
from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.journal import Filters, fold, marked, query_words, select

TITLES = {key: key.replace("_", " ").capitalize() for key in PRACTICE_KEYS}


def week(name: str, note: str = "", reflection: str = "", rating: int | None = 5) -> WeekEntry:
    notes = dict.fromkeys(PRACTICE_KEYS, "")
    notes["connection"] = note
    return make_entry(name, dict.fromkeys(PRACTICE_KEYS, rating), notes, reflection)


def shown(entries: list[WeekEntry], **filters: object) -> list[str]:
    """The weeks the journal shows for these filters, newest first."""
    chosen = select(journal.pages(entries), Filters(**filters), TITLES)  # type: ignore[arg-type]
    return [str(entry.week) for entry in chosen.weeks]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("creme brulee", "Crème brûlée"),
        ("zurich", "Zürich"),
        ("ZURICH", "zürich"),
        ("strasse", "Straße"),
        ("fine", "ﬁne"),  # a ligature
        ("istanbul", "İstanbul"),
        ("didn't", "didn’t"),  # a typographic apostrophe
        ("שלום", "שָׁלוֹם"),  # Hebrew with its vowel points
        ("احمد", "أَحْمَد"),  # Arabic with a hamza and short vowels
        ("cafe", "cafe\u0301"),  # an accent typed as a combining mark
    ],
)
def test_case_accents_and_marks_do_not_count(typed: str, stored: str) -> None:
    assert query_words(typed)[0] in fold(stored)


def test_a_query_is_its_words_each_once_without_the_punctuation_around_them() -> None:
    assert query_words("  (River),  walk!  river “Zürich” -- ") == ("river", "walk", "zurich")
    assert query_words("don't") == ("don't",)  # inside a word, it stays
    assert query_words("?! …") == ()


def test_an_emoji_is_a_word_to_search_for() -> None:
    entries = [week("2026-W40", "swim 🌊"), week("2026-W41", "swim")]
    assert query_words("🌊️") == ("🌊",)  # the variation selector is a mark
    assert shown(entries, query="🌊") == ["2026-W40"]


@given(st.text())
def test_folding_a_text_folds_each_of_its_characters(text: str) -> None:
    assert fold(text) == "".join(fold(char) for char in text)


def test_every_word_is_required_in_any_order_and_any_field() -> None:
    entries = [
        week("2026-W40", "a walk by the river"),
        week("2026-W41", "walked home", reflection="the river was high"),
        week("2026-W42", "river only"),
        week("2026-W43", "walk only"),
    ]
    assert shown(entries, query="river walk") == ["2026-W41", "2026-W40"]
    assert shown(entries, query="walk river") == ["2026-W41", "2026-W40"]


def test_a_word_matches_inside_a_longer_one() -> None:
    assert shown([week("2026-W40", "we walked")], query="walk") == ["2026-W40"]


def test_a_word_never_spans_two_notes() -> None:
    notes = dict.fromkeys(PRACTICE_KEYS, "")
    notes["connection"], notes["associations"] = "river", "walk"
    entry = make_entry("2026-W40", dict.fromkeys(PRACTICE_KEYS, 5), notes)
    assert shown([entry], query="riverwalk") == []
    assert shown([entry], query="river walk") == ["2026-W40"]


def test_marks_fall_on_the_typed_text_whatever_was_folded() -> None:
    segments = marked("We walked by the Crème brûlée stall", query_words("creme walk"))
    assert [(s.text, s.marked) for s in segments] == [
        ("We ", False),
        ("walk", True),
        ("ed by the ", False),
        ("Crème", True),
        (" brûlée stall", False),
    ]
    # A character that folds to two (ß -> ss) is marked whole.
    assert [(s.text, s.marked) for s in marked("Straße", ("ss",))] == [
        ("Stra", False),
        ("ß", True),
        ("e", False),
    ]


@given(st.text(), st.lists(st.text(min_size=1), max_size=3))
def test_the_marked_runs_put_back_together_are_the_text(text: str, words: list[str]) -> None:
    segments = marked(text, [fold(word) for word in words if fold(word)])
    assert "".join(segment.text for segment in segments) == text


def test_a_hostile_note_is_found_and_kept_as_typed() -> None:
    hostile = "<img src=x onerror=alert(1)> **bold** [link](javascript:x)"
    entries = [week("2026-W40", hostile)]
    assert shown(entries, query="onerror") == ["2026-W40"]
    assert "".join(s.text for s in marked(hostile, query_words("onerror"))) == hostile


def test_right_to_left_text_is_found_and_marked() -> None:
    entries = [week("2026-W40", "הלכנו לים בשבת"), week("2026-W41", "مشينا على الشاطئ")]
    assert shown(entries, query="לים") == ["2026-W40"]
    assert shown(entries, query="الشاطئ") == ["2026-W41"]
    assert [s.text for s in marked("הלכנו לים בשבת", ("לים",)) if s.marked] == ["לים"]


def test_weeks_come_newest_first() -> None:
    entries = [week("2026-W41"), week("2025-W52"), week("2026-W01")]
    assert shown(entries) == ["2026-W41", "2026-W01", "2025-W52"]


def test_a_practice_filters_by_its_rating_and_leaves_out_its_skips() -> None:
    entries = [
        week("2026-W40", rating=3),
        week("2026-W41", rating=4),
        week("2026-W42", rating=5),
        week("2026-W43", rating=None),
    ]
    assert shown(entries, practice="presence", highest=4) == ["2026-W41", "2026-W40"]
    assert shown(entries, practice="presence", lowest=5) == ["2026-W42"]


def test_a_date_span_keeps_weeks_that_overlap_it() -> None:
    entries = [week("2026-W18"), week("2026-W19"), week("2026-W23")]  # W18: 27 Apr - 3 May
    may = {"since": date(2026, 5, 1), "until": date(2026, 5, 31)}
    assert shown(entries, **may) == ["2026-W19", "2026-W18"]
    assert shown(entries, since=date(2026, 5, 4)) == ["2026-W23", "2026-W19"]
    assert shown(entries, until=date(2026, 5, 3)) == ["2026-W18"]


def test_notes_only_leaves_out_weeks_with_no_words() -> None:
    entries = [week("2026-W40"), week("2026-W41", reflection="calm"), week("2026-W42", "hi")]
    assert shown(entries, notes_only=True) == ["2026-W42", "2026-W41"]


def test_the_filters_combine() -> None:
    entries = [
        week("2026-W18", "river walk", rating=3),
        week("2026-W19", "river walk", rating=8),
        week("2026-W30", "river walk", rating=2),
    ]
    assert shown(
        entries, query="river", practice="presence", highest=4, until=date(2026, 6, 1)
    ) == ["2026-W18"]


def test_no_match_says_which_filter_left_nothing() -> None:
    entries = [week("2026-W18", "river walk", rating=8), week("2026-W19", "river", rating=9)]
    pages = journal.pages(entries)

    def why(**filters: object) -> str | None:
        return select(pages, Filters(**filters), TITLES).why_none  # type: ignore[arg-type]

    assert why(query="sea") == "No week matches: none of your 2 weeks contain “sea”."
    assert why(query="river", practice="presence", highest=4) == (
        "No week matches: 2 weeks contain “river”, but they do not have Presence at 4 or lower."
    )
    assert why(query="walk", since=date(2026, 6, 1)) == (
        "No week matches: 1 week contains “walk”, but it does not fall on or after 1 June 2026."
    )
    assert why(query="river", notes_only=True) is None
    assert why() is None


def test_one_week_in_the_diary_is_spoken_of_as_one() -> None:
    pages = journal.pages([week("2026-W18")])
    why = select(pages, Filters(query="sea"), TITLES).why_none
    assert why == "No week matches: your one week does not contain “sea”."


@pytest.mark.parametrize(
    ("lowest", "highest", "words"),
    [
        (1, 10, "at any rating"),
        (1, 4, "at 4 or lower"),
        (7, 10, "at 7 or higher"),
        (3, 6, "from 3 to 6"),
        (5, 5, "at 5"),
    ],
)
def test_a_rating_span_in_words(lowest: int, highest: int, words: str) -> None:
    assert journal.rating_span(lowest, highest) == words


def test_an_empty_diary_has_nothing_to_explain() -> None:
    chosen = select((), Filters(query="sea"), TITLES)
    assert (chosen.pages, chosen.total, chosen.why_none) == ((), 0, None)
