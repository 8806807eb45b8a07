"""The diary's verbs on both backends: damaged files, failed writes, threads, the memo, drafts."""

import errno
import json
import os
import stat
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings

from lib import atomic, datafile
from lib import diary as diary_module
from lib import drafts as drafts_module
from lib.diary import Diary
from lib.drafts import Draft, DraftError
from lib.entries import PRACTICE_KEYS, WeekEntry
from lib.errors import DataFileError, SaveError
from lib.settings import Settings, SettingsError, make_settings
from lib.weeks import IsoWeek
from tests.conftest import START, EntryFactory, FakeClock, form_drafts, week_entries

WEEK = IsoWeek(2026, 48)
DAMAGED_WEEK = IsoWeek(2026, 40)
Verb = Callable[[Diary, WeekEntry], object]
VERBS: dict[str, Verb] = {
    "snapshot": lambda diary, entry: diary.snapshot(),
    "get_entry": lambda diary, entry: diary.get_entry(entry.week),
    "save_entry": lambda diary, entry: diary.save_entry(entry),
    "delete_entry": lambda diary, entry: diary.delete_entry(entry.week),
}


def entries_of(diary: Diary) -> list[WeekEntry]:
    """Every saved week, oldest first, as the diary's snapshot holds them."""
    return list(diary.snapshot().entries)


