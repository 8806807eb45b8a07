"""The six practices' keys, in Closer's order: all that `lib/content.py` and `lib/entries.py` share.

It sits apart so that entries can name a practice by its title (from content)
while content checks its files against the keys, without an import cycle.
"""

from __future__ import annotations

PRACTICE_KEYS: tuple[str, ...] = (
    "connection",
    "associations",
    "presence",
    "mystery",
    "space",
    "self_love",
)
