"""What the floor scripts draw, worked out once from a diary with the `lib` calls the pages make.

AppTest runs a script in this process, so a floor's `from bench import inputs`
sees what bench/pages.py put into FLOOR before running it: a floor run reads
no file and analyses nothing, it only hands ready values to Streamlit.
"""

from __future__ import annotations

import math
import os
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import altair as alt
import pandas as pd

from lib import (
    backup_files,
    charts,
    checkin,
    csv_files,
    frames,
    insights,
    journal,
    journal_html,
    tables,
    views,
)
from lib.content import AppText, Practice, escape_markdown, personalise
from lib.entries import WeekEntry
from lib.safety_copies import SafetyCopy
from lib.settings import Settings
from lib.weeks import IsoWeek, day_label, moment_label
from lib.wording import plural
from ui import dashboard, page_tweaks
from ui import journal as journal_ui

# ui/practice_view.py's notes paging: the first page of notes, then a button.
NOTES_PAGE = 20


def older_notes_label(total: int) -> str | None:
    """ui/practice_view.py's "show older notes" button label, or None when all notes show."""
    older = total - NOTES_PAGE
    return f"Show {min(older, NOTES_PAGE)} older notes ({older} more)" if older > 0 else None


# ui/page_tweaks.py's style sheet and script on the check-in, as the page sends them
# (the floor sends the same bytes; the floor's page has no DOM to fit).
CHECK_IN_STYLE = page_tweaks.CHECK_IN_CSS
KEEP_TYPING_SCRIPT = page_tweaks.KEEP_TYPING_JS
FLOOR: dict[str, object] = {}
# A floor served by its own Streamlit server (bench/browser.py) reads FLOOR from
# the pickle this names, written by `save` moments before.
INPUTS_FILE = "CLOSER_BENCH_INPUTS"
Value = TypeVar("Value")
TREND_WORDS = {"rising": "↗ Rising", "steady": "→ Steady", "falling": "↘ Falling"}
SCORE_LINE = f"Score: {insights.SCORE_MEANING}."


def put(value: object) -> None:
    """Hand `value` to the floors, under its type's name."""
    FLOOR[type(value).__name__] = value


def save(path: Path) -> None:
    """Write FLOOR to `path`, for a floor that a server of its own runs (INPUTS_FILE)."""
    path.write_bytes(pickle.dumps(FLOOR))


def get(kind: type[Value]) -> Value:
    """What `put` stored for `kind` (in a floor's own server: what `save` wrote)."""
    if not FLOOR and INPUTS_FILE in os.environ:
        # Written by the bench moments ago, so unpickling it is safe.
        FLOOR.update(pickle.loads(Path(os.environ[INPUTS_FILE]).read_bytes()))  # noqa: S301
    value = FLOOR.get(kind.__name__)
    if not isinstance(value, kind):
        raise LookupError(f"bench.inputs holds no {kind.__name__}: run prepare_floors first")
    return value


@dataclass(frozen=True)
class Nav:
    """app.py's page list, (section, ((title, icon, url_path), ...)), and the sidebar caption."""

    sections: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]
    sidebar: str


@dataclass(frozen=True)
class Home:
    """The dashboard of a diary with entries."""

    text: AppText
    status_done: bool
    status_message: str
    status_link: str
    streak: int
    consistency: str
    weeks_checked_in: int
    focus_lines: tuple[tuple[str, str], ...]  # ("markdown" or "caption", text), in order
    focus_button: tuple[str, str] | None  # label, key
    wheel_table: pd.DataFrame
    wheel_chart: alt.LayerChart
    titles: Mapping[str, str]  # practice key to title, for the trend's "Pick out a practice"
    trends: Mapping[int | None, views.TrendsView]  # by the span's weeks (None: all)
    effects: tuple[tuple[str, str], ...]  # ("markdown" or "caption", text), in order


