"""The journal: every saved week, newest first, searched and filtered as a person asks.

Search folds text the way a person reads it: case, accents and other marks do
not count ("creme brulee" finds "Crème brûlée", "zurich" finds "Zürich", a
Hebrew word finds it with or without its vowel points), and every word of a
query must appear somewhere in the week's notes or reflection, in any order,
as part of a word ("walk" finds "walked"). Matches are marked by position in
the original text, so what is shown is always the text as it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from lib.entries import RATING_MAX, RATING_MIN, WeekEntry
from lib.wording import plural

# Apostrophes people type in place of one another ("didn’t", "didn't").
_SAME_AS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
# Unicode's marks (category M: accents, vowel points, variation selectors) live in
# planes 0, 1 and 14 only; the class is built once, on first use.
_MARK_PLANES = (range(0x20000), range(0xE0000, 0xE1000))
PAGE_WEEKS = 20


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    ranges: list[list[int]] = []
    for plane in _MARK_PLANES:
        for point in plane:
            if unicodedata.category(chr(point)).startswith("M"):
                if ranges and ranges[-1][1] == point - 1:
                    ranges[-1][1] = point
                else:
                    ranges.append([point, point])
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


def fold(text: str) -> str:
    """`text` as search compares it: no case, no accents or other marks, one apostrophe.

    Compatibility decomposition splits "é" into "e" and an accent and "ﬁ" into
    "fi"; casefold makes "ß" "ss" and "İ" an "i" with a dot mark; the marks go.
    Each step works character by character, so folding a text folds each of its
    characters (what `marked` relies on to find a match in the original).
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SAME_AS))
    return _marks().sub("", unicodedata.normalize("NFKD", decomposed.casefold()))


def _folded_with_origin(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters the index in `text` it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        part = _fold_char(char)
        folded.append(part)
        origin.extend([index] * len(part))
    return "".join(folded), origin


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char)


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a search, each once: punctuation around a word is not part of it."""
    words: dict[str, None] = {}
    for chunk in fold(query).split():
        start, end = 0, len(chunk)
        while start < end and _is_punctuation(chunk[start]):
            start += 1
        while end > start and _is_punctuation(chunk[end - 1]):
            end -= 1
        if start < end:
            words[chunk[start:end]] = None
    return tuple(words)


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


@dataclass(frozen=True)
class Segment:
    """A run of the original text, and whether a search word matched it."""

    text: str
    marked: bool


def marked(text: str, words: Sequence[str]) -> list[Segment]:
    """`text` cut into runs, those that match one of the folded `words` marked."""
    if not text:
        return []
    folded, origin = _folded_with_origin(text)
    hits = [False] * len(text)
    for word in words:
        start = folded.find(word)
        while word and start >= 0:
            for index in range(origin[start], origin[start + len(word) - 1] + 1):
                hits[index] = True
            start = folded.find(word, start + 1)
    segments: list[Segment] = []
    begin = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or hits[index] != hits[begin]:
            segments.append(Segment(text[begin:index], hits[begin]))
            begin = index
    return segments


@dataclass(frozen=True)
class Page:
    """One saved week as the journal lists it, with its text folded for search."""

    entry: WeekEntry
    searchable: str  # the notes and the reflection, folded, one per line

    @property
    def has_notes(self) -> bool:
        """Whether the week has any note or a reflection."""
        return bool(self.searchable.strip())


def pages(entries: Iterable[WeekEntry]) -> tuple[Page, ...]:
    """Every entry as a journal page, newest first (done once per diary revision)."""
    newest_first = sorted(entries, key=lambda entry: (entry.week.year, entry.week.week))[::-1]
    return tuple(
        Page(entry, "\n".join(fold(text) for text in (*entry.notes.values(), entry.reflection)))
        for entry in newest_first
    )


@dataclass(frozen=True)
class Filters:
    """What the journal shows: a search, a practice's ratings, a span of dates, notes only."""

    query: str = ""
    practice: str | None = None  # a key; None: any practice
    lowest: int = RATING_MIN
    highest: int = RATING_MAX
    since: date | None = None
    until: date | None = None
    notes_only: bool = False


