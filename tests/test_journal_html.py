"""A journal week as HTML: rating chips, notes and reflection, matches marked, all escaped."""

from __future__ import annotations

import re

from lib import journal_html
from lib.chart_colours import RATING_RAMP
from lib.content import load_practices
from lib.contrast import contrast_ratio
from lib.entries import PRACTICE_KEYS, make_entry
from lib.journal import query_words

PRACTICES = load_practices()
TITLES = {item.key: item.title for item in PRACTICES}
HOSTILE = "<img src=x onerror=alert(1)> **bold** [link](javascript:x) :material/home:"


def entry(ratings: dict[str, int | None], note: str = "", reflection: str = ""):
    notes = dict.fromkeys(PRACTICE_KEYS, "")
    notes["presence"] = note
    return make_entry("2026-W41", ratings, notes, reflection)


def test_each_rating_is_a_chip_in_its_grid_colour_with_readable_text() -> None:
    ratings = dict(zip(PRACTICE_KEYS, [1, 4, 7, 10, None, 5], strict=True))
    html = journal_html.ratings_html(entry(ratings), PRACTICES)
    chips = re.findall(r"<li (.*?)</li>", html)
    assert len(chips) == 6
    assert f"background:{RATING_RAMP[0]}" in chips[0]
    assert "Emotional connection: 1" in chips[0]
    assert f"background:{RATING_RAMP[9]}" in chips[3]
    for number in range(1, 11):
        background = RATING_RAMP[number - 1]
        text = journal_html.chip_text_colour(background)
        assert contrast_ratio(text, background) >= 4.5


def test_a_skipped_rating_is_a_dash_and_says_skipped() -> None:
    ratings = dict.fromkeys(PRACTICE_KEYS, 6) | {"space": None}
    html = journal_html.ratings_html(entry(ratings), PRACTICES)
    skipped = re.findall(r'<li class="closer-chip closer-skipped"(.*?)</li>', html)
    assert len(skipped) == 1
    assert "–" in skipped[0]
    assert "Creating space: skipped" in skipped[0]
    assert "background" not in skipped[0]


def test_notes_are_under_their_practice_and_the_reflection_last() -> None:
    html = journal_html.writing_html(
        entry(dict.fromkeys(PRACTICE_KEYS, 5), "phones away", "a good week"),
        TITLES,
        (),
    )
    assert html == (
        '<dl class="closer-writing"><dt>Being present</dt><dd>phones away</dd>'
        "<dt>Reflection</dt><dd>a good week</dd></dl>"
    )
    assert journal_html.writing_html(entry(dict.fromkeys(PRACTICE_KEYS, 5)), TITLES, ()) == ""


def test_a_hostile_note_is_escaped_with_or_without_a_search() -> None:
    week = entry(dict.fromkeys(PRACTICE_KEYS, 5), HOSTILE, "line one\nline <two>")
    for words in ((), query_words("onerror bold")):
        html = journal_html.writing_html(week, TITLES, words)
        assert "<img" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in re.sub(r"</?mark[^>]*>", "", html)
        assert "line one<br>line &lt;two&gt;" in html


def test_matches_are_marked_in_the_text_as_typed() -> None:
    html = journal_html.marked_html("Crème brûlée by the river", query_words("creme river"))
    assert html == (
        '<mark class="closer-hit">Crème</mark> brûlée by the <mark class="closer-hit">river</mark>'
    )