@dataclass(frozen=True)
class Rating:
    """One practice's block in the check-in form."""

    key: str
    heading: str
    last: str | None  # None before the first check-in
    slider_label: str
    rating_key: str
    scale: str
    skip_label: str
    skip_key: str
    note_label: str
    note_open_key: str
    note_key: str
    placeholder: str


@dataclass(frozen=True)
class CheckIn:
    """The check-in form for one week."""

    week: IsoWeek
    form: dict[str, object]
    week_labels: Mapping[str, str]
    editing: str | None
    # rating key, skip key, icon, and the sentence up to "<now> now."
    outcome: tuple[str, str, str, str] | None
    ratings: tuple[Rating, ...]
    reflection_key: str
    focus_key: str
    focus_label: str
    focus_labels: Mapping[str, str]
    style: str
    script: str


@dataclass(frozen=True)
class PracticePage:
    """One practice's page: content and the user's history of it."""

    key: str
    title: str
    chart_name: str  # what its history chart's table switch names
    summary: str
    number: str
    why: str
    caution: str
    ideas: str
    prompts: str
    scale: str
    score: str
    trend: str
    change: str | None
    times_focused: int
    chart: alt.LayerChart
    table: pd.DataFrame
    notes: tuple[tuple[str, str], ...]
    older_notes: str | None


@dataclass(frozen=True)
class JournalCard:
    """One week's card on the journal, as ui/journal.py draws it."""

    key: str
    heading: str
    ratings: str
    focus: str | None
    writing: str
    link_label: str
    week: str


@dataclass(frozen=True)
class JournalPage:
    """The journal for one search: its dates, what it found, the export, the cards shown."""

    query: str
    titles: Mapping[str, str]
    first: date
    today: date
    count_caption: str
    export_label: str
    export_name: str
    csv: bytes
    pages: int
    page_caption: str | None
    cards: tuple[JournalCard, ...]


@dataclass(frozen=True)
class Data:
    """The data page: export payloads and names, what the sections say."""

    path_caption: str
    csv: bytes
    csv_name: str
    tidy: bytes
    tidy_name: str
    backup: bytes
    backup_name: str
    upload_caption: str
    restore_caption: str
    safety_copies: Mapping[str, str]
    delete_label: str
    weeks: int


def _words(text: str, settings: Settings) -> str:
    return personalise(text, escape_markdown(settings.partner_name), settings.partner_pronoun)


def _bullets(lines: Sequence[str], settings: Settings) -> str:
    return "\n".join(f"- {_words(line, settings)}" for line in lines)


def nav(practices: Sequence[Practice], text: AppText, data_path: str) -> Nav:
    """app.py's sections and sidebar caption."""
    return Nav(
        sections=(
            (
                text.name,
                (("Home", "🏠", ""), ("Check-in", "✍️", "check-in"), ("Journal", "📖", "journal")),
            ),
            (
                "The six practices",
                tuple((p.title, p.icon, p.key.replace("_", "-")) for p in practices),
            ),
            ("Yours", (("Your data", "🗂️", "data"), ("Settings", "⚙️", "settings"))),
        ),
        sidebar=f"🏠 Your diary stays on this computer: `{data_path}`",
    )


