"""An unreadable diary: one clear page, a way out, and the original never lost."""

import json
from pathlib import Path

import pytest

from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, Closer


def newer_schema(path: Path) -> None:
    path.write_text(json.dumps({"meta": {"1": {"app": "closer", "schema_version": 99}}}))


def a_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("not a diary")


DAMAGE = {
    "empty": (lambda path: path.write_bytes(b""), "is empty"),
    "truncated": (lambda path: path.write_bytes(b'{"entries": {"202648": {"we'), "valid JSON"),
    "nul-bytes": (lambda path: path.write_bytes(b"\x00" * 64), "valid JSON"),
    "wrong-shape": (lambda path: path.write_text('{"_default": {}}'), "not a Closer diary"),
    "newer-schema": (newer_schema, "newer version of Closer"),
    "a-folder": (a_folder, "is a folder"),
}


def snapshot(path: Path) -> object:
    if path.is_dir():
        return {child.name: child.read_bytes() for child in path.iterdir()}
    return path.read_bytes()


def set_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.unreadable-*"))


@pytest.mark.parametrize("kind", DAMAGE)
def test_unreadable_file_gets_one_clear_page_and_can_be_set_aside(
    closer: Closer, kind: str
) -> None:
    damage, problem = DAMAGE[kind]
    damage(closer.db_path)
    before = snapshot(closer.db_path)
    at = closer.open()
    assert not at.exception
    assert at.title[0].value == "⚠️ Closer cannot open your diary"
    message = at.error[0].value.replace("\\", "")
    assert str(closer.db_path) in message
    assert problem in message
    assert snapshot(closer.db_path) == before, "showing the page changes nothing"

    at.button(key="recover_new").click().run()
    assert not at.exception
    [kept] = set_aside(closer.db_path)
    assert snapshot(kept) == before, "the unreadable file is kept, byte for byte"
    assert any(str(kept) in success.value for success in at.success)
    assert at.button(key="start"), "a new, empty diary: the first-visit welcome"


def test_a_safety_copy_can_replace_an_unreadable_file(closer: Closer) -> None:
    diary = closer.diary()
    for offset in (1, 2):
        diary.save_entry(make_entry(THIS_WEEK.shifted(-offset), dict.fromkeys(PRACTICE_KEYS, 6)))
    diary.delete_entry(THIS_WEEK.shifted(-1))  # takes a safety copy holding both weeks
    closer.db_path.write_bytes(b'{"entries": ')
    damaged = closer.db_path.read_bytes()

    at = closer.open("pages/check-in.py")
    assert at.selectbox(key="recover_copy").options
    at.button(key="recover_restore").click().run()
    assert not at.exception
    assert len(closer.diary().snapshot().entries) == 2
    [kept] = set_aside(closer.db_path)
    assert kept.read_bytes() == damaged


def test_no_safety_copies_means_no_restore_offer(closer: Closer) -> None:
    closer.db_path.write_bytes(b"{")
    at = closer.open()
    assert not [box for box in at.selectbox if box.key == "recover_copy"]
    assert at.button(key="recover_new")


def test_a_file_without_read_permission_is_explained_and_set_aside(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    closer.db_path.write_bytes(b'{"private": true}')
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        # Root reads anything, so make the refusal a normal user would get.
        if self == closer.db_path and self.exists():
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    at = closer.open()
    assert "cannot be read: permission denied" in at.error[0].value.replace("\\", "")
    at.button(key="recover_new").click().run()
    monkeypatch.undo()
    [kept] = set_aside(closer.db_path)
    assert kept.read_bytes() == b'{"private": true}'