@dataclass(frozen=True)
class Selection:
    """The weeks that pass every filter, newest first, and why none did, when none did."""

    pages: tuple[Page, ...]
    total: int
    words: tuple[str, ...]
    why_none: str | None

    @property
    def weeks(self) -> list[WeekEntry]:
        """The chosen weeks' entries, newest first."""
        return [page.entry for page in self.pages]


@dataclass(frozen=True)
class _Ask:
    """One active filter: its test, and what it asks of a week (`contain “x”`, `contains “x”`)."""

    test: Callable[[Page], bool]
    weeks_do: str
    week_does: str


def select(every: Sequence[Page], filters: Filters, titles: Mapping[str, str]) -> Selection:
    """The pages passing `filters`; if none does, which filter left none, in words."""
    words = query_words(filters.query)
    chosen: Sequence[Page] = every
    passed: list[_Ask] = []
    for ask in _asks(filters, words, titles):
        kept = tuple(page for page in chosen if ask.test(page))
        if chosen and not kept:
            return Selection((), len(every), words, _why_none(len(chosen), passed, ask))
        passed.append(ask)
        chosen = kept
    return Selection(tuple(chosen), len(every), words, None)


def _asks(filters: Filters, words: tuple[str, ...], titles: Mapping[str, str]) -> list[_Ask]:
    """Each active filter, in the order they apply: search, rating, dates, notes."""
    asks: list[_Ask] = []
    if words:
        shown = "“" + " ".join(filters.query.split()) + "”"
        asks.append(
            _Ask(
                lambda page: all(word in page.searchable for word in words),
                f"contain {shown}",
                f"contains {shown}",
            )
        )
    if filters.practice is not None:
        key, low, high = filters.practice, filters.lowest, filters.highest

        def rated(page: Page) -> bool:
            rating = page.entry.ratings[key]
            return rating is not None and low <= rating <= high

        rating = f"{titles[key]} {rating_span(low, high)}"
        asks.append(_Ask(rated, f"have {rating}", f"has {rating}"))
    if filters.since is not None or filters.until is not None:
        since, until = filters.since or date.min, filters.until or date.max
        span = date_span(filters.since, filters.until)
        asks.append(
            _Ask(
                lambda page: page.entry.week.sunday >= since and page.entry.week.monday <= until,
                f"fall {span}",
                f"falls {span}",
            )
        )
    if filters.notes_only:
        asks.append(
            _Ask(
                lambda page: page.has_notes,
                "have a note or a reflection",
                "has a note or a reflection",
            )
        )
    return asks


def _why_none(before: int, passed: Sequence[_Ask], failed: _Ask) -> str:
    """`No week matches: 12 weeks contain “river”, but they do not fall in …`."""
    if not passed:
        if before == 1:
            return f"No week matches: your one week does not {failed.weeks_do}."
        return f"No week matches: none of your {plural(before, 'week')} {failed.weeks_do}."
    kept = " and ".join(ask.week_does if before == 1 else ask.weeks_do for ask in passed)
    them = "it does" if before == 1 else "they do"
    return f"No week matches: {plural(before, 'week')} {kept}, but {them} not {failed.weeks_do}."


def rating_span(lowest: int, highest: int) -> str:
    """`at 4 or lower`, `at 7 or higher`, `from 3 to 6`, `at 5`, `at any rating`."""
    if lowest == RATING_MIN and highest == RATING_MAX:
        return "at any rating"
    if lowest == highest:
        return f"at {lowest}"
    if lowest == RATING_MIN:
        return f"at {highest} or lower"
    if highest == RATING_MAX:
        return f"at {lowest} or higher"
    return f"from {lowest} to {highest}"


def date_span(since: date | None, until: date | None) -> str:
    """`between 1 May 2026 and 31 May 2026`, `since 1 May 2026`, `until 31 May 2026`."""
    if since is not None and until is not None:
        return f"between {_day(since)} and {_day(until)}"
    if since is not None:
        return f"on or after {_day(since)}"
    if until is not None:
        return f"on or before {_day(until)}"
    return "at any time"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
