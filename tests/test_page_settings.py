"""The settings page: the partner's name and pronoun, and the weekly reminder."""

import pytest

from lib import reminders
from tests.apptest import Closer

PAGE = "pages/settings.py"


def submit(at) -> None:
    next(button for button in at.button if button.label == "Save").click().run()


def test_partner_name_is_saved_and_used_in_the_prompts(closer: Closer) -> None:
    at = closer.open(PAGE)
    at.text_input(key="partner_name").input("Sam")
    at.radio(key="partner_pronoun").set_value("he")
    submit(at)
    assert not at.exception
    settings = closer.diary().get_settings()
    assert (settings.partner_name, settings.partner_pronoun) == ("Sam", "he")
    page = closer.open_url("presence")
    text = "\n".join(markdown.value for markdown in page.markdown)
    assert "When Sam is talking" in text
    assert "actually with him" in text
    assert "your partner" not in text


def test_a_name_that_looks_like_markup_is_shown_as_typed(closer: Closer) -> None:
    at = closer.open(PAGE)
    at.text_input(key="partner_name").input("[Sam](javascript:x)")
    submit(at)
    text = "\n".join(markdown.value for markdown in closer.open_url("presence").markdown)
    assert "\\[Sam\\]\\(javascript\\:\u2060x\\)" in text


def test_a_bad_name_is_explained_and_not_saved(closer: Closer) -> None:
    at = closer.open(PAGE)
    at.text_input(key="partner_name").input("Sam\tAlex")
    submit(at)
    assert any("one line" in error.value for error in at.error)
    assert closer.diary().get_settings().partner_name == ""


def test_the_reminder_file_is_offered(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert at.download_button(key="reminder_download")
    assert any("Every Sunday at 19:00" in caption.value for caption in at.caption)


def test_the_page_says_the_reminder_link_needs_closer_running(closer: Closer) -> None:
    at = closer.open(PAGE)
    captions = [caption.value for caption in at.caption]
    assert any("only while it is running on this computer" in caption for caption in captions)


def test_the_page_makes_no_reminder_file_until_it_is_downloaded(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    monkeypatch.setattr(reminders, "reminder_ics", lambda *args, **kwargs: made.append(1) or b"")
    at = closer.open(PAGE)
    at.selectbox(key="reminder_day").set_value(2).run()
    assert at.download_button(key="reminder_download")
    assert any("Every Wednesday at 19:00" in caption.value for caption in at.caption)
    assert made == []
