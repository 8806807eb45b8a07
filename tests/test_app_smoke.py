"""Every page renders without an exception, on an empty, a filled and an encrypted diary."""

from pathlib import Path

import pytest

from lib import encrypted_file
from lib.content import load_practices
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK, Closer
from ui import session

ROOT = Path(__file__).resolve().parents[1]
# Every page script there is, and the bare address (home).
PAGES = ["", *(f"pages/{path.name}" for path in sorted((ROOT / "pages").glob("*.py")))]


@pytest.mark.parametrize("diary", ["empty", "filled", "encrypted"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(
    closer: Closer, page: str, diary: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if diary != "empty":
        ratings = dict.fromkeys(PRACTICE_KEYS, 6)
        closer.diary().save_entry(make_entry(THIS_WEEK.shifted(-1), ratings))
    if diary == "encrypted":  # and open: this server holds its key
        monkeypatch.setattr(encrypted_file, "COST", 2**4)
        session.diary().encrypt("lantern orchard velvet quiet")
    at = closer.open(page)
    assert not at.exception
    assert at.title, "every page has a title"
    assert at.title[0].value != "🔒 Your diary is locked"


@pytest.mark.parametrize("practice", load_practices(), ids=lambda practice: practice.key)
def test_practice_page_renders(closer: Closer, practice) -> None:
    at = closer.open_url(practice.key.replace("_", "-"))
    assert not at.exception
    assert at.title[0].value == f"{practice.icon} {practice.title}"


def test_broken_content_is_reported_at_start_up(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lib.content import ContentError

    def broken() -> None:
        raise ContentError("Content file content/practices/space.toml is missing the field “why”.")

    monkeypatch.setattr("ui.texts.load_practices", broken)
    at = closer.open()
    assert not at.exception
    assert "space.toml is missing the field “why”" in at.error[0].value
