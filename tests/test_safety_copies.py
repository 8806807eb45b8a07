"""Safety copies: taken before risky writes, listed newest first, pruned to the newest 20."""

from datetime import datetime, timedelta
from pathlib import Path

from lib import safety_copies

START = datetime(2026, 11, 24, 20, 15)


def test_no_copy_before_the_diary_exists(tmp_path: Path) -> None:
    assert safety_copies.take(tmp_path / "closer.json", "import", START) is None
    assert not (tmp_path / "backups").exists()


def test_copy_is_byte_identical_private_and_listed(tmp_path: Path) -> None:
    data = tmp_path / "closer.json"
    data.write_bytes(b'{"a": 1}\n')
    copy = safety_copies.take(data, "delete-all", START)
    assert copy is not None
    assert copy.read_bytes() == data.read_bytes()
    assert copy.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    [listed] = safety_copies.listing(data)
    assert (listed.path, listed.reason, listed.taken) == (copy, "delete-all", START)


def test_only_the_newest_twenty_are_kept(tmp_path: Path) -> None:
    data = tmp_path / "closer.json"
    for index in range(safety_copies.KEEP + 5):
        data.write_text(f'{{"n": {index}}}')
        safety_copies.take(data, "import", START + timedelta(minutes=index))
    copies = safety_copies.listing(data)
    assert len(copies) == safety_copies.KEEP
    assert copies[0].path.read_text() == f'{{"n": {safety_copies.KEEP + 4}}}'
    assert copies[-1].path.read_text() == '{"n": 5}'


def test_other_files_in_the_folder_are_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "closer.json"
    data.write_text("{}")
    (tmp_path / "backups").mkdir()
    mine = tmp_path / "backups" / "my-notes.txt"
    mine.write_text("keep me")
    safety_copies.take(data, "restore", START)
    assert mine.read_text() == "keep me"
    assert len(safety_copies.listing(data)) == 1


def test_set_aside_renames_and_never_overwrites(tmp_path: Path) -> None:
    data = tmp_path / "closer.json"
    data.write_bytes(b"{broken")
    taken = tmp_path / "closer.unreadable-20261124-201500.json"
    taken.write_bytes(b"an earlier one")
    kept = safety_copies.set_aside(data, START)
    assert kept == tmp_path / "closer.unreadable-20261124-201500-1.json"
    assert kept.read_bytes() == b"{broken"
    assert taken.read_bytes() == b"an earlier one"
    assert not data.exists()
