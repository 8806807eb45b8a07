"""The user's settings, kept in the data file: the partner's name and pronoun."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lib.entries import clean_text
from lib.errors import DiaryError

PRONOUNS = ("they", "she", "he")
NAME_MAX_CHARS = 60


class SettingsError(DiaryError, ValueError):
    """Settings that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    """What the user told Closer about themselves; empty name means "your partner"."""

    partner_name: str = ""
    partner_pronoun: str = "they"


def make_settings(partner_name: object = "", partner_pronoun: object = "they") -> Settings:
    """Validated settings, or SettingsError in plain words."""
    try:
        name = clean_text(partner_name, NAME_MAX_CHARS, "partner's name")
    except ValueError as error:
        raise SettingsError(str(error)) from None
    if "\n" in name or "\t" in name:
        raise SettingsError("The partner's name must fit on one line.")
    if partner_pronoun not in PRONOUNS:
        raise SettingsError(f"The pronoun must be one of {', '.join(PRONOUNS)}.")
    return Settings(name, str(partner_pronoun))


# The fields of the stored settings (`settings_to_record`); a backup's others are ignored.
RECORD_FIELDS: tuple[str, ...] = ("partner_name", "partner_pronoun")


def settings_to_record(settings: Settings) -> dict[str, Any]:
    """The JSON-ready form stored in the data file's settings table."""
    return {"partner_name": settings.partner_name, "partner_pronoun": settings.partner_pronoun}


def settings_from_record(record: Mapping[str, Any] | None) -> Settings:
    """Settings read back from the data file (defaults where absent); else SettingsError."""
    if not record:
        return Settings()
    return make_settings(record.get("partner_name", ""), record.get("partner_pronoun", "they"))
