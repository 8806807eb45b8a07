"""The check-in page: rate, skip, note, save, reload, edit, pick a week."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from lib.checkin import widget_key
from lib.entries import PRACTICE_KEYS, make_entry
from lib.storage import SaveError
from tests.apptest import THIS_WEEK, Closer

PAGE = "pages/check_in.py"
LAST_WEEK = THIS_WEEK.shifted(-1)
UNSAVED = "You have unsaved changes."


def rate(at: AppTest, week, practice: str, value: int) -> None:
    at.slider(key=widget_key(week, "rating", practice)).set_value(value)


def save(at: AppTest) -> AppTest:
    return at.button(key="save").click().run()


def test_new_week_starts_blank_and_saves_what_the_user_set(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert at.selectbox(key="week_picker").value == str(THIS_WEEK)
    assert [slider.value for slider in at.slider] == [5] * 6
    for value, practice in enumerate(PRACTICE_KEYS, start=3):
        rate(at, THIS_WEEK, practice, value)
    at.toggle(key=widget_key(THIS_WEEK, "skip", "space")).set_value(True)
    at.text_area(key=widget_key(THIS_WEEK, "note", "mystery")).input("Told a new story ✨")
    at.text_area(key=widget_key(THIS_WEEK, "reflection")).input("A calm week.")
    save(at.run())

    assert not at.exception
    assert any(str(THIS_WEEK) in success.value for success in at.success)
    saved = closer.diary().get_entry(THIS_WEEK)
    assert saved is not None
    assert saved.ratings == {
        "connection": 3,
        "associations": 4,
        "presence": 5,
        "mystery": 6,
        "space": None,
        "self_love": 8,
    }
    assert saved.notes["mystery"] == "Told a new story ✨"
    assert saved.reflection == "A calm week."


def test_reopening_loads_the_saved_week_and_says_it_is_an_edit(closer: Closer) -> None:
    ratings = dict.fromkeys(PRACTICE_KEYS, 7) | {"presence": None}
    closer.diary().save_entry(make_entry(THIS_WEEK, ratings, {"connection": "Long talk"}))

    at = closer.open(PAGE)
    assert at.slider(key=widget_key(THIS_WEEK, "rating", "connection")).value == 7
    assert at.toggle(key=widget_key(THIS_WEEK, "skip", "presence")).value is True
    assert at.slider(key=widget_key(THIS_WEEK, "rating", "presence")).disabled
    assert at.text_area(key=widget_key(THIS_WEEK, "note", "connection")).value == "Long talk"
    assert any("editing" in info.value for info in at.info)


def test_editing_replaces_the_week_and_keeps_one_entry(closer: Closer) -> None:
    first = closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 4)))
    at = closer.open(PAGE)
    rate(at, THIS_WEEK, "connection", 9)
    save(at.run())

    entries = closer.diary().list_entries()
    assert len(entries) == 1
    assert entries[0].ratings["connection"] == 9
    assert entries[0].ratings["presence"] == 4
    assert entries[0].created_at == first.created_at
    raw = json.loads(closer.db_path.read_text(encoding="utf-8"))
    assert list(raw["entries"]) == [str(THIS_WEEK.doc_id)]


def test_saving_keeps_a_focus_chosen_earlier(closer: Closer) -> None:
    ratings = dict.fromkeys(PRACTICE_KEYS, 5)
    closer.diary().save_entry(make_entry(THIS_WEEK, ratings, focus="mystery"))
    at = closer.open(PAGE)
    rate(at, THIS_WEEK, "space", 2)
    save(at.run())
    assert closer.diary().get_entry(THIS_WEEK).focus == "mystery"


def test_query_parameter_opens_an_earlier_week(closer: Closer) -> None:
    closer.diary().save_entry(make_entry("2026-W40", dict.fromkeys(PRACTICE_KEYS, 2)))
    at = closer.open(PAGE, week="2026-W40")
    assert at.selectbox(key="week_picker").value == "2026-W40"
    assert at.slider(key=widget_key(THIS_WEEK.parse("2026-W40"), "rating", "mystery")).value == 2


@pytest.mark.parametrize(
    ("requested", "message"),
    [
        ("2026-W60", "not a real week"),
        ("<script>alert(1)</script>", "is not a week"),
        ("2027-W05", "has not started yet"),
    ],
)
def test_bad_week_in_the_url_explains_and_shows_this_week(
    closer: Closer, requested: str, message: str
) -> None:
    at = closer.open(PAGE, week=requested)
    assert not at.exception
    assert any(message in warning.value for warning in at.warning)
    assert at.selectbox(key="week_picker").value == str(THIS_WEEK)
    assert "week" not in at.query_params
    rate(at, THIS_WEEK, "space", 3)
    assert not at.run().warning, "the warning is said once, not on every rerun"


def test_week_picker_switches_week_and_url(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert str(THIS_WEEK.shifted(1)) not in at.selectbox(key="week_picker").options
    at.selectbox(key="week_picker").select(str(LAST_WEEK)).run()
    assert at.query_params["week"] == str(LAST_WEEK)
    assert at.selectbox(key="week_picker").value == str(LAST_WEEK)
    rate(at, LAST_WEEK, "presence", 9)
    save(at.run())
    assert closer.diary().get_entry(LAST_WEEK).ratings["presence"] == 9
    assert closer.diary().get_entry(THIS_WEEK) is None


def test_last_weeks_rating_is_shown_beside_each_practice(closer: Closer) -> None:
    ratings = dict.fromkeys(PRACTICE_KEYS, 6) | {"space": None}
    closer.diary().save_entry(make_entry(LAST_WEEK, ratings))
    at = closer.open(PAGE)
    captions = [caption.value for caption in at.caption]
    assert "Last week: 6" in captions
    assert "Last week: skipped" in captions


def test_unsaved_changes_are_flagged_and_survive_a_page_switch(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert UNSAVED not in [caption.value for caption in at.caption]
    rate(at, THIS_WEEK, "associations", 9)
    at.text_area(key=widget_key(THIS_WEEK, "note", "space")).input("An evening out")
    at.run()
    assert UNSAVED in [caption.value for caption in at.caption]

    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert at.slider(key=widget_key(THIS_WEEK, "rating", "associations")).value == 9
    assert at.text_area(key=widget_key(THIS_WEEK, "note", "space")).value == "An evening out"
    assert closer.diary().get_entry(THIS_WEEK) is None


def test_invalid_note_is_refused_with_a_message_and_the_form_is_kept(closer: Closer) -> None:
    at = closer.open(PAGE)
    rate(at, THIS_WEEK, "connection", 8)
    at.text_area(key=widget_key(THIS_WEEK, "note", "presence")).input("bad \x00 byte")
    save(at.run())
    assert any("control character" in error.value for error in at.error)
    assert at.slider(key=widget_key(THIS_WEEK, "rating", "connection")).value == 8
    assert not closer.db_path.exists()


def test_write_failure_says_so_and_keeps_the_form(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    closer.diary().save_entry(make_entry(LAST_WEEK, dict.fromkeys(PRACTICE_KEYS, 3)))
    before = closer.db_path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise SaveError("Could not save: the disk is full. Nothing in the diary was changed.")

    monkeypatch.setattr("lib.storage.Diary.save_entry", refuse)
    at = closer.open(PAGE)
    rate(at, THIS_WEEK, "mystery", 10)
    save(at.run())
    assert any("disk is full" in error.value for error in at.error)
    assert at.slider(key=widget_key(THIS_WEEK, "rating", "mystery")).value == 10
    assert closer.db_path.read_bytes() == before


def test_unreadable_data_file_is_explained_and_never_written(closer: Closer) -> None:
    closer.db_path.write_bytes(b'{"entries": {"202648": {"week": "2026-W4')
    before = closer.db_path.read_bytes()
    for page in ("", PAGE):
        at = closer.open(page)
        assert not at.exception
        assert any(str(closer.db_path) in error.value for error in at.error)
        assert not at.slider, "no form is offered while the file cannot be read"
    assert closer.db_path.read_bytes() == before


def test_editing_a_past_week_names_the_earlier_week_instead_of_last_week(closer: Closer) -> None:
    two_back = THIS_WEEK.shifted(-2)
    closer.diary().save_entry(make_entry(two_back, dict.fromkeys(PRACTICE_KEYS, 4)))
    at = closer.open(PAGE, week=str(LAST_WEEK))
    captions = [caption.value for caption in at.caption]
    assert f"{two_back}: 4" in captions
    assert not any(caption.startswith("Last week") for caption in captions)


def test_last_weeks_focus_is_shown_with_how_it_moved(closer: Closer) -> None:
    ratings = dict.fromkeys(PRACTICE_KEYS, 6) | {"mystery": 4}
    closer.diary().save_entry(make_entry(LAST_WEEK, ratings, focus="mystery"))
    at = closer.open(PAGE)
    rate(at, THIS_WEEK, "mystery", 7)
    at.run()
    focus_notes = [info.value for info in at.info if "your focus since" in info.value]
    assert focus_notes == [f"**A bit of mystery, your focus since {LAST_WEEK}:** 4 then, 7 now."]


def test_chosen_focus_is_saved_and_the_suggestion_is_marked(closer: Closer) -> None:
    for offset, mystery in ((2, 7), (1, 3)):
        ratings = dict.fromkeys(PRACTICE_KEYS, 8) | {"mystery": mystery}
        closer.diary().save_entry(make_entry(THIS_WEEK.shifted(-offset), ratings))
    at = closer.open(PAGE)
    picker = at.selectbox(key=widget_key(THIS_WEEK, "focus"))
    assert picker.value == ""
    assert "🔮 A bit of mystery (suggested)" in picker.options
    picker.set_value("space").run()
    assert UNSAVED in [caption.value for caption in at.caption]
    save(at)
    assert closer.diary().get_entry(THIS_WEEK).focus == "space"


def test_deleting_a_week_removes_it_keeps_a_copy_and_clears_the_form(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 9)))
    at = closer.open(PAGE)
    at.button(key="delete_week").click().run()
    assert not at.exception
    assert closer.diary().get_entry(THIS_WEEK) is None
    assert [copy.reason for copy in closer.diary().safety_copies()] == ["delete-week"]
    assert at.slider(key=widget_key(THIS_WEEK, "rating", "connection")).value == 5
    assert any(f"Deleted the check-in for {THIS_WEEK}" in item.value for item in at.success)


def test_each_slider_shows_what_a_1_a_5_and_a_10_mean(closer: Closer) -> None:
    from lib.content import load_practices

    captions = [caption.value for caption in closer.open(PAGE).caption]
    for practice in load_practices():
        assert f"**1** · {practice.scale.low}" in captions
        assert f"**5** · {practice.scale.mid}" in captions
        assert f"{practice.scale.high} · **10**" in captions
