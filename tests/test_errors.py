"""The diary's errors: one base class for a page to catch, and their sentences."""

import errno
import os
from pathlib import Path

import pytest

from lib.drafts import DraftError
from lib.entries import EntryError
from lib.errors import DataFileError, DiaryError, SaveError
from lib.settings import SettingsError
from lib.transfer import TransferError


@pytest.mark.parametrize(
    "error",
    [
        DataFileError(Path("closer.json"), "is damaged."),
        SaveError("Could not save."),
        EntryError(["Rate connection or mark it skipped."]),
        SettingsError("The pronoun must be one of they, she, he."),
        DraftError("it is damaged (not valid JSON)"),
        TransferError(["The file is empty."]),
    ],
    ids=lambda error: type(error).__name__,
)
def test_every_error_a_page_shows_is_caught_as_a_diary_error(error: Exception) -> None:
    with pytest.raises(DiaryError) as caught:
        raise error
    assert caught.value is error


@pytest.mark.parametrize("kind", [EntryError, SettingsError, TransferError])
def test_validation_errors_are_still_value_errors(kind: type[Exception]) -> None:
    assert issubclass(kind, ValueError)


def test_a_data_file_error_names_the_file_and_the_problem() -> None:
    error = DataFileError(
        Path("/home/sam/closer.json"), "is empty, though a Closer diary never is."
    )
    assert (
        str(error)
        == "The data file /home/sam/closer.json is empty, though a Closer diary never is."
    )
    assert (error.path, error.problem) == (
        Path("/home/sam/closer.json"),
        "is empty, though a Closer diary never is.",
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "Closer is not allowed to write there"),
        (errno.EPERM, "Closer is not allowed to write there"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_a_failed_write_says_why_in_plain_words(code: int, reason: str) -> None:
    error = SaveError.from_os_error(Path("closer.json"), OSError(code, os.strerror(code)))
    assert str(error) == (
        f"Could not save to closer.json: {reason}. Nothing in the diary was changed. "
        "Free some space or fix the folder's permissions, then save again."
    )


def test_a_failed_write_without_a_reason_still_says_the_write_was_refused() -> None:
    error = SaveError.from_os_error(Path("closer.json"), OSError("odd"))
    assert "Could not save to closer.json: the system refused the write." in str(error)
