"""The weekly check-in form, as plain values: what it starts with and what it saves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.weeks import IsoWeek, WeekError, check_not_future

DEFAULT_RATING = 5
NO_FOCUS = ""
PICKER_WEEKS = 104
FORM_PREFIX = "ci."


def widget_key(week: IsoWeek, field: str, practice: str = "") -> str:
    """The session key of one form field; per week, so drafts of two weeks never mix."""
    return f"{FORM_PREFIX}{week}.{field}" + (f".{practice}" if practice else "")


def form_values(week: IsoWeek, entry: WeekEntry | None) -> dict[str, object]:
    """The form's starting values: the saved entry, or a fresh week."""
    values: dict[str, object] = {}
    for key in PRACTICE_KEYS:
        rating = entry.ratings[key] if entry else None
        values[widget_key(week, "rating", key)] = DEFAULT_RATING if rating is None else rating
        values[widget_key(week, "skip", key)] = entry is not None and rating is None
        values[widget_key(week, "note", key)] = entry.notes[key] if entry else ""
    values[widget_key(week, "reflection")] = entry.reflection if entry else ""
    values[widget_key(week, "focus")] = (entry.focus if entry else None) or NO_FOCUS
    return values


def _answers(
    week: IsoWeek, form: Mapping[str, object]
) -> tuple[tuple[object, ...], tuple[str, ...], str, str | None]:
    """What the form says, ignoring a slider's position when its practice is skipped."""
    ratings = tuple(
        None
        if form.get(widget_key(week, "skip", key))
        else form.get(widget_key(week, "rating", key))
        for key in PRACTICE_KEYS
    )
    notes = tuple(
        str(form.get(widget_key(week, "note", key)) or "").strip() for key in PRACTICE_KEYS
    )
    reflection = str(form.get(widget_key(week, "reflection")) or "").strip()
    focus = form.get(widget_key(week, "focus")) or None
    return ratings, notes, reflection, None if focus is None else str(focus)


def has_unsaved_changes(week: IsoWeek, form: Mapping[str, object], saved: WeekEntry | None) -> bool:
    """True when the form differs from what is saved (or, for a new week, from a blank form)."""
    return _answers(week, form) != _answers(week, form_values(week, saved))


def entry_from_form(week: IsoWeek, form: Mapping[str, object]) -> WeekEntry:
    """Validate the form into a `WeekEntry`; raises EntryError with every problem."""
    ratings, notes, reflection, focus = _answers(week, form)
    return make_entry(
        week,
        dict(zip(PRACTICE_KEYS, ratings, strict=True)),
        dict(zip(PRACTICE_KEYS, notes, strict=True)),
        reflection,
        focus,
    )


def resolve_week(requested: str | None, today: date) -> tuple[IsoWeek, str | None]:
    """The week to open from `?week=`: it, or this week with a message saying why not."""
    current = IsoWeek.of(today)
    if not requested:
        return current, None
    try:
        return check_not_future(IsoWeek.parse(requested), today), None
    except WeekError as error:
        return current, f"{error} Showing this week instead."


def picker_weeks(
    today: date, saved: Iterable[IsoWeek], also: IsoWeek | None = None
) -> list[IsoWeek]:
    """Weeks offered by the week picker, newest first: two years back, or to the first entry.

    A week opened by its address (`also`) that is older still is offered on its
    own, not with every week in between (`?week=1900-W02` would list 6,600).
    """
    current = IsoWeek.of(today)
    known = [week for week in saved if week <= current]
    oldest = min([current.shifted(1 - PICKER_WEEKS), *known])
    weeks: list[IsoWeek] = []
    week = current
    while week >= oldest:
        weeks.append(week)
        week = week.shifted(-1)
    if also is not None and also < oldest:
        weeks.append(also)
    return weeks


def week_option_label(week: IsoWeek, today: date, saved: set[IsoWeek]) -> str:
    """`2026-W48 · 23–29 Nov 2026 · this week · ✓ saved`."""
    parts = [str(week), week.label()]
    current = IsoWeek.of(today)
    if week == current:
        parts.append("this week")
    elif week == current.shifted(-1):
        parts.append("last week")
    if week in saved:
        parts.append("✓ saved")
    return " · ".join(parts)


def previous_entry(entries: Iterable[WeekEntry], week: IsoWeek) -> WeekEntry | None:
    """The most recent entry before `week`."""
    earlier = [entry for entry in entries if entry.week < week]
    return max(earlier, key=lambda entry: entry.week) if earlier else None


def previous_rating_label(
    previous: WeekEntry | None, week: IsoWeek, key: str, today_week: IsoWeek
) -> str:
    """`Last week: 6`, `2026-W44: skipped`, or `No earlier check-in`.

    "Last week" only when `week` is this week's form and the entry is the week
    before; for a past week the earlier week is named, which cannot be misread.
    """
    if previous is None:
        return "No earlier check-in"
    when = (
        "Last week"
        if previous.week == week.shifted(-1) == today_week.shifted(-1)
        else str(previous.week)
    )
    rating = previous.ratings[key]
    return f"{when}: {'skipped' if rating is None else rating}"


@dataclass(frozen=True)
class WeekStatus:
    """Where the user stands this week."""

    week: IsoWeek
    done: bool
    weeks_checked_in: int
    days_left: int
    last_saved: WeekEntry | None


def week_status(entries: list[WeekEntry], today: date) -> WeekStatus:
    """This week's check-in state and the totals for the home page."""
    current = IsoWeek.of(today)
    return WeekStatus(
        week=current,
        done=any(entry.week == current for entry in entries),
        weeks_checked_in=len(entries),
        days_left=(current.sunday - today).days,
        last_saved=max(entries, key=lambda entry: entry.week) if entries else None,
    )


def focus_entry(entries: Sequence[WeekEntry], today: date) -> WeekEntry | None:
    """The check-in a focus chosen now is stored on: this week's, else last week's.

    A focus chosen at week W's check-in is for week W+1, so last week's entry
    holds this week's focus and this week's entry holds next week's.
    """
    current = IsoWeek.of(today)
    recent = [entry for entry in entries if current.shifted(-1) <= entry.week <= current]
    return max(recent, key=lambda entry: entry.week) if recent else None


def focus_week(chosen_at: IsoWeek, today: date) -> str:
    """The week a focus chosen at `chosen_at` is for: `this week`, `next week` or `2026-W45`."""
    week = chosen_at.shifted(1)
    current = IsoWeek.of(today)
    if week == current:
        return "this week"
    if week == current.shifted(1):
        return "next week"
    return str(week)


def focus_heading(chosen_at: IsoWeek, today: date) -> str:
    """`Your focus this week`, `Your focus next week` or `Your focus for 2026-W45`."""
    when = focus_week(chosen_at, today)
    return f"Your focus for {when}" if when == str(chosen_at.shifted(1)) else f"Your focus {when}"
