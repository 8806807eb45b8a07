"""Encrypting, decrypting and re-keying a diary file: verified before it replaces the old one."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from lib import conversions, encrypted_file
from lib.conversions import ConversionError, convert
from lib.encrypted_file import Kdf, derive_key
from lib.errors import DataFileError, DiaryLockedError
from lib.storage import AtomicJSONStorage
from tests import soak
from tests.test_storage_crash import kill_after_first_line

TABLES = {
    "entries": {"202648": {"week": "2026-W48", "notes": {"presence": "Crème brûlée"}}},
    "settings": {"1": {"partner_name": "Sam", "partner_pronoun": "she"}},
}
# Cheap scrypt costs: the format's own tests use the real one.
OLD = derive_key("correct horse battery staple", Kdf(n=2**4, r=8, p=1, salt=b"a" * 16))
NEW = derive_key("a brand new passphrase", Kdf(n=2**4, r=8, p=1, salt=b"b" * 16))


def content(path: Path, key: encrypted_file.Key | None) -> dict[str, object]:
    tables = AtomicJSONStorage(path, key).read() or {}
    return {name: table for name, table in tables.items() if name != "meta"}


def leftovers(path: Path) -> list[str]:
    return [item.name for item in path.parent.iterdir() if item.name.endswith(".tmp")]


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "closer.json"
    AtomicJSONStorage(path).write(TABLES)
    return path


def test_encrypting_leaves_nothing_plain_and_the_same_diary(plain: Path) -> None:
    convert(plain, None, OLD)
    raw = plain.read_bytes()
    assert encrypted_file.is_encrypted(raw)
    assert b"Sam" not in raw
    assert "brûlée".encode() not in raw
    assert content(plain, OLD) == TABLES
    assert leftovers(plain) == []


def test_decrypting_gives_the_plain_diary_back(plain: Path) -> None:
    convert(plain, None, OLD)
    convert(plain, OLD, None)
    assert not encrypted_file.is_encrypted(plain.read_bytes())
    assert content(plain, None) == TABLES


def test_a_new_passphrase_opens_it_and_the_old_one_no_longer_does(plain: Path) -> None:
    convert(plain, None, OLD)
    convert(plain, OLD, NEW)
    assert content(plain, NEW) == TABLES
    # The old key no longer fits: the diary asks for its passphrase again.
    with pytest.raises(DiaryLockedError):
        content(plain, OLD)


def test_a_copy_that_does_not_read_back_is_never_put_in_place(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = plain.read_bytes()
    # A fault between encrypting and writing: the bytes on disk are another diary.
    monkeypatch.setattr(
        conversions, "seal", lambda payload, key: encrypted_file.seal(payload[:-40] + b"}", key)
    )
    with pytest.raises(ConversionError, match="kept the old file as it was"):
        convert(plain, None, OLD)
    assert plain.read_bytes() == before
    assert leftovers(plain) == []


def test_a_wrong_key_or_no_file_changes_nothing(plain: Path, tmp_path: Path) -> None:
    convert(plain, None, OLD)
    before = plain.read_bytes()
    wrong = derive_key("a wrong passphrase", OLD.kdf)  # the file's salt, another passphrase
    with pytest.raises(DataFileError, match="no longer opens with its passphrase"):
        convert(plain, wrong, None)
    with pytest.raises(DiaryLockedError):
        convert(plain, NEW, None)  # a key made for another salt
    with pytest.raises(DiaryLockedError):
        convert(plain, None, NEW)
    assert plain.read_bytes() == before
    with pytest.raises(ConversionError, match="no diary"):
        convert(tmp_path / "none.json", None, OLD)


# Killed while converting: the file is always the old one or the new one, whole.

ROUNDS = soak.size(10, 100)
# Converts round the three forms, printing after each: encrypting (plain to the
# old key), changing the passphrase (old key to new) and turning it off (new to plain).
CONVERTER = """
import sys
from pathlib import Path

