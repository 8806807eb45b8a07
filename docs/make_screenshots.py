"""Render Closer's main pages into docs/screenshots/ (run through `make screenshots`).

A temporary diary is seeded with the made-up 26-week sample history, Closer
is served on a free loopback port, and Debian's Chromium captures each page
in light and dark theme at desktop and phone width. Last, the diary is
encrypted, and the lock screen every address then shows is captured too.

`python docs/make_screenshots.py settings locked` captures only the pages named.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from lib.diary import Diary  # noqa: E402
from lib.drafts import drafts_path  # noqa: E402
from lib.sample import sample_entries  # noqa: E402
from tests.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    rate,
    rerun,
    settle,
    watch_runs,
)

OUT = ROOT / "docs" / "screenshots"
# The journal searched, so its marks show.
PAGES = {
    "dashboard": "",
    "check-in": "check-in",
    "practice": "mystery",
    "journal": "journal?q=cooked%20together",
    "settings": "settings",
}
# Captured after the others, once the diary is encrypted.
LOCKED = {"locked": ""}
# Made up, for the pictures only.
PASSPHRASE = "lantern orchard velvet quiet"  # noqa: S105
SIZES = {"desktop": 1280, "phone": 390}


def capture(page: Page, url: str, path: Path) -> None:
    """Open `url`, let every chart draw, and save the whole page to `path`."""
    page.set_viewport_size({"width": page.viewport_size["width"], "height": 900})
    page.goto(url)
    settle(page)
    if url.endswith("/check-in"):
        # A check-in under way: two practices rated, the rest still "not rated yet".
        rate(page, "Emotional connection", 7)
        rate(page, "Positive associations", 8)
        settle(page)
    if url.endswith("/settings"):
        # A passphrase typed: the encryption section shows how hard it is to guess.
        field = page.get_by_label("Passphrase", exact=True)
        field.fill(PASSPHRASE)
        with rerun(page):
            field.press("Enter")
    page.wait_for_timeout(1500)  # Vega draws after the script has finished
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": height + 40})
    settle(page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))


def shoot(browser: Browser, server: Server, pages: dict[str, str]) -> None:
    """Write one PNG per page in `pages`, theme and width."""
    for theme in ("light", "dark"):
        for size, width in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=theme)
            watch_runs(page)  # rate() waits for each slider's rerun
            for name, path in pages.items():
                target = OUT / f"{name}-{theme}-{size}.png"
                drafts_path(server.db_path).unlink(missing_ok=True)  # each capture starts clean
                capture(page, f"{server.url}/{path}", target)
                print(target.relative_to(ROOT))
            page.close()


def main(names: list[str]) -> None:
    """Write the pages `names` (all when empty), each in both themes and widths."""
    if not CHROMIUM.exists():
        sys.exit(f"Chromium is needed at {CHROMIUM}: apt-get install -y chromium")
    unknown = set(names) - set(PAGES) - set(LOCKED)
    if unknown:
        sys.exit(
            f"No such page: {', '.join(sorted(unknown))}. Pages: {', '.join([*PAGES, *LOCKED])}"
        )
    wanted = set(names) or set(PAGES) | set(LOCKED)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "closer.json"
        diary = Diary.open(db)
        for entry in sample_entries(date.today()):
            diary.save_entry(entry)
        server = Server(db_path=db, log_path=Path(folder) / "streamlit.log")
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                shoot(browser, server, {k: v for k, v in PAGES.items() if k in wanted})
                if wanted & set(LOCKED):
                    diary.encrypt(PASSPHRASE)  # the server holds no key: every page is locked
                    shoot(browser, server, LOCKED)
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