def folder_state(folder: Path) -> dict[str, bytes | None]:
    """Everything under `folder` but the lock file, with its bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.name != "closer.json.lock"
    }


# The verbs, on both backends.


def test_empty_diary_has_no_entries(db: Diary) -> None:
    assert entries_of(db) == []
    assert db.get_entry(WEEK) is None


def test_save_then_get_returns_the_entry_stamped_by_the_clock(
    db: Diary, entry_factory: EntryFactory
) -> None:
    entry = entry_factory(
        WEEK,
        ratings={**dict.fromkeys(PRACTICE_KEYS, 6), "space": None},
        notes={"presence": "Café ☕ at noon.\nNo phones."},
        reflection="Quiet week.",
        focus="mystery",
    )
    stored = db.save_entry(entry)
    assert stored == entry.stamped(START, START)
    assert stored.created_at == datetime(2026, 11, 24, 20, 15, tzinfo=timezone(timedelta(hours=1)))
    assert db.get_entry(WEEK) == stored
    assert db.get_entry(WEEK.shifted(-1)) is None


def test_entries_are_oldest_first_whatever_the_saving_order(
    db: Diary, entry_factory: EntryFactory
) -> None:
    for week in ("2027-W02", "2026-W09", "2026-W53", "2026-W10", "2025-W52"):
        db.save_entry(entry_factory(week))
    assert [str(entry.week) for entry in db.snapshot().entries] == [
        "2025-W52",
        "2026-W09",
        "2026-W10",
        "2026-W53",
        "2027-W02",
    ]


def test_saving_a_week_again_replaces_it_but_keeps_when_it_was_created(
    db: Diary, clock: FakeClock, entry_factory: EntryFactory
) -> None:
    first = entry_factory(WEEK, 3, notes={"connection": "First draft."}, focus="space")
    db.save_entry(first)
    later = clock.advance(days=2, hours=3)
    second = entry_factory(WEEK, 8, reflection="Rewritten.")
    stored = db.save_entry(second)
    assert stored == second.stamped(START, later)
    assert entries_of(db) == [second.stamped(START, later)]
    again = db.get_entry(WEEK)
    assert again is not None
    assert again.notes["connection"] == ""
    assert again.focus is None


def test_saving_other_weeks_leaves_earlier_entries_alone(
    db: Diary, clock: FakeClock, entry_factory: EntryFactory
) -> None:
    earlier = db.save_entry(entry_factory("2026-W47", 2))
    clock.advance(days=7)
    db.save_entry(entry_factory(WEEK, 9))
    assert db.get_entry(IsoWeek(2026, 47)) == earlier


def test_delete_says_whether_there_was_an_entry(db: Diary, entry_factory: EntryFactory) -> None:
    kept = db.save_entry(entry_factory("2026-W47"))
    db.save_entry(entry_factory(WEEK))
    assert db.delete_entry(WEEK) is True
    assert db.get_entry(WEEK) is None
    assert db.delete_entry(WEEK) is False
    assert db.delete_entry(IsoWeek(2020, 53)) is False
    assert entries_of(db) == [kept]


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entry=week_entries())
def test_any_valid_entry_comes_back_equal(db: Diary, clock: FakeClock, entry: WeekEntry) -> None:
    db.delete_entry(entry.week)  # examples share the diary; start each week afresh
    now = clock.advance(minutes=1)
    assert db.save_entry(entry) == entry.stamped(now, now)
    assert db.get_entry(entry.week) == entry.stamped(now, now)


# The JSON file.


def test_reading_a_diary_that_does_not_exist_yet_creates_no_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "closer.json"
    assert entries_of(Diary.open(path)) == []
    assert not path.exists()


def test_a_new_handle_on_the_same_file_sees_what_was_saved(
    path: Path, diary: Diary, clock: FakeClock, entry_factory: EntryFactory
) -> None:
    stored = [diary.save_entry(entry_factory(week)) for week in ("2026-W47", "2026-W48")]
    diary.close()
    assert entries_of(Diary.open(path, clock=clock)) == stored


def test_two_handles_see_each_others_writes_at_once(
    path: Path, diary: Diary, clock: FakeClock, entry_factory: EntryFactory
) -> None:
    other = Diary.open(path, clock=clock)
    assert entries_of(other) == []
    saved = diary.save_entry(entry_factory(WEEK))
    assert other.get_entry(WEEK) == saved
    assert other.delete_entry(WEEK)
    assert entries_of(diary) == []


def test_data_folder_and_files_are_private_to_the_owner(
    tmp_path: Path, entry_factory: EntryFactory
) -> None:
    path = tmp_path / "data" / "closer.json"
    Diary.open(path).save_entry(entry_factory(WEEK))
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.with_name("closer.json.lock").stat().st_mode) == 0o600


def test_a_folder_that_cannot_be_created_is_reported_on_read_and_save(
    tmp_path: Path, entry_factory: EntryFactory
) -> None:
    (tmp_path / "blocker").write_text("a file, not a folder")
    path = tmp_path / "blocker" / "closer.json"
    with pytest.raises(DataFileError, match="cannot be read: Not a directory"):
        Diary.open(path).snapshot()
    with pytest.raises(SaveError, match=r"Could not save to .*Nothing in the diary was changed"):
        Diary.open(path).save_entry(entry_factory("2026-W40", 3))


# Files Closer cannot read are reported and never touched.


def write_valid_file(path: Path) -> dict:
    """A healthy diary file with one entry, returned as parsed JSON to damage."""
    Diary.open(path).save_entry(WeekEntry(DAMAGED_WEEK, dict.fromkeys(PRACTICE_KEYS, 5)))
    return json.loads(path.read_bytes())


def meta(**fields: object) -> dict:
    return {"1": {"app": "closer", "schema_version": 1, **fields}}


def damage_bytes(raw: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(raw)


def damage_json(change: Callable[[dict], object]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = write_valid_file(path)
        path.write_text(json.dumps(change(data) or data))

    return damage


def truncate(path: Path) -> None:
    write_valid_file(path)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


def zero_fill_tail(path: Path) -> None:
    # What some file systems leave after a power cut: the right length, zeros at the end.
    write_valid_file(path)
    raw = path.read_bytes()
    path.write_bytes(raw[:100] + b"\x00" * (len(raw) - 100))


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "keep.txt").write_text("inside")


def rate_eleven(data: dict) -> None:
    data["entries"][str(DAMAGED_WEEK.doc_id)]["ratings"]["connection"] = 11


UNREADABLE = {
    "empty": (damage_bytes(b""), "is empty, though a Closer diary never is"),
    "only-blanks": (damage_bytes(b" \n\n"), "is empty"),
    "truncated": (truncate, "is damaged: it stops being valid JSON at line"),
    "nul-bytes": (damage_bytes(b"\x00" * 512), "stops being valid JSON at line 1, column 1"),
    "zeroed-tail": (zero_fill_tail, "is damaged: it stops being valid JSON"),
    "not-utf8": (damage_bytes(b'{"meta": "\xff\xfe"}'), "is not text (it is not UTF-8)"),
    "nested-too-deep": (damage_bytes(b"[" * 200_000), "is damaged: it is nested too deeply"),
    "a-list": (damage_bytes(b"[]"), "is JSON but not a Closer diary (it is not an object)"),
    "a-string": (damage_bytes(b'"closer"'), "is not an object"),
    "tinydb-default": (
        damage_bytes(b'{"_default": {}}'),
        "is JSON but not a Closer diary (it has no Closer header)",
    ),
    "other-app": (
        damage_json(lambda data: {**data, "meta": meta(app="other")}),
        "no Closer header",
    ),
    "meta-a-list": (damage_json(lambda data: {**data, "meta": []}), "no Closer header"),
    "newer-version": (
        damage_json(lambda data: {**data, "meta": meta(schema_version=2)}),
        "was written by a newer version of Closer (data format 2; this version reads format 1)",
    ),
    "version-missing": (
        damage_json(lambda data: {**data, "meta": {"1": {"app": "closer"}}}),
        "has a damaged header: its data format version is missing",
    ),
    "version-as-text": (
        damage_json(lambda data: {**data, "meta": meta(schema_version="1")}),
        "has a damaged header",
    ),
    "version-true": (
        damage_json(lambda data: {**data, "meta": meta(schema_version=True)}),
        "has a damaged header",
    ),
    "entries-a-list": (
        damage_json(lambda data: {**data, "entries": []}),
        "is damaged: its “entries” section has the wrong shape",
    ),
    "entry-key-not-a-number": (
        damage_json(lambda data: {**data, "entries": {"week48": {}}}),
        "its “entries” section has the wrong shape",
    ),
    "entry-not-an-object": (
        damage_json(lambda data: {**data, "entries": {"202648": "2026-W48"}}),
        "its “entries” section has the wrong shape",
    ),
    "settings-pronoun-a-number": (
        damage_json(lambda data: {**data, "settings": {"1": {"partner_pronoun": 42}}}),
        "has settings Closer cannot read: The pronoun must be one of they, she, he.",
    ),
    "settings-unknown-pronoun": (
        damage_json(lambda data: {**data, "settings": {"1": {"partner_pronoun": "it"}}}),
        "has settings Closer cannot read: The pronoun must be one of they, she, he.",
    ),
    "a-folder": (make_folder, "is a folder, not a file"),
    "rating-eleven": (
        damage_json(rate_eleven),
        "has an entry for 2026-W40 that Closer cannot read: "
        "The rating for Emotional connection must be from 1 to 10, not 11.",
    ),
}


def unreadable_cases() -> list:
    cases = []
    for name, (damage, message) in UNREADABLE.items():
        for verb in VERBS:
            cases.append(pytest.param(damage, message, verb, id=f"{name}-{verb}"))
    return cases


@pytest.mark.parametrize(("damage", "message", "verb"), unreadable_cases())
def test_unreadable_file_raises_and_is_left_byte_identical(
    path: Path,
    diary: Diary,
    entry_factory: EntryFactory,
    damage: Callable[[Path], None],
    message: str,
    verb: str,
) -> None:
    damage(path)
    before = folder_state(path.parent)
    with pytest.raises(DataFileError) as caught:
        VERBS[verb](diary, entry_factory(WEEK))
    assert str(caught.value).startswith(f"The data file {path} ")
    assert message in str(caught.value)
    assert caught.value.path == path
    assert folder_state(path.parent) == before


@pytest.mark.parametrize("verb", ["get_entry", "save_entry"])
def test_damaged_entry_is_reported_when_its_own_week_is_used(
    path: Path, diary: Diary, entry_factory: EntryFactory, verb: str
) -> None:
    damage_json(rate_eleven)(path)
    before = path.read_bytes()
    with pytest.raises(DataFileError, match="has an entry for 2026-W40 that Closer cannot read"):
        VERBS[verb](diary, entry_factory(DAMAGED_WEEK))
    assert path.read_bytes() == before


def test_deleting_the_damaged_entry_leaves_the_file_alone(path: Path, diary: Diary) -> None:
    damage_json(rate_eleven)(path)
    before = path.read_bytes()
    with pytest.raises(DataFileError):
        diary.delete_entry(DAMAGED_WEEK)
    assert path.read_bytes() == before


def test_entry_filed_under_another_weeks_id_is_reported(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    def misfile(data: dict) -> None:
        data["entries"][str(DAMAGED_WEEK.doc_id)]["week"] = str(DAMAGED_WEEK.shifted(-1))

    damage_json(misfile)(path)
    before = path.read_bytes()
    for verb in VERBS.values():
        with pytest.raises(DataFileError):
            verb(diary, entry_factory(DAMAGED_WEEK.shifted(-1)))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "record",
    [{"partner_pronoun": 42}, {"partner_pronoun": "it"}, {"partner_name": "Sam\nAlex"}],
    ids=["pronoun-a-number", "unknown-pronoun", "name-on-two-lines"],
)
def test_unreadable_settings_refuse_every_write_instead_of_falling_back_to_defaults(
    path: Path, diary: Diary, entry_factory: EntryFactory, record: dict[str, object]
) -> None:
    # Regression: such a diary still saved entries, and pages showed the default settings.
    damage_json(lambda data: {**data, "settings": {"1": record}})(path)
    before = folder_state(path.parent)
    attempts: list[Callable[[], object]] = [
        lambda: diary.save_entry(entry_factory(WEEK)),
        lambda: diary.import_entries([entry_factory(WEEK)]),
        diary.get_settings,
        diary.snapshot,
    ]
    for attempt in attempts:
        with pytest.raises(DataFileError) as caught:
            attempt()
        assert str(caught.value).startswith(
            f"The data file {path} has settings Closer cannot read: "
        )
    assert folder_state(path.parent) == before


def test_settings_that_would_not_read_back_are_never_written(
    db: Diary, entry_factory: EntryFactory
) -> None:
    kept = db.save_entry(entry_factory("2026-W40", 2))
    db.save_settings(make_settings("Sam", "she"))
    revision = db.revision()
    with pytest.raises(SettingsError, match="The pronoun must be one of"):
        db.save_settings(Settings("Sam", "it"))
    with pytest.raises(SettingsError, match="must fit on one line"):
        db.restore([entry_factory(WEEK)], Settings("Sam\nAlex", "they"))
    assert db.revision() == revision
    assert db.snapshot().settings == make_settings("Sam", "she")
    assert entries_of(db) == [kept]
    assert db.safety_copies() == [], "a refused restore takes no safety copy"


def test_saving_an_invalid_entry_never_makes_the_diary_unreadable(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    kept = diary.save_entry(entry_factory("2026-W47"))
    invalid = WeekEntry(WEEK, {**dict.fromkeys(PRACTICE_KEYS, 7), "connection": 11})
    with pytest.raises(ValueError, match="connection"):
        diary.save_entry(invalid)
    assert entries_of(diary) == [kept]


def test_unreadable_without_permission(
    path: Path, diary: Diary, entry_factory: EntryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_valid_file(path)
    before = path.read_bytes()
    path.chmod(0)
    if os.geteuid() == 0 or os.access(path, os.R_OK):
        # Root reads any file, so make the refusal the operating system would give.
        real_read_bytes = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if self == path:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real_read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    try:
        for verb in VERBS.values():
            with pytest.raises(DataFileError, match="cannot be read: permission denied"):
                verb(diary, entry_factory(WEEK))
    finally:
        monkeypatch.undo()
        path.chmod(0o600)
    assert path.read_bytes() == before


def test_a_snapshot_reports_a_damaged_file(path: Path, diary: Diary) -> None:
    damage_bytes(b"{")(path)
    with pytest.raises(DataFileError, match="is damaged"):
        diary.snapshot()


# Writes that fail leave the old file and no litter.

WRITE_FAILURES = [
    ("os.fsync", errno.ENOSPC, "the disk is full"),
    ("os.replace", errno.ENOSPC, "the disk is full"),
    ("tempfile.mkstemp", errno.ENOSPC, "the disk is full"),
    ("os.replace", errno.EDQUOT, "the disk quota is used up"),
    ("os.fsync", errno.EROFS, "the disk is read-only"),
    ("tempfile.mkstemp", errno.EACCES, "Closer is not allowed to write there"),
    ("os.replace", errno.EPERM, "Closer is not allowed to write there"),
    ("os.fsync", errno.EIO, "Input/output error"),
]


def fail_with(code: int) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(("target", "code", "reason"), WRITE_FAILURES)
@pytest.mark.parametrize("verb", ["save_entry", "delete_entry"])
def test_failed_write_raises_save_error_and_changes_nothing(
    path: Path,
    diary: Diary,
    entry_factory: EntryFactory,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    code: int,
    reason: str,
    verb: str,
) -> None:
    saved = diary.save_entry(entry_factory(WEEK, 3))
    before = folder_state(path.parent)
    module, name = target.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, fail_with(code))
    with pytest.raises(SaveError) as caught:
        VERBS[verb](diary, entry_factory(WEEK, 9))
    monkeypatch.undo()
    assert str(caught.value).startswith(f"Could not save to {path}: {reason}. ")
    assert "Nothing in the diary was changed." in str(caught.value)
    assert folder_state(path.parent) == before
    assert entries_of(diary) == [saved]


def test_failed_first_save_leaves_no_file(
    path: Path, diary: Diary, entry_factory: EntryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "fsync", fail_with(errno.ENOSPC))
    with pytest.raises(SaveError, match="the disk is full"):
        diary.save_entry(entry_factory(WEEK))
    monkeypatch.undo()
    assert folder_state(path.parent) == {}
    assert entries_of(diary) == []


def test_saving_works_again_once_the_disk_has_room(
    path: Path, diary: Diary, entry_factory: EntryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "replace", fail_with(errno.ENOSPC))
    with pytest.raises(SaveError):
        diary.save_entry(entry_factory(WEEK))
    monkeypatch.undo()
    stored = diary.save_entry(entry_factory(WEEK))
    assert entries_of(Diary.open(path)) == [stored]


def test_a_folder_that_cannot_be_synced_is_not_reported_as_a_failed_save(
    path: Path, diary: Diary, entry_factory: EntryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once the new file is renamed into place it is saved: a SaveError would say it is not.
    diary.save_entry(entry_factory(WEEK, 3))
    real_fsync = os.fsync
    refused: list[int] = []

    def fsync_fails_on_folders(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            refused.append(fd)
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync_fails_on_folders)
    stored = diary.save_entry(entry_factory(WEEK, 9))
    monkeypatch.undo()
    assert refused, "the folder was never synced, so this test tested nothing"
    assert Diary.open(path).get_entry(WEEK) == stored
    assert stored.ratings["space"] == 9


def test_lock_held_too_long_is_a_save_error(
    path: Path, entry_factory: EntryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(diary_module, "LOCK_TIMEOUT_SECONDS", 0.05)
    diary = Diary.open(path)
    held, release = threading.Event(), threading.Event()

    def hold_lock() -> None:
        with FileLock(path.with_name("closer.json.lock")):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert held.wait(10)
        with pytest.raises(SaveError, match="Another Closer window or program is still using"):
            diary.save_entry(entry_factory(WEEK))
    finally:
        release.set()
        holder.join(10)
    assert not path.exists()


# Many writers at once.

THREADS = 8
WEEKS_PER_THREAD = 10


def thread_weeks(index: int) -> list[IsoWeek]:
    first = IsoWeek(2020, 1).shifted(index * WEEKS_PER_THREAD)
    return [first.shifted(offset) for offset in range(WEEKS_PER_THREAD)]


def run_writers(
    diary_for: Callable[[int], Diary], entry_factory: EntryFactory
) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def write(index: int) -> None:
        try:
            diary = diary_for(index)
            start.wait(10)
            for week in thread_weeks(index):
                diary.save_entry(entry_factory(week, index + 1))
        except BaseException as error:  # collected and reported by the test
            errors.append(error)

    threads = [threading.Thread(target=write, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def assert_every_week_saved(path: Path) -> None:
    data = json.loads(path.read_bytes())
    assert len(data["entries"]) == THREADS * WEEKS_PER_THREAD
    entries = entries_of(Diary.open(path))
    expected = {week: index + 1 for index in range(THREADS) for week in thread_weeks(index)}
    assert {entry.week: entry.ratings["connection"] for entry in entries} == expected


@pytest.mark.slow
def test_threads_sharing_one_diary_lose_no_saves(path: Path, entry_factory: EntryFactory) -> None:
    shared = Diary.open(path)
    assert run_writers(lambda index: shared, entry_factory) == []
    assert_every_week_saved(path)


@pytest.mark.slow
def test_threads_with_their_own_diaries_lose_no_saves(
    path: Path, entry_factory: EntryFactory
) -> None:
    assert run_writers(lambda index: Diary.open(path), entry_factory) == []
    assert_every_week_saved(path)


# Bulk verbs: import, restore, delete all, settings, safety copies.


def test_import_adds_and_replaces_in_one_write_keeping_timestamps(
    path: Path, entry_factory: EntryFactory
) -> None:
    diary = Diary.open(path)
    diary.save_entry(entry_factory("2026-W40", 2))
    stamp = datetime(2026, 10, 4, 21, 0, tzinfo=UTC)
    incoming = [
        entry_factory("2026-W40", 8).stamped(stamp, stamp),
        entry_factory("2026-W41", 6).stamped(stamp, stamp),
    ]
    assert diary.import_entries(incoming) == 2
    assert [(e.ratings["space"], e.updated_at) for e in diary.snapshot().entries] == [
        (8, stamp),
        (6, stamp),
    ]
    assert [copy.reason for copy in diary.safety_copies()] == ["import"]


def test_import_of_only_new_weeks_takes_no_safety_copy(
    path: Path, entry_factory: EntryFactory
) -> None:
    diary = Diary.open(path)
    diary.save_entry(entry_factory("2026-W40", 2))
    diary.import_entries([entry_factory("2026-W41", 6)])
    assert diary.safety_copies() == []


def test_delete_all_copies_first_and_keeps_settings(
    path: Path, entry_factory: EntryFactory
) -> None:
    diary = Diary.open(path)
    diary.save_entry(entry_factory("2026-W40", 2))
    diary.save_settings(make_settings("Sam", "he"))
    before = path.read_bytes()
    assert diary.delete_all() == 1
    assert entries_of(diary) == []
    assert diary.get_settings() == make_settings("Sam", "he")
    [copy] = diary.safety_copies()
    assert copy.path.read_bytes() == before


def test_deleting_a_week_takes_a_safety_copy(path: Path, entry_factory: EntryFactory) -> None:
    diary = Diary.open(path)
    diary.save_entry(entry_factory("2026-W40", 2))
    diary.delete_entry(IsoWeek.parse("2026-W40"))
    assert [copy.reason for copy in diary.safety_copies()] == ["delete-week"]


def test_restoring_a_safety_copy_brings_back_entries_and_settings(
    path: Path, entry_factory: EntryFactory
) -> None:
    diary = Diary.open(path)
    kept = diary.save_entry(entry_factory("2026-W40", 2))
    diary.save_settings(make_settings("Sam", "he"))
    diary.delete_all()
    diary.save_settings(make_settings("", "they"))
    diary.restore_safety_copy(diary.safety_copies()[0].path)
    assert entries_of(diary) == [kept]
    assert diary.get_settings() == make_settings("Sam", "he")
    assert [copy.reason for copy in diary.safety_copies()] == ["restore", "delete-all"]


def test_bulk_verbs_never_write_over_an_unreadable_file(
    path: Path, entry_factory: EntryFactory
) -> None:
    diary = Diary.open(path)
    path.write_bytes(b'{"entries": {')
    before = folder_state(path.parent)
    attempts = [
        lambda: diary.import_entries([entry_factory("2026-W41", 6)]),
        lambda: diary.restore([entry_factory("2026-W41", 6)], None),
        diary.delete_all,
        lambda: diary.save_settings(make_settings("Sam", "he")),
        diary.get_settings,
    ]
    for attempt in attempts:
        with pytest.raises(DataFileError):
            attempt()
    assert folder_state(path.parent) == before


def test_settings_live_in_memory_diaries_too(entry_factory: EntryFactory) -> None:
    diary = Diary.in_memory()
    assert diary.get_settings() == make_settings()
    diary.save_settings(make_settings("Ana", "she"))
    assert diary.get_settings().partner_name == "Ana"
    assert diary.safety_copies() == []


def test_backup_json_is_the_diary_and_reads_back(db: Diary, entry_factory: EntryFactory) -> None:
    saved = db.save_entry(entry_factory("2026-W40", 3))
    db.save_settings(make_settings("Sam", "they"))
    data = json.loads(db.backup_json())
    assert data["meta"]["1"] == {"app": "closer", "schema_version": 1}
    assert data["settings"]["1"]["partner_name"] == "Sam"
    assert data["entries"][str(saved.week.doc_id)]["ratings"]["space"] == 3


def test_start_new_diary_keeps_the_unreadable_file_and_starts_empty(path: Path) -> None:
    path.write_bytes(b"\x00\x00 not json")
    diary = Diary.open(path)
    kept = diary.start_new_diary()
    assert kept is not None
    assert kept.read_bytes() == b"\x00\x00 not json"
    assert entries_of(diary) == []


def test_recovering_from_an_unusable_copy_changes_nothing(
    path: Path, entry_factory: EntryFactory
) -> None:
    path.write_bytes(b"{broken")
    bad_copy = path.parent / "copy.json"
    bad_copy.write_bytes(b"[]")
    before = folder_state(path.parent)
    with pytest.raises(DataFileError, match="not a Closer diary"):
        Diary.open(path).recover_from_copy(bad_copy)
    assert folder_state(path.parent) == before


@pytest.mark.parametrize("verb", ["recover_from_copy", "restore_safety_copy"])
def test_a_copy_that_is_gone_or_unreadable_is_a_data_file_error_and_changes_nothing(
    path: Path, entry_factory: EntryFactory, verb: str
) -> None:
    # Regression: recovering from a copy deleted meanwhile raised a bare FileNotFoundError.
    Diary.open(path).save_entry(entry_factory("2026-W40", 3))
    folder = path.parent / "a-folder.json"
    folder.mkdir()
    before = folder_state(path.parent)
    for copy, problem in [
        (path.parent / "gone.json", "no longer exists."),
        (folder, "is a folder"),
    ]:
        with pytest.raises(DataFileError) as caught:
            getattr(Diary.open(path), verb)(copy)
        assert caught.value.path == copy
        assert problem in str(caught.value)
    assert folder_state(path.parent) == before


# The revision and the remembered read: unchanged data is not read or checked again.


def count_reads(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time `diary` reads its storage."""
    reads: list[int] = []
    storage_ = diary._storage
    real_read = storage_.read

    def counting_read():
        reads.append(1)
        return real_read()

    monkeypatch.setattr(storage_, "read", counting_read)
    return reads


