"""Small pieces of English every message uses: counted nouns and lists joined with "and"."""

from __future__ import annotations

from collections.abc import Sequence


def joined(parts: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def plural(count: int, word: str) -> str:
    """`1 week`, `3 weeks`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
