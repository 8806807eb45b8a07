"""The six practices and the app's own words, loaded from `content/` and validated."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lib.practices import PRACTICE_KEYS

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
DEFAULT_PARTNER = "your partner"
OWN_PARTNER = "my partner"
# A sentence in the user's own voice: the prompts are questions they ask themselves.
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]yself|[Mm]ine)\b")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Pronoun forms that never need a verb to agree with them ("they are" / "she is").
PRONOUN_FORMS = {
    "they": {"them": "them", "their": "their", "theirs": "theirs"},
    "she": {"them": "her", "their": "her", "theirs": "hers"},
    "he": {"them": "him", "their": "his", "theirs": "his"},
}
_KNOWN_PLACEHOLDERS = {"partner", "Partner", "them", "their", "theirs"}
_ZERO_WIDTH_SPACE = "\u200b"
# Invisible, and unlike a zero-width space it never lets a line break after the colon.
WORD_JOINER = "\u2060"
_AUTOLINK_TRIGGERS = (
    ("www\\.", f"www{_ZERO_WIDTH_SPACE}\\."),
    ("@", f"@{_ZERO_WIDTH_SPACE}"),
)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~$:]")
_SHORTCODE_START = re.compile(r"\\:(?=\S)")  # an escaped colon with no space after it
# Keys that must be present in every practice file, with their TOML types.
_PRACTICE_FIELDS: dict[str, type] = {
    "key": str,
    "number": int,
    "title": str,
    "icon": str,
    "summary": str,
    "why": str,
    "ideas": list,
    "prompts": list,
    "scale": dict,
}
_SCALE_FIELDS = ("low", "mid", "high", "short_low", "short_high")
# The short ends share one caption line on a 390-pixel phone.
SHORT_SCALE_MAX_CHARS = 20
_APP_FIELDS = ("name", "tagline", "intro", "disclaimer")


class ContentError(ValueError):
    """A content file is missing, malformed, or missing a field."""


@dataclass(frozen=True)
class Scale:
    """What a 1, a 5 and a 10 on a practice's slider mean, and the 1 and 10 in a few words."""

    low: str
    mid: str
    high: str
    short_low: str
    short_high: str


@dataclass(frozen=True)
class Practice:
    """One of the six practices, as the user reads it."""

    key: str
    number: int
    title: str
    icon: str
    summary: str
    why: str
    ideas: tuple[str, ...]  # things to try this week
    prompts: tuple[str, ...]
    scale: Scale
    caution: str = ""


@dataclass(frozen=True)
class AppText:
    """Sentences about Closer itself."""

    name: str
    tagline: str
    intro: str
    disclaimer: str


