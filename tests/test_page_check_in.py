"""The check-in page: rate, skip, note, save, reload, edit, pick a week."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from lib.checkin import widget_key
from lib.content import load_practices
from lib.entries import PRACTICE_KEYS, make_entry
from lib.errors import SaveError
from lib.weeks import IsoWeek
from tests.apptest import THIS_WEEK, Closer, rate_all

PAGE = "pages/check-in.py"
LAST_WEEK = THIS_WEEK.shifted(-1)
TITLES = {practice.key: practice.title for practice in load_practices()}
UNSAVED = "unsaved changes kept as a draft on this computer"


def rate(at: AppTest, week: IsoWeek, practice: str, value: int | None) -> None:
    key = widget_key(week, "rating", practice)
    if value is None:
        # AppTest reads set_value(None) as "no change"; the stop itself is None.
        at.session_state[key] = None
    else:
        at.select_slider(key=key).set_value(value)


def ratings(at: AppTest, week: IsoWeek = THIS_WEEK) -> list[int | None]:
    return [at.select_slider(key=widget_key(week, "rating", key)).value for key in PRACTICE_KEYS]


def open_note(at: AppTest, week: IsoWeek, practice: str) -> AppTest:
    """Open a practice's note (what a click on "Note on …" does); its text area is drawn then."""
    at.session_state[widget_key(week, "note_open", practice)] = True
    return at.run()


def write_note(at: AppTest, week: IsoWeek, practice: str, text: str) -> AppTest:
    open_note(at, week, practice)
    at.text_area(key=widget_key(week, "note", practice)).input(text)
    return at.run()


def save(at: AppTest) -> AppTest:
    return at.button(key="save").click().run()


def status(at: AppTest) -> str:
    return at.container("save_bar").caption[0].value


def test_new_week_starts_not_rated_and_saves_only_what_the_user_set(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert at.selectbox(key="week_picker").value == str(THIS_WEEK)
    assert ratings(at) == [None] * 6, "an untouched slider is not a rating"
    for value, practice in enumerate(PRACTICE_KEYS, start=3):
        rate(at, THIS_WEEK, practice, value)
    at.toggle(key=widget_key(THIS_WEEK, "skip", "space")).set_value(True)
    write_note(at.run(), THIS_WEEK, "mystery", "Told a new story ✨")
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


def test_saving_an_untouched_form_stores_nothing_and_names_all_six(closer: Closer) -> None:
    """Regression: every slider started at 5, so an untouched form saved six made-up 5s."""
    at = save(closer.open(PAGE))
    assert not at.exception
    warning = at.container("unanswered").warning[0].value
    assert "Not saved yet" in warning
    assert all(title in warning for title in TITLES.values())
    assert at.button(key="skip_unanswered").label == "Skip all six and save"
    assert not closer.db_path.exists()
    assert ratings(at) == [None] * 6


def test_untouched_practices_are_named_and_skipped_only_when_the_user_says_so(
    closer: Closer,
) -> None:
    at = closer.open(PAGE)
    for practice in ("connection", "associations", "presence", "space"):
        rate(at, THIS_WEEK, practice, 5)
    at.toggle(key=widget_key(THIS_WEEK, "skip", "mystery")).set_value(True)
    save(at.run())
    warning = at.container("unanswered").warning[0].value
    assert "You have not rated Self-love." in warning
    assert "A bit of mystery" not in warning
    assert not closer.db_path.exists()

    assert at.button(key="skip_unanswered").label == "Skip Self-love and save"
    at.button(key="skip_unanswered").click().run()
    saved = closer.diary().get_entry(THIS_WEEK)
    assert saved is not None
    assert saved.ratings == {
        "connection": 5,
        "associations": 5,
        "presence": 5,
        "mystery": None,
        "space": 5,
        "self_love": None,
    }
    assert at.toggle(key=widget_key(THIS_WEEK, "skip", "self_love")).value is True


def test_a_chosen_5_is_saved_and_moving_back_to_not_rated_unrates(closer: Closer) -> None:
    at = rate_all(closer.open(PAGE), THIS_WEEK, 5)
    rate(at, THIS_WEEK, "space", None)
    save(at.run())
    assert "Creating space" in at.container("unanswered").warning[0].value
    rate(at, THIS_WEEK, "space", 5)
    save(at.run())
    assert closer.diary().get_entry(THIS_WEEK).ratings == dict.fromkeys(PRACTICE_KEYS, 5)


def test_the_status_beside_save_counts_rated_skipped_and_not_rated(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert status(at) == "Nothing rated yet"
    for practice in ("connection", "associations", "presence", "mystery"):
        rate(at, THIS_WEEK, practice, 7)
    at.toggle(key=widget_key(THIS_WEEK, "skip", "space")).set_value(True)
    at.run()
    assert status(at) == f"4 of 6 rated, 1 skipped, 1 not rated yet · {UNSAVED}"


def test_every_control_names_its_practice(closer: Closer) -> None:
    at = closer.open(PAGE)
    skips = [toggle.label for toggle in at.toggle]
    assert skips == [f"Skip {TITLES[key]} this week" for key in PRACTICE_KEYS]
    notes = [expander.label for expander in at.expander]
    assert notes == [f"Note on {TITLES[key]}" for key in PRACTICE_KEYS]
    for key in PRACTICE_KEYS:
        label = at.select_slider(key=widget_key(THIS_WEEK, "rating", key)).label
        assert label.startswith(f"{TITLES[key]}: your rating")


def test_each_slider_shows_its_1_and_10_in_a_few_words_and_names_them_in_full(
    closer: Closer,
) -> None:
    at = closer.open(PAGE)
    captions = [caption.value for caption in at.caption]
    for practice in load_practices():
        assert f"**1** {practice.scale.short_low} · **10** {practice.scale.short_high}" in captions
        label = at.select_slider(key=widget_key(THIS_WEEK, "rating", practice.key)).label
        assert practice.scale.low in label
        assert practice.scale.high in label


def test_a_note_opens_only_when_asked_or_when_it_has_text(closer: Closer) -> None:
    notes = {"presence": "Phones away at dinner"}
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 6), notes))
    at = closer.open(PAGE)
    drawn = [area.key for area in at.text_area]
    assert widget_key(THIS_WEEK, "note", "presence") in drawn
    assert widget_key(THIS_WEEK, "note", "mystery") not in drawn
    assert at.text_area(key=widget_key(THIS_WEEK, "note", "presence")).value == notes["presence"]
    open_note(at, THIS_WEEK, "mystery")
    area = at.text_area(key=widget_key(THIS_WEEK, "note", "mystery"))
    assert area.placeholder == next(p.prompts[0] for p in load_practices() if p.key == "mystery")


