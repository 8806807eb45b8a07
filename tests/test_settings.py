"""Settings: the partner's name and pronoun, validated and round-tripped."""

import pytest

from lib.errors import DiaryError
from lib.settings import (
    RECORD_FIELDS,
    Settings,
    SettingsError,
    make_settings,
    settings_from_record,
    settings_to_record,
)


def test_defaults_mean_your_partner_and_they() -> None:
    assert settings_from_record(None) == Settings("", "they")
    assert settings_from_record({}) == Settings("", "they")


def test_round_trip_through_the_stored_record() -> None:
    settings = make_settings("  Noa Ørsted ✨ ", "she")
    assert settings == Settings("Noa Ørsted ✨", "she")
    assert settings_from_record(settings_to_record(settings)) == settings


@pytest.mark.parametrize(
    ("name", "pronoun", "message"),
    [
        ("x" * 61, "they", "the limit is 60"),
        ("Sam\nAlex", "they", "must fit on one line"),
        ("Sam\x00", "they", "control character"),
        ("Sam", "it", "must be one of they, she, he"),
    ],
)
def test_bad_settings_are_explained(name: str, pronoun: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message) as caught:
        make_settings(name, pronoun)
    assert isinstance(caught.value, DiaryError)
    assert isinstance(caught.value, ValueError), "callers that catch ValueError still do"


@pytest.mark.parametrize(
    "record",
    [{"partner_pronoun": 42}, {"partner_pronoun": "it"}, {"partner_name": ["Sam"]}],
)
def test_a_stored_record_that_cannot_be_used_is_a_settings_error(record: dict) -> None:
    with pytest.raises(SettingsError):
        settings_from_record(record)


def test_record_fields_name_every_field_the_settings_are_stored_with() -> None:
    assert tuple(settings_to_record(Settings("Sam", "she"))) == RECORD_FIELDS
