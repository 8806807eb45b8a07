"""Everything that reaches into the page Streamlit draws: a little CSS and one script.

Streamlit has no API for these, so they lean on its DOM (its `data-testid`
names and the `st-key-…` classes of keyed containers). They are kept here,
in one place, and the browser tests check each one still works after an
upgrade: the compact practice blocks, notes kept while typing, and the
sidebar closed on a phone.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

# On every page, for WCAG 2.2 AA (docs/ACCESSIBILITY.md), in both themes:
# - Streamlit fades captions to 60 % of the text colour, 3.88:1 on white; 72 %
#   gives about 5.3:1 on white and 9:1 on the dark page, and code in a caption
#   takes the caption's colour (its own green, faded, fell to 3:1).
# - Primary buttons write white on the light theme's accent (5.2:1) and the dark
#   page's colour on the dark theme's lighter accent (6.7:1; white was 2.7:1).
#   Hovered or pressed, Streamlit darkens that accent to #d1427b: black there
#   (4.8:1; the page's colour was 4.1:1).
#   Streamlit marks its root with the theme's color-scheme, which light-dark() reads.
#   A disabled one keeps Streamlit's own faded text: white on its pale fill vanished.
# - Focus shows as a 2 px ring in one colour with at least 3:1 on white, on the
#   dark page and on both sidebars (Streamlit's own ring is a faint shadow). A
#   switch, checkbox or slider focuses an input hidden inside it: the ring goes
#   on its label or the slider's thumb, which are what one sees.
# - A focused control is never left under the sticky header (60 px): the main
#   area scrolls it at least that far down.
# - Section headings are h2 (under the page's h1), drawn the size of a subheader.
# Not for contrast: a file picker's "50MB per file" is Streamlit's transport cap
# (server.maxUploadSize), not Closer's 5 MB limit, which the caption above each
# picker states; showing both contradicted it.
READABLE_CSS = """
<style id="closer-readable">
div[data-testid="stCaptionContainer"] { opacity: 0.72; }
div[data-testid="stCaptionContainer"] code { color: inherit; }
[data-testid="stApp"] button[data-testid^="stBaseButton-primary"]:not(:disabled) {
  color: light-dark(#ffffff, #171614);
}
[data-testid="stApp"] button[data-testid^="stBaseButton-primary"]:not(:disabled):hover,
[data-testid="stApp"] button[data-testid^="stBaseButton-primary"]:not(:disabled):active {
  color: light-dark(#ffffff, #000000);
}
:focus-visible, [data-baseweb] :focus-visible,
label:has(input:focus-visible), div:has(> div > input[type="range"]:focus-visible) {
  outline: 2px solid #c04d78 !important;
  outline-offset: 2px;
}
div:has(> div > input[type="range"]:focus-visible) { border-radius: 50%; }
[data-testid="stMain"] { scroll-padding-top: 4.5rem; scroll-padding-bottom: 1rem; }
[data-testid="stMainBlockContainer"] h2 { font-size: 1.5rem; }
.st-key-focus_suggestion h2 { font-size: 1.15rem; line-height: 1.4; padding-top: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
</style>
"""

# The journal's week cards: a heading the size of the text around it, the six rating
# chips in a row that wraps on a phone, notes as a list of titled lines, and marked
# search matches in dark text on yellow (13:1) in both themes. Screen readers read
# each chip's hidden label ("Being present: 4") instead of its icon and number.
# Every chip has a border (clear unless skipped) so a skipped one is no wider, and
# six fit a 390 px phone on one line. Streamlit indents lists by 2 rem; the notes
# are not indented, so they line up with the heading and the chips. The rating
# range's thumbs hold visually hidden inputs of a text field's width: at 10, the
# top thumb's reached past a 320 px screen's edge, so the page could scroll sideways.
JOURNAL_CSS = """
<style>
[class*="st-key-journal_week_"] h2 { font-size: 1.15rem; line-height: 1.4; padding: 0; }
ul.closer-ratings { display: flex; flex-wrap: wrap; gap: 0.3rem; list-style: none;
  margin: 0; padding: 0; }
li.closer-chip { margin: 0; padding: 0.05rem 0.45rem; border-radius: 0.9rem;
  border: 1px solid transparent; font-weight: 600; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
li.closer-skipped { border: 1px dashed currentColor; }
.closer-sr { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
dl.closer-writing { margin: 0; padding: 0; }
dl.closer-writing dt { font-weight: 600; margin: 0.5rem 0 0 0; }
dl.closer-writing dt:first-child { margin-top: 0; }
dl.closer-writing dd { margin: 0; overflow-wrap: anywhere; }
.st-key-journal_rating input[type="range"] { width: 1px; }
mark.closer-hit { background: #ffe066; color: #1a1a1a; border-radius: 0.15rem;
  padding: 0 0.05rem; }
</style>
"""


def journal() -> None:
    """The journal's week cards, chips and marks (see JOURNAL_CSS)."""
    st.html(JOURNAL_CSS)


# Practice blocks on the check-in: a heading the size of the text around it,
# less air inside the note's expander, and 4 rem below Save instead of 10, so
# six practices fit a phone in under 2.5 screens.
CHECK_IN_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-bottom: 4rem; }
[class*="st-key-practice_"] h2 { font-size: 1.2rem; line-height: 1.4; padding: 0; }
[class*="st-key-practice_"] [data-testid="stExpander"] summary {
  padding-top: 0.25rem; padding-bottom: 0.25rem;
}
/* A compact expander fades its label to 60 %, as captions are: 72 % reads at 5.3:1. */
[class*="st-key-practice_"] [data-testid="stExpander"] summary { opacity: 0.72; }
[class*="st-key-practice_"] details:not([open]) [data-testid="stExpanderDetails"] {
  padding: 0;
}
</style>
"""

# A text area tells Streamlit its value only on blur or Ctrl+Enter, so a note
# typed and then reloaded away was lost. After 1.5 s without typing, send the
# note as Ctrl+Enter would (the cursor stays put), and the draft keeps it.
KEEP_TYPING_JS = """
<script>
(() => {
  if (window.closerKeepsTyping) return;
  window.closerKeepsTyping = true;
  let timer = null;
  document.addEventListener("input", (event) => {
    const area = event.target;
    if (!(area instanceof HTMLTextAreaElement) || !area.closest(".st-key-check_in_form")) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!area.isConnected) return;
      area.dispatchEvent(new KeyboardEvent("keydown", {
        key: "Enter", code: "Enter", keyCode: 13, ctrlKey: true, bubbles: true, cancelable: true,
      }));
    }, 1500);
  }, true);
})();
</script>
"""


# A text field tells Streamlit its value on Enter, on blur, or (with `live`) after a
# pause in typing. Tab from a password field goes first to its Show button, inside
# the field's own box: no blur, and a pending pause is dropped, so a passphrase
# typed and tabbed away from was never sent. Leaving a field in the encryption
# section sends it as Enter would (outside a form, Enter submits nothing).
COMMIT_ON_LEAVE_JS = """
<script>
(() => {
  if (window.closerCommitsOnLeave) return;
  window.closerCommitsOnLeave = true;
  document.addEventListener("focusout", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || !["password", "text"].includes(field.type)) return;
    if (!field.closest(".st-key-encryption") || field.closest('[data-testid="stForm"]')) return;
    field.dispatchEvent(new KeyboardEvent("keydown", {
      key: "Enter", code: "Enter", keyCode: 13, bubbles: true, cancelable: true,
    }));
  }, true);
})();
</script>
"""


def commit_on_leave() -> None:
    """Send the encryption section's fields when focus leaves them (from the sidebar)."""
    st.sidebar.html(COMMIT_ON_LEAVE_JS, unsafe_allow_javascript=True)