def home(
    entries: Sequence[WeekEntry],
    practices: Sequence[Practice],
    text: AppText,
    today: date,
    settings: Settings,
) -> Home:
    """What pages/home.py draws for these entries (at least one)."""
    titles = {item.key: item.title for item in practices}
    by_key = {item.key: item for item in practices}
    current = IsoWeek.of(today)
    state = checkin.week_status(list(entries), today)
    if state.done:
        message = f"**This week ({state.week}) is checked in.** You can still edit it."
        link = "Edit this week's check-in"
    else:
        until = "tonight" if state.days_left == 0 else day_label(state.week.sunday)
        message = f"**This week's check-in ({state.week}) is open until {until}.**"
        link = "Check in for this week"
    suggestion = insights.focus_suggestion(entries, today)
    if suggestion is None:
        raise ValueError("the bench's dashboard needs a focus suggestion")
    lines, button = _focus_card(
        suggestion, checkin.focus_entry(entries, today), by_key, today, settings
    )
    latest = entries[-1].week
    title = "This week" if latest == current else f"Latest check-in: {latest.with_monday()}"
    wheel = frames.wheel_frame(entries, titles, latest)
    history = frames.history_frame(entries, titles, through=current)
    return Home(
        text=text,
        status_done=state.done,
        status_message=message,
        status_link=link,
        streak=insights.streak(entries, today),
        consistency=f"{insights.consistency(entries, today)} of {insights.CONSISTENCY_WEEKS}",
        weeks_checked_in=state.weeks_checked_in,
        focus_lines=lines,
        focus_button=button,
        wheel_table=tables.wheel_table(wheel),
        wheel_chart=charts.wheel_chart(wheel, title),
        titles=titles,
        trends={weeks: views.trends_view(history, weeks) for weeks in dashboard.SPANS.values()},
        effects=_focus_effects(insights.focus_effects(entries), titles),
    )


def _focus_effects(
    effects: Sequence[insights.FocusEffect], titles: Mapping[str, str]
) -> tuple[tuple[str, str], ...]:
    """ui/dashboard.py's focus effects: a sentence per practice compared, or when one will be."""
    ready = [effect for effect in effects if insights.compared(effect)]
    if not ready:
        return (("caption", insights.effects_pending(effects, titles)),)
    lines = [
        (
            "markdown",
            "\n".join(f"- {insights.describe_effect(e, titles[e.practice])}" for e in ready),
        )
    ]
    left_out = insights.effects_left_out(effects, titles)
    return (*lines, ("caption", left_out)) if left_out else tuple(lines)


def _focus_card(
    suggestion: insights.FocusSuggestion,
    target: WeekEntry | None,
    by_key: Mapping[str, Practice],
    today: date,
    settings: Settings,
) -> tuple[tuple[tuple[str, str], ...], tuple[str, str] | None]:
    """ui/dashboard.py's focus card: its lines, then its button (label, key) if any."""
    item = by_key[suggestion.practice]
    reasons = "\n".join(f"- {r[:1].upper()}{r[1:]}" for r in suggestion.reasons)
    week = IsoWeek.of(today).week
    if target is None or target.focus is None:
        idea = item.ideas[week % len(item.ideas)]
        when = "" if target is None else f" {checkin.focus_week(target.week, today)}"
        lines = [
            ("header", f"Suggested focus{when}: {item.icon} {item.title}"),
            ("markdown", reasons),
            ("caption", SCORE_LINE),
            ("markdown", f"**One idea to try:** {_words(idea, settings)}"),
        ]
        if target is None:
            return (*lines, ("caption", "Check in for this week to choose a focus.")), None
        when = checkin.focus_week(target.week, today)
        return tuple(lines), (f"Make it {when}'s focus", "make_focus")
    chosen = by_key[target.focus]
    idea = chosen.ideas[week % len(chosen.ideas)]
    lines = [
        (
            "header",
            f"{checkin.focus_heading(target.week, today)}: {chosen.icon} {chosen.title}",
        ),
        ("caption", f"Chosen at your check-in for {target.week} ({target.week.label()})."),
        ("markdown", f"**One idea to try:** {_words(idea, settings)}"),
    ]
    if chosen.key == item.key:
        return (
            *lines,
            ("markdown", f"✓ Closer suggests {chosen.title} too:"),
            ("markdown", reasons),
            ("caption", SCORE_LINE),
        ), None
    lines += [
        ("markdown", f"**Closer suggests {item.icon} {item.title} instead:**"),
        ("markdown", reasons),
        ("caption", SCORE_LINE),
    ]
    when = checkin.focus_week(target.week, today)
    label = f"Switch {when}'s focus to {item.title} (replaces {chosen.title})"
    return tuple(lines), (label, "switch_focus")


