"""The reminder's iCalendar file, made from a start time, a link and a UID."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from lib import reminder_calendar
from lib.reminder_calendar import PRODID, SUMMARY

URL = "http://127.0.0.1:8501/"


def read(start: datetime) -> Calendar:
    return Calendar.from_ical(reminder_calendar.calendar_bytes(start, URL, "uid@closer.local"))


def test_the_event_repeats_on_its_start_day_and_carries_its_zone() -> None:
    start = datetime(2026, 12, 2, 7, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # a Wednesday
    calendar = read(start)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["PRODID"]) == PRODID
    assert event["RRULE"]["BYDAY"] == ["WE"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (alarm,) = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == SUMMARY
    assert str(event["UID"]) == "uid@closer.local"


def test_a_start_in_utc_needs_no_zone_block() -> None:
    calendar = read(datetime(2026, 12, 6, 18, 0, tzinfo=UTC))  # a Sunday
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["SU"]
    assert calendar.walk("VTIMEZONE") == []
    assert event["DTSTART"].to_ical().endswith(b"Z")
