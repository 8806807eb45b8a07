"""The passphrase's strength hint and the checks before the diary is encrypted with it."""

from __future__ import annotations

import pytest

from lib.passphrases import MIN_LENGTH, problem, strength

GOOD = "lantern orchard velvet quiet"


def test_a_long_passphrase_of_uncommon_words_is_strong_and_accepted() -> None:
    rated = strength(GOOD)
    assert rated.score >= 3
    assert rated.acceptable
    assert problem(GOOD, GOOD) is None


@pytest.mark.parametrize(
    "weak", ["password1", "Password1!", "qwertyuiop", "11111111", "abc", "Summer2024!"]
)
def test_common_or_short_passwords_are_refused_with_advice(weak: str) -> None:
    rated = strength(weak)
    assert not rated.acceptable
    assert rated.advice
    found = problem(weak, weak)
    assert found is not None
    assert found.startswith("That passphrase is too easy to guess")


def test_a_short_one_is_told_how_long_it_must_be() -> None:
    assert f"at least {MIN_LENGTH} characters" in strength("Zq8#v!").advice


def test_a_name_the_user_gave_closer_makes_a_passphrase_weaker() -> None:
    assert strength("alexandria2024", ["alexandria"]).score < strength("alexandria2024").score


@pytest.mark.parametrize("phrase", ["ilovealex2024", "ALEX and the long winter walks"])
def test_a_passphrase_with_the_partners_name_in_it_is_refused(phrase: str) -> None:
    assert strength(phrase).acceptable  # strong, but for the name
    rated = strength(phrase, ["closer", "Alex"])
    assert not rated.acceptable
    assert rated.advice.startswith("Leave out names Closer knows")
    assert strength("closer diary lantern orchard", ["closer", ""]).score < 3


def test_the_two_fields_must_match_and_be_filled() -> None:
    assert problem("", "") == "Type a passphrase, then type it again below."
    assert problem(GOOD, GOOD + " ") == "The two passphrases are not the same. Type them again."


def test_a_very_long_passphrase_is_rated_not_refused() -> None:
    assert strength("horse " * 40).label  # zxcvbn alone refuses more than 72 characters


def test_the_advice_is_in_closers_english() -> None:
    advice = strength("Summer2024!").advice
    assert "Capital letters do not help much." in advice
    assert "Capitalization" not in advice
