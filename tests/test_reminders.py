"""The weekly reminder .ics: what a calendar app reads back, the time zone, the guard rails."""

import itertools
import re
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from lib import reminders
from lib.reminder_calendar import PRODID, SUMMARY
from lib.reminders import (
    WEEKDAYS,
    local_timezone_name,
    reminder_filename,
    reminder_ics,
)

URL = "http://127.0.0.1:8501/"
TODAY = date(2026, 11, 24)  # a Tuesday
BERLIN = "Europe/Berlin"
ROOT = Path(__file__).resolve().parents[1]


def parse(ics: bytes) -> tuple[Calendar, Event]:
    """The calendar in `ics` and its one event."""
    calendar = Calendar.from_ical(ics)
    assert len(calendar.events) == 1
    return calendar, calendar.events[0]


def berlin_event(weekday: int = 1, at: time = time(20, 15), today: date = TODAY) -> Event:
    """The event of a reminder made in Berlin."""
    return parse(reminder_ics(weekday, at, URL, BERLIN, today))[1]


def test_weekdays_name_monday_to_sunday_like_date_weekday() -> None:
    monday = date(2026, 11, 23)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        assert WEEKDAYS[day.weekday()] == day.strftime("%A")  # the C locale's English names


def test_filename_is_an_ics_file() -> None:
    assert reminder_filename() == "closer-weekly-reminder.ics"


def test_calendar_says_who_made_it_and_which_version() -> None:
    calendar, _ = parse(reminder_ics(1, time(20, 15), URL, BERLIN, TODAY))
    assert calendar["PRODID"] == PRODID == "-//Closer//Weekly reminder//EN"
    assert calendar["VERSION"] == "2.0"


@pytest.mark.parametrize(
    ("weekday", "code"),
    [(0, "MO"), (1, "TU"), (2, "WE"), (3, "TH"), (4, "FR"), (5, "SA"), (6, "SU")],
)
def test_event_repeats_every_week_on_the_chosen_day(weekday: int, code: str) -> None:
    event = berlin_event(weekday)
    [rule] = event.rrules
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == [code]
    assert event.start.weekday() == weekday
    assert TODAY <= event.start.date() < TODAY + timedelta(days=7)


@pytest.mark.parametrize(
    ("weekday", "first"),
    [(1, date(2026, 11, 24)), (2, date(2026, 11, 25)), (0, date(2026, 11, 30))],
    ids=["today", "tomorrow", "next-monday"],
)
def test_first_reminder_is_the_next_such_day_counting_today(weekday: int, first: date) -> None:
    assert berlin_event(weekday).start.date() == first


def test_event_starts_at_the_chosen_local_time_and_lasts_15_minutes() -> None:
    event = berlin_event(at=time(7, 5))
    assert (event.start.hour, event.start.minute) == (7, 5)
    assert event.start.utcoffset() == timedelta(hours=1)
    assert event.end - event.start == timedelta(minutes=15)


def test_rule_is_kept_in_local_time_so_daylight_saving_does_not_move_it() -> None:
    ics = reminder_ics(6, time(19, 0), URL, BERLIN, date(2026, 10, 13))
    assert b"DTSTART;TZID=Europe/Berlin:20261018T190000" in ics
    calendar, event = parse(ics)
    assert event.start.utcoffset() == timedelta(hours=2)  # summer time at first
    # Apps without their own zone data learn here that Berlin goes back to +01:00.
    [zone] = calendar.timezones
    assert timedelta(hours=1) in [winter.TZOFFSETTO for winter in zone.standard]


# What another calendar program makes of the file. vobject reads the VTIMEZONE with its own
# code (dateutil's), not icalendar's, so it checks the rules rather than echoing them.
WEEKS = 20 * 52 + 1


def vobject_occurrences(ics: bytes, zone: str, weeks: int = WEEKS) -> list[datetime]:
    """The first `weeks` occurrences of the reminder as vobject expands it, in UTC."""
    # vobject keeps one tzinfo per TZID for the whole process and uses the first it saw;
    # forgetting it makes this file's VTIMEZONE the one that counts.
    if zone != "UTC":  # UTC times end in Z, which vobject maps to its own UTC
        vobject.icalendar.registerTzid(zone, None)
    event = vobject.readOne(ics.decode()).vevent
    # Not pytz: vobject falls back on it for a TZID with no VTIMEZONE, which proves nothing.
    assert "pytz" not in type(event.dtstart.value.tzinfo).__module__
    return [moment.astimezone(UTC) for moment in itertools.islice(event.getrruleset(), weeks)]


