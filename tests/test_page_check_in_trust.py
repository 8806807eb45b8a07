"""The check-in never writes what the user did not mean: drafts and sealed sample data."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lib.checkin import widget_key
from lib.drafts import drafts_path, read_drafts
from lib.entries import PRACTICE_KEYS, make_entry
from lib.errors import SaveError
from tests.apptest import THIS_WEEK, Closer
from tests.test_page_check_in import PAGE, UNSAVED, ratings, save, status, write_note

LAST_WEEK = THIS_WEEK.shifted(-1)
SAMPLE_NOTE = "Talked properly on Sunday evening, phones off."


def move(at: AppTest, practice: str, value: int, week=THIS_WEEK) -> AppTest:
    """A slider move as the browser sends it (the draft callback runs)."""
    at.select_slider(key=widget_key(week, "rating", practice)).set_value(value)
    return at.run()


def has_block(at: AppTest, key: str) -> bool:
    try:
        at.container(key)
    except KeyError:
        return False
    return True


def go(at: AppTest, url_path: str) -> AppTest:
    """Move within this session to `/url_path` through app.py, as the sidebar does."""
    return at.switch_page(f"pages/{url_path or 'home'}.py").run()


def notes(at: AppTest, week=THIS_WEEK) -> dict[str, str]:
    return {
        key: str(at.session_state[widget_key(week, "note", key)])
        for key in PRACTICE_KEYS
        if widget_key(week, "note", key) in at.session_state
    }


# Drafts


def test_a_draft_is_kept_on_disk_and_comes_back_in_a_new_session(closer: Closer) -> None:
    at = move(closer.open(PAGE), "presence", 8)
    write_note(at, THIS_WEEK, "mystery", "Planned a surprise")
    drafts = read_drafts(drafts_path(closer.db_path))
    assert drafts[THIS_WEEK].ratings["presence"] == 8
    assert drafts[THIS_WEEK].notes["mystery"] == "Planned a surprise"
    assert not closer.db_path.exists(), "a draft is never a check-in"

    again = closer.open(PAGE)  # a reload, a new tab or a restarted server: a new session
    assert not again.exception
    assert "are back" in again.container("draft_notice").markdown[0].value
    assert again.select_slider(key=widget_key(THIS_WEEK, "rating", "presence")).value == 8
    assert again.text_area(key=widget_key(THIS_WEEK, "note", "mystery")).value == (
        "Planned a surprise"
    )
    assert UNSAVED in status(again)


def test_a_draft_is_never_counted_charted_or_exported(closer: Closer) -> None:
    move(closer.open(PAGE), "presence", 8)
    home = closer.open()
    assert home.container("empty_state"), "no check-in yet, whatever the drafts hold"
    assert list(closer.diary().snapshot().entries) == []
    assert json.loads(closer.diary().backup_json()).get("entries", {}) == {}


def test_saving_the_week_discards_its_draft(closer: Closer) -> None:
    at = move(closer.open(PAGE), "presence", 8)
    for key in PRACTICE_KEYS:
        move(at, key, 6)
    assert THIS_WEEK in read_drafts(drafts_path(closer.db_path))
    save(at)
    assert closer.diary().get_entry(THIS_WEEK).ratings["presence"] == 6
    assert not drafts_path(closer.db_path).exists()
    assert not has_block(closer.open(PAGE), "draft_notice")


def test_discarding_a_draft_goes_back_to_the_saved_week(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 4)))
    move(closer.open(PAGE), "space", 9)
    at = closer.open(PAGE)
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "space")).value == 9
    assert "the saved check-in" in at.container("draft_notice").markdown[0].value
    at.button(key="discard_draft").click().run()
    assert ratings(at) == [4] * 6
    assert not drafts_path(closer.db_path).exists()
    assert UNSAVED not in status(at)


def test_discard_changes_in_the_same_session_goes_back_to_what_is_saved(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 4)))
    at = closer.open(PAGE)
    assert not [button for button in at.button if button.key == "discard_changes"]
    write_note(move(at, "space", 9), THIS_WEEK, "space", "Not what I meant")
    at.button(key="discard_changes").click().run()
    assert ratings(at) == [4] * 6
    assert widget_key(THIS_WEEK, "note", "space") not in [area.key for area in at.text_area]
    assert not drafts_path(closer.db_path).exists()
    assert UNSAVED not in status(at)


def test_going_back_to_the_saved_values_drops_the_draft(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 4)))
    at = move(closer.open(PAGE), "space", 9)
    assert drafts_path(closer.db_path).exists()
    move(at, "space", 4)
    assert not drafts_path(closer.db_path).exists()


def test_a_damaged_drafts_file_never_blocks_the_diary(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(LAST_WEEK, dict.fromkeys(PRACTICE_KEYS, 5)))
    damaged = b'{"drafts": {"2026-W48": {"week": '
    drafts_path(closer.db_path).write_bytes(damaged)

    at = closer.open(PAGE)
    assert not at.exception
    assert any("could not read your unsaved drafts" in w.value for w in at.warning)
    move(at, "connection", 7)
    set_aside = list(closer.db_path.parent.glob("closer.drafts.unreadable-*.json"))
    assert [path.read_bytes() for path in set_aside] == [damaged], "kept, byte for byte"
    assert any(str(set_aside[0]) in warning.value for warning in at.warning)
    assert read_drafts(drafts_path(closer.db_path))[THIS_WEEK].ratings["connection"] == 7
    for key in PRACTICE_KEYS:
        move(at, key, 7)
    save(at)
    assert closer.diary().get_entry(THIS_WEEK).ratings == dict.fromkeys(PRACTICE_KEYS, 7)


def test_a_draft_that_cannot_be_written_is_said_and_the_form_is_kept(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise SaveError("Could not save: the disk is full.")

    monkeypatch.setattr("lib.diary.Diary.keep_draft", refuse)
    at = move(closer.open(PAGE), "connection", 3)
    assert any("could not be kept as a draft" in w.value for w in at.warning)
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "connection")).value == 3


# Sample mode, sealed both ways


def open_check_in(closer: Closer) -> AppTest:
    """The app on the check-in, with app.py's sample banner."""
    return closer.open_url("check-in")


