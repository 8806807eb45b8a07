"""Unsaved check-in drafts: one per week, kept in a small file beside the diary.

A draft is what the form holds before Save, so a reload, a closed tab or a
server restart loses nothing typed. It is kept apart from the diary on
purpose: it is never a check-in, so nothing that counts, charts, exports or
backs up the diary can see it, and a damaged drafts file can never make the
diary unreadable. Writes go through `atomic_write` under the diary's lock.
When the diary is encrypted its drafts are too, with the same key (`key`):
what was typed is as private as what was saved.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lib.atomic import atomic_write, remove_stale_temp_files
from lib.encrypted_file import EncryptedFileError, Key, is_encrypted, seal, unseal
from lib.entries import PRACTICE_KEYS, SKIPPED
from lib.errors import DiaryError
from lib.safety_copies import set_aside
from lib.weeks import IsoWeek, WeekError

DRAFTS_SUFFIX = ".drafts.json"


class DraftError(DiaryError):
    """The drafts file (or one draft in it) cannot be read; the diary itself is fine."""


@dataclass(frozen=True)
class Draft:
    """The form's answers for one week, as typed: a rating is 1–10, SKIPPED, or None (not rated)."""

    week: IsoWeek
    ratings: Mapping[str, int | str | None]
    notes: Mapping[str, str]
    reflection: str
    focus: str | None
    kept_at: datetime


def drafts_path(diary_path: Path) -> Path:
    """Where the drafts of the diary at `diary_path` live: `closer.json` -> `closer.drafts.json`."""
    return diary_path.with_name(diary_path.stem + DRAFTS_SUFFIX)


def draft_to_record(draft: Draft) -> dict[str, Any]:
    """The JSON form of a draft."""
    return {
        "week": str(draft.week),
        "ratings": {key: draft.ratings.get(key) for key in PRACTICE_KEYS},
        "notes": {key: draft.notes.get(key, "") for key in PRACTICE_KEYS},
        "reflection": draft.reflection,
        "focus": draft.focus,
        "kept_at": draft.kept_at.isoformat(),
    }


def checked(draft: Draft) -> Draft:
    """`draft` if it reads back as itself once stored; else DraftError (a draft never blocks)."""
    if draft_from_record(draft_to_record(draft)) != draft:
        raise DraftError(f"the draft for {draft.week} does not read back as it was")
    return draft


def draft_from_record(record: object) -> Draft:
    """Read a stored draft back; raises DraftError when it is not one."""
    if not isinstance(record, Mapping):
        raise DraftError("a draft is not a JSON object")
    try:
        week = IsoWeek.parse(str(record.get("week", "")))
        kept_at = datetime.fromisoformat(str(record.get("kept_at", "")))
    except (WeekError, ValueError) as error:
        raise DraftError(f"a draft has a bad week or time ({error})") from None
    ratings, notes = record.get("ratings"), record.get("notes")
    if not isinstance(ratings, Mapping) or not isinstance(notes, Mapping):
        raise DraftError(f"the draft for {week} has no ratings or notes")
    for key in PRACTICE_KEYS:
        value = ratings.get(key)
        if not (value is None or value == SKIPPED or _is_rating(value)):
            raise DraftError(f"the draft for {week} has a rating Closer cannot read")
        if not isinstance(notes.get(key, ""), str):
            raise DraftError(f"the draft for {week} has a note that is not text")
    reflection, focus = record.get("reflection", ""), record.get("focus")
    if not isinstance(reflection, str) or not (focus is None or focus in PRACTICE_KEYS):
        raise DraftError(f"the draft for {week} has a reflection or focus Closer cannot read")
    return Draft(
        week=week,
        ratings={key: ratings.get(key) for key in PRACTICE_KEYS},
        notes={key: str(notes.get(key, "")) for key in PRACTICE_KEYS},
        reflection=reflection,
        focus=focus,
        kept_at=kept_at,
    )


def _is_rating(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10


def read_drafts(path: Path, key: Key | None = None) -> dict[IsoWeek, Draft]:
    """Every draft in the file at `path` (none when there is no file); DraftError if unreadable.

    An encrypted drafts file opens with `key`, the diary's, or not at all.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise DraftError(f"it cannot be read ({error.strerror})") from None
    if is_encrypted(raw):
        if key is None:
            raise DraftError("it is encrypted, and the diary is not")
        try:
            raw = unseal(raw, key)
        except EncryptedFileError as error:
            raise DraftError(f"it is encrypted and cannot be opened ({error})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise DraftError("it is damaged (not valid JSON)") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("drafts"), Mapping):
        raise DraftError("it is not a Closer drafts file")
    drafts = [draft_from_record(record) for record in data["drafts"].values()]
    return {draft.week: draft for draft in drafts}


def write_drafts(path: Path, drafts: Mapping[IsoWeek, Draft], key: Key | None = None) -> None:
    """Replace the file at `path` with `drafts` (atomically, sealed with `key` if given).

    With no drafts left, the file is removed.
    """
    if not drafts:
        path.unlink(missing_ok=True)
        return
    records = {str(week): draft_to_record(drafts[week]) for week in sorted(drafts)}
    payload = json.dumps({"drafts": records}, ensure_ascii=False, indent=1, sort_keys=True)
    plain = (payload + "\n").encode()
    atomic_write(path, plain if key is None else seal(plain, key))


def apply_draft(drafts: dict[IsoWeek, Draft], week: IsoWeek | None, draft: Draft | None) -> bool:
    """Set (None: remove) `week`'s draft in `drafts`; no week: remove all. True if changed."""
    if week is None:
        changed = bool(drafts)
        drafts.clear()
        return changed
    if draft is None:
        return drafts.pop(week, None) is not None
    drafts[week] = draft
    return True


def change_drafts(
    path: Path, week: IsoWeek | None, draft: Draft | None, now: datetime, key: Key | None = None
) -> Path | None:
    """`apply_draft` to the drafts file at `path` (under the diary's lock); OSError if unwritten.

    Returns where an unreadable drafts file was set aside: typed but never
    saved, it is kept under a new name, never overwritten, and never in the
    diary's way. `key` is the diary's, if it is encrypted.
    """
    aside = None
    try:
        drafts = read_drafts(path, key)
    except DraftError:
        aside = set_aside(path, now)
        drafts = {}
    if apply_draft(drafts, week, draft) or aside is not None:
        remove_stale_temp_files(path)
        write_drafts(path, drafts, key)
    return aside