def test_reopening_loads_the_saved_week_and_says_it_is_an_edit(closer: Closer) -> None:
    ratings_ = dict.fromkeys(PRACTICE_KEYS, 7) | {"presence": None}
    closer.diary().save_entry(make_entry(THIS_WEEK, ratings_, {"connection": "Long talk"}))

    at = closer.open(PAGE)
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "connection")).value == 7
    assert at.toggle(key=widget_key(THIS_WEEK, "skip", "presence")).value is True
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "presence")).disabled
    assert at.text_area(key=widget_key(THIS_WEEK, "note", "connection")).value == "Long talk"
    assert any("Editing the check-in you saved" in caption.value for caption in at.caption)
    assert status(at) == "5 of 6 rated, 1 skipped"


def test_editing_replaces_the_week_and_keeps_one_entry(closer: Closer) -> None:
    first = closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 4)))
    at = closer.open(PAGE)
    rate(at, THIS_WEEK, "connection", 9)
    save(at.run())

    entries = list(closer.diary().snapshot().entries)
    assert len(entries) == 1
    assert entries[0].ratings["connection"] == 9
    assert entries[0].ratings["presence"] == 4
    assert entries[0].created_at == first.created_at
    raw = json.loads(closer.db_path.read_text(encoding="utf-8"))
    assert list(raw["entries"]) == [str(THIS_WEEK.doc_id)]


def test_saving_keeps_a_focus_chosen_earlier(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 5), focus="space"))
    at = closer.open(PAGE)
    rate(at, THIS_WEEK, "space", 2)
    save(at.run())
    assert closer.diary().get_entry(THIS_WEEK).focus == "space"


def test_query_parameter_opens_an_earlier_week(closer: Closer) -> None:
    closer.diary().save_entry(make_entry("2026-W40", dict.fromkeys(PRACTICE_KEYS, 2)))
    at = closer.open(PAGE, week="2026-W40")
    assert at.selectbox(key="week_picker").value == "2026-W40"
    assert ratings(at, IsoWeek.parse("2026-W40")) == [2] * 6


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
    save(rate_all(at, LAST_WEEK, 9))
    assert closer.diary().get_entry(LAST_WEEK).ratings["presence"] == 9
    assert closer.diary().get_entry(THIS_WEEK) is None


def test_last_weeks_rating_is_shown_beside_each_practice(closer: Closer) -> None:
    ratings_ = dict.fromkeys(PRACTICE_KEYS, 6) | {"space": None}
    closer.diary().save_entry(make_entry(LAST_WEEK, ratings_))
    at = closer.open(PAGE)
    captions = [caption.value for caption in at.caption]
    assert captions.count("Last week: 6") == 5
    assert "Last week: skipped" in captions
    assert ratings(at) == [None] * 6, "last week's numbers are shown, never copied in"


def test_unsaved_changes_are_flagged_and_survive_a_page_switch(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert UNSAVED not in status(at)
    rate(at, THIS_WEEK, "associations", 9)
    write_note(at.run(), THIS_WEEK, "space", "An evening out")
    assert UNSAVED in status(at)

    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "associations")).value == 9
    assert at.text_area(key=widget_key(THIS_WEEK, "note", "space")).value == "An evening out"
    assert closer.diary().get_entry(THIS_WEEK) is None


