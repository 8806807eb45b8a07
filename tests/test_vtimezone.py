"""The VTIMEZONE: yearly rules derived from the zone, and what an independent reader makes of them.

vobject (which reads a VTIMEZONE with dateutil) is the independent reader: icalendar is what
writes the block, so reading it back with icalendar alone would prove little.
"""

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, available_timezones

import pytest
import vobject
from icalendar import Timezone

from lib.vtimezone import changes, vtimezone

FIRST = date(2026, 11, 27)
YEARS = 20


def berlin() -> Timezone:
    """Berlin's VTIMEZONE for a reminder that starts on FIRST."""
    return vtimezone(ZoneInfo("Europe/Berlin"), "Europe/Berlin", FIRST, YEARS)


def blocks(zone: Timezone) -> list[tuple[str, str, str, str, str]]:
    """Each block as (kind, DTSTART, RRULE, TZOFFSETFROM, TZOFFSETTO), as written."""
    return [
        (
            block.name,
            as_written(block["DTSTART"]),
            as_written(block["RRULE"]) if "RRULE" in block else "",
            as_written(block["TZOFFSETFROM"]),
            as_written(block["TZOFFSETTO"]),
        )
        for block in zone.subcomponents
    ]


def as_written(value: object) -> str:
    """A property's value as the file has it (icalendar gives bytes for some, str for others)."""
    text = value.to_ical()  # type: ignore[attr-defined]
    return text.decode() if isinstance(text, bytes) else text


def read_back(zone: Timezone) -> tzinfo:
    """The tzinfo that vobject builds from the VTIMEZONE alone."""
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + zone.to_ical().decode() + "END:VCALENDAR\r\n"
    return vobject.readOne(text).vtimezone.gettzinfo()


