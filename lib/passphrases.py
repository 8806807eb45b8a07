"""Choosing a passphrase for the encrypted diary: a strength hint and the checks before use.

The hint comes from zxcvbn, Dropbox's estimator, which knows common passwords,
names, keyboard walks and dates; counting character classes by hand rates
"Password1!" as strong. It is imported only when there is a passphrase to rate
(it holds about 12 MiB of word lists).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_LENGTH = 8
# The weakest score (0–4) Closer accepts: 3, "safely unguessable" even offline. A fair
# one (2) may be a common password with a year on it ("Summer2024!"), and whoever is
# most likely to guess a diary's passphrase knows the person who wrote it.
MIN_SCORE = 3
# Words too short to tell apart from chance within a passphrase.
_SHORTEST_KNOWN = 3
# zxcvbn refuses longer inputs; the first 72 characters of a passphrase rate it fairly.
_RATED_LENGTH = 72
_LABELS = ("Very weak", "Weak", "Fair", "Strong", "Very strong")
# zxcvbn's advice is American; the rest of Closer is not.
_OWN_WORDS = {
    "Capitalization doesn't help very much.": "Capital letters do not help much.",
    "All-uppercase is almost as easy to guess as all-lowercase.": (
        "All capitals are almost as easy to guess as no capitals."
    ),
    "No need for symbols, digits, or uppercase letters.": (
        "No need for symbols, digits or capitals."
    ),
}


@dataclass(frozen=True)
class Strength:
    """How hard a passphrase would be to guess: a score from 0 to 4, in words."""

    score: int
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        """Whether Closer lets the diary be encrypted with it."""
        return self.score >= MIN_SCORE


def strength(passphrase: str, known: Sequence[str] = ()) -> Strength:
    """Rate `passphrase`; `known` are words about the user (a name) that make it easier to guess."""
    from zxcvbn import zxcvbn

    rated = zxcvbn(passphrase[:_RATED_LENGTH], user_inputs=[word for word in known if word])
    score = int(rated["score"])
    feedback = rated["feedback"]
    parts = (feedback.get("warning", ""), *feedback.get("suggestions", ()))
    advice = " ".join(_OWN_WORDS.get(part, part) for part in parts if part)
    if len(passphrase) < MIN_LENGTH:
        score = min(score, MIN_SCORE - 1)
        advice = f"Use at least {MIN_LENGTH} characters. {advice}".strip()
    folded = passphrase.casefold()
    named = [word for word in known if len(word) >= _SHORTEST_KNOWN]
    if any(word.casefold() in folded for word in named):
        # zxcvbn rates "ilovealex2024" very strong even when told about "Alex".
        score = min(score, MIN_SCORE - 1)
        advice = (
            "Leave out names Closer knows (your partner's, Closer's own): they are the "
            f"first things someone close to you would try. {advice}"
        ).strip()
    if not advice:
        advice = (
            "Hard to guess. Keep it somewhere safe: a lost passphrase cannot be reset."
            if score >= MIN_SCORE
            else "Add another word or two; uncommon words are better."
        )
    return Strength(score, _LABELS[score], advice)


def problem(passphrase: str, again: str, known: Sequence[str] = ()) -> str | None:
    """Why these two fields cannot be used as the new passphrase, or None when they can."""
    if not passphrase:
        return "Type a passphrase, then type it again below."
    if passphrase != again:
        return "The two passphrases are not the same. Type them again."
    rated = strength(passphrase, known)
    if not rated.acceptable:
        return f"That passphrase is too easy to guess ({rated.label.lower()}). {rated.advice}"
    return None
