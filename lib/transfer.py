"""What an import or a restore decides: its limits, its refusals, and which weeks it changes.

The two file formats live in lib/csv_files.py (the CSV export and import)
and lib/backup_files.py (the JSON backup); both read an upload through
`check_size` and `decode_text` and report every problem as a TransferError.

Sample marker: exports of the made-up sample data are marked inside (a last
`sample` column, or `"sample": true` in a backup's header) as well as in their
names, and importing or restoring a marked file is refused, so the sample can
never reach a real diary.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from lib.entries import PRACTICE_KEYS, WeekEntry
from lib.errors import DiaryError
from lib.weeks import IsoWeek

MB = 1024 * 1024
# What Closer reads from one upload: ten years of weekly check-ins take well under
# 1 MB. Streamlit's own cap (server.maxUploadSize) is set higher, so a larger file
# reaches Closer and is refused in words, not with an icon on the file chip.
MAX_FILE_BYTES = 5 * MB
MAX_WEEKS = 10_000  # 190 years of weeks: more than any real diary
MAX_PROBLEMS = 50  # beyond this a list of problems stops helping
MAX_PROBLEM_CHARS = 300
TOO_MANY_WEEKS = f"The file holds more than {MAX_WEEKS:,} weeks, the most Closer can import."


class TransferError(DiaryError, ValueError):
    """A file cannot be imported; `problems` says why in plain words, row and column first."""

    def __init__(self, problems: list[str]) -> None:
        shown = [_shortened(problem) for problem in problems[:MAX_PROBLEMS]]
        hidden = len(problems) - len(shown)
        if hidden:
            shown.append(f"…and {hidden:,} more problem{'s' if hidden > 1 else ''}.")
        super().__init__("\n".join(shown))
        self.problems = shown


def _shortened(problem: str) -> str:
    # Messages quote what they found; a damaged file can make that megabytes long.
    return problem if len(problem) <= MAX_PROBLEM_CHARS else problem[: MAX_PROBLEM_CHARS - 1] + "…"


# Reading an upload.


def check_size(data: bytes, max_bytes: int, verb: str) -> None:
    """Refuse `data` over `max_bytes`, saying what Closer `verb`s ("imports", "reads")."""
    if len(data) > max_bytes:
        raise TransferError(
            [
                f"The file is {size_words(len(data))}, larger than the "
                f"{size_words(max_bytes)} Closer {verb}."
            ]
        )


# The first bytes of files people pick by mistake, and what to call them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an Excel 97–2003 workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_ZIPPED: dict[str, str] = {
    ".xlsx": "an Excel workbook (.xlsx)",
    ".xlsm": "an Excel workbook (.xlsm)",
    ".ods": "a LibreOffice or OpenOffice spreadsheet (.ods)",
    ".numbers": "a Numbers spreadsheet",
    ".docx": "a Word document (.docx)",
    ".odt": "a text document (.odt)",
}
ZIP_MAGIC = b"PK\x03\x04"


def other_kind(data: bytes, name: str = "") -> str | None:
    """What `data` is when it is plainly not text (a workbook, PDF, image, archive), else None.

    `name` is the file's name as uploaded: a zip file's kind comes from its ending.
    """
    if data.startswith(ZIP_MAGIC):
        ending = name[name.rfind(".") :].lower() if "." in name else ""
        return _ZIPPED.get(ending, "a zip archive or a spreadsheet workbook")
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def decode_text(data: bytes, not_utf8: str) -> str:
    """The text in `data` (UTF-8, with or without a BOM); TransferError if none or not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TransferError([not_utf8]) from None
    if not text.strip():
        raise TransferError(["The file is empty."])
    return text


def size_words(count: int) -> str:
    """`5 MB`, `1.5 KB`, `300 bytes`: a size as the page and its messages say it."""
    if count >= MB:
        return f"{count / MB:,.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:,.1f} KB".replace(".0 KB", " KB")
    return f"{count:,} bytes"


def refuse_future_weeks(entries: Sequence[WeekEntry], today: date) -> None:
    """Raise TransferError naming any week that has not started yet (as the check-in does)."""
    current = IsoWeek.of(today)
    future = sorted({entry.week for entry in entries if entry.week > current})
    if future:
        raise TransferError(
            [f"{week} has not started yet; Closer keeps weeks up to this one." for week in future]
        )


# Comparing an import with the diary.


@dataclass(frozen=True)
class ImportPreview:
    """What importing would do: weeks not saved yet, saved weeks that differ, unchanged ones."""

    new: list[WeekEntry]
    differing: list[tuple[WeekEntry, WeekEntry]]  # (saved, incoming)
    identical: list[WeekEntry]


def preview(incoming: Sequence[WeekEntry], existing: Sequence[WeekEntry]) -> ImportPreview:
    """Sort the incoming weeks (one entry per week) into new, differing and identical."""
    saved = {entry.week: entry for entry in existing}
    result = ImportPreview([], [], [])
    for entry in oldest_first(incoming):
        old = saved.get(entry.week)
        if old is None:
            result.new.append(entry)
        elif same_content(old, entry):
            result.identical.append(entry)
        else:
            result.differing.append((old, entry))
    return result


def same_content(first: WeekEntry, second: WeekEntry) -> bool:
    """True when two entries say the same about the same week, whenever they were saved."""
    return _content(first) == _content(second)


def _content(entry: WeekEntry) -> tuple[object, ...]:
    notes = {key: entry.notes.get(key, "") for key in PRACTICE_KEYS}
    return entry.week, entry.ratings, notes, entry.reflection, entry.focus


def to_write(preview: ImportPreview, replacing: Collection[IsoWeek] = ()) -> list[WeekEntry]:
    """What the import saves, oldest first: new weeks, and the differing weeks in `replacing`.

    A differing week is replaced only when the user picked it: a spreadsheet
    rewrites cells on its own, and one changed rating must not carry those along.
    """
    replaced = [
        # The week keeps the day it was first written in Closer.
        replace(incoming, created_at=saved.created_at or incoming.created_at)
        for saved, incoming in preview.differing
        if saved.week in replacing
    ]
    return oldest_first([*preview.new, *replaced])


def oldest_first(entries: Iterable[WeekEntry]) -> list[WeekEntry]:
    """`entries` sorted by week, oldest first."""
    return sorted(entries, key=lambda entry: entry.week)


def filename_start(sample: bool) -> str:
    """How every exported file's name starts: `closer`, or `closer-sample` for the sample."""
    return "closer-sample" if sample else "closer"
