"""The encrypted diary (issue 17): unlocking it, and saving one week into it.

Both work on an encrypted copy of the made-up diary, made with `Diary.encrypt`
and the real key derivation (`lib.encrypted_file.COST`, never lowered here).
Unlock: what a person waits for after typing the passphrase, that is a new
handle on the file, `unlock` (the key derived, the whole file decrypted to check
it) and the first `snapshot()`; beside it the key derivation alone. Save: io's
save of one week on the encrypted, unlocked copy. Each takes turns with what
it is set beside (the save with the same save on a plain copy), so on a shared
machine both meet the same load and the ratio of their medians holds. The
diary itself is never changed: the copies live in a folder of their own that
goes when done, so the memory bench's servers still open a plain diary.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.io import SAVE_RUNS, IoRow, paired_median_ms, save_again
from lib.diary import Diary
from lib.encrypted_file import derive_key, is_encrypted, read_kdf
from lib.entries import WeekEntry

# Each unlock derives a key: about half a second of scrypt, so a handful of runs.
UNLOCK_RUNS = 5
QUICK_UNLOCK_RUNS = 3
PASSPHRASE = "a made-up passphrase for the bench"  # noqa: S105 (a bench copy of made-up weeks)
UNLOCK = "unlock and first read"
DERIVE = "key derivation alone"
SAVE = "save one week, encrypted"
PLAIN_SAVE = "the same save, plain, taking turns"


def measure(db_path: Path, weeks: int, runs: int, unlock_runs: int = UNLOCK_RUNS) -> list[IoRow]:
    """Unlocking an encrypted copy of the diary at `db_path`, and saving a week into it."""
    diary = Diary.open(db_path)
    try:
        entries = len(diary.snapshot().entries)
    finally:
        diary.close()
    with tempfile.TemporaryDirectory(prefix="closer-bench-", dir=db_path.parent) as folder:
        plain, sealed = (Path(folder) / name / db_path.name for name in ("plain", "encrypted"))
        for copy in (plain, sealed):
            copy.parent.mkdir()
            shutil.copyfile(db_path, copy)
        save = measure_save(plain, sealed, weeks, runs)
        return [measure_unlock(sealed, weeks, entries, unlock_runs), save]


def measure_save(plain: Path, sealed: Path, weeks: int, runs: int) -> IoRow:
    """Saving one week into `sealed` once encrypted, in turns with the same save into `plain`."""
    runs = max(runs, SAVE_RUNS)
    diaries = [Diary.open(plain), Diary.open(sealed)]
    try:
        diaries[1].encrypt(PASSPHRASE)  # leaves the key on this handle: unlocked
        plain_ms, sealed_ms = paired_median_ms([save_again(diary) for diary in diaries], runs)
    finally:
        for diary in diaries:
            diary.close()
    if not is_encrypted(sealed.read_bytes()):
        raise RuntimeError(f"the encrypted save of {weeks} weeks wrote a plain file")
    return IoRow(SAVE, weeks, sealed_ms, runs, PLAIN_SAVE, plain_ms)


def measure_unlock(sealed: Path, weeks: int, entries: int, runs: int) -> IoRow:
    """A new handle on the encrypted file, unlocked and read; beside it the key derivation."""
    kdf = read_kdf(sealed.read_bytes())

    def unlock(_: int) -> None:
        if len(_read(sealed, PASSPHRASE)) != entries:
            raise RuntimeError(f"the unlocked diary of {weeks} weeks did not read whole")

    unlock_ms, derive_ms = paired_median_ms([unlock, lambda _: derive_key(PASSPHRASE, kdf)], runs)
    return IoRow(UNLOCK, weeks, unlock_ms, runs, DERIVE, derive_ms)


def _read(sealed: Path, passphrase: str) -> Sequence[WeekEntry]:
    """The entries of the encrypted diary at `sealed`, as a person opening it waits for them."""
    diary = Diary.open(sealed)
    try:
        if not diary.is_locked():
            raise RuntimeError(f"{sealed} opened without its passphrase: nothing to unlock")
        diary.unlock(passphrase)
        return diary.snapshot().entries
    finally:
        diary.close()