def check_in(
    entries: Sequence[WeekEntry], practices: Sequence[Practice], today: date, settings: Settings
) -> CheckIn:
    """What pages/check-in.py draws for this week's form, with no draft kept."""
    week = IsoWeek.of(today)
    saved = {entry.week: entry for entry in entries}
    entry = saved.get(week)
    previous = checkin.previous_entry(entries, week)
    by_key = {item.key: item for item in practices}
    outcome = insights.focus_outcome(list(entries), week)
    suggestion = insights.focus_suggestion(entries, today)
    suggested = suggestion.practice if suggestion else None
    focus_labels = {checkin.NO_FOCUS: "No particular focus"} | {
        item.key: f"{item.icon} {item.title}" + (" (suggested)" if item.key == suggested else "")
        for item in practices
    }
    return CheckIn(
        week=week,
        form=checkin.form_values(week, entry),
        week_labels={
            str(option): checkin.week_option_label(option, today, set(saved))
            for option in checkin.picker_weeks(today, saved, also=week)
        },
        editing=None
        if entry is None or entry.updated_at is None
        else f"✏️ Editing the check-in you saved on {moment_label(entry.updated_at)}.",
        outcome=None
        if outcome is None
        else (
            checkin.widget_key(week, "rating", outcome.practice),
            checkin.widget_key(week, "skip", outcome.practice),
            by_key[outcome.practice].icon,
            f"**{checkin.focus_heading(outcome.chosen_at, today)}: "
            f"{by_key[outcome.practice].title}.** "
            f"{'skipped' if outcome.before is None else outcome.before} at your "
            f"{outcome.chosen_at} check-in, ",
        ),
        ratings=tuple(_rating(item, week, previous, today, settings) for item in practices),
        reflection_key=checkin.widget_key(week, "reflection"),
        focus_key=checkin.widget_key(week, "focus"),
        focus_label=checkin.focus_heading(week, today),
        focus_labels=focus_labels,
        style=CHECK_IN_STYLE,
        script=KEEP_TYPING_SCRIPT,
    )


def _rating(
    item: Practice, week: IsoWeek, previous: WeekEntry | None, today: date, settings: Settings
) -> Rating:
    scale = item.scale
    return Rating(
        key=item.key,
        heading=f"{item.icon} {item.title}",
        last=None
        if previous is None
        else checkin.previous_rating_label(previous, week, item.key, IsoWeek.of(today)),
        slider_label=f"{item.title}: your rating, from 1 ({scale.low}) to 10 ({scale.high})",
        rating_key=checkin.widget_key(week, "rating", item.key),
        scale=f"**1** {scale.short_low} · **10** {scale.short_high}",
        skip_label=f"Skip {item.title} this week",
        skip_key=checkin.widget_key(week, "skip", item.key),
        note_label=f"Note on {item.title}",
        note_open_key=checkin.widget_key(week, "note_open", item.key),
        note_key=checkin.widget_key(week, "note", item.key),
        placeholder=personalise(item.prompts[0], settings.partner_name, settings.partner_pronoun),
    )


def practice(
    entries: Sequence[WeekEntry],
    item: Practice,
    titles: Mapping[str, str],
    today: date,
    settings: Settings,
) -> PracticePage:
    """What ui/practice_view.py draws for practice `item` (the diary has entries)."""
    key = item.key
    score = insights.score(entries, key)
    moved = insights.trend(entries, key)
    history = frames.history_frame(entries, titles, through=IsoWeek.of(today))
    return PracticePage(
        key=key,
        title=f"{item.icon} {item.title}",
        chart_name=f"your {item.title} ratings",
        summary=f"**{_words(item.summary, settings)}**",
        number=f"Practice {item.number} of 6",
        why=_words(item.why, settings),
        caution=_words(item.caution, settings) if item.caution else "",
        ideas=_bullets(item.ideas, settings),
        prompts=_bullets(item.prompts, settings),
        scale=f"- **1**: {item.scale.low}\n- **5**: {item.scale.mid}\n- **10**: {item.scale.high}",
        score="–" if score is None else f"{score:.1f}",
        trend=TREND_WORDS.get(moved.direction, "Not enough data"),
        change=None if moved.change is None else f"{moved.change:+d} over {moved.check_ins}",
        times_focused=sum(1 for entry in entries if entry.focus == key),
        chart=charts.practice_history_chart(history, key),
        table=tables.practice_table(frames.practice_rows(history, key)),
        notes=tuple(
            (
                f"{e.week} · {e.week.label()} · {e.ratings[key] or 'skipped'}",
                e.notes[key],
            )
            for e in reversed(entries)
            if e.notes[key]
        )[:NOTES_PAGE],
        older_notes=older_notes_label(sum(1 for e in entries if e.notes[key])),
    )