def to_week(at: AppTest, week) -> AppTest:
    return at.selectbox(key="week_picker").select(str(week)).run()


def test_sample_values_never_reach_the_real_form_or_file(closer: Closer) -> None:
    """Regression: leaving sample data left its ratings and notes in the real form."""
    at = closer.open()
    at.button(key="explore_sample").click().run()
    at = to_week(go(at, "check-in"), LAST_WEEK)
    assert SAMPLE_NOTE in notes(at, LAST_WEEK).values(), "the sample's own note is there"
    move(at, "space", 2, week=LAST_WEEK)
    assert "the sample keeps no drafts" in status(at)
    assert UNSAVED not in status(at), "no draft is promised where none is written"
    at.button(key="save").click().run()
    said = [item.value for item in at.success]
    assert any(
        "Saved in the sample" in text and "never reaches your diary" in text for text in said
    )
    assert not any("Saved your check-in" in text for text in said)

    at.button(key="leave_sample").click().run()
    at = to_week(at, LAST_WEEK)
    assert not at.exception
    assert ratings(at, LAST_WEEK) == [None] * 6
    assert set(notes(at, LAST_WEEK).values()) <= {""}
    assert UNSAVED not in status(at)
    assert not at.success, "no one-shot message crosses over"
    assert not closer.db_path.exists()
    assert not drafts_path(closer.db_path).exists(), "sample mode never writes a draft"
    save(at)
    assert not closer.db_path.exists(), "the real form is untouched, so nothing is saved"


def test_real_unsaved_values_never_show_in_the_sample_and_come_back_after(
    closer: Closer,
) -> None:
    at = move(open_check_in(closer), "presence", 9)
    go(at, "")
    at.button(key="explore_sample").click().run()
    go(at, "check-in")
    assert at.button(key="leave_sample")
    assert ratings(at) == [None] * 6, "the sample has no check-in this week"
    assert not has_block(at, "draft_notice")

    at.button(key="leave_sample").click().run()
    go(at, "check-in")
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "presence")).value == 9
    assert has_block(at, "draft_notice"), "the real draft was kept on disk all along"
    assert not closer.db_path.exists()