def wall_clock_readings(day: date, at: time, zone: str) -> set[datetime]:
    """The UTC instants `at` on `day` in `zone` can mean: one, or two at a clock change."""
    local = datetime.combine(day, at, ZoneInfo(zone))
    return {local.astimezone(UTC), local.replace(fold=1).astimezone(UTC)}


@pytest.mark.parametrize(
    "zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]
)
@pytest.mark.parametrize(("weekday", "at"), [(2, time(7, 30)), (6, time(19, 0)), (4, time(0, 15))])
def test_another_calendar_program_puts_20_years_of_weeks_at_the_chosen_local_time(
    zone: str, weekday: int, at: time
) -> None:
    # Regression: with the old VTIMEZONE (one comma-separated RDATE) Mozilla's ical.js put a
    # Wednesday 07:30 in Berlin at 08:30 for 31 of the next 60 weeks, vobject every summer
    # from 2029.
    today = date(2026, 11, 27)
    occurrences = vobject_occurrences(reminder_ics(weekday, at, URL, zone, today), zone)
    first = today + timedelta(days=(weekday - today.weekday()) % 7)
    expected = [
        datetime.combine(first + timedelta(weeks=week), at, ZoneInfo(zone)).astimezone(UTC)
        for week in range(WEEKS)
    ]
    assert occurrences == expected
    local = [moment.astimezone(ZoneInfo(zone)) for moment in occurrences]
    assert {(moment.weekday(), moment.time()) for moment in local} == {(weekday, at)}


@pytest.mark.parametrize(
    ("zone", "at"),
    [
        ("Europe/Berlin", time(2, 30)),  # skipped in March, twice in October
        ("Europe/Berlin", time(2, 0)),  # the first minute clocks skip
        ("America/New_York", time(1, 30)),  # twice in November
        ("Australia/Sydney", time(2, 30)),  # twice in April, skipped in October
    ],
)
def test_a_time_that_clocks_skip_or_repeat_moves_by_at_most_that_hour(zone: str, at: time) -> None:
    # The file says the chosen wall time (RFC 5545 reads a skipped time with the offset before
    # the change, a repeated one as its first time, as Python's fold=0 does). Readers differ
    # in those weeks: vobject takes a skipped 02:30 as 01:30, ical.js also takes the second of
    # a repeated time. Every other week is the same everywhere.
    today = date(2026, 11, 27)
    occurrences = vobject_occurrences(reminder_ics(6, at, URL, zone, today), zone)
    first = today + timedelta(days=(6 - today.weekday()) % 7)
    odd_weeks = 0
    for week, moment in enumerate(occurrences):
        readings = wall_clock_readings(first + timedelta(weeks=week), at, zone)
        assert moment in readings
        odd_weeks += len(readings) == 2
    assert 20 <= odd_weeks <= 42  # once or twice a year, depending on the zone and time


def test_a_skipped_time_is_written_as_the_chosen_wall_time() -> None:
    ics = reminder_ics(6, time(2, 30), URL, BERLIN, date(2027, 3, 22))
    assert b"DTSTART;TZID=Europe/Berlin:20270328T023000" in ics
    assert b"RRULE:FREQ=WEEKLY;BYDAY=SU" in ics
    assert parse(ics)[1].start.utcoffset() == timedelta(hours=1)  # fold=0: the offset before


def test_time_zone_is_yearly_rules_not_a_list_of_dates() -> None:
    calendar, _ = parse(reminder_ics(2, time(7, 30), URL, BERLIN, TODAY))
    [zone] = calendar.timezones
    assert [block.name for block in zone.subcomponents] == ["DAYLIGHT", "STANDARD"]
    assert [block["RRULE"]["BYDAY"] for block in zone.subcomponents] == [["-1SU"], ["-1SU"]]
    assert all("RDATE" not in block for block in zone.subcomponents)


def test_start_names_its_time_zone_and_the_calendar_describes_it() -> None:
    calendar, event = parse(reminder_ics(1, time(20, 15), URL, BERLIN, TODAY))
    assert event["DTSTART"].params["TZID"] == BERLIN
    assert event["DTEND"].params["TZID"] == BERLIN
    assert [zone.tz_name for zone in calendar.timezones] == [BERLIN]
    assert calendar.get_missing_tzids() == set()


def test_a_tzinfo_works_as_well_as_a_name() -> None:
    ics = reminder_ics(1, time(20, 15), URL, ZoneInfo("America/New_York"), TODAY)
    calendar, event = parse(ics)
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert calendar.get_missing_tzids() == set()


def test_a_fixed_offset_still_gets_a_time_zone_definition() -> None:
    ics = reminder_ics(1, time(20, 15), URL, timezone(timedelta(hours=5, minutes=30)), TODAY)
    calendar, event = parse(ics)
    assert event["DTSTART"].params["TZID"]
    assert calendar.get_missing_tzids() == set()
    assert event.start.utcoffset() == timedelta(hours=5, minutes=30)


