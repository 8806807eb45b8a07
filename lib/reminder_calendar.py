"""The reminder's iCalendar file itself: its event, its alarm and its time zone.

Apart from lib/reminders.py, which checks what the user chose and offers the file,
because the iCalendar libraries are only loaded when a file is made.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import TRANSP, Alarm, Calendar, Event

from lib.vtimezone import vtimezone

PRODID = "-//Closer//Weekly reminder//EN"
SUMMARY = "Closer: weekly check-in"
NUDGE = "Set aside a few quiet minutes and look back on your week."
# The link is to this computer (http://127.0.0.1:PORT/): it leads nowhere while Closer is stopped.
LINK_NOTE = (
    "This link opens Closer only while it is running on this computer: "
    "if the page does not load, start Closer, then open the link again."
)
DURATION = timedelta(minutes=15)
# RFC 5545 day codes, in the same order as WEEKDAYS and date.weekday().
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# The VTIMEZONE's rules come from the zone's changes over this many years from the first
# reminder, and its yearly rules go on after that. Calendar apps that know the IANA name
# (most of them) use their own rules anyway.
ZONE_YEARS = 20


def calendar_bytes(start: datetime, url: str, uid: str) -> bytes:
    """The .ics file: a weekly event from `start`, linking to `url`, with its time zone."""
    return _calendar(_weekly_event(start, url, uid), start).to_ical()


def _weekly_event(start: datetime, url: str, uid: str) -> Event:
    """The check-in event: weekly from `start`, with a pop-up as it begins."""
    event = Event.new(
        summary=SUMMARY,
        description=f"{NUDGE}\n\nOpen Closer: {url}\n{LINK_NOTE}",
        start=start,
        end=start + DURATION,
        uid=uid,
        url=url,
        # A reminder, not an appointment: it should not mark anyone as busy.
        transparency=TRANSP.TRANSPARENT,
        subcomponents=[Alarm.new_display(description=SUMMARY, trigger=timedelta(0))],
    )
    event.add("RRULE", {"FREQ": "WEEKLY", "BYDAY": BYDAY[start.weekday()]})
    return event


def _calendar(event: Event, start: datetime) -> Calendar:
    """A calendar holding `event` and, unless it is in UTC, its time zone."""
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    tzid = event["DTSTART"].params.get("TZID")
    if tzid and start.tzinfo is not None:  # UTC is written with a Z and needs no VTIMEZONE.
        calendar.add_component(vtimezone(start.tzinfo, tzid, start.date(), ZONE_YEARS))
    calendar.add_component(event)
    return calendar