def test_berlin_is_two_yearly_rules_changing_at_two_and_three_local_time() -> None:
    # DTSTART is the wall time before the change, in the offset being left (RFC 5545):
    # clocks go from 02:00 to 03:00 in March and from 03:00 back to 02:00 in October.
    assert blocks(berlin()) == [
        ("DAYLIGHT", "20250330T020000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "+0100", "+0200"),
        ("STANDARD", "20251026T030000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "+0200", "+0100"),
    ]
    assert [block["TZNAME"] for block in berlin().subcomponents] == ["CEST", "CET"]


def test_no_date_list_that_some_apps_read_only_the_first_date_of() -> None:
    # Regression: one comma-separated RDATE per block put 31 of 60 summer weeks an hour
    # late in Mozilla's ical.js and vobject.
    for name in ("Europe/Berlin", "Africa/Casablanca", "America/Sao_Paulo"):
        text = vtimezone(ZoneInfo(name), name, date(2017, 6, 1), YEARS).to_ical()
        assert b"RDATE" not in text


def test_us_rules_are_second_sunday_of_march_and_first_of_november() -> None:
    zone = vtimezone(ZoneInfo("America/New_York"), "America/New_York", FIRST, YEARS)
    assert blocks(zone) == [
        ("DAYLIGHT", "20250309T020000", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "-0500", "-0400"),
        ("STANDARD", "20251102T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "-0400", "-0500"),
    ]


def test_sydney_has_its_summer_at_the_turn_of_the_year() -> None:
    zone = vtimezone(ZoneInfo("Australia/Sydney"), "Australia/Sydney", FIRST, YEARS)
    assert blocks(zone) == [
        ("STANDARD", "20250406T030000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "+1100", "+1000"),
        ("DAYLIGHT", "20251005T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10", "+1000", "+1100"),
    ]


@pytest.mark.parametrize(
    ("zone", "tzid"),
    [(ZoneInfo("Asia/Kolkata"), "Asia/Kolkata"), (timezone(timedelta(hours=5.5)), "UTC+05:30")],
)
def test_a_zone_without_daylight_saving_is_one_standard_block(zone: tzinfo, tzid: str) -> None:
    assert blocks(vtimezone(zone, tzid, FIRST, YEARS)) == [
        ("STANDARD", "20250101T000000", "", "+0530", "+0530")
    ]


def test_a_weekday_that_is_neither_nth_nor_last_names_its_seven_days() -> None:
    # Israel: the Friday on or after 23 March, which can be the 4th or the 5th Friday.
    zone = vtimezone(ZoneInfo("Asia/Jerusalem"), "Asia/Jerusalem", FIRST, YEARS)
    [spring] = zone.daylight
    assert spring["RRULE"].to_ical() == (
        b"FREQ=YEARLY;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29;BYMONTH=3"
    )


def test_changes_that_follow_no_yearly_rule_get_one_dated_block_each() -> None:
    # Morocco leaves its usual +01 for Ramadan, which moves through the solar year.
    zone = vtimezone(ZoneInfo("Africa/Casablanca"), "Africa/Casablanca", FIRST, YEARS)
    dated = [block for block in zone.subcomponents if "RRULE" not in block]
    assert len(dated) >= 2 * YEARS
    assert all(len(block.walk()) == 1 and "RDATE" not in block for block in dated)


def test_rules_that_stopped_end_with_until_and_the_last_offset_goes_on() -> None:
    # Brazil ended daylight saving in 2019.
    zone = vtimezone(ZoneInfo("America/Sao_Paulo"), "America/Sao_Paulo", date(2017, 6, 1), YEARS)
    untils = [block["RRULE"]["UNTIL"] for block in zone.subcomponents if "RRULE" in block]
    assert untils
    assert all(until.year <= 2019 and until.tzinfo is not None for until in untils)
    read = read_back(zone)
    assert datetime(2030, 1, 15, 12, tzinfo=read).utcoffset() == timedelta(hours=-3)


def test_changes_are_found_to_the_second() -> None:
    start = datetime(2027, 1, 1, tzinfo=UTC)
    found = changes(ZoneInfo("Europe/Berlin"), start, start.replace(year=2028))
    assert [(change.utc, change.onset, change.daylight) for change in found] == [
        (datetime(2027, 3, 28, 1, tzinfo=UTC), datetime(2027, 3, 28, 2), True),
        (datetime(2027, 10, 31, 1, tzinfo=UTC), datetime(2027, 10, 31, 3), False),
    ]


def offsets_agree(name: str, first: date = FIRST, step: timedelta = timedelta(hours=13)) -> None:
    """vobject's reading of the VTIMEZONE gives zoneinfo's offset for every local time, all years.

    Local times that are skipped or repeated at a change are left out: they have two readings
    (see test_reminders.py for what the reminder does then).
    """
    zone = ZoneInfo(name)
    read = read_back(vtimezone(zone, name, first, YEARS))
    moment = datetime.combine(first, datetime.min.time(), UTC)
    checked = 0
    while moment.year <= first.year + YEARS:
        wall = moment.astimezone(zone).replace(tzinfo=None)
        expected = wall.replace(tzinfo=zone).utcoffset()
        if wall.replace(tzinfo=zone, fold=1).utcoffset() == expected:
            assert wall.replace(tzinfo=read).utcoffset() == expected, f"{name} at {wall}"
            checked += 1
        moment += step
    assert checked > 0.99 * timedelta(days=365 * YEARS) / step


@pytest.mark.parametrize(
    "name",
    [
        "Europe/Berlin",
        "America/New_York",
        "Australia/Sydney",
        "Asia/Kolkata",
        "Australia/Lord_Howe",  # half an hour of daylight saving
        "Pacific/Chatham",  # +12:45 and +13:45
        "Antarctica/Troll",  # two hours of daylight saving
        "Africa/Cairo",  # a change that falls in October or November
        "Africa/Casablanca",  # no yearly rule
        "America/Santiago",
        "Asia/Tehran",  # daylight saving abolished in 2022
    ],
)
def test_independent_reader_gets_the_zones_offsets(name: str) -> None:
    offsets_agree(name)


def test_until_keeps_the_last_change_for_readers_that_read_it_as_local_time() -> None:
    # Regression: Cairo's October rule pauses when the change falls on 1 November; with
    # UNTIL at the exact UTC instant dateutil dropped the last October change before the
    # pause and read the following winters as summer time.
    offsets_agree("Africa/Cairo", step=timedelta(days=5))
    zone = vtimezone(ZoneInfo("Africa/Cairo"), "Africa/Cairo", FIRST, YEARS)
    assert any("UNTIL" in block.get("RRULE", {}) for block in zone.subcomponents)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(available_timezones()))
def test_every_zone_reads_back_right(name: str) -> None:
    offsets_agree(name, step=timedelta(days=3, hours=1))
