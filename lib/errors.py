"""The errors a diary verb raises for a page to show: one base class, `DiaryError`.

`str(error)` is always the whole sentence for the user, so a page can catch
`DiaryError` once and show it, whatever went wrong. The other subclasses live
beside what they check: `EntryError` (lib/entries.py), `SettingsError`
(lib/settings.py), `DraftError` (lib/drafts.py), `TransferError`
(lib/transfer.py).
"""

from __future__ import annotations

import errno
from pathlib import Path


class DiaryError(Exception):
    """Something the user asked for did not happen; the message says why in plain words."""


class DataFileError(DiaryError):
    """The data file exists but cannot be used. It is left exactly as it is."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"The data file {path} {problem}")


class DiaryLockedError(DiaryError):
    """The diary is encrypted and this server has not been given its passphrase."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"The diary {path} is encrypted. Enter its passphrase to open it.")


class SaveError(DiaryError):
    """A write did not happen; the data file is unchanged."""

    @classmethod
    def from_os_error(cls, path: Path, error: OSError) -> SaveError:
        """The failed write to `path` in plain words, with what the user can do about it."""
        reason = _REASONS.get(error.errno or 0, error.strerror or "the system refused the write")
        return cls(
            f"Could not save to {path}: {reason}. Nothing in the diary was changed. "
            "Free some space or fix the folder's permissions, then save again."
        )


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "Closer is not allowed to write there",
    errno.EPERM: "Closer is not allowed to write there",
}