def test_utc_is_written_in_utc_form_without_a_time_zone_block() -> None:
    # RFC 5545 forbids a TZID on UTC times; they end in Z instead.
    calendar, event = parse(reminder_ics(1, time(20, 15), URL, "UTC", TODAY))
    assert "TZID" not in event["DTSTART"].params
    assert b"DTSTART:20261124T201500Z" in reminder_ics(1, time(20, 15), URL, "UTC", TODAY)
    assert calendar.timezones == []
    assert event.start.utcoffset() == timedelta(0)


def test_event_text_link_and_alarm() -> None:
    event = berlin_event()
    assert event["SUMMARY"] == SUMMARY == "Closer: weekly check-in"
    assert event["URL"] == URL
    assert URL in event["DESCRIPTION"]
    assert len(event["DESCRIPTION"].splitlines()[0]) > 20  # a nudge, not only the link
    [alarm] = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(0)
    assert alarm["DESCRIPTION"]


def test_event_text_says_the_link_works_only_while_closer_runs() -> None:
    description = berlin_event()["DESCRIPTION"]
    assert f"Open Closer: {URL}\n" in description
    assert "only while it is running on this computer" in description
    assert "start Closer" in description


def test_the_nudge_is_for_one_person() -> None:
    # The check-in is a solo reflection, not something done together.
    nudge = berlin_event()["DESCRIPTION"].splitlines()[0]
    assert "together" not in nudge.lower()
    assert nudge == "Set aside a few quiet minutes and look back on your week."


def test_event_has_a_stamp_and_does_not_block_time() -> None:
    event = berlin_event()
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["TRANSP"] == "TRANSPARENT"


def test_uid_is_the_same_each_download_so_apps_replace_the_event() -> None:
    first = berlin_event(1, time(20, 15))
    again = berlin_event(1, time(20, 15), today=TODAY + timedelta(days=3))
    assert first["UID"] == again["UID"] == "closer-weekly-1-2015@closer.local"


@pytest.mark.parametrize(
    ("weekday", "at"),
    [(1, time(20, 30)), (1, time(8, 15)), (2, time(20, 15))],
)
def test_uid_differs_for_another_day_or_time(weekday: int, at: time) -> None:
    assert berlin_event(weekday, at)["UID"] != berlin_event(1, time(20, 15))["UID"]


def test_uid_can_be_given() -> None:
    ics = reminder_ics(1, time(20, 15), URL, BERLIN, TODAY, uid="ours@example.org")
    assert parse(ics)[1]["UID"] == "ours@example.org"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8501/",
        "http://localhost:8501",
        "http://[::1]:8501/?page=check-in",
        "http://LOCALHOST/",
    ],
)
def test_local_links_are_accepted(url: str) -> None:
    assert parse(reminder_ics(1, time(20, 15), url, BERLIN, TODAY))[1]["URL"] == url


