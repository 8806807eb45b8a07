"""The diary's verbs for an encrypted file: unlock, lock, encrypt, decrypt, a new passphrase.

A mixin of `Diary` (lib/diary.py), kept apart as a concept of its own. The key
lives only on the diary's storage, in this process's memory: a restart, or
`lock`, forgets it, and every verb then meets DiaryLockedError until `unlock`.
Each conversion runs under the diary's file lock and is atomic and verified
(lib/conversions.py).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from pathlib import Path

from lib import safety_copies
from lib.conversions import Companions, convert, convert_companions, plain_companions
from lib.encrypted_file import (
    HEADER_LIMIT,
    EncryptedFileError,
    Kdf,
    Key,
    derive_key,
    header_kdf,
    is_encrypted,
    read_kdf,
    seal,
    unseal,
)
from lib.errors import SaveError
from lib.storage import AtomicJSONStorage, file_bytes, file_head


class DiaryKeys:
    """Unlock, lock and convert the diary's file (mixed into `Diary`)."""

    path: Path | None
    _storage: object
    _locked: Callable[..., AbstractContextManager[None]]
    _forget: Callable[[], None]

    def is_encrypted(self) -> bool:
        """Whether the data file is encrypted, whether or not this server holds its key.

        Reads only the file's first bytes: every page asks, on every run.
        """
        head = self._head()
        return head is not None and is_encrypted(head)

    def is_locked(self) -> bool:
        """Whether the file is encrypted and this server holds no key that fits it.

        A key is forgotten by `lock`; one made for another passphrase or salt
        (another Closer changed it) no longer fits, and the diary asks again.
        """
        head = self._head()
        if head is None or not is_encrypted(head):
            return False
        storage = self._storage
        return not (isinstance(storage, AtomicJSONStorage) and storage.fits(header_kdf(head)))

    def seal_copy(self, payload: bytes) -> bytes:
        """`payload` encrypted as the diary is, same passphrase and salt (the encrypted backup)."""
        key = self._key()
        if key is None:
            raise EncryptedFileError("The diary is not encrypted, or not unlocked.")
        return seal(payload, key)

    def open_sealed(self, data: bytes, passphrase: str = "") -> bytes:
        """The plain bytes of an encrypted backup or copy: EncryptedFileError if it will not open.

        A file sealed with this diary's key opens without asking; any other needs
        its own passphrase, and takes a key derivation (about half a second) to try.
        """
        kdf = read_kdf(data)
        key = self._own_key(kdf)
        if key is None:
            if not passphrase:
                raise EncryptedFileError(
                    "This file is encrypted with another passphrase than your diary's. "
                    "Enter its passphrase to open it."
                )
            key = derive_key(passphrase, kdf)
        return unseal(data, key)

    def opens_without_passphrase(self, data: bytes) -> bool:
        """Whether encrypted `data` opens with this diary's own key, without asking a passphrase.

        EncryptedFileError when its header cannot be read.
        """
        return self._own_key(read_kdf(data)) is not None

    def _own_key(self, kdf: Kdf) -> Key | None:
        """The diary's key if a file made under `kdf` opens with it (same passphrase and salt)."""
        key = self._key()
        return key if key is not None and key.kdf == kdf else None

    def unlock(self, passphrase: str) -> None:
        """Open the encrypted diary in this process; EncryptedFileError for a wrong passphrase.

        The whole file must open with it. If the file is damaged, a safety copy
        that opens with the passphrase proves it right: the key is kept, and the
        diary then reads as damaged, so the recovery page can put a copy back.
        """
        with self._locked():
            raw = self._file_bytes()
            kdf: Kdf | None = None
            try:
                kdf = read_kdf(raw)
                key = derive_key(passphrase, kdf)
                unseal(raw, key)  # the whole file opens, or the passphrase is refused
            except EncryptedFileError as error:
                key = self._key_from_copies(passphrase, kdf)
                if key is None:
                    raise error from None
            self._use(key, accepted=kdf)

    def _key_from_copies(self, passphrase: str, kdf: Kdf | None) -> Key | None:
        """A key from `passphrase` that opens a safety copy, or None.

        Copies made under the diary's key derivation are tried (one derivation);
        if none was, or the diary's header is too damaged to say, the newest
        encrypted copy's.
        """
        if self.path is None:
            return None
        sealed: list[tuple[Kdf, bytes]] = []
        for copy in safety_copies.listing(self.path):
            raw = file_bytes(copy.path) or b""
            found = header_kdf(raw[:HEADER_LIMIT])
            if found is not None:
                sealed.append((found, raw))
        if not sealed:
            return None
        chosen = kdf if any(found == kdf for found, _ in sealed) else sealed[0][0]
        key = derive_key(passphrase, chosen)
        for found, raw in sealed:
            if found == chosen:
                with suppress(EncryptedFileError):
                    unseal(raw, key)
                    return key
        return None

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` is the open diary's (asked before it is changed or removed)."""
        key = self._key()
        if key is None or not passphrase:
            return False
        return hmac.compare_digest(derive_key(passphrase, key.kdf).secret, key.secret)

    def lock(self) -> None:
        """Forget the key: every session meets the passphrase prompt again."""
        with self._locked():
            self._use(None)

    def encrypt(self, passphrase: str, *, remove_copies: bool = False) -> Companions:
        """Encrypt the diary's file with `passphrase` (a new random salt), verified.

        Its drafts are encrypted too; its safety copies and set-aside files are
        encrypted, or with `remove_copies` deleted, as the user chose.
        """
        return self._convert(derive_key(passphrase, Kdf.new()), remove_copies=remove_copies)

    def change_passphrase(self, passphrase: str) -> Companions:
        """Encrypt the file and its companions again under a new passphrase and salt, verified."""
        if self._key() is None:
            raise EncryptedFileError("The diary is not encrypted, or not unlocked.")
        return self._convert(derive_key(passphrase, Kdf.new()))

    def decrypt(self) -> Companions:
        """Write the diary's file, and its companions, as plain JSON again, verified."""
        return self._convert(None)

    def plain_companions(self) -> list[Path]:
        """Files beside an encrypted diary still in plain text (a conversion was cut short)."""
        if self.path is None or self._key() is None:
            return []
        return plain_companions(self.path)

    def encrypt_companions(self) -> Companions:
        """Encrypt what `plain_companions` found with the diary's key."""
        with self._locked(write=True):
            key = self._key()
            if self.path is None or key is None:
                raise EncryptedFileError("The diary is not encrypted, or not unlocked.")
            return convert_companions(self.path, key, key)

    def _convert(self, new: Key | None, *, remove_copies: bool = False) -> Companions:
        """The diary's file first (a run cut short never leaves it plain), then its companions."""
        if self.path is None:
            raise SaveError("A diary kept only in memory is never written to a file.")
        with self._locked(write=True):
            old = self._key()
            if self.path.exists():
                convert(self.path, old, new)
            elif new is not None:
                # Nothing saved yet: an empty diary, encrypted, so every save after it is too.
                AtomicJSONStorage(self.path, new).write({})
            self._use(new)
            return convert_companions(self.path, old, new, remove_copies=remove_copies)

    def _head(self) -> bytes | None:
        return None if self.path is None else file_head(self.path, HEADER_LIMIT)

    def _file_bytes(self) -> bytes:
        raw = None if self.path is None else file_bytes(self.path)
        if raw is None or not is_encrypted(raw):
            raise EncryptedFileError("The diary is not encrypted.")
        return raw

    def _key(self) -> Key | None:
        storage = self._storage
        return storage.key if isinstance(storage, AtomicJSONStorage) else None

    def _use(self, key: Key | None, accepted: Kdf | None = None) -> None:
        if isinstance(self._storage, AtomicJSONStorage):
            self._storage.key = key
            self._storage.accepted = accepted if key is not None else None
        self._forget()