def personalise(text: str, partner_name: str = "", pronoun: str = "they") -> str:
    """Fill `{partner}`/`{Partner}` with the name or "your partner", and `{them}` etc.

    Without a name, a question the user asks themselves ("When did I share
    something real with {partner}?") reads "my partner", in its own voice.
    """
    name = partner_name.strip()
    fallback = OWN_PARTNER if _FIRST_PERSON.search(text) else DEFAULT_PARTNER
    values = {"partner": name or fallback, "Partner": name or fallback.capitalize()}
    values |= PRONOUN_FORMS.get(pronoun, PRONOUN_FORMS["they"])
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def escape_markdown(text: str) -> str:
    """`text` with Markdown's special characters escaped, so it shows as typed.

    A backslash is not enough for Streamlit's shortcodes: it turns `:material/home:`
    (and `:streamlit:`) into an icon after the Markdown is parsed, escaped or not.
    So a word joiner follows every colon that is not followed by a space: no
    shortcode, directive (`:red[…]`) or `https://` autolink can span it.
    Escaping does not stop the autolinker from turning `www.…` or an e-mail
    address into a link either, so a zero-width space breaks those triggers.
    What the user reads is unchanged.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\g<0>", text)
    escaped = _SHORTCODE_START.sub(f"\\\\:{WORD_JOINER}", escaped)
    for trigger, broken in _AUTOLINK_TRIGGERS:
        escaped = escaped.replace(trigger, broken)
    return escaped


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(f"Content file {path} is missing.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ContentError(f"Content file {path} is not valid TOML: {error}") from None


def _text(data: dict[str, Any], field: str, path: Path) -> str:
    value = data.get(field)
    if value is None:
        raise ContentError(f"Content file {path} is missing the field “{field}”.")
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"Content file {path}: “{field}” must be non-empty text.")
    unknown = {name for name in _PLACEHOLDER.findall(value) if name not in _KNOWN_PLACEHOLDERS}
    if unknown:
        raise ContentError(
            f"Content file {path}: “{field}” uses unknown placeholder(s) "
            f"{', '.join('{' + name + '}' for name in sorted(unknown))}."
        )
    return value.strip()


def _texts(data: dict[str, Any], field: str, path: Path, low: int, high: int) -> tuple[str, ...]:
    items = data[field]
    if not low <= len(items) <= high:
        raise ContentError(
            f"Content file {path}: “{field}” needs {low} to {high} items, not {len(items)}."
        )
    return tuple(_text({field: item}, field, path) for item in items)


def parse_practice(data: dict[str, Any], path: Path) -> Practice:
    """Validate one practice file's data."""
    for field, kind in _PRACTICE_FIELDS.items():
        if field not in data:
            raise ContentError(f"Content file {path} is missing the field “{field}”.")
        if not isinstance(data[field], kind) or isinstance(data[field], bool):
            raise ContentError(f"Content file {path}: “{field}” has the wrong type.")
    unknown = set(data) - set(_PRACTICE_FIELDS) - {"caution"}
    if unknown:
        raise ContentError(
            f"Content file {path} has unknown field(s): {', '.join(sorted(unknown))}."
        )
    if data["key"] != path.stem:
        raise ContentError(f"Content file {path}: “key” is {data['key']!r}, not {path.stem!r}.")
    expected_number = PRACTICE_KEYS.index(path.stem) + 1
    if data["number"] != expected_number:
        raise ContentError(f"Content file {path}: “number” must be {expected_number}.")
    scale = {field: _text(data["scale"], field, path) for field in _SCALE_FIELDS}
    for field in ("short_low", "short_high"):
        if len(scale[field]) > SHORT_SCALE_MAX_CHARS:
            raise ContentError(
                f"Content file {path}: “scale.{field}” is longer than "
                f"{SHORT_SCALE_MAX_CHARS} characters."
            )
    caution = _text(data, "caution", path) if "caution" in data or path.stem == "space" else ""
    return Practice(
        key=data["key"],
        number=data["number"],
        title=_text(data, "title", path),
        icon=_text(data, "icon", path),
        summary=_text(data, "summary", path),
        why=_text(data, "why", path),
        ideas=_texts(data, "ideas", path, 3, 5),
        prompts=_texts(data, "prompts", path, 2, 3),
        scale=Scale(**scale),
        caution=caution,
    )


def load_practices(folder: Path = CONTENT_DIR) -> tuple[Practice, ...]:
    """All six practices in their order, or ContentError naming the file and field."""
    return tuple(
        parse_practice(_read_toml(path), path)
        for path in (folder / "practices" / f"{key}.toml" for key in PRACTICE_KEYS)
    )


@cache
def _titles() -> dict[str, str]:
    return {item.key: item.title for item in load_practices()}


def practice_title(key: str) -> str:
    """The title a sentence names a practice by ("Positive associations"), read once."""
    return _titles()[key]


def load_app_text(folder: Path = CONTENT_DIR) -> AppText:
    """The app's name, tagline, intro and disclaimer."""
    path = folder / "app.toml"
    data = _read_toml(path)
    return AppText(**{field: _text(data, field, path) for field in _APP_FIELDS})
