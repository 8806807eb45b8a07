"""What replacing a saved week with a file's version changes, said field by field."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from lib.entries import PRACTICE_KEYS
from lib.week_changes import QUOTE_MAX_CHARS, week_changes
from tests.conftest import stamped_entry

TITLES = {
    "connection": "Emotional connection",
    "associations": "Positive associations",
    "presence": "Being present",
    "mystery": "A bit of mystery",
    "space": "Creating space",
    "self_love": "Self-love",
}


def test_a_changed_rating_names_the_practice_and_both_numbers() -> None:
    saved = stamped_entry(rating=6)
    incoming = replace(saved, ratings={**saved.ratings, "presence": 9})
    changes = week_changes(saved, incoming, TITLES)
    assert changes.week == saved.week
    assert changes.changed == ("Being present: 6 → 9",)


def test_a_skipped_practice_is_called_skipped() -> None:
    saved = stamped_entry(rating=6)
    incoming = replace(saved, ratings={**saved.ratings, "space": None})
    assert week_changes(saved, incoming, TITLES).changed == ("Creating space: 6 → skipped",)


def test_a_spreadsheets_rewrite_of_a_short_note_is_quoted_old_and_new() -> None:
    saved = stamped_entry(notes={"connection": "007", "mystery": "12:30"})
    incoming = replace(saved, notes={**saved.notes, "connection": "7", "mystery": "12:30:00"})
    assert week_changes(saved, incoming, TITLES).changed == (
        "Emotional connection's note: “007” → “7”",
        "A bit of mystery's note: “12:30” → “12:30:00”",
    )


def test_a_long_note_is_only_said_to_have_changed() -> None:
    long = "a" * (QUOTE_MAX_CHARS + 1)
    saved = stamped_entry(notes={"space": long})
    incoming = replace(saved, notes={**saved.notes, "space": long + "!"})
    assert week_changes(saved, incoming, TITLES).changed == ("Creating space's note changed",)


def test_what_the_files_version_would_empty_is_said_to_be_emptied() -> None:
    saved = stamped_entry(notes={"mystery": "a surprise"}, reflection="A good week.", focus="space")
    incoming = replace(saved, notes={**saved.notes, "mystery": ""}, reflection="", focus=None)
    changes = week_changes(saved, incoming, TITLES)
    assert changes.changed == (
        "A bit of mystery's note would be emptied",
        "The reflection would be emptied",
        "Focus: Creating space → none",
    )


def test_added_text_and_a_new_focus_are_said() -> None:
    saved = stamped_entry()
    incoming = replace(saved, reflection="Written later.", focus="self_love")
    changes = week_changes(saved, incoming, TITLES)
    assert changes.changed == ("The reflection is added", "Focus: none → Self-love")


@given(
    st.lists(st.sampled_from([None, *range(1, 11)]), min_size=6, max_size=6),
    st.lists(st.sampled_from([None, *range(1, 11)]), min_size=6, max_size=6),
)
def test_one_line_per_changed_rating_in_practice_order(
    old: list[int | None], new: list[int | None]
) -> None:
    saved = stamped_entry(ratings=dict(zip(PRACTICE_KEYS, old, strict=True)))
    incoming = replace(saved, ratings=dict(zip(PRACTICE_KEYS, new, strict=True)))
    changed = week_changes(saved, incoming, TITLES).changed
    expected = [TITLES[key] for key, a, b in zip(PRACTICE_KEYS, old, new, strict=True) if a != b]
    assert [line.split(":")[0] for line in changed] == expected
    assert not any(key in line for line in changed for key in ("self_love", "presence"))
