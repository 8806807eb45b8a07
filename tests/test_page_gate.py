"""The passcode gate: with a passcode set, only the prompt shows until it is entered."""

from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import Closer


@dataclass
class FakeMonotonic:
    """ui.passcode_gate.clock for a test: seconds that pass only when the test says so."""

    seconds: float = 1_000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def locked(closer: Closer, monkeypatch: pytest.MonkeyPatch) -> Closer:
    monkeypatch.setenv("CLOSER_PASSCODE", "correct horse")
    return closer


def test_no_passcode_means_no_prompt(closer: Closer) -> None:
    at = closer.open()
    assert not any("locked" in title.value for title in at.title)


def test_every_page_shows_only_the_prompt(locked: Closer) -> None:
    for url in ("", "check-in", "data", "settings", "mystery"):
        at = locked.open_url(url)
        assert [title.value for title in at.title] == ["🔒 Closer is locked"]
        assert not at.select_slider
        assert not at.metric
        assert not at.download_button


def test_wrong_then_right_passcode(locked: Closer) -> None:
    at = locked.open()
    at.text_input(key="passcode_input").input("wrong")
    at.button[0].click().run()
    assert any("not right" in error.value for error in at.error)
    at.text_input(key="passcode_input").input("correct horse")
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value.endswith("Closer")
    assert "locked" not in at.title[0].value


def try_passcode(at: AppTest, given: str) -> AppTest:
    at.text_input(key="passcode_input").input(given)
    return at.button[0].click().run()


def test_after_three_wrong_tries_further_tries_must_wait(
    locked: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeMonotonic()
    monkeypatch.setattr("ui.passcode_gate.clock", clock)
    at = locked.open()
    for _ in range(4):
        try_passcode(at, "wrong")
    assert [error.value for error in at.error] == [
        "That passcode is not right. Too many wrong tries. Try again in 2 seconds."
    ]

    clock.advance(1.5)
    try_passcode(at, "correct horse")
    assert at.title[0].value == "🔒 Closer is locked", "no check while the wait runs"
    assert [error.value for error in at.error] == [
        "Closer did not check that one: after several wrong tries it waits. Try again in 1 second."
    ]

    clock.advance(0.5)
    try_passcode(at, "correct horse")
    assert not at.exception
    assert "locked" not in at.title[0].value, "the right passcode opens once the wait is over"
