"""An encrypted diary file: a small plain header, then the diary sealed with AES-256-GCM.

The file is two lines of ASCII. The first is the header, JSON: the format's
name and version, the key derivation (scrypt) with its cost and this file's
random salt, the cipher and this write's random nonce. The second is the
ciphertext with its authentication tag, in base64. The header's exact bytes
are the cipher's associated data, so a changed byte anywhere, header or body,
makes the whole file refuse to open: it is never half read. docs/DATA.md
describes the format and decrypts it in a dozen lines of plain Python.

The key is derived from the passphrase once per unlock (about half
a second here, by design) and kept only in memory; each write seals with the
same key and salt and a new nonce.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "closer-encrypted-diary"
VERSION = 1
CIPHER = "AES-256-GCM"
KDF = "scrypt"
# scrypt's cost: 2**17 rounds of 1 KiB blocks (r=8), 128 MiB of memory, 0.4–0.75 s
# on this project's reference machine (docs/BENCHMARKS.md): slow to guess, quick to open.
COST = 2**17
BLOCK = 8
PARALLEL = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
# The most memory a file's header may ask scrypt for: twice what Closer sets (128 MiB).
MAX_KDF_MEMORY = 2**28
# The header line is about 200 bytes; reading this much of a file is enough to tell.
HEADER_LIMIT = 1024


class EncryptedFileError(ValueError):
    """An encrypted diary that cannot be opened, said in words a person can act on."""


class WrongKeyError(EncryptedFileError):
    """The file did not open with the key: a wrong passphrase, or bytes changed since."""


@dataclass(frozen=True)
class Kdf:
    """How the key is made from the passphrase: scrypt with these costs and this salt."""

    n: int
    r: int
    p: int
    salt: bytes

    @classmethod
    def new(cls) -> Kdf:
        """Today's costs with a new random salt: for a file being encrypted for the first time."""
        return cls(COST, BLOCK, PARALLEL, os.urandom(SALT_BYTES))


@dataclass(frozen=True)
class Key:
    """A key derived from a passphrase, with the derivation that made it (its salt)."""

    kdf: Kdf
    secret: bytes = b""

    def __repr__(self) -> str:  # never print the secret
        return f"Key(kdf={self.kdf!r}, secret=<{len(self.secret)} bytes>)"


def derive_key(passphrase: str, kdf: Kdf) -> Key:
    """The key `passphrase` gives under `kdf` (slow on purpose: about half a second).

    The passphrase is taken in Unicode's composed form (NFC): the same "é" typed
    on another keyboard may arrive as "e" and an accent, and must open the diary.
    """
    if not passphrase:
        raise EncryptedFileError("The passphrase is empty.")
    secret = hashlib.scrypt(
        unicodedata.normalize("NFC", passphrase).encode("utf-8"),
        salt=kdf.salt,
        n=kdf.n,
        r=kdf.r,
        p=kdf.p,
        maxmem=2 * 128 * kdf.r * kdf.n,  # scrypt needs 128 * r * n bytes
        dklen=KEY_BYTES,
    )
    return Key(kdf, secret)


def is_encrypted(data: bytes) -> bool:
    """Whether `data` starts like an encrypted Closer diary (its header names the format)."""
    return _format_fields(_first_line(data)) is not None


def seal(plaintext: bytes, key: Key) -> bytes:
    """`plaintext` as an encrypted diary file: header line, ciphertext line."""
    nonce = os.urandom(NONCE_BYTES)
    header = _header_line(key.kdf, nonce)
    sealed = _cipher(key).encrypt(nonce, plaintext, header)
    return header + b"\n" + base64.b64encode(sealed) + b"\n"


def read_kdf(data: bytes) -> Kdf:
    """The key derivation named in `data`'s header, checked; else EncryptedFileError."""
    return _parse(data)[0]


def header_kdf(head: bytes) -> Kdf | None:
    """The key derivation in the header that starts `head` (a file's first bytes), or None.

    Reads the header line only, so a page can ask on every run whether the
    key it holds still fits the file without reading the whole diary.
    """
    fields = _format_fields(_first_line(head))
    if fields is None:
        return None
    try:
        return _kdf(fields.get("kdf"))
    except (TypeError, ValueError, binascii.Error):
        return None


