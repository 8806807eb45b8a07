"""The optional passcode gate: where the passcode comes from, checking it, slowing down guessing."""

from __future__ import annotations

import hmac
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

PASSCODE_VARIABLE = "CLOSER_PASSCODE"
SECRETS_KEY = "passcode"
FREE_TRIES = 3
FIRST_WAIT_SECONDS = 2.0
MAX_WAIT_SECONDS = 60.0


def configured_passcode(
    environ: Mapping[str, str], secrets: Mapping[str, object] | None
) -> str | None:
    """`$CLOSER_PASSCODE`, else `passcode` from the secrets; None when neither is set."""
    from_environment = environ.get(PASSCODE_VARIABLE, "").strip()
    if from_environment:
        return from_environment
    return _secret_passcode(secrets)


def _secret_passcode(secrets: Mapping[str, object] | None) -> str | None:
    """The `passcode` secret, stripped; None when it is absent or blank."""
    if secrets is None:
        return None
    try:
        value = secrets.get(SECRETS_KEY)
    except FileNotFoundError:  # Streamlit's "no secrets.toml" error is one of these.
        return None
    if value is None:
        return None
    # TOML lets people write `passcode = 2468`; a number means its digits.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(
            'The passcode in secrets.toml must be text, like passcode = "a phrase you share".'
        )
    return str(value).strip() or None


def passcode_matches(given: str, expected: str) -> bool:
    """Whether `given` is the passcode, compared in constant time; never true for a blank one."""
    if not expected:
        return False
    # The same letter can arrive composed (é) or decomposed (e + ´) depending on the keyboard.
    return hmac.compare_digest(_utf8(given), _utf8(expected))


def _utf8(text: str) -> bytes:
    """`text` in one Unicode normal form, as UTF-8."""
    return unicodedata.normalize("NFC", text).encode("utf-8")


@dataclass(frozen=True)
class Attempts:
    """Wrong passcodes in a row, and until when (a clock reading) the gate stays shut."""

    failures: int = 0
    locked_until: float = 0.0


def register_failure(attempts: Attempts, now: float) -> Attempts:
    """One more wrong passcode at `now`: free at first, then 2, 4, 8 … up to 60 seconds."""
    failures = attempts.failures + 1
    extra = failures - FREE_TRIES
    if extra <= 0:
        return Attempts(failures, attempts.locked_until)
    doublings = min(extra - 1, 16)  # bounded, so endless guessing cannot build a huge number
    wait = min(FIRST_WAIT_SECONDS * 2**doublings, MAX_WAIT_SECONDS)
    return Attempts(failures, now + wait)


def register_success() -> Attempts:
    """The right passcode: start counting from zero again."""
    return Attempts()


def wait_seconds(attempts: Attempts, now: float) -> float:
    """How long, at `now`, before the next try may be checked (0 when it may be now)."""
    return max(0.0, attempts.locked_until - now)


def describe_wait(seconds: float) -> str:
    """`Too many wrong tries. Try again in 8 seconds.`"""
    return f"Too many wrong tries. Try again in {_seconds(seconds)}."


def describe_unchecked(seconds: float) -> str:
    """A try made during the wait: it was not checked, so it says nothing about being wrong."""
    return (
        f"Closer did not check that one: after several wrong tries it waits. "
        f"Try again in {_seconds(seconds)}."
    )


def _seconds(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    return f"{whole} second" if whole == 1 else f"{whole} seconds"
