"""The data page: export, import with preview, restore, delete all, safety copies."""

import csv
import io
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from lib import backup_files, csv_files, diary_keys, encrypted_file, transfer
from lib.diary import Diary
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, TODAY, Closer
from tests.test_encrypted_file import run_snippet
from ui import data_sections, exports, session, texts

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
    assert [item.value for item in at.success] == ["Imported 1 new week."]


def pick_key(offset: int) -> str:
    return f"replace_{THIS_WEEK.shifted(-offset)}_0"


def test_import_can_also_replace_a_differing_week_once_it_is_ticked(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    at = upload(
        closer.open(PAGE), "Import", "c.csv", csv_files.export_csv([week(2, 9)]), "text/csv"
    )
    confirm = at.button(key="import_confirm")
    assert confirm.disabled, "nothing new, and no week ticked: nothing to import"
    assert confirm.label == "Import"
    at.checkbox(key=pick_key(2)).check().run()
    assert at.button(key="import_confirm").label == "Replace 1 week"
    at.button(key="import_confirm").click().run()
    assert closer.diary().get_entry(THIS_WEEK.shifted(-2)).ratings["space"] == 9
    assert [copy.reason for copy in closer.diary().safety_copies()] == ["import"]
    assert [item.value for item in at.success] == ["Replaced 1 week. A safety copy was kept first."]


def test_the_preview_says_field_by_field_what_a_differing_week_changes(closer: Closer) -> None:
    # The case: in a spreadsheet the user changed one rating and one note.
    saved = make_entry(
        THIS_WEEK.shifted(-2),
        {**dict.fromkeys(PRACTICE_KEYS, 5), "presence": 6},
        {"connection": "007", "mystery": "a long walk by the river at dusk, and a talk"},
        reflection="A calm week.",
    )
    closer.diary().save_entry(saved)
    before = closer.db_path.read_bytes()
    edited = make_entry(
        saved.week,
        {**saved.ratings, "presence": 9},
        {**saved.notes, "connection": "7", "mystery": "a long walk by the river at dusk"},
        reflection="",
    )
    at = upload(closer.open(PAGE), "Import", "c.csv", csv_files.export_csv([edited]), "text/csv")
    assert not at.exception
    shown = " ".join(item.value.replace("\\", "") for item in at.main.markdown)
    assert "1 week in the file differs from your diary" in shown
    assert at.checkbox(key=pick_key(2)).label == f"Replace {saved.week} ({saved.week.label()})"
    assert "Being present: 6 → 9" in shown
    assert "Emotional connection's note: “007” → “7”" in shown
    assert "A bit of mystery's note changed" in shown
    assert "The reflection would be emptied" in shown
    assert "presence" not in shown, "practices are named by title, never by key"
    assert closer.db_path.read_bytes() == before, "a preview writes nothing"


def test_only_the_ticked_weeks_are_replaced_and_tick_all_ticks_every_one(closer: Closer) -> None:
    for offset in (2, 3, 4):
        closer.diary().save_entry(week(offset, 4))
    changed = csv_files.export_csv([week(2, 8), week(3, 8), week(4, 8), week(1, 6)])
    at = upload(closer.open(PAGE), "Import", "c.csv", changed, "text/csv")
    assert at.button(key="import_confirm").label == "Import 1 new week"
    at.checkbox(key=pick_key(3)).check().run()
    assert at.button(key="import_confirm").label == "Import 1 new week and replace 1"
    at.button(key="import_confirm").click().run()
    space = {e.week: e.ratings["space"] for e in closer.diary().snapshot().entries}
    assert [space[THIS_WEEK.shifted(-offset)] for offset in (4, 3, 2, 1)] == [4, 8, 4, 6]
    # A second file: "Tick all" ticks every differing week, "Untick all" none.
    at = upload(at, "Import", "d.csv", csv_files.export_csv([week(2, 9), week(4, 9)]), "text/csv")
    at.button(key="replace_all").click().run()
    assert at.button(key="import_confirm").label == "Replace 2 weeks"
    at.button(key="replace_none").click().run()
    assert at.button(key="import_confirm").disabled
    at.button(key="replace_all").click().run()
    at.button(key="import_confirm").click().run()
    space = {e.week: e.ratings["space"] for e in closer.diary().snapshot().entries}
    assert [space[THIS_WEEK.shifted(-offset)] for offset in (4, 3, 2, 1)] == [9, 8, 9, 6]


def test_a_file_with_nothing_new_says_so(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    at = upload(
        closer.open(PAGE), "Import", "c.csv", csv_files.export_csv([week(2, 4)]), "text/csv"
    )
    assert at.button(key="import_confirm").disabled
    assert any("already in your diary, just as it is" in item.value for item in at.main.caption)


def test_import_is_the_pages_highlighted_action_and_delete_all_is_not(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    at = upload(
        closer.open(PAGE), "Import", "c.csv", csv_files.export_csv([week(1, 4)]), "text/csv"
    )
    assert at.button(key="import_confirm").proto.type == "primary"
    assert at.button(key="delete_all").proto.type == "secondary"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("diary.xlsx", b"PK\x03\x04\x14\x00\x06\x00", "This file is an Excel workbook (.xlsx)."),
        ("diary.pdf", b"%PDF-1.7\n%", "This file is a PDF document."),
    ],
)
def test_a_workbook_is_refused_in_closers_words_with_what_it_accepts(
    closer: Closer, name: str, data: bytes, message: str
) -> None:
    at = upload(closer.open(PAGE), "Import", name, data, "application/octet-stream")
    [error] = [item.value.replace("\\", "") for item in at.error]
    assert message in error
    assert "Closer imports CSV files saved as UTF-8" in error
    assert "CSV file saved as UTF-8" in at.main.caption[1].value + at.main.caption[2].value


def test_a_file_over_closers_limit_reaches_closer_and_is_refused_in_words(closer: Closer) -> None:
    # Streamlit's own cap is higher, so a browser sends such a file and Closer says why not,
    # rather than Streamlit marking the file chip with a red icon.
    config = tomllib.loads(Path(".streamlit/config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * transfer.MB >= 10 * transfer.MAX_FILE_BYTES
    big = b"week\n" + b"x" * (6 * transfer.MB)
    at = upload(closer.open(PAGE), "Import", "huge.csv", big, "text/csv")
    [error] = [item.value.replace("\\", "") for item in at.error]
    assert "The file is 6 MB, larger than the 5 MB Closer imports." in error


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
    assert any("1 week saved now is not in it and will go" in item.value for item in at.warning)
    going = f"**Not in the backup, so it goes:** {THIS_WEEK.shifted(-1)}"
    assert going in [item.value for item in at.main.markdown]
    assert at.button(key="restore_confirm").disabled, "the riskier action asks to be sure"
    at.checkbox(key="restore_sure_0").check().run()
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
    at.checkbox(key="restore_sure_0").check().run()
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
    assert texts.CSV_NOT_ENCRYPTED not in captions, "the sample's notes are made up"
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


def test_a_restore_names_what_it_leaves_out_and_what_changes(closer: Closer) -> None:
    from lib.settings import make_settings

    closer.diary().save_entry(week(2, 4, "before"))
    backup = json.loads(closer.diary().backup_json())
    [record] = backup["entries"].values()
    record.update(mood="calm", ratings={**record["ratings"], "space": 9})
    backup["settings"] = {"1": {"partner_name": "Sam", "partner_pronoun": "she", "theme": "x"}}
    backup["photos"] = {"1": {"path": "x.jpg"}}
    before = closer.db_path.read_bytes()
    at = upload(
        closer.open(PAGE), "Restore", "b.json", json.dumps(backup).encode(), "application/json"
    )
    [info] = [item.value.replace("\\", "") for item in at.info]
    assert "Closer will leave out what it does not know" in info
    assert "Sections Closer does not keep: “photos”." in info
    assert "Settings Closer does not know: “theme”." in info
    assert "Fields of a week Closer does not know: “mood” (in 1 week)." in info
    shown = [item.value.replace("\\", "") for item in at.main.markdown]
    assert "- Creating space: 4 → 9" in shown
    assert "Your partner's name and pronoun become **Sam**, she." in shown
    assert closer.db_path.read_bytes() == before
    at.checkbox(key="restore_sure_0").check().run()
    at.button(key="restore_confirm").click().run()
    assert closer.diary().get_entry(THIS_WEEK.shifted(-2)).ratings["space"] == 9
    assert closer.diary().get_settings() == make_settings("Sam", "she")
    assert "mood" not in closer.db_path.read_text(encoding="utf-8")


def test_an_empty_diary_offers_nothing_to_delete(closer: Closer) -> None:
    at = closer.open(PAGE)
    assert not [item for item in at.text_input if item.key == "delete_word"]
    assert not [item for item in at.button if item.key == "delete_all"]
    assert "Your diary has no weeks to delete." in [item.value for item in at.main.caption]


def test_one_week_is_deleted_as_your_one_week(closer: Closer) -> None:
    closer.diary().save_entry(week(2, 4))
    assert closer.open(PAGE).text_input(key="delete_word").label == (
        "Type DELETE to delete your one week"
    )


# An encrypted diary: its backup offered sealed as well as plain, and restored either way.

PHRASE = "correct horse battery staple"
NEW_PHRASE = "a brand new passphrase"


@pytest.fixture
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap scrypt cost: the file format's own tests use the real one."""
    monkeypatch.setattr(encrypted_file, "COST", 2**4)


def encrypted_diary(closer: Closer) -> Diary:
    """The app's own handle on the diary, encrypted here, so unlocked in this process."""
    store = session.diary()
    assert store.path == closer.db_path
    store.encrypt(PHRASE)
    return store


def test_an_encrypted_diary_offers_its_backup_encrypted_as_well_as_plain(
    closer: Closer, offered: Offered, cheap_scrypt: None, tmp_path: Path
) -> None:
    closer.diary().save_entry(week(2, 4, "a long walk by the river"))
    encrypted_diary(closer)
    at = closer.open(PAGE)
    assert not at.exception
    labels = {button.key: button.proto.label for button in at.get("download_button")}
    assert labels["export_encrypted_backup"] == "Full backup (encrypted)"
    assert labels["export_backup"] == "Full backup (JSON, not encrypted)"
    assert exports.BACKUPS_SAID in [item.value for item in at.main.caption]
    name, sealed_backup = offered["export_encrypted_backup"]
    plain_name, plain_backup = offered["export_backup"]
    assert name == plain_name.removesuffix(".json") + ".encrypted.json"
    sealed = sealed_backup()
    assert encrypted_file.is_encrypted(sealed)
    assert b"river" not in sealed
    # It opens with the diary's passphrase anywhere, to the plain backup's very JSON.
    elsewhere = Diary.open(tmp_path / "elsewhere" / "closer.json")
    assert elsewhere.open_sealed(sealed, PHRASE) == plain_backup()
    assert b"river" in plain_backup()
    # And without Closer, with docs/DATA.md's snippet.
    (tmp_path / name).write_bytes(sealed)
    done = run_snippet(tmp_path, tmp_path / name, PHRASE)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(plain_backup())


def test_a_plain_diary_keeps_one_backup_and_says_a_csv_is_not_encrypted(
    closer: Closer, offered: Offered
) -> None:
    closer.diary().save_entry(week(2, 4))
    at = closer.open(PAGE)
    assert "export_encrypted_backup" not in offered
    labels = {button.key: button.proto.label for button in at.get("download_button")}
    assert labels["export_backup"] == "Full backup (JSON)"
    captions = [item.value for item in at.main.caption]
    assert texts.CSV_NOT_ENCRYPTED in captions
    assert exports.BACKUPS_SAID not in captions


def sealed_backup_of(store: Diary) -> bytes:
    return store.seal_copy(store.backup_json())


def test_a_backup_sealed_with_the_diarys_passphrase_restores_without_asking(
    closer: Closer, cheap_scrypt: None
) -> None:
    closer.diary().save_entry(week(2, 4))
    store = encrypted_diary(closer)
    backup = sealed_backup_of(store)
    store.save_entry(week(1, 8))
    at = upload(closer.open(PAGE), "Restore", "b.encrypted.json", backup, "application/json")
    assert not at.exception
    assert not [field for field in at.text_input if field.key == data_sections.PHRASE_FIELD]
    assert data_sections.ENCRYPTED_OPEN in [item.value for item in at.main.caption]
    assert any("1 week saved now is not in it and will go" in item.value for item in at.warning)
    at.checkbox(key="restore_sure_0").check().run()
    at.button(key="restore_confirm").click().run()
    assert [str(e.week) for e in store.snapshot().entries] == [str(THIS_WEEK.shifted(-2))]
    assert store.is_encrypted(), "the diary restored stays encrypted"


def open_with(at: AppTest, phrase: str) -> AppTest:
    at.text_input(key=data_sections.PHRASE_FIELD).input(phrase)
    return at.button(key="restore_open_button").click().run()


def test_a_backup_from_before_a_new_passphrase_asks_for_its_own_and_refuses_a_wrong_one(
    closer: Closer, cheap_scrypt: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    closer.diary().save_entry(week(2, 4))
    store = encrypted_diary(closer)
    backup = sealed_backup_of(store)
    store.save_entry(week(1, 8))
    store.change_passphrase(NEW_PHRASE)
    before = closer.db_path.read_bytes()
    at = upload(closer.open(PAGE), "Restore", "b.encrypted.json", backup, "application/json")
    assert not at.exception
    assert [item.value for item in at.info] == [data_sections.ASK_DIARY_ENCRYPTED]
    field = at.text_input(key=data_sections.PHRASE_FIELD)
    assert (field.label, field.proto.type) == ("Passphrase of this backup", field.proto.PASSWORD)
    assert field.proto.autocomplete == "current-password"
    assert not [b for b in at.button if b.key == "restore_confirm"], "nothing to restore yet"

    at = open_with(at, NEW_PHRASE)  # the diary's passphrase now, not the backup's
    [error] = [item.value.replace("\\", "") for item in at.error]
    assert "The passphrase is wrong, or the file was changed after Closer wrote it." in error
    assert "Nothing was changed" in error
    assert at.text_input(key=data_sections.PHRASE_FIELD).value == "", "not kept after a try"
    assert not [b for b in at.button if b.key == "restore_confirm"]
    assert closer.db_path.read_bytes() == before

    derived = []
    derive = diary_keys.derive_key
    monkeypatch.setattr(diary_keys, "derive_key", lambda *a: derived.append(1) or derive(*a))
    at = open_with(at, PHRASE)
    assert not at.error
    assert not [field for field in at.text_input if field.key == data_sections.PHRASE_FIELD]
    assert any("1 week saved now is not in it and will go" in item.value for item in at.warning)
    at.checkbox(key="restore_sure_0").check().run()
    at.button(key="restore_confirm").click().run()
    assert derived == [1], "the key is derived once, not again on every rerun"
    assert [str(e.week) for e in store.snapshot().entries] == [str(THIS_WEEK.shifted(-2))]
    assert [item.value for item in at.success] == ["Restored 1 week from the backup."]


def test_a_plain_diary_restores_an_encrypted_backup_with_its_passphrase(
    closer: Closer, cheap_scrypt: None, tmp_path: Path
) -> None:
    other = Diary.open(tmp_path / "other" / "closer.json")
    other.save_entry(week(3, 6))
    other.encrypt(PHRASE)
    closer.diary().save_entry(week(2, 4))
    at = upload(
        closer.open(PAGE), "Restore", "b.encrypted.json", sealed_backup_of(other), "text/plain"
    )
    assert [item.value for item in at.info] == [data_sections.ASK_DIARY_PLAIN]
    at = open_with(at, "")
    assert data_sections.NO_PHRASE_TYPED in at.error[0].value.replace("\\", "")
    at = open_with(at, PHRASE)
    at.checkbox(key="restore_sure_0").check().run()
    at.button(key="restore_confirm").click().run()
    assert [str(e.week) for e in closer.diary().snapshot().entries] == [str(THIS_WEEK.shifted(-3))]
    assert not closer.diary().is_encrypted()


def test_an_encrypted_backup_given_to_the_csv_import_is_sent_to_restore(
    closer: Closer, cheap_scrypt: None
) -> None:
    closer.diary().save_entry(week(2, 4))
    store = encrypted_diary(closer)
    at = upload(closer.open(PAGE), "Import", "b.csv", sealed_backup_of(store), "text/csv")
    [error] = [item.value.replace("\\", "") for item in at.error]
    assert csv_files.ENCRYPTED_NOT_IMPORTED in error