@pytest.mark.parametrize(
    ("weekday", "at", "url", "tz", "uid", "message"),
    [
        (7, time(20), URL, BERLIN, None, "must be 0 (Monday) to 6 (Sunday), not 7."),
        (-1, time(20), URL, BERLIN, None, "must be 0 (Monday) to 6 (Sunday), not -1."),
        (True, time(20), URL, BERLIN, None, "must be 0 (Monday) to 6 (Sunday), not True."),
        (1, time(20), "https://example.com/", BERLIN, None, "must open Closer on this computer"),
        (1, time(20), "http://localhost.example.com/", BERLIN, None, "on this computer"),
        (1, time(20), "http://localhost@example.com/", BERLIN, None, "on this computer"),
        (1, time(20), "http://127.0.0.1.nip.io/", BERLIN, None, "on this computer"),
        (1, time(20), "https://127.0.0.1:8501/", BERLIN, None, "on this computer"),
        (1, time(20), "http://localhost:99999/", BERLIN, None, "on this computer"),
        (1, time(20), "http://localhost/\r\nX:1", BERLIN, None, "on this computer"),
        (1, time(20), "", BERLIN, None, "not “”"),
        (1, time(20), URL, "Mars/Olympus", None, "“Mars/Olympus” is not a time zone"),
        (1, time(20), URL, BERLIN, "  ", "needs a UID"),
    ],
)
def test_bad_input_is_refused_with_a_plain_message(
    weekday: int, at: time, url: str, tz: str, uid: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        reminder_ics(weekday, at, url, tz, TODAY, uid=uid)


@pytest.mark.parametrize(
    ("weekday", "url", "tz", "message"),
    [
        (7, URL, BERLIN, "0 (Monday) to 6 (Sunday)"),
        (1, "http://example.com/", BERLIN, "on this computer"),
        (1, URL, "Mars/Olympus", "“Mars/Olympus” is not a time zone"),
    ],
)
def test_the_choices_are_checked_before_any_file_is_made(
    weekday: int, url: str, tz: str, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        reminders.check_reminder(weekday, url, tz)


def test_a_checked_choice_gives_its_zone() -> None:
    assert reminders.check_reminder(2, URL, BERLIN) == ZoneInfo(BERLIN)


def test_offering_a_reminder_loads_no_icalendar_library() -> None:
    # A fresh interpreter: this one has loaded icalendar for the tests above.
    probe = "import sys, lib.reminders; print(sorted(m for m in sys.modules if 'icalendar' in m))"
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"


# Each example works out a zone's changes over 22 years, tens of milliseconds on a busy
# machine: no deadline, as this checks what is written, not how fast.
@settings(max_examples=60, deadline=None)
@given(
    weekday=st.integers(0, 6),
    at=st.times(),
    today=st.dates(date(2000, 1, 1), date(2090, 12, 31)),
    zone=st.sampled_from(["Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata", "UTC"]),
)
def test_round_trip_keeps_day_time_and_week(weekday: int, at: time, today: date, zone: str) -> None:
    _, event = parse(reminder_ics(weekday, at, URL, zone, today))
    start = event.start
    assert (start.weekday(), start.hour, start.minute) == (weekday, at.hour, at.minute)
    assert today <= start.date() < today + timedelta(days=7)


# The machine's time zone name, for the DTSTART TZID.


def test_tz_variable_wins(tmp_path: Path) -> None:
    (tmp_path / "timezone").write_text("Europe/Berlin\n", encoding="utf-8")
    assert local_timezone_name({"TZ": ":America/New_York"}, tmp_path) == "America/New_York"


def test_localtime_link_names_the_zone(tmp_path: Path) -> None:
    (tmp_path / "localtime").symlink_to("../usr/share/zoneinfo/Europe/Lisbon")
    (tmp_path / "timezone").write_text("Europe/Berlin\n", encoding="utf-8")
    assert local_timezone_name({}, tmp_path) == "Europe/Lisbon"


def test_etc_timezone_is_read_when_localtime_is_a_copy(tmp_path: Path) -> None:
    (tmp_path / "localtime").write_bytes(b"TZif")
    (tmp_path / "timezone").write_text("Asia/Tokyo\n", encoding="utf-8")
    assert local_timezone_name({"TZ": ""}, tmp_path) == "Asia/Tokyo"


@pytest.mark.parametrize("tz", ["CET-1CEST", "/etc/localtime", "Europe", "../../x"])
def test_a_tz_value_that_is_not_a_zone_name_is_skipped(tmp_path: Path, tz: str) -> None:
    (tmp_path / "timezone").write_text("Asia/Tokyo\n", encoding="utf-8")
    assert local_timezone_name({"TZ": tz}, tmp_path) == "Asia/Tokyo"


def test_posix_prefixed_link_gives_the_plain_name(tmp_path: Path) -> None:
    (tmp_path / "localtime").symlink_to("/usr/share/zoneinfo/posix/Europe/Paris")
    assert local_timezone_name({}, tmp_path) == "Europe/Paris"


def test_utc_when_nothing_says(tmp_path: Path) -> None:
    assert local_timezone_name({}, tmp_path) == "UTC"
    (tmp_path / "timezone").write_text("not a zone\n", encoding="utf-8")
    assert local_timezone_name({}, tmp_path) == "UTC"


def test_this_machine_has_a_usable_name() -> None:
    assert ZoneInfo(local_timezone_name()) is not None


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        (None, "http://127.0.0.1:8501/"),
        ("", "http://127.0.0.1:8501/"),
        ("http://127.0.0.1:8600/settings", "http://127.0.0.1:8600/"),
        ("http://localhost:8501/settings?x=1", "http://localhost:8501/"),
    ],
)
def test_home_url_is_the_address_without_the_page(page_url: str | None, expected: str) -> None:
    assert reminders.home_url(page_url) == expected


def test_reminder_times_are_every_quarter_hour_of_the_day() -> None:
    assert len(reminders.TIMES) == 96
    assert list(reminders.TIMES) == sorted(reminders.TIMES)
    assert {moment.minute for moment in reminders.TIMES} == {0, 15, 30, 45}
    assert reminders.TIMES[0] == time(0, 0)
    assert reminders.TIMES[-1] == time(23, 45)
    assert reminders.DEFAULT_TIME in reminders.TIMES
