"""axe-core in the real browser: what counts as a problem, and what is Streamlit's own.

axe-core comes inside the `axe-playwright-python` wheel (nothing is downloaded
at run time). `audit` runs it over the whole page: the viewport is first
stretched to the page's full height, because Streamlit scrolls its main area
inside a fixed frame and axe skips colours it cannot see there.

A problem is any serious or critical violation under the WCAG 2.0–2.2 A/AA and
best-practice rules, plus headings out of order (axe calls that moderate; the
app promises it). `ALLOWED` lists the few nodes that belong to Streamlit's own
chrome, which Closer cannot change: each with the rule, where, and why.
docs/ACCESSIBILITY.md explains each one.
"""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser import settle

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
THEMES = ("light", "dark")
# In this order, a page changes size twice and colour scheme three times. Each
# width gets every rule in its first theme and the colour rules in its second.
VIEWS = (("desktop", "light"), ("desktop", "dark"), ("phone", "dark"), ("phone", "light"))
SECOND_THEME = {("desktop", "dark"), ("phone", "light")}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
COUNTED = ("serious", "critical")
# The rules whose outcome depends on colours alone (the second theme of a page).
COLOUR_RULES = ("color-contrast", "link-in-text-block")
ALWAYS_COUNTED = ("heading-order", "empty-heading", "page-has-heading-one")
AXE = Axe()
# axe-core goes into the page once per document: moving through the sidebar keeps it.
AXE_RUN = """options => axe.run(document, options)"""
AXE_LOADED = "() => typeof window.axe !== 'undefined'"

# True once the script run has ended, nothing is faded as stale, the page is in
# the browser's colour scheme and no colour is still changing to it, and every
# visible chart has drawn its marks.
CHARTS_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  // Streamlit fades what a run has not yet redrawn; audit only a page at rest.
  if (document.querySelector('[data-stale="true"]')) return false;
  // Streamlit loads an element's code (a chart's, HTML's) when a page first
  // needs it, showing a skeleton meanwhile: the run can end before charts or
  // Closer's style sheet (ui/page_tweaks.py) are in the page.
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  // Streamlit redraws in a new colour scheme a moment after the browser reports
  // it; audited before, a "dark" view was the light page (or a mix of both).
  const scheme = matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  if (getComputedStyle(app).colorScheme !== scheme) return false;
  // A colour still easing to the new theme (an open expander's header does, in
  // 0.15 s) would be audited half-way, as neither theme draws it.
  if (document.getAnimations().some(
    (running) => running instanceof CSSTransition && running.playState === "running"
  )) return false;
  if (!document.getElementById("closer-readable")) return false;
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (chart.closest('[hidden], [aria-hidden="true"]') || chart.offsetParent === null) continue;
    const marks = chart.querySelector("svg.marks");
    const box = marks && marks.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return false;
  }
  return true;
}"""

FULL_HEIGHT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.ceil(Math.max(main ? main.scrollHeight : 0, document.body.scrollHeight));
}"""

INSIDE = "([target, selector]) => !!document.querySelector(target)?.closest(selector)"


@dataclass(frozen=True)
class Allowed:
    """Nodes inside `selector` may fail `rule`: Streamlit draws them, not Closer."""

    rule: str
    selector: str
    reason: str


ALLOWED = (
    Allowed(
        "list",
        '[data-testid="stSidebarNavItems"]',
        "Streamlit's sidebar navigation wraps each section's header and links in a <div> "
        "inside its <ul>; the links themselves are named and reachable.",
    ),
    Allowed(
        "listitem",
        '[data-testid="stSidebarNavItems"]',
        "The same markup seen from its <li> items, whose parent is that <div>.",
    ),
)


def wait_for_charts(page: Page) -> None:
    """Wait until the page's script has run and each visible chart has drawn."""
    settle(page)
    page.wait_for_function(CHARTS_DRAWN, polling="raf")


def audit(page: Page, *, colours_only: bool = False) -> list[str]:
    """The page's accessibility problems, one line each (empty when there are none).

    `colours_only` runs just the rules a change of colour scheme can change:
    the page's markup is the same in both themes. The window is left
    stretched to the page's full height.
    """
    wait_for_charts(page)
    viewport = page.viewport_size
    assert viewport is not None
    full = page.evaluate(FULL_HEIGHT)
    if full > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": full})
        wait_for_charts(page)
    if not page.evaluate(AXE_LOADED):
        page.evaluate(AXE.axe_script)
    rules = {"type": "rule", "values": list(COLOUR_RULES)}
    tags = {"type": "tag", "values": TAGS}
    options = {"runOnly": rules if colours_only else tags, "resultTypes": ["violations"]}
    violations = page.evaluate(AXE_RUN, options)["violations"]
    problems = []
    for violation in violations:
        rule = violation["id"]
        if violation["impact"] not in COUNTED and rule not in ALWAYS_COUNTED:
            continue
        for node in violation["nodes"]:
            target = node["target"][-1]
            if isinstance(target, str) and _allowed(page, rule, target):
                continue
            summary = " ".join(node.get("failureSummary", "").split())
            problems.append(f"{rule} ({violation['impact']}) at {target}: {summary[:220]}")
    return problems


def _allowed(page: Page, rule: str, target: str) -> bool:
    """Whether an allow-list entry covers this rule at this node."""
    return any(
        entry.rule == rule and page.evaluate(INSIDE, [target, entry.selector]) for entry in ALLOWED
    )


def page_problems(page: Page, name: str) -> list[str]:
    """The page whose tab title names `name`, audited in every theme and size.

    One page load serves all four views: the theme follows the browser's
    colour scheme as it changes, and the layout follows the window. The page
    is left as it came (a desktop-sized window, light), sidebar open.
    """
    expect(page).to_have_title(f"{name.removesuffix(' history')} · Closer")
    problems = []
    anchors = page.locator('[data-testid="stHeaderActionElements"] a').count()
    if anchors:
        problems.append(f"{name}: {anchors} headings carry a 'Link to heading' anchor")
    for size, theme in VIEWS:
        # A window of this width, stretched by the last view, will do as it is.
        if (page.viewport_size or {}).get("width") != VIEWPORTS[size]["width"]:
            page.set_viewport_size(VIEWPORTS[size])
        page.emulate_media(color_scheme=theme)
        found = audit(page, colours_only=(size, theme) in SECOND_THEME)
        problems += [f"{name}, {theme}, {size}: {problem}" for problem in found]
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.emulate_media(color_scheme="light")
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.count():
        # The phone-sized views closed it; back at desktop width Streamlit opens it again.
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    return problems


# Closer's focus ring (ui/page_tweaks.py): at least 3:1 on the light and the dark page.
FOCUS_RING = "solid 2px rgb(192, 77, 120)"
# The element that shows focus: the focused one or, for an input kept inside a
# visually hidden 1 px box (a switch's, a slider's), the element around that box.
SHOWN_FOCUS = """() => {
  let shown = document.activeElement;
  for (let node = shown; node && node !== document.body; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)") {
      shown = node.parentElement;
    }
  }
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const header = document.querySelector('[data-testid="stHeader"]').getBoundingClientRect();
  return {
    name: shown.getAttribute("aria-label") || shown.textContent.trim().slice(0, 60),
    tag: shown.tagName,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    top: box.top,
    headerBottom: header.bottom,
    inMain: shown.tagName !== "MAIN" && !!shown.closest('[data-testid="stMain"]'),
  };
}"""


def shown_focus(page: Page) -> dict[str, object]:
    """What shows the focus now: its name, tag, outline and place beside the header."""
    return page.evaluate(SHOWN_FOCUS)
