"""A weekly check-in reminder as an iCalendar (.ics) file any calendar app can import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_ETC = Path("/etc")


# The times a reminder can be set to: every quarter of an hour, in a list that a
# keyboard or a phone picks from (a time field's two small spin boxes were hard
# to hit: WCAG 2.5.8, target size).
TIMES: tuple[time, ...] = tuple(
    time(hour, minute) for hour in range(24) for minute in (0, 15, 30, 45)
)
DEFAULT_TIME = time(19, 0)


def reminder_filename() -> str:
    """The name the downloaded reminder file gets."""
    return "closer-weekly-reminder.ics"


def _default_uid(weekday: int, at: time) -> str:
    """A UID that stays the same for the same weekday and time."""
    return f"closer-weekly-{weekday}-{at:%H%M}@closer.local"


def reminder_ics(
    weekday: int,
    at: time,
    url: str,
    tz: tzinfo | str,
    today: date,
    uid: str | None = None,
) -> bytes:
    """An .ics file with one 15-minute event every `weekday` at `at` (local time in `tz`)."""
    zone = check_reminder(weekday, url, tz)
    start = first_occurrence(weekday, at, today, zone)
    # The iCalendar libraries load when a file is made, not when a page offers one:
    # they took 100 ms and 2.4 MiB of the server on every first visit to Settings.
    from lib import reminder_calendar

    return reminder_calendar.calendar_bytes(
        start, url, _checked_uid(uid) if uid is not None else _default_uid(weekday, at)
    )


def check_reminder(weekday: int, url: str, tz: tzinfo | str) -> tzinfo:
    """The zone `tz` names, once the day, link and zone are known to make a reminder.

    Raises ValueError, in words for the user, as `reminder_ics` would.
    """
    _check_weekday(weekday)
    _check_local_url(url)
    return _zone(tz)


def first_occurrence(weekday: int, at: time, today: date, zone: tzinfo) -> datetime:
    """The first `weekday` on or after `today`, at `at` (to the minute) in `zone`."""
    day = today + timedelta(days=(weekday - today.weekday()) % 7)
    return datetime(day.year, day.month, day.day, at.hour, at.minute, tzinfo=zone)


def local_timezone_name(environ: Mapping[str, str] = os.environ, etc: Path = _ETC) -> str:
    """This machine's IANA zone name, from `$TZ`, /etc/localtime or /etc/timezone; else UTC."""
    tz_variable = environ.get("TZ", "")
    for candidate in (tz_variable, _link_target(etc / "localtime"), _first_line(etc / "timezone")):
        name = _zone_name(candidate)
        if name is not None:
            return name
    return "UTC"


def _zone_name(text: str) -> str | None:
    """The IANA name in `text` (`:Europe/Berlin`, `…/zoneinfo/Europe/Berlin`), if real."""
    name = text.strip().lstrip(":")
    if "zoneinfo/" in name:
        name = name.rsplit("zoneinfo/", 1)[1]
    name = name.removeprefix("posix/").removeprefix("right/")
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # not found, not a key, or a folder
        return None
    return name


def _link_target(path: Path) -> str:
    """Where the symlink `path` points, or "" if it is not one."""
    try:
        return os.readlink(path)
    except OSError:
        return ""


def _first_line(path: Path) -> str:
    """The first line of the text file `path`, or "" if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8").partition("\n")[0]
    except (OSError, UnicodeDecodeError):
        return ""


def _zone(tz: tzinfo | str) -> tzinfo:
    """`tz` as a tzinfo, looking names up in the IANA database."""
    if not isinstance(tz, str):
        return tz
    try:
        return ZoneInfo(tz)
    except (KeyError, ValueError, OSError):
        raise ValueError(
            f"“{tz[:60]}” is not a time zone Closer knows. Use a name like Europe/Berlin."
        ) from None


def _check_weekday(weekday: int) -> None:
    """Refuse anything but 0 (Monday) to 6 (Sunday)."""
    if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
        raise ValueError(f"The reminder day must be 0 (Monday) to 6 (Sunday), not {weekday!r}.")


def _check_local_url(url: str) -> None:
    """Refuse links that do not lead to Closer on this computer."""
    if not _is_local_url(url):
        raise ValueError(
            "The reminder link must open Closer on this computer: it has to start with "
            f"http://127.0.0.1, http://localhost or http://[::1], not “{url[:80]}”."
        )


def _is_local_url(url: str) -> bool:
    """Whether `url` is a plain http link to this computer (not `localhost.example.com`)."""
    if not all(char.isprintable() and not char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
        # Reading the port raises ValueError when it is not a number from 0 to 65535.
        return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS and parts.port != 0
    except ValueError:
        return False


def _checked_uid(uid: str) -> str:
    """Refuse an empty UID."""
    if not uid.strip():
        raise ValueError("The reminder needs a UID; leave it out to get the usual one.")
    return uid


def home_url(page_url: str | None, default: str = "http://127.0.0.1:8501/") -> str:
    """Closer's home address from the address of the page being viewed."""
    if not page_url:
        return default
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else default
