"""One journal week as HTML: its six ratings as a row of chips, its notes with matches marked.

Every piece of the user's text goes through `html.escape`, so a note such as
`<img src=x onerror=alert(1)>` shows as typed; nothing is ever Markdown. Each
rating chip is coloured as the week grid colours that rating, with the text
colour (black or white) that has the higher contrast on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from lib.chart_colours import RATING_RAMP
from lib.content import Practice
from lib.contrast import contrast_ratio
from lib.entries import PRACTICE_KEYS, WeekEntry
from lib.journal import marked

BLACK, WHITE = "#000000", "#FFFFFF"


def chip_text_colour(background: str) -> str:
    """Black or white, whichever has the higher contrast on `background`."""
    return max((BLACK, WHITE), key=lambda text: contrast_ratio(text, background))


def ratings_html(entry: WeekEntry, practices: Sequence[Practice]) -> str:
    """The week's six ratings as a list of chips: icon and number, or a dash when skipped."""
    chips = []
    for item in practices:
        rating = entry.ratings[item.key]
        if rating is None:
            label = f"{item.title}: skipped"
            chip = f'<li class="closer-chip closer-skipped" title="{escape(label)}">'
            chip += f'<span aria-hidden="true">{item.icon} –</span>'
        else:
            background = RATING_RAMP[rating - 1]
            label = f"{item.title}: {rating}"
            style = f"background:{background};color:{chip_text_colour(background)}"
            chip = f'<li class="closer-chip" style="{style}" title="{escape(label)}">'
            chip += f'<span aria-hidden="true">{item.icon} {rating}</span>'
        chips.append(f'{chip}<span class="closer-sr">{escape(label)}</span></li>')
    return f'<ul class="closer-ratings" aria-label="Ratings">{"".join(chips)}</ul>'


def marked_html(text: str, words: Sequence[str]) -> str:
    """`text`, escaped, each match of the folded `words` in a <mark>, line breaks kept."""
    body = "".join(
        f'<mark class="closer-hit">{escape(segment.text)}</mark>'
        if segment.marked
        else escape(segment.text)
        for segment in marked(text, words)
    )
    return body.replace("\n", "<br>")


def writing_html(entry: WeekEntry, titles: Mapping[str, str], words: Sequence[str]) -> str:
    """The week's notes, each under its practice's title, then the reflection; "" if none."""
    rows = [
        f"<dt>{escape(titles[key])}</dt><dd>{marked_html(entry.notes[key], words)}</dd>"
        for key in PRACTICE_KEYS
        if entry.notes[key]
    ]
    if entry.reflection:
        rows.append(f"<dt>Reflection</dt><dd>{marked_html(entry.reflection, words)}</dd>")
    return f'<dl class="closer-writing">{"".join(rows)}</dl>' if rows else ""