def unseal(data: bytes, key: Key) -> bytes:
    """The plaintext of an encrypted diary file, or EncryptedFileError; never part of it."""
    kdf, nonce, header, body = _parse(data)
    if kdf != key.kdf:
        raise EncryptedFileError(
            "This file was encrypted with another salt or cost than the key in use: "
            "enter its passphrase again."
        )
    from cryptography.exceptions import InvalidTag

    try:
        return _cipher(key).decrypt(nonce, body, header)
    except InvalidTag:
        raise WrongKeyError(
            "The passphrase is wrong, or the file was changed after Closer wrote it."
        ) from None


def _cipher(key: Key) -> AESGCM:
    # cryptography loads OpenSSL's bindings, about 6 MiB of the server: only for a
    # diary that is encrypted (checked by `make bench`'s peak memory).
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key.secret)


def _header_line(kdf: Kdf, nonce: bytes) -> bytes:
    fields = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": {"name": KDF, "n": kdf.n, "r": kdf.r, "p": kdf.p, "salt": _b64(kdf.salt)},
        "cipher": CIPHER,
        "nonce": _b64(nonce),
    }
    return json.dumps(fields).encode("ascii")


def _parse(data: bytes) -> tuple[Kdf, bytes, bytes, bytes]:
    """(kdf, nonce, header bytes, ciphertext) of an encrypted diary; else EncryptedFileError."""
    header, _, rest = data.partition(b"\n")
    body, _, tail = rest.partition(b"\n")
    kdf, nonce = _header(header)
    if tail.strip():
        raise EncryptedFileError("The encrypted diary's header is damaged.")
    try:
        sealed = base64.b64decode(body, validate=True)
    except binascii.Error:
        sealed = b""
    if len(sealed) < 16:
        raise EncryptedFileError("The encrypted diary is damaged: its second line is not whole.")
    return kdf, nonce, header, sealed


def _header(header: bytes) -> tuple[Kdf, bytes]:
    """(kdf, nonce) from an encrypted diary's header line, checked; else EncryptedFileError."""
    try:
        fields: Any = json.loads(header.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise EncryptedFileError("This is not an encrypted Closer diary.") from None
    if not isinstance(fields, dict) or fields.get("format") != FORMAT:
        raise EncryptedFileError("This is not an encrypted Closer diary.")
    version = fields.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise EncryptedFileError(
            f"This diary was encrypted by a newer version of Closer (format {version}; "
            f"this version opens format {VERSION}). Update Closer to open it."
        )
    if version != VERSION or fields.get("cipher") != CIPHER:
        raise EncryptedFileError("The encrypted diary's header is damaged.")
    try:
        kdf = _kdf(fields.get("kdf"))
        nonce = _unb64(fields.get("nonce"))
    except (TypeError, ValueError, binascii.Error):
        raise EncryptedFileError("The encrypted diary's header is damaged.") from None
    if len(nonce) != NONCE_BYTES:
        raise EncryptedFileError("The encrypted diary's header is damaged.")
    return kdf, nonce


def _first_line(data: bytes) -> bytes:
    """`data` up to its first newline, without copying the rest (a diary can be megabytes)."""
    end = data.find(b"\n")
    return data if end < 0 else data[:end]


def _format_fields(line: bytes) -> dict[str, Any] | None:
    """The header's fields if `line` is one naming Closer's format, else None (never raises)."""
    if not line.startswith(b"{"):
        return None
    try:
        fields = json.loads(line.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return fields if isinstance(fields, dict) and fields.get("format") == FORMAT else None


def _kdf(fields: object) -> Kdf:
    if not isinstance(fields, dict) or fields.get("name") != KDF:
        raise ValueError("not scrypt")
    n, r, p = (_whole(fields.get(name)) for name in ("n", "r", "p"))
    # A header may not ask for more work than Closer would ever set: an uploaded backup
    # could otherwise make one try take gigabytes (no denial of service).
    fits = 128 * r * n <= MAX_KDF_MEMORY
    if not (n >= 2 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4 and fits):
        raise ValueError("costs out of range")
    salt = _unb64(fields.get("salt"))
    if len(salt) < SALT_BYTES:
        raise ValueError("salt too short")
    return Kdf(n, r, p, salt)


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("not a whole number")
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not text")
    return base64.b64decode(text, validate=True)