def test_an_unchanged_diary_is_read_once(
    db: Diary, entry_factory: EntryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.save_entry(entry_factory(WEEK))
    reads = count_reads(db, monkeypatch)
    first = db.snapshot()
    assert entries_of(db) == list(first.entries)
    assert db.get_entry(WEEK) == first.by_week[WEEK]
    db.get_settings()
    db.backup_json()
    assert db.snapshot() is first
    assert len(reads) <= 1  # none at all when the save's own result is still current


def test_every_write_gives_a_new_revision(db: Diary, entry_factory: EntryFactory) -> None:
    seen = {db.revision()}
    writes: list[Callable[[], object]] = [
        lambda: db.save_entry(entry_factory(WEEK, 4)),
        lambda: db.save_entry(entry_factory(WEEK, 4)),  # the same values again
        lambda: db.save_settings(make_settings("Sam", "they")),
        lambda: db.import_entries([entry_factory("2026-W40", 2)]),
        lambda: db.delete_entry(WEEK),
        lambda: db.restore([entry_factory("2026-W41", 5)], None),
        lambda: db.delete_all(),
    ]
    for write in writes:
        write()
        assert db.revision() not in seen
        seen.add(db.revision())


def test_the_revision_of_an_unchanged_diary_stays_put(
    db: Diary, entry_factory: EntryFactory
) -> None:
    db.save_entry(entry_factory(WEEK))
    assert db.revision() == db.revision()
    db.snapshot()
    assert db.revision() == db.revision()


def test_two_memory_diaries_never_share_a_revision() -> None:
    assert Diary.in_memory().revision() != Diary.in_memory().revision()


def test_another_handles_save_is_seen_after_a_remembered_read(
    path: Path, diary: Diary, clock: FakeClock, entry_factory: EntryFactory
) -> None:
    diary.save_entry(entry_factory("2026-W47", 2))
    before = diary.snapshot()
    other = Diary.open(path, clock=clock)
    saved = other.save_entry(entry_factory(WEEK, 9))
    assert diary.revision() != before.revision
    assert diary.get_entry(WEEK) == saved


def test_after_another_handles_save_only_the_changed_record_is_checked_again(
    path: Path,
    diary: Diary,
    clock: FakeClock,
    entry_factory: EntryFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    diary.import_entries([entry_factory(f"2026-W{week}", 5) for week in range(40, 48)])
    before = diary.snapshot()
    Diary.open(path, clock=clock).save_entry(entry_factory("2026-W44", 9))
    decoded: list[str] = []
    real_decode = datafile.decode_entry

    def counting_decode(key: str, record: dict[str, Any]) -> WeekEntry:
        decoded.append(key)
        return real_decode(key, record)

    monkeypatch.setattr(datafile, "decode_entry", counting_decode)
    after = diary.snapshot()
    assert decoded == [str(IsoWeek(2026, 44).doc_id)]
    assert after.by_week[IsoWeek(2026, 44)].ratings["connection"] == 9
    unchanged = [week for week in before.by_week if week != IsoWeek(2026, 44)]
    assert all(after.by_week[week] is before.by_week[week] for week in unchanged)


def test_a_file_written_again_unchanged_keeps_the_snapshot_and_its_revision(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.save_entry(entry_factory(WEEK, 6))
    first = diary.snapshot()
    # Another program writes the same diary back: a new file, the same bytes.
    atomic.atomic_write(path, path.read_bytes())
    assert diary.revision() != first.revision
    assert diary.snapshot() is first
    # A real change still shows, with a new revision.
    Diary.open(path).save_entry(entry_factory(WEEK, 7))
    changed = diary.snapshot()
    assert changed.revision != first.revision
    assert changed.by_week[WEEK].ratings["connection"] == 7


def test_a_rating_changed_from_1_to_true_is_refused_though_python_finds_them_equal(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.save_entry(entry_factory(WEEK, 1))
    diary.snapshot()
    data = json.loads(path.read_bytes())
    record = data["entries"][str(WEEK.doc_id)]
    assert record["ratings"]["connection"] == 1
    record["ratings"]["connection"] = True
    atomic.atomic_write(path, json.dumps(data).encode())
    with pytest.raises(DataFileError, match="must be a number from 1 to 10"):
        diary.snapshot()


def test_a_save_after_a_remembered_read_keeps_another_handles_save(
    path: Path, diary: Diary, clock: FakeClock, entry_factory: EntryFactory
) -> None:
    diary.snapshot()  # remembered while the file was empty
    other = Diary.open(path, clock=clock)
    theirs = other.save_entry(entry_factory("2026-W47", 2))
    mine = diary.save_entry(entry_factory(WEEK, 9))
    assert entries_of(Diary.open(path)) == [theirs, mine]


def test_a_file_damaged_after_a_remembered_read_is_still_never_written(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.save_entry(entry_factory(WEEK, 7))
    diary.snapshot()
    # Same size, same inode: only the bytes (and the change time) say it changed.
    raw = path.read_bytes()
    damaged = raw.replace(b'"space": 7', b'"space": 0', 1)
    assert len(damaged) == len(raw)
    with path.open("r+b") as handle:
        handle.write(damaged)
    with pytest.raises(DataFileError, match="cannot read"):
        diary.snapshot()
    with pytest.raises(DataFileError):
        diary.save_entry(entry_factory("2026-W47", 3))
    assert path.read_bytes() == damaged


def test_a_snapshot_cannot_be_changed_by_a_reader(db: Diary, entry_factory: EntryFactory) -> None:
    db.save_entry(entry_factory(WEEK))
    shared = db.snapshot()
    with pytest.raises(TypeError):
        shared.by_week[IsoWeek(2026, 1)] = shared.entries[0]  # type: ignore[index]
    assert isinstance(shared.entries, tuple)


def test_only_a_backup_asked_for_as_sample_is_marked(
    db: Diary, entry_factory: EntryFactory
) -> None:
    db.save_entry(entry_factory("2026-W40", 3))
    assert json.loads(db.backup_json(sample=True))["meta"]["1"]["sample"] is True
    assert json.loads(db.backup_json())["meta"]["1"] == {"app": "closer", "schema_version": 1}


# Unsaved check-in drafts: beside the diary, under its lock, never in it.


def a_draft(
    week: IsoWeek | str = WEEK, reflection: str = "Half typed ☕ ", **changes: object
) -> Draft:
    """A draft with connection rated 8, space skipped and the rest not rated yet."""
    week = week if isinstance(week, IsoWeek) else IsoWeek.parse(week)
    fields: dict[str, Any] = {
        "ratings": {**dict.fromkeys(PRACTICE_KEYS), "connection": 8, "space": "skipped"},
        "notes": dict.fromkeys(PRACTICE_KEYS, ""),
        "focus": None,
        "kept_at": START,
    }
    return Draft(week=week, reflection=reflection, **(fields | changes))


def test_a_new_diary_has_no_drafts(db: Diary) -> None:
    assert db.drafts() == {}


def test_a_kept_draft_comes_back_and_replaces_its_weeks_earlier_one(db: Diary) -> None:
    assert db.keep_draft(a_draft(WEEK, "First")) is None
    db.keep_draft(a_draft("2026-W47", "Other week"))
    assert db.keep_draft(a_draft(WEEK, "Second")) is None
    assert db.drafts() == {
        WEEK: a_draft(WEEK, "Second"),
        IsoWeek(2026, 47): a_draft("2026-W47", "Other week"),
    }


def test_discarding_a_draft_forgets_only_that_week(db: Diary) -> None:
    db.keep_draft(a_draft(WEEK))
    db.keep_draft(a_draft("2026-W47"))
    assert db.discard_draft(WEEK) is None
    assert db.discard_draft(WEEK) is None  # nothing left to forget is fine
    assert db.drafts() == {IsoWeek(2026, 47): a_draft("2026-W47")}


def test_a_draft_is_never_a_check_in(db: Diary, entry_factory: EntryFactory) -> None:
    saved = db.save_entry(entry_factory("2026-W47", 3))
    db.keep_draft(a_draft(WEEK, "Only a draft"))
    db.keep_draft(a_draft("2026-W47", "Edited, not saved"))
    assert entries_of(db) == [saved]
    assert db.get_entry(WEEK) is None
    backup = db.backup_json()
    assert b"Only a draft" not in backup
    assert b"Edited, not saved" not in backup


def test_keeping_or_discarding_a_draft_leaves_the_diary_revision_alone(
    db: Diary, entry_factory: EntryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.save_entry(entry_factory(WEEK, 4))
    first, revision = db.snapshot(), db.revision()
    reads = count_reads(db, monkeypatch)
    db.keep_draft(a_draft(WEEK))
    db.keep_draft(a_draft("2026-W47"))
    db.discard_draft(WEEK)
    assert db.revision() == revision
    assert db.snapshot() is first, "a draft made the diary be read and checked again"
    assert reads == []


def test_delete_all_removes_every_draft(db: Diary, entry_factory: EntryFactory) -> None:
    db.save_entry(entry_factory("2026-W40", 2))
    db.keep_draft(a_draft(WEEK))
    db.keep_draft(a_draft("2026-W47"))
    assert db.delete_all() == 1
    assert db.drafts() == {}


def test_delete_all_removes_drafts_even_with_no_check_ins(db: Diary) -> None:
    db.keep_draft(a_draft(WEEK))
    assert db.delete_all() == 0
    assert db.drafts() == {}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(draft=form_drafts())
def test_any_draft_a_form_makes_comes_back_equal(db: Diary, draft: Draft) -> None:
    db.keep_draft(draft)
    assert db.drafts()[draft.week] == draft


def test_drafts_of_a_memory_diary_stay_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    diary = Diary.in_memory()
    diary.keep_draft(a_draft(WEEK))
    assert diary.drafts() == {WEEK: a_draft(WEEK)}
    assert Diary.in_memory().drafts() == {}, "two memory diaries never share drafts"
    assert list(tmp_path.iterdir()) == []


def test_drafts_live_in_their_own_file_and_never_change_the_diarys_bytes(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.save_entry(entry_factory("2026-W40", 2))
    before = path.read_bytes()
    diary.keep_draft(a_draft(WEEK, "Only in the drafts file"))
    assert path.read_bytes() == before
    assert sorted(folder_state(path.parent)) == ["closer.drafts.json", "closer.json"]
    assert "Only in the drafts file" in path.with_name("closer.drafts.json").read_text()
    assert Diary.open(path).drafts() == {WEEK: a_draft(WEEK, "Only in the drafts file")}
    diary.discard_draft(WEEK)
    assert path.read_bytes() == before


def test_keeping_a_draft_creates_no_diary_file(path: Path, diary: Diary) -> None:
    diary.keep_draft(a_draft(WEEK))
    assert not path.exists()
    assert entries_of(diary) == []


def test_discarding_the_last_draft_removes_the_drafts_file(path: Path, diary: Diary) -> None:
    diary.keep_draft(a_draft(WEEK))
    diary.discard_draft(WEEK)
    assert folder_state(path.parent) == {}


def test_keeping_a_draft_never_touches_an_unreadable_diary(path: Path, diary: Diary) -> None:
    path.write_bytes(b'{"entries": {')
    diary.keep_draft(a_draft(WEEK))
    assert path.read_bytes() == b'{"entries": {'
    assert diary.drafts() == {WEEK: a_draft(WEEK)}
    with pytest.raises(DataFileError):
        diary.snapshot()


DAMAGED_DRAFTS = {
    "not JSON": b'{"drafts": {"2026-W48": {"week"',
    "not a drafts file": b'["drafts"]',
    "a bad draft": json.dumps(
        {"drafts": {"2026-W48": {"week": "2026-W48", "ratings": {"connection": 11}}}}
    ).encode(),
    "not UTF-8": b"\xff\xfe{}",
}
TYPED_AFTER = a_draft("2026-W47", "Typed after")
ChangeDrafts = Callable[[Diary], Path | None]
# Each change to the drafts, and the drafts there are after it on a fresh file.
CHANGES: dict[str, tuple[ChangeDrafts, dict[IsoWeek, Draft]]] = {
    "keep_draft": (lambda diary: diary.keep_draft(TYPED_AFTER), {TYPED_AFTER.week: TYPED_AFTER}),
    "discard_draft": (lambda diary: diary.discard_draft(WEEK), {}),
}


@pytest.mark.parametrize("damage", DAMAGED_DRAFTS.values(), ids=DAMAGED_DRAFTS)
def test_a_damaged_drafts_file_never_blocks_the_diary(
    path: Path, diary: Diary, entry_factory: EntryFactory, damage: bytes
) -> None:
    saved = diary.save_entry(entry_factory("2026-W40", 2))
    path.with_name("closer.drafts.json").write_bytes(damage)
    with pytest.raises(DraftError):
        diary.drafts()
    assert entries_of(diary) == [saved]
    assert diary.snapshot().by_week == {saved.week: saved}
    other = diary.save_entry(entry_factory("2026-W41", 5))
    assert entries_of(Diary.open(path)) == [saved, other]
    assert path.with_name("closer.drafts.json").read_bytes() == damage, "read, never rewritten"


@pytest.mark.parametrize(("change", "expected"), CHANGES.values(), ids=CHANGES)
@pytest.mark.parametrize("damage", DAMAGED_DRAFTS.values(), ids=DAMAGED_DRAFTS)
def test_the_next_draft_change_sets_a_damaged_file_aside_byte_identical(
    path: Path,
    diary: Diary,
    entry_factory: EntryFactory,
    damage: bytes,
    change: ChangeDrafts,
    expected: dict[IsoWeek, Draft],
) -> None:
    diary.save_entry(entry_factory("2026-W40", 2))
    before = path.read_bytes()
    revision = diary.revision()
    drafts = path.with_name("closer.drafts.json")
    drafts.write_bytes(damage)
    aside = change(diary)
    assert aside == path.with_name("closer.drafts.unreadable-20261124-201500.json")
    assert aside.read_bytes() == damage
    assert diary.drafts() == expected
    assert drafts.exists() == bool(expected)
    assert path.read_bytes() == before
    assert diary.revision() == revision
    assert diary.keep_draft(a_draft(WEEK)) is None, "a fresh file is not set aside again"


def test_delete_all_with_a_damaged_drafts_file_still_deletes_and_leaves_no_drafts(
    path: Path, diary: Diary, entry_factory: EntryFactory
) -> None:
    diary.save_entry(entry_factory("2026-W40", 2))
    path.with_name("closer.drafts.json").write_bytes(b"{")
    assert diary.delete_all() == 1
    assert entries_of(diary) == []
    assert diary.drafts() == {}


def test_a_second_damaged_drafts_file_set_aside_in_the_same_instant_keeps_the_first(
    path: Path, diary: Diary
) -> None:
    drafts = path.with_name("closer.drafts.json")
    drafts.write_bytes(b"first damaged file")
    first = diary.keep_draft(a_draft(WEEK))
    drafts.write_bytes(b"second damaged file")
    second = diary.keep_draft(a_draft(WEEK))
    assert first is not None
    assert second is not None
    assert first.read_bytes() == b"first damaged file"
    assert second.read_bytes() == b"second damaged file"


@pytest.mark.parametrize(("target", "code", "reason"), WRITE_FAILURES)
def test_a_failed_draft_write_is_a_save_error_and_changes_nothing(
    path: Path,
    diary: Diary,
    entry_factory: EntryFactory,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    code: int,
    reason: str,
) -> None:
    diary.save_entry(entry_factory("2026-W40", 2))
    diary.keep_draft(a_draft(WEEK, "Kept before"))
    before = folder_state(path.parent)
    module, name = target.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, fail_with(code))
    with pytest.raises(SaveError) as caught:
        diary.keep_draft(a_draft(WEEK, "Lost to a full disk"))
    monkeypatch.undo()
    drafts = path.with_name("closer.drafts.json")
    assert str(caught.value).startswith(f"Could not save to {drafts}: {reason}. ")
    assert folder_state(path.parent) == before
    assert diary.drafts() == {WEEK: a_draft(WEEK, "Kept before")}


@pytest.mark.parametrize("verb", CHANGES)
def test_a_draft_change_that_cannot_be_written_is_a_save_error(
    path: Path, diary: Diary, monkeypatch: pytest.MonkeyPatch, verb: str
) -> None:
    change, _ = CHANGES[verb]
    diary.keep_draft(a_draft(WEEK, "Kept before"))
    before = folder_state(path.parent)
    monkeypatch.setattr(drafts_module, "write_drafts", fail_with(errno.ENOSPC))
    with pytest.raises(SaveError, match="the disk is full"):
        change(diary)
    monkeypatch.undo()
    assert folder_state(path.parent) == before
    assert diary.drafts() == {WEEK: a_draft(WEEK, "Kept before")}


def test_handles_keeping_drafts_at_once_lose_none(path: Path) -> None:
    weeks = [WEEK.shifted(-index) for index in range(THREADS)]
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def keep(week: IsoWeek) -> None:
        try:
            diary = Diary.open(path)
            start.wait(10)
            diary.keep_draft(a_draft(week, "First"))
            diary.keep_draft(a_draft(week, "Second"))
        except BaseException as error:  # collected and reported by the test
            errors.append(error)

    threads = [threading.Thread(target=keep, args=(week,)) for week in weeks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert Diary.open(path).drafts() == {week: a_draft(week, "Second") for week in weeks}