def data(
    entries: Sequence[WeekEntry],
    backup: bytes,
    data_path: str,
    today: date,
    now: datetime,
    max_upload_mb: int,
    copies: Sequence[SafetyCopy] = (),
) -> Data:
    """What pages/data.py draws, with the three export files already made."""
    return Data(
        path_caption=f"Your diary is the file `{data_path}`. It is yours: take it anywhere.",
        csv=csv_files.export_csv(entries),
        csv_name=csv_files.export_filename(today),
        tidy=csv_files.export_tidy_csv(entries),
        tidy_name=csv_files.tidy_filename(today),
        backup=backup,
        backup_name=backup_files.backup_filename(now),
        upload_caption=(
            f"A CSV file saved as UTF-8, such as Closer's “Entries (CSV)” export, up to "
            f"{max_upload_mb} MB. You see what it would change before anything is saved."
        ),
        restore_caption=(
            "A Closer backup, as a “Full backup” button saves it, encrypted or not, up to "
            f"{max_upload_mb} MB. You see what it would change before anything is replaced."
        ),
        safety_copies={
            str(copy.path): f"{copy.taken.day} {copy.taken:%b %Y, %H:%M:%S} · before "
            f"{copy.reason.replace('-', ' ')} · {copy.size / 1024:.0f} KB"
            for copy in copies
        },
        delete_label=(
            "Type DELETE to delete your one week"
            if len(entries) == 1
            else f"Type DELETE to delete all {len(entries):,} weeks"
        ),
        weeks=len(entries),
    )


def journal_page(
    entries: Sequence[WeekEntry],
    practices: Sequence[Practice],
    today: date,
    query: str,
) -> JournalPage:
    """What pages/journal.py draws for `query` on its first page (the diary has entries)."""
    titles = {item.key: item.title for item in practices}
    chosen = journal.select(journal.pages(entries), journal.Filters(query), titles)
    count, total = len(chosen.pages), chosen.total
    everything = count == total
    shown = chosen.pages[: journal.PAGE_WEEKS]
    pages = math.ceil(count / journal.PAGE_WEEKS)
    return JournalPage(
        query=query,
        titles=titles,
        first=entries[0].week.monday,
        today=today,
        count_caption=(
            f"All {plural(count, 'week')}, newest first."
            if everything
            else f"{plural(count, 'week')} of {total} match, newest first."
        ),
        export_label=journal_ui.export_label(count, everything=everything),
        export_name=(
            csv_files.export_filename(today)
            if everything
            else csv_files.chosen_weeks_filename(today)
        ),
        csv=csv_files.export_csv(chosen.weeks),
        pages=pages,
        page_caption=f"Weeks 1–{len(shown)} of {count}." if pages > 1 else None,
        cards=tuple(
            JournalCard(
                key=f"journal_week_{page.entry.week}",
                heading=page.entry.week.with_monday(),
                ratings=journal_html.ratings_html(page.entry, practices),
                focus=(
                    None
                    if page.entry.focus is None
                    else f"Focus chosen for the next week: {titles[page.entry.focus]}"
                ),
                writing=journal_html.writing_html(page.entry, titles, chosen.words),
                link_label=f"Open {page.entry.week} in the check-in",
                week=str(page.entry.week),
            )
            for page in shown
        ),
    )