def test_invalid_note_is_refused_with_a_message_and_the_form_is_kept(closer: Closer) -> None:
    at = rate_all(closer.open(PAGE), THIS_WEEK, 8)
    save(write_note(at, THIS_WEEK, "presence", "bad \x00 byte"))
    assert any("control character" in error.value for error in at.error)
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "connection")).value == 8
    assert not closer.db_path.exists()


def test_write_failure_says_so_and_keeps_the_form(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    closer.diary().save_entry(make_entry(LAST_WEEK, dict.fromkeys(PRACTICE_KEYS, 3)))
    before = closer.db_path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise SaveError("Could not save: the disk is full. Nothing in the diary was changed.")

    monkeypatch.setattr("lib.diary.Diary.save_entry", refuse)
    at = save(rate_all(closer.open(PAGE), THIS_WEEK, 10))
    assert any("disk is full" in error.value for error in at.error)
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "mystery")).value == 10
    assert closer.db_path.read_bytes() == before


def test_unreadable_data_file_is_explained_and_never_written(closer: Closer) -> None:
    closer.db_path.write_bytes(b'{"entries": {"202648": {"week": "2026-W4')
    before = closer.db_path.read_bytes()
    for page in ("", PAGE):
        at = closer.open(page)
        assert not at.exception
        assert any(str(closer.db_path) in error.value for error in at.error)
        assert not at.select_slider, "no form is offered while the file cannot be read"
    assert closer.db_path.read_bytes() == before


def test_editing_a_past_week_names_the_earlier_week_instead_of_last_week(closer: Closer) -> None:
    two_back = THIS_WEEK.shifted(-2)
    closer.diary().save_entry(make_entry(two_back, dict.fromkeys(PRACTICE_KEYS, 4)))
    at = closer.open(PAGE, week=str(LAST_WEEK))
    captions = [caption.value for caption in at.caption]
    assert f"{two_back}: 4" in captions
    assert not any(caption.startswith("Last week") for caption in captions)


def test_this_weeks_focus_is_shown_with_how_it_moved(closer: Closer) -> None:
    ratings_ = dict.fromkeys(PRACTICE_KEYS, 6) | {"mystery": 4}
    closer.diary().save_entry(make_entry(LAST_WEEK, ratings_, focus="mystery"))
    at = closer.open(PAGE)
    outcome = [info.value for info in at.info if "Your focus this week" in info.value]
    assert outcome == [
        f"**Your focus this week: A bit of mystery.** 4 at your {LAST_WEEK} check-in, "
        "not rated yet now."
    ]
    rate(at, THIS_WEEK, "mystery", 7)
    at.run()
    assert any(f"4 at your {LAST_WEEK} check-in, 7 now." in info.value for info in at.info)


def test_chosen_focus_is_saved_and_the_suggestion_is_marked(closer: Closer) -> None:
    for offset, mystery in ((2, 7), (1, 3)):
        ratings_ = dict.fromkeys(PRACTICE_KEYS, 8) | {"mystery": mystery}
        closer.diary().save_entry(make_entry(THIS_WEEK.shifted(-offset), ratings_))
    at = closer.open(PAGE)
    picker = at.selectbox(key=widget_key(THIS_WEEK, "focus"))
    assert picker.label == "Your focus next week"
    assert picker.value == ""
    assert "🔮 A bit of mystery (suggested)" in picker.options
    picker.set_value("space").run()
    assert UNSAVED in status(at)
    save(rate_all(at, THIS_WEEK, 6))
    assert closer.diary().get_entry(THIS_WEEK).focus == "space"


def test_deleting_a_week_removes_it_keeps_a_copy_and_clears_the_form(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 9)))
    at = closer.open(PAGE)
    at.button(key="delete_week").click().run()
    assert not at.exception
    assert closer.diary().get_entry(THIS_WEEK) is None
    assert [copy.reason for copy in closer.diary().safety_copies()] == ["delete-week"]
    assert ratings(at) == [None] * 6
    assert any(f"Deleted the check-in for {THIS_WEEK}" in item.value for item in at.success)


def test_a_deleted_week_can_be_put_back_as_it_was(closer: Closer) -> None:
    saved = closer.diary().save_entry(
        make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 9), {"space": "a walk"}, "Calm.")
    )
    at = closer.open(PAGE)
    at.button(key="delete_week").click().run()
    undo = at.button(key="undo_delete")
    assert undo.label == f"Undo: put {THIS_WEEK}'s check-in back"
    undo.click().run()
    assert not at.exception
    assert closer.diary().get_entry(THIS_WEEK) == saved, "back as it was, save times included"
    assert ratings(at) == [9] * 6
    assert any(f"Put the check-in for {THIS_WEEK} back" in item.value for item in at.success)
    assert not [button for button in at.button if button.key == "undo_delete"]


def test_undo_never_overwrites_a_check_in_saved_after_the_delete(closer: Closer) -> None:
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 9)))
    at = closer.open(PAGE)
    at.button(key="delete_week").click().run()
    newer = closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 3)))
    at.button(key="undo_delete").click().run()
    assert closer.diary().get_entry(THIS_WEEK) == newer
    assert any("Not put back." in item.value for item in at.warning)