# The lock screens: no page list, so no sidebar either. A session that was open
# when the diary was locked would otherwise keep an empty one beside the prompt.
NO_SIDEBAR_CSS = """
<style id="closer-no-sidebar">
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"] { display: none; }
</style>
"""


def no_sidebar() -> None:
    """Hide the sidebar (the lock screens have nothing to put in it)."""
    st.html(NO_SIDEBAR_CSS)


def readable() -> None:
    """Caption contrast, a visible focus ring, room under the header (a style sheet)."""
    st.html(READABLE_CSS)


def compact_check_in() -> None:
    """The check-in page's compact practice blocks (a style sheet: it takes no room)."""
    st.html(CHECK_IN_CSS)


def mute_unrated(keys: Iterable[str]) -> None:
    """Show these practices' sliders in grey while they are "not rated yet".

    Grayscale keeps each colour's lightness, so the thumb and its label keep
    the contrast the theme gives them, in light and dark alike.
    """
    selectors = ", ".join(f'.st-key-practice_{key} [data-testid="stSlider"]' for key in keys)
    if selectors:
        st.html(f"<style>{selectors} {{ filter: grayscale(1); }}</style>")


# On a phone the sidebar covers the whole page, yet Streamlit (1.67) leaves it
# open after a page is chosen in it unless the browser says it is a phone (its
# user agent; a narrow desktop window or a tablet in a desktop mode is not), and
# it remembers every open and close in localStorage ("stSidebarCollapsed-…"),
# so a reload on a phone opens it again over the page. Below Streamlit's
# breakpoint for collapsing (768 px): close it once a page is chosen, close it
# if a page loads with it open, and forget the remembered state on leaving, so
# the next load starts as Streamlit starts a narrow screen: closed. Wider
# screens keep Streamlit's behaviour (open, and remembered).
PHONE_SIDEBAR_JS = """
<script>
(() => {
  if (window.closerClosesPhoneSidebar) return;
  window.closerClosesPhoneSidebar = true;
  const narrow = () => window.innerWidth < 768;
  const forget = () => {
    if (!narrow()) return;
    Object.keys(localStorage)
      .filter((name) => name.startsWith("stSidebarCollapsed-"))
      .forEach((name) => localStorage.removeItem(name));
  };
  const close = () => {
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (narrow() && sidebar?.dataset.collapsed === "false" && button) button.click();
    forget();
  };
  // After Streamlit's own handler, which closes it on a phone's user agent only.
  document.addEventListener("click", (event) => {
    if (event.target.closest?.('[data-testid="stSidebarNav"] a')) setTimeout(close, 0);
  });
  window.addEventListener("pagehide", forget);
  close();
})();
</script>
"""


def close_sidebar_on_phones() -> None:
    """On a phone, close the sidebar after a page is chosen and start each load with it closed."""
    st.sidebar.html(PHONE_SIDEBAR_JS, unsafe_allow_javascript=True)


def keep_typing() -> None:
    """Send typed check-in text after a pause in typing (from the sidebar: it takes a line)."""
    st.sidebar.html(KEEP_TYPING_JS, unsafe_allow_javascript=True)