from lib.conversions import convert
from lib.encrypted_file import Kdf, derive_key

path = Path(sys.argv[1])
keys = {
    "plain": None,
    "old": derive_key("correct horse battery staple", Kdf(n=2**4, r=8, p=1, salt=b"a" * 16)),
    "new": derive_key("a brand new passphrase", Kdf(n=2**4, r=8, p=1, salt=b"b" * 16)),
}
after = {"plain": "old", "old": "new", "new": "plain"}
state = sys.argv[2]
for _ in range(100_000):
    convert(path, keys[state], keys[after[state]])
    state = after[state]
    print(state, flush=True)
"""


def form(raw: bytes) -> str:
    """Which of the converter's three forms the file is in."""
    kdf = encrypted_file.header_kdf(raw[: encrypted_file.HEADER_LIMIT])
    return "plain" if kdf is None else {OLD.kdf: "old", NEW.kdf: "new"}[kdf]


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")
def test_a_conversion_killed_at_any_moment_leaves_a_whole_diary(
    plain: Path, tmp_path: Path
) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    state = "plain"
    seen = set()
    stderr_path = tmp_path / "converter.stderr"
    for round_number in range(ROUNDS):
        kill_after_first_line(CONVERTER, [str(plain), state], rng, stderr_path)
        context = f"after round {round_number} (seed {seed})"
        state = form(plain.read_bytes())
        seen.add(state)
        key = {"plain": None, "old": OLD, "new": NEW}[state]
        assert content(plain, key) == TABLES, context
    soak.report("conversion_sigkill", rounds=ROUNDS, lost=0, forms=len(seen))


# The files beside the diary: any bytes, converted whole and verified.


def test_any_file_is_recoded_and_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "closer.unreadable-20261101-120000.json"
    raw = b'[{"half a diary \xff'
    path.write_bytes(raw)
    assert conversions.recode(path, None, OLD)
    assert b"half a diary" not in path.read_bytes()
    assert conversions.recode(path, OLD, NEW)
    assert encrypted_file.unseal(path.read_bytes(), NEW) == raw
    assert conversions.recode(path, NEW, None)
    assert path.read_bytes() == raw


def test_a_file_that_does_not_open_with_the_old_key_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "closer.drafts.json"
    path.write_bytes(encrypted_file.seal(b"{}", NEW))
    before = path.read_bytes()
    assert not conversions.recode(path, OLD, None)
    assert not conversions.recode(path, None, OLD)
    assert path.read_bytes() == before


def test_a_recoded_file_that_does_not_read_back_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "closer.drafts.json"
    path.write_bytes(b'{"drafts": {}}')
    monkeypatch.setattr(conversions, "seal", lambda payload, key: encrypted_file.seal(b"x", key))
    with pytest.raises(ConversionError, match="did not read back"):
        conversions.recode(path, None, OLD)
    assert path.read_bytes() == b'{"drafts": {}}'
    assert leftovers(path) == []


def test_the_companions_are_the_drafts_the_copies_and_the_files_set_aside(plain: Path) -> None:
    folder = plain.parent
    (folder / "closer.drafts.json").write_text("{}")
    (folder / "closer.unreadable-20261101-120000.json").write_text("[")
    (folder / "closer.drafts.unreadable-20261101-120000.json").write_text("[")
    (folder / "backups").mkdir()
    (folder / "backups" / "closer-20261101-120000-000000-import.json").write_text("{}")
    (folder / "other.json").write_text("{}")  # another diary's
    (folder / "other.unreadable-20261101-120000.json").write_text("[")
    found = {path.name for path in conversions.companions(plain)}
    assert found == {
        "closer.drafts.json",
        "closer.unreadable-20261101-120000.json",
        "closer.drafts.unreadable-20261101-120000.json",
        "closer-20261101-120000-000000-import.json",
    }
    assert set(conversions.plain_companions(plain)) == set(conversions.companions(plain))
