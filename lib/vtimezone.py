"""A time zone as an iCalendar VTIMEZONE of yearly rules, the way calendar apps write one."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# RFC 5545 day codes, in date.weekday() order.
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Offsets change a few times a year at most, the closest two about a week apart (Gaza's,
# around Ramadan), so a daily look finds every change; bisection then finds its second.
_STEP = timedelta(days=1)


@dataclass(frozen=True)
class Change:
    """One change of a zone's UTC offset."""

    utc: datetime  # the first instant of the new offset, in UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str  # the abbreviation after the change, e.g. CEST
    daylight: bool  # whether the new offset is daylight saving time

    @property
    def onset(self) -> datetime:
        """The local wall time of the change in the offset being left, as RFC 5545 wants it."""
        return (self.utc + self.offset_from).replace(tzinfo=None)


def vtimezone(zone: tzinfo, tzid: str, first: date, years: int) -> Timezone:
    """`zone` as a VTIMEZONE named `tzid`, right from `first` for at least `years` years.

    Each yearly change becomes a STANDARD or DAYLIGHT block with an RRULE such as
    FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU (the last Sunday in March); a change that follows no
    yearly rule gets a block of its own with a single DTSTART. Nothing is written as a
    comma-separated RDATE, which some calendar apps read only the first date of.
    """
    # From New Year a year back, so the change in force at `first` is among those found.
    start = datetime(first.year - 1, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(first.year + years + 1, 1, 1, tzinfo=UTC)
    found = changes(zone, start, end)
    result = Timezone()
    result.add("TZID", tzid)
    # Without a change before the first reminder, say which offset is in force until one.
    if not found or found[0].utc > datetime.combine(first, time(), UTC) - timedelta(days=1):
        result.add_component(_steady_block(zone, start))
    for run in _yearly_runs(found):
        result.add_component(_block(run, open_ended=run[-1].onset.year == end.year - 1))
    return result


# Settings draws the reminder on every rerun: the changes of one zone over one span are
# looked for once per process.
@functools.lru_cache(maxsize=64)
def changes(zone: tzinfo, start: datetime, end: datetime) -> tuple[Change, ...]:
    """Every change of `zone`'s UTC offset from `start` to `end` (aware datetimes), in order."""
    found: list[Change] = []
    before = start
    while before < end:
        after = min(before + _STEP, end)
        if _offset(zone, before) != _offset(zone, after):
            found.append(_change(zone, _first_instant_of(zone, before, after)))
        before = after
    return tuple(found)


def _offset(zone: tzinfo, moment: datetime) -> timedelta:
    """`zone`'s UTC offset at the instant `moment`."""
    offset = moment.astimezone(zone).utcoffset()
    if offset is None:  # astimezone already refuses such a zone; this tells the type checker
        raise ValueError(f"{zone} has no UTC offset at {moment:%Y-%m-%d %H:%M} UTC.")
    return offset


def _first_instant_of(zone: tzinfo, before: datetime, after: datetime) -> datetime:
    """The first second after `before` whose offset is the one at `after` (bisection)."""
    old = _offset(zone, before)
    low, high = 0, int((after - before).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(zone, before + timedelta(seconds=middle)) == old:
            low = middle
        else:
            high = middle
    return before + timedelta(seconds=high)


def _change(zone: tzinfo, utc: datetime) -> Change:
    """The change of `zone`'s offset that happens at `utc`."""
    local = utc.astimezone(zone)
    return Change(
        utc=utc.astimezone(UTC),
        offset_from=_offset(zone, utc - timedelta(seconds=1)),
        offset_to=_offset(zone, utc),
        name=local.tzname() or "",
        daylight=bool(local.dst()),
    )


def _yearly_runs(found: tuple[Change, ...]) -> list[list[Change]]:
    """`found` split into runs, each one change a year in consecutive years by one rule."""
    runs: list[list[Change]] = []
    latest: dict[tuple[object, ...], list[Change]] = {}
    for change in found:
        onset = change.onset
        kind = (
            change.offset_from,
            change.offset_to,
            change.name,
            change.daylight,
            onset.time(),
            onset.month,
            onset.weekday(),
        )
        run = latest.get(kind)
        if run and run[-1].onset.year == onset.year - 1 and _rule_days([*run, change]):
            run.append(change)
        else:
            latest[kind] = [change]
            runs.append(latest[kind])
    return sorted(runs, key=lambda run: run[0].utc)


def _rule_days(run: list[Change]) -> list[str]:
    """Which ways of naming the day fit every change in `run`, best first.

    "-1" is the last such weekday of the month; a number D is the weekday among days D
    to D+6, which for D = 1, 8, 15, 22 is the first to fourth (Sun>=8 in the IANA
    rules is the second Sunday, BYDAY=2SU).
    """
    month = run[0].onset.month
    shortest = calendar.monthrange(2001, month)[1]  # a year that is not a leap year
    starts = set(range(1, shortest - 5))
    last = True
    for change in run:
        day = change.onset.day
        starts &= set(range(day - 6, day + 1))
        last = last and day + 7 > calendar.monthrange(change.onset.year, month)[1]
    nth = sorted(start for start in starts if start % 7 == 1)
    others = sorted(start for start in starts if start % 7 != 1)
    return [str(start) for start in nth] + ["-1"] * last + [str(start) for start in others]


def _block(run: list[Change], open_ended: bool) -> TimezoneStandard | TimezoneDaylight:
    """The STANDARD or DAYLIGHT block for `run`: a yearly rule, or one date on its own."""
    first = run[0]
    block = TimezoneDaylight() if first.daylight else TimezoneStandard()
    block.add("DTSTART", first.onset)
    if len(run) > 1:
        block.add("RRULE", _rrule(run, open_ended))
    block.add("TZNAME", first.name)
    block.add("TZOFFSETFROM", first.offset_from)
    block.add("TZOFFSETTO", first.offset_to)
    return block


def _rrule(run: list[Change], open_ended: bool) -> dict[str, object]:
    """The yearly RRULE that gives exactly the onsets in `run` (and goes on if `open_ended`)."""
    onset = run[0].onset
    day = _rule_days(run)[0]
    code = _DAY_CODES[onset.weekday()]
    rule: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": onset.month}
    if day == "-1" or int(day) % 7 == 1:
        rule["BYDAY"] = f"{-1 if day == '-1' else (int(day) + 6) // 7}{code}"
    else:
        rule["BYMONTHDAY"] = list(range(int(day), int(day) + 7))
        rule["BYDAY"] = code
    if not open_ended:
        # RFC 5545 wants UNTIL in UTC, but some readers (dateutil, so vobject) compare it with
        # the local onset as if both were UTC: the later of the two keeps the last onset for
        # both, and the next one would be a year on.
        last = run[-1]
        rule["UNTIL"] = max(last.utc, last.onset.replace(tzinfo=UTC))
    return rule


def _steady_block(zone: tzinfo, start: datetime) -> TimezoneStandard | TimezoneDaylight:
    """A block that says which offset is in force from `start` on, for when no change says."""
    local = start.astimezone(zone)
    offset = _offset(zone, start)
    block = TimezoneDaylight() if local.dst() else TimezoneStandard()
    block.add("DTSTART", local.replace(tzinfo=None))
    block.add("TZNAME", local.tzname() or "")
    block.add("TZOFFSETFROM", offset)
    block.add("TZOFFSETTO", offset)
    return block
