"""The weekly reminder .ics: what a calendar app reads back, the time zone, the guard rails."""

import re
from datetime import date, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from lib import reminders
from lib.reminders import (
    PRODID,
    SUMMARY,
    WEEKDAYS,
    local_timezone_name,
    reminder_filename,
    reminder_ics,
)

URL = "http://127.0.0.1:8501/"
TODAY = date(2026, 11, 24)  # a Tuesday
BERLIN = "Europe/Berlin"


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
