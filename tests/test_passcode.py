"""The passcode gate's logic: where the passcode comes from, comparing it, slowing down guesses."""

from collections.abc import Iterator, Mapping

import pytest

from lib.passcode import (
    Attempts,
    configured_passcode,
    describe_unchecked,
    describe_wait,
    passcode_matches,
    register_failure,
    register_success,
    wait_seconds,
)


class NoSecretsFile(Mapping[str, object]):
    """Behaves like `st.secrets` when there is no secrets.toml: every read raises."""

    def __getitem__(self, key: str) -> object:
        raise FileNotFoundError("No secrets found.")

    def __iter__(self) -> Iterator[str]:
        raise FileNotFoundError("No secrets found.")

    def __len__(self) -> int:
        raise FileNotFoundError("No secrets found.")


def test_environment_beats_secrets() -> None:
    environ = {"CLOSER_PASSCODE": "from-env"}
    assert configured_passcode(environ, {"passcode": "from-secrets"}) == "from-env"


def test_secrets_are_used_when_the_environment_has_none() -> None:
    assert configured_passcode({}, {"passcode": "from-secrets"}) == "from-secrets"


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank_environment_falls_back_to_secrets(blank: str) -> None:
    assert configured_passcode({"CLOSER_PASSCODE": blank}, {"passcode": "s"}) == "s"


@pytest.mark.parametrize(
    ("environ", "secrets"),
    [
        ({}, None),
        ({}, {}),
        ({}, {"other": "x"}),
        ({}, {"passcode": None}),
        ({"CLOSER_PASSCODE": " "}, {"passcode": "  \n"}),
        ({}, {"passcode": ""}),
        ({}, NoSecretsFile()),
    ],
    ids=["none", "empty", "other-key", "null", "blank-both", "empty-secret", "no-file"],
)
def test_no_passcode_when_nothing_usable_is_set(
    environ: dict[str, str], secrets: Mapping[str, object] | None
) -> None:
    assert configured_passcode(environ, secrets) is None


def test_surrounding_blanks_are_trimmed() -> None:
    assert configured_passcode({"CLOSER_PASSCODE": " open sesame\n"}, None) == "open sesame"
    assert configured_passcode({}, {"passcode": "  shh "}) == "shh"


def test_a_number_in_secrets_means_its_digits() -> None:
    assert configured_passcode({}, {"passcode": 2468}) == "2468"


@pytest.mark.parametrize("value", [True, 12.5, ["a"], {"a": "b"}])
def test_a_passcode_secret_that_is_not_text_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="must be text"):
        configured_passcode({}, {"passcode": value})


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [
        ("open sesame", "open sesame", True),
        ("open sesame", "Open sesame", False),
        ("open", "open sesame", False),
        ("open sesame!", "open sesame", False),
        ("", "open sesame", False),
        ("Liebe", "Liebe", True),
        ("Grüße 💞", "Grüße 💞", True),
        ("Grüsse", "Grüße", False),
        ("日本語", "日本語", True),
        ("e\u0301", "\u00e9", True),  # decomposed and composed é are the same letter
        ("", "", False),
    ],
)
def test_passcode_matches(given: str, expected: str, matches: bool) -> None:
    assert passcode_matches(given, expected) is matches


def test_first_three_wrong_tries_cost_nothing() -> None:
    attempts = Attempts()
    for _ in range(3):
        attempts = register_failure(attempts, now=100.0)
        assert wait_seconds(attempts, now=100.0) == 0.0
    assert attempts.failures == 3


def test_further_wrong_tries_double_the_wait_up_to_a_minute() -> None:
    attempts, now, waits = Attempts(), 1000.0, []
    for _ in range(12):
        attempts = register_failure(attempts, now)
        waits.append(wait_seconds(attempts, now))
        now += 100.0
    assert waits == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60, 60, 60]


def test_endless_wrong_tries_stay_capped() -> None:
    attempts = register_failure(Attempts(failures=10_000), now=5.0)
    assert wait_seconds(attempts, now=5.0) == 60.0


def test_wait_counts_down_with_the_clock() -> None:
    attempts = Attempts(failures=5, locked_until=108.0)
    assert wait_seconds(attempts, now=100.0) == 8.0
    assert wait_seconds(attempts, now=105.5) == 2.5
    assert wait_seconds(attempts, now=108.0) == 0.0
    assert wait_seconds(attempts, now=500.0) == 0.0


def test_success_starts_again_from_zero() -> None:
    attempts = Attempts()
    for _ in range(6):
        attempts = register_failure(attempts, now=0.0)
    assert register_success() == Attempts() == Attempts(0, 0.0)
    assert wait_seconds(register_failure(register_success(), now=0.0), now=0.0) == 0.0


def test_attempts_cannot_be_changed_in_place() -> None:
    with pytest.raises(AttributeError):
        Attempts().failures = 9  # type: ignore[misc]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (8, "Too many wrong tries. Try again in 8 seconds."),
        (7.2, "Too many wrong tries. Try again in 8 seconds."),
        (60, "Too many wrong tries. Try again in 60 seconds."),
        (1, "Too many wrong tries. Try again in 1 second."),
        (0.3, "Too many wrong tries. Try again in 1 second."),
    ],
)
def test_describe_wait_rounds_up_to_whole_seconds(seconds: float, text: str) -> None:
    assert describe_wait(seconds) == text


def test_a_try_during_the_wait_is_said_not_to_have_been_checked() -> None:
    assert describe_unchecked(1.2) == (
        "Closer did not check that one: after several wrong tries it waits. Try again in 2 seconds."
    )
