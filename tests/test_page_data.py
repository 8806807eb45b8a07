"""The data page: export, import with preview, restore, delete all, safety copies."""

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from lib import backup_files, csv_files
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, TODAY, Closer

PAGE = "pages/data.py"


def week(offset: int, rating: int, note: str = ""):
    return make_entry(
        THIS_WEEK.shifted(-offset), dict.fromkeys(PRACTICE_KEYS, rating), {"space": note}
    )


def upload(at: AppTest, label_start: str, name: str, data: bytes, mime: str) -> AppTest:
    uploader = next(item for item in at.file_uploader if item.label.startswith(label_start))
    uploader.set_value((name, data, mime))
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(item.value for item in at.metric if item.label == label)


def test_import_previews_counts_then_adds_only_new_weeks_by_default(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    closer.diary().save_entry(week(3, 5))
    csv = csv_files.export_csv([week(1, 7), week(2, 9), week(3, 5)])
    at = upload(closer.open(PAGE), "Import", "closer.csv", csv, "text/csv")
    assert not at.exception
    assert (metric(at, "New weeks"), metric(at, "Differ from saved"), metric(at, "Identical")) == (
        "1",
        "1",
        "1",
    )
    at.button(key="import_confirm").click().run()
    ratings = {str(e.week): e.ratings["space"] for e in closer.diary().snapshot().entries}
    assert ratings == {
        str(THIS_WEEK.shifted(-3)): 5,
        str(THIS_WEEK.shifted(-2)): 4,
        str(THIS_WEEK.shifted(-1)): 7,
    }
    assert any("Imported 1 weeks" in item.value for item in at.success)


def test_import_can_also_replace_the_differing_weeks(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    at = upload(
        closer.open(PAGE), "Import", "c.csv", csv_files.export_csv([week(2, 9)]), "text/csv"
    )
    at.radio(key="import_choice").set_value("Add new weeks and replace the differing ones").run()
    at.button(key="import_confirm").click().run()
    assert closer.diary().get_entry(THIS_WEEK.shifted(-2)).ratings["space"] == 9
    assert [copy.reason for copy in closer.diary().safety_copies()] == ["import"]


HEADER = "week,connection,associations,presence,mystery,space,self_love"


def rows(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (rows("2026-W60,5,5,5,5,5,5"), "2026-W60"),
        (rows("2026-W40,11,5,5,5,5,5"), "not 11"),
        (rows("2026-W40,abc,5,5,5,5,5"), "abc"),
        (rows("2026-W40,5,5,5,5,5,5", "2026-W40,6,6,6,6,6,6"), "2026-W40"),
        (HEADER.replace("week,", "when,").encode() + b"\n2026-W40,5,5,5,5,5,5", "week"),
        (rows("2026-W40,5,5,5,5,5,5").replace(b"self_love", b"self_love,mood"), "mood"),
        (b"\xff\xfe\x00junk", "UTF-8"),
        (b"\x00\x01\x02PK\x03\x04 binary", "CSV"),
        (b"x" * (6 * 1024 * 1024), "MB"),
        (rows("2027-W10,5,5,5,5,5,5"), "2027-W10 has not started yet"),
    ],
    ids=[
        "empty",
        "impossible-week",
        "rating-11",
        "rating-abc",
        "same-week-twice",
        "missing-week-column",
        "unknown-column",
        "not-utf8",
        "not-csv",
        "over-the-cap",
        "future-week",
    ],
)
def test_a_broken_file_is_explained_and_nothing_changes(
    closer: Closer, data: bytes, message: str
) -> None:
    closer.diary().save_entry(week(2, 4))
    before = closer.db_path.read_bytes()
    at = upload(closer.open(PAGE), "Import", "bad.csv", data, "text/csv")
    assert not at.exception
    assert any(message in error.value.replace("\\", "") for error in at.error)
    assert not [button for button in at.button if button.key == "import_confirm"]
    assert closer.db_path.read_bytes() == before


def test_restore_replaces_the_diary_with_the_backup(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    backup = closer.diary().backup_json()
    closer.diary().save_entry(week(1, 8))
    at = upload(closer.open(PAGE), "Restore", "b.json", backup, "application/json")
    assert any("1 weeks saved now are not in it" in item.value for item in at.warning)
    at.button(key="restore_confirm").click().run()
    assert [str(e.week) for e in closer.diary().snapshot().entries] == [str(THIS_WEEK.shifted(-2))]


def test_delete_all_needs_the_typed_word_and_keeps_a_safety_copy(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    at = closer.open(PAGE)
    assert at.button(key="delete_all").disabled
    at.text_input(key="delete_word").input("delete").run()
    assert at.button(key="delete_all").disabled, "the word must be typed exactly"
    at.text_input(key="delete_word").input("DELETE").run()
    at.button(key="delete_all").click().run()
    assert list(closer.diary().snapshot().entries) == []
    assert [copy.reason for copy in closer.diary().safety_copies()] == ["delete-all"]
    at.checkbox(key="safety_sure").check().run()
    at.button(key="safety_restore").click().run()
    assert len(closer.diary().snapshot().entries) == 1


def test_export_buttons_are_offered(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    at = closer.open(PAGE)
    assert {button.key for button in at.download_button} >= {
        "export_csv",
        "export_tidy",
        "export_backup",
    }


def test_restoring_a_backup_without_settings_keeps_the_partners_name(closer: Closer) -> None:
    import json

    from lib.settings import make_settings

    closer.diary().save_entry(week(2, 4))
    backup = json.loads(closer.diary().backup_json())
    backup.pop("settings", None)
    closer.diary().save_settings(make_settings("Sam", "he"))
    at = upload(
        closer.open(PAGE), "Restore", "b.json", json.dumps(backup).encode(), "application/json"
    )
    at.button(key="restore_confirm").click().run()
    assert closer.diary().get_settings().partner_name == "Sam"


def test_export_delete_all_import_gives_the_same_diary(closer: Closer) -> None:
    notes = {
        "space": 'Café, "quotes", ✨\nsecond line',
        "mystery": "=SUM(A1) looked like a formula",
    }
    for offset in range(1, 5):
        ratings = dict.fromkeys(PRACTICE_KEYS, offset + 2) | {"presence": None}
        closer.diary().save_entry(
            make_entry(THIS_WEEK.shifted(-offset), ratings, notes, "Réflexion")
        )
    before = list(closer.diary().snapshot().entries)
    exported = csv_files.export_csv(before)

    at = closer.open(PAGE)
    at.text_input(key="delete_word").input("DELETE").run()
    at.button(key="delete_all").click().run()
    assert list(closer.diary().snapshot().entries) == []
    at = upload(at, "Import", "closer.csv", exported, "text/csv")
    at.button(key="import_confirm").click().run()

    after = list(closer.diary().snapshot().entries)
    assert [(e.week, e.ratings, e.notes, e.reflection, e.focus, e.updated_at) for e in after] == [
        (e.week, e.ratings, e.notes, e.reflection, e.focus, e.updated_at) for e in before
    ]


# Sample mode: the page acts on nothing real, and says so.

Offered = dict[str, tuple[str, Callable[[], bytes]]]


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch) -> Offered:
    """Each download button's file name and data, by key, as the page last offered them.

    AppTest shows a deferred download's button, but its file name and data go to
    the runtime's media file manager, which AppTest drops after every run; so
    this records what the page hands to `download_button`.
    """
    files: Offered = {}
    offer = DeltaGenerator.download_button

    def recording(
        self: DeltaGenerator, label: str, data: Callable[[], bytes], **kwargs: Any
    ) -> bool:
        files[str(kwargs["key"])] = (str(kwargs["file_name"]), data)
        return offer(self, label, data, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    return files


def open_sample_data_page(closer: Closer) -> AppTest:
    at = closer.open()
    at.button(key="explore_sample").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_sample_exports_are_of_the_sample_and_named_and_marked_so(
    closer: Closer, offered: Offered
) -> None:
    open_sample_data_page(closer)
    names = {key: name for key, (name, _) in offered.items()}
    assert names["export_csv"] == f"closer-sample-entries-{TODAY.isoformat()}.csv"
    assert names["export_tidy"] == f"closer-sample-entries-tidy-{TODAY.isoformat()}.csv"
    # The backup's name has the time of day, which the tests do not fix.
    assert re.fullmatch(r"closer-sample-backup-\d{4}-\d\d-\d\d-\d{4}\.json", names["export_backup"])
    wide = csv_rows(offered["export_csv"][1]())
    tidy = csv_rows(offered["export_tidy"][1]())
    assert len(wide) > 20, "the made-up half-year, not the empty diary"
    for rows in (wide, tidy):
        assert rows[0][-1] == "sample"
        assert {row[-1] for row in rows[1:]} == {csv_files.SAMPLE_CELL}
    backup = json.loads(offered["export_backup"][1]())
    assert backup["meta"]["1"]["sample"] is True
    assert len(backup["entries"]) == len(wide) - 1
    assert not closer.db_path.exists()


def test_real_exports_are_named_as_ever(closer: Closer, offered: Offered) -> None:
    closer.diary().save_entry(week(2, 4))
    closer.open(PAGE)
    assert offered["export_csv"][0] == csv_files.export_filename(TODAY)
    assert offered["export_tidy"][0] == csv_files.tidy_filename(TODAY)
    assert offered["export_csv"][1]() == csv_files.export_csv(closer.diary().snapshot().entries)
    assert "sample" not in json.loads(offered["export_backup"][1]())["meta"]["1"]


def test_sample_mode_turns_off_everything_that_would_change_a_diary(closer: Closer) -> None:
    at = open_sample_data_page(closer)
    assert not at.file_uploader, "no file can be dropped into the sample"
    assert at.button(key="safety_restore").disabled
    assert at.text_input(key="delete_word").disabled
    assert at.button(key="delete_all").disabled
    captions = [caption.value for caption in at.main.caption]
    assert str(closer.db_path) not in " ".join(captions)
    assert "made-up sample, not your diary" in captions[0]
    reasons = [text for text in captions if "is off while you explore sample data" in text]
    assert [text.split(" is off")[0] for text in reasons] == [
        "Importing",
        "Restoring a backup",
        "Restoring a safety copy",
        "Deleting",
    ]


def test_the_same_controls_work_outside_sample_mode(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    at = closer.open(PAGE)
    assert [uploader.disabled for uploader in at.file_uploader] == [False, False]
    assert not at.text_input(key="delete_word").disabled
    assert not [text for text in at.main.caption if "sample" in text.value]


@pytest.mark.parametrize(
    ("key", "uploader", "name", "mime", "message"),
    [
        ("export_csv", "Import", "sample.csv", "text/csv", csv_files.SAMPLE_NOT_IMPORTED),
        ("export_tidy", "Import", "tidy.csv", "text/csv", csv_files.SAMPLE_NOT_IMPORTED),
        (
            "export_backup",
            "Restore",
            "b.json",
            "application/json",
            backup_files.SAMPLE_NOT_RESTORED,
        ),
    ],
    ids=["csv", "tidy-csv", "backup"],
)
def test_a_sample_file_never_reaches_the_diary(
    closer: Closer, offered: Offered, key: str, uploader: str, name: str, mime: str, message: str
) -> None:
    open_sample_data_page(closer)
    sample_file = offered[key][1]()
    closer.diary().save_entry(week(2, 4))
    before = closer.db_path.read_bytes()
    at = upload(closer.open(PAGE), uploader, name, sample_file, mime)
    assert not at.exception
    assert any(message in error.value.replace("\\", "") for error in at.error)
    assert not [b for b in at.button if b.key in ("import_confirm", "restore_confirm")]
    assert closer.db_path.read_bytes() == before
    assert closer.diary().safety_copies() == []
