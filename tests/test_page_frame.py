"""ui/frame.py: every address gets the same frame, also on a server's first run.

On the first run after a start Streamlit is in its old folder mode and runs
pages/<name>.py for /<name> without app.py; AppTest without the served-mode
workaround runs every time that way (`first_run_closer`).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.checkin import widget_key
from tests.apptest import THIS_WEEK, Closer


def sidebar_text(at: AppTest) -> str:
    return " ".join(str(caption.value) for caption in at.sidebar.caption)


@pytest.mark.parametrize("mode", ["first_run_closer", "closer"])
@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("pages/settings.py", "⚙️ Settings"),
        ("pages/data.py", "🗂️ Your data"),
        ("pages/check-in.py", "✍️ Check-in"),
        ("pages/self-love.py", "🛁 Self-love"),
    ],
)
def test_a_first_visit_to_any_address_shows_its_page_in_the_frame(
    request: pytest.FixtureRequest, mode: str, page: str, title: str
) -> None:
    closer: Closer = request.getfixturevalue(mode)
    at = closer.open(page)
    assert not at.exception
    assert [item.value for item in at.title] == [title]
    assert "Your diary stays on this computer" in sidebar_text(at)


def test_in_folder_mode_the_check_in_keeps_what_is_moved_and_asks_before_saving(
    first_run_closer: Closer,
) -> None:
    at = first_run_closer.open("pages/check-in.py")
    slider = at.select_slider(key=widget_key(THIS_WEEK, "rating", "space"))
    slider.set_value(4).run()
    # Had the page's widgets changed identity between runs, the value would be gone.
    assert at.select_slider(key=widget_key(THIS_WEEK, "rating", "space")).value == 4
    at.button(key="save").click().run()
    assert at.container(key="unanswered")


def test_a_button_that_changes_page_works_on_a_first_run(first_run_closer: Closer) -> None:
    at = first_run_closer.open()
    at.button(key="start").click().run()
    assert [item.value for item in at.title] == ["✍️ Check-in"]


def test_while_locked_a_first_visit_shows_only_the_prompt(
    first_run_closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOSER_PASSCODE", "correct horse")
    at = first_run_closer.open("pages/data.py")
    assert [item.value for item in at.title] == ["🔒 Closer is locked"]
    assert not at.download_button
