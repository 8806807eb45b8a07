"""The encrypted diary's file: round trip, refusals, the header read back, nothing plain."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import encrypted_file
from lib.encrypted_file import EncryptedFileError, Kdf, derive_key, read_kdf, seal, unseal
from lib.storage import AtomicJSONStorage

ROOT = Path(__file__).resolve().parents[1]
DIARY = b'{"entries": {"202648": {"notes": {"presence": "a walk by the river"}}}}'
# scrypt at its real cost takes most of a second: the tests use a cheap one,
# and one test (below) the real one.
CHEAP = Kdf(n=2**4, r=8, p=1, salt=b"0123456789abcdef")
KEY = derive_key("correct horse battery staple", CHEAP)


def test_what_is_sealed_opens_with_the_same_passphrase() -> None:
    sealed = seal(DIARY, KEY)
    assert unseal(sealed, derive_key("correct horse battery staple", read_kdf(sealed))) == DIARY


@settings(max_examples=50)
@given(st.binary(max_size=2000))
def test_any_bytes_come_back_as_they_were(plaintext: bytes) -> None:
    assert unseal(seal(plaintext, KEY), KEY) == plaintext


def test_the_file_is_a_plain_header_line_and_a_ciphertext_line() -> None:
    header, body, end = seal(DIARY, KEY).split(b"\n")
    assert end == b""
    fields = json.loads(header)
    assert fields["format"] == "closer-encrypted-diary"
    assert fields["version"] == 1
    assert fields["cipher"] == "AES-256-GCM"
    assert fields["kdf"] == {
        "name": "scrypt",
        "n": 16,
        "r": 8,
        "p": 1,
        "salt": base64.b64encode(CHEAP.salt).decode(),
    }
    assert len(base64.b64decode(fields["nonce"])) == 12
    assert len(base64.b64decode(body)) == len(DIARY) + 16  # the tag


def test_nothing_of_the_diary_is_plain_and_every_write_has_its_own_nonce() -> None:
    first, second = seal(DIARY, KEY), seal(DIARY, KEY)
    for sealed in (first, second):
        assert b"river" not in sealed
        assert b"river" not in base64.b64decode(sealed.split(b"\n")[1])
    assert first.split(b"\n")[0] != second.split(b"\n")[0]  # another nonce
    assert first.split(b"\n")[1] != second.split(b"\n")[1]


def test_the_key_derivation_is_read_from_the_header() -> None:
    kdf = Kdf(n=2**5, r=4, p=2, salt=os.urandom(16))
    assert read_kdf(seal(DIARY, derive_key("x", kdf))) == kdf


def test_the_key_derivation_is_read_from_the_first_bytes_alone() -> None:
    kdf = Kdf(n=2**5, r=4, p=2, salt=os.urandom(16))
    head = seal(DIARY * 100, derive_key("x", kdf))[: encrypted_file.HEADER_LIMIT]
    assert encrypted_file.header_kdf(head) == kdf
    assert encrypted_file.header_kdf(DIARY[: encrypted_file.HEADER_LIMIT]) is None


def test_a_new_file_gets_todays_cost_and_a_new_salt() -> None:
    first, second = Kdf.new(), Kdf.new()
    assert (first.n, first.r, first.p) == (2**17, 8, 1)
    assert first.salt != second.salt
    assert len(first.salt) == 16


def test_the_real_cost_derives_a_key_that_opens_the_file() -> None:
    kdf = Kdf.new()
    sealed = seal(DIARY, derive_key("correct horse", kdf))
    assert unseal(sealed, derive_key("correct horse", read_kdf(sealed))) == DIARY


def test_a_wrong_passphrase_is_refused_in_words() -> None:
    sealed = seal(DIARY, KEY)
    with pytest.raises(EncryptedFileError, match="The passphrase is wrong"):
        unseal(sealed, derive_key("correct horse battery stapler", CHEAP))


def test_a_key_for_another_salt_is_refused() -> None:
    other = Kdf(n=2**4, r=8, p=1, salt=b"fedcba9876543210")
    with pytest.raises(EncryptedFileError, match="enter its passphrase again"):
        unseal(seal(DIARY, KEY), derive_key("correct horse battery staple", other))


def test_one_changed_byte_anywhere_is_refused_and_nothing_is_returned() -> None:
    sealed = seal(DIARY, KEY)
    for index in range(len(sealed) - 1):  # the last byte is the closing newline
        changed = bytearray(sealed)
        changed[index] ^= 0x01
        with pytest.raises(EncryptedFileError):
            unseal(bytes(changed), KEY)


def test_the_header_is_sealed_with_the_body_so_even_a_rewritten_one_is_refused() -> None:
    header, body, _ = seal(DIARY, KEY).split(b"\n")
    same_fields = json.dumps(json.loads(header), indent=1, sort_keys=True).replace("\n", "")
    assert json.loads(same_fields) == json.loads(header)
    with pytest.raises(EncryptedFileError, match="The passphrase is wrong"):
        unseal(same_fields.encode() + b"\n" + body + b"\n", KEY)


def test_a_header_from_a_newer_format_asks_for_an_update() -> None:
    header, body, _ = seal(DIARY, KEY).split(b"\n")
    fields = json.loads(header) | {"version": 2}
    newer = json.dumps(fields).encode() + b"\n" + body + b"\n"
    with pytest.raises(EncryptedFileError, match=r"newer version of Closer \(format 2"):
        unseal(newer, KEY)


@pytest.mark.parametrize(
    "data",
    [
        b'{"entries": {}}',
        b"",
        b"\xff\xfe",
        b'{"format": "closer-encrypted-diary", "version": 1}\n',
        b"{" * 100_000,  # nested past Python's recursion limit
    ],
)
def test_what_is_not_an_encrypted_diary_is_said_to_be_so(data: bytes) -> None:
    with pytest.raises(EncryptedFileError, match=r"not an encrypted Closer diary|damaged"):
        unseal(data, KEY)


def test_a_header_may_not_ask_for_more_work_than_closer_sets() -> None:
    header, body, _ = seal(DIARY, KEY).split(b"\n")
    fields = json.loads(header)
    for n, r in ((2**30, 8), (2**20, 16), (2**19, 8)):  # 1 TiB, 2 GiB, 512 MiB
        fields["kdf"]["n"], fields["kdf"]["r"] = n, r
        greedy = json.dumps(fields).encode() + b"\n" + body + b"\n"
        with pytest.raises(EncryptedFileError, match="header is damaged"):
            read_kdf(greedy)
    fields["kdf"]["n"], fields["kdf"]["r"] = 2**18, 8  # 256 MiB: room for a later Closer
    assert read_kdf(json.dumps(fields).encode() + b"\n" + body + b"\n").n == 2**18


def test_only_an_encrypted_diary_is_recognised_as_one() -> None:
    assert encrypted_file.is_encrypted(seal(DIARY, KEY))
    assert not encrypted_file.is_encrypted(DIARY)
    assert not encrypted_file.is_encrypted(b"")
    assert not encrypted_file.is_encrypted(b"[" * 100_000)
    assert not encrypted_file.is_encrypted(b'{"a":' * 100_000)


def test_an_empty_passphrase_is_refused() -> None:
    with pytest.raises(EncryptedFileError, match="empty"):
        derive_key("", CHEAP)


def test_a_key_never_shows_its_secret() -> None:
    assert KEY.secret.hex() not in repr(KEY)
    assert "32 bytes" in repr(KEY)


# docs/DATA.md's snippet, run as a reader would, on a diary Closer encrypted.


def snippet() -> str:
    """The ```python block of docs/DATA.md that decrypts a diary."""
    text = (ROOT / "docs" / "DATA.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    (found,) = [block for block in blocks if "AESGCM" in block]
    return found


def run_snippet(tmp_path: Path, diary: Path, passphrase: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "snippet.py"
    script.write_text(snippet(), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), str(diary)],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_snippet_in_data_md_prints_a_diary_closer_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "closer.json"
    tables = {
        "entries": {"202648": {"week": "2026-W48", "notes": {"presence": "Crème brûlée"}}},
        "settings": {"1": {"partner_name": "Sam", "partner_pronoun": "she"}},
    }
    key = derive_key("correct horse battery staple", Kdf.new())  # the real cost
    AtomicJSONStorage(path, key).write(tables)

    done = run_snippet(tmp_path, path, "correct horse battery staple")

    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert {name: printed[name] for name in tables} == tables
    wrong = run_snippet(tmp_path, path, "correct horse battery stapler")
    assert wrong.returncode == 1
    said = "Wrong passphrase, or the file was changed after Closer wrote it."
    assert wrong.stderr.strip() == said
    assert wrong.stdout == ""


def test_a_diary_that_is_not_encrypted_never_loads_the_cipher_library() -> None:
    # A fresh interpreter: this one has loaded cryptography for the tests above.
    probe = (
        "import sys, lib.storage, lib.encrypted_file as e; "
        "e.is_encrypted(b'{}'); print(sorted(m for m in sys.modules if 'cryptography' in m))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"


def test_an_accent_typed_on_another_keyboard_gives_the_same_key() -> None:
    kdf = Kdf(n=2**4, r=8, p=1, salt=b"s" * 16)
    composed, decomposed = "café crème", "cafe\u0301 cre\u0300me"
    assert derive_key(composed, kdf) == derive_key(decomposed, kdf)
