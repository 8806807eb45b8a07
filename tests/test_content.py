"""The words in `content/`: they load, they are complete, broken files are named, they are ours."""

import json
import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lib.content import (
    CONTENT_DIR,
    WORD_JOINER,
    ContentError,
    escape_markdown,
    load_app_text,
    load_practices,
    personalise,
)
from lib.entries import PRACTICE_KEYS

ARTICLE = Path(__file__).parents[2] / "shared" / "reference" / "six-steps-article.txt"
SHINGLE_WORDS = 6
Mutation = Callable[[dict[str, Any]], None]


def toml_value(value: object) -> str:
    """TOML for the value types content files use; a JSON string is a valid TOML basic string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def dump_toml(data: dict[str, Any]) -> str:
    """Write plain keys first, then one `[table]` per dict, as the content files do."""
    lines = [
        f"{key} = {toml_value(value)}" for key, value in data.items() if not isinstance(value, dict)
    ]
    for name, table in data.items():
        if isinstance(table, dict):
            lines += [
                f"[{name}]",
                *(f"{key} = {toml_value(value)}" for key, value in table.items()),
            ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of `content/` the test may break."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)
    return folder


def rewrite(path: Path, mutate: Mutation) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(dump_toml(data), encoding="utf-8")


def remove(*keys: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        table = data
        for key in keys[:-1]:
            table = table[key]
        del table[keys[-1]]

    return mutate


def set_to(key: str, value: object) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data[key] = value

    return mutate


def all_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


def raw_content_strings() -> list[str]:
    """Every string in every content file, placeholders and all."""
    return [
        text
        for path in sorted(CONTENT_DIR.rglob("*.toml"))
        for text in all_strings(tomllib.loads(path.read_text(encoding="utf-8")))
    ]


def content_strings() -> list[str]:
    """Every string in every content file, as the user reads it."""
    return [personalise(text) for text in raw_content_strings()]


def test_dump_toml_writes_what_tomllib_reads_back() -> None:
    # The helper that breaks files must not break them by accident.
    paths = sorted(CONTENT_DIR.rglob("*.toml"))
    assert len(paths) == 1 + len(PRACTICE_KEYS)  # app.toml and one file per practice
    for path in paths:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert tomllib.loads(dump_toml(data)) == data


def test_six_practices_load_in_key_order_numbered_one_to_six() -> None:
    practices = load_practices()
    assert [practice.key for practice in practices] == list(PRACTICE_KEYS)
    assert [practice.number for practice in practices] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("practice", load_practices(), ids=lambda practice: practice.key)
def test_each_practice_is_complete(practice) -> None:
    assert 3 <= len(practice.ideas) <= 5
    assert 2 <= len(practice.prompts) <= 3
    for text in (practice.title, practice.icon, practice.summary, practice.why):
        assert text == text.strip()
        assert text
    assert all((practice.scale.low, practice.scale.mid, practice.scale.high))
    # The check-in shows the short ends on one caption line at phone width.
    assert len(f"1 {practice.scale.short_low} · 10 {practice.scale.short_high}") <= 45


def test_space_carries_a_caution_about_too_much_distance() -> None:
    space = next(practice for practice in load_practices() if practice.key == "space")
    assert "distance" in space.caution.lower()


def test_only_space_has_a_caution() -> None:
    assert [practice.key for practice in load_practices() if practice.caution] == ["space"]


def test_app_text_loads() -> None:
    text = load_app_text()
    assert text.name == "Closer"
    assert all((text.tagline, text.intro, text.disclaimer))


def test_copied_content_loads_like_the_original(content: Path) -> None:
    assert load_practices(content) == load_practices()
    assert load_app_text(content) == load_app_text()


@pytest.mark.parametrize(
    ("stem", "keys"),
    [
        ("connection", ("title",)),
        ("connection", ("why",)),
        ("associations", ("ideas",)),
        ("presence", ("prompts",)),
        ("mystery", ("number",)),
        ("self_love", ("scale",)),
        ("mystery", ("scale", "low")),
        ("space", ("scale", "mid")),
        ("self_love", ("scale", "high")),
        ("presence", ("scale", "short_low")),
        ("presence", ("scale", "short_high")),
        ("space", ("caution",)),
    ],
    ids=lambda value: value if isinstance(value, str) else ".".join(value),
)
def test_missing_field_names_the_file_and_the_field(
    content: Path, stem: str, keys: tuple[str, ...]
) -> None:
    rewrite(content / "practices" / f"{stem}.toml", remove(*keys))
    with pytest.raises(ContentError) as caught:
        load_practices(content)
    message = str(caught.value)
    assert f"{stem}.toml" in message
    assert f"missing the field “{keys[-1]}”" in message


@pytest.mark.parametrize(
    ("stem", "mutation", "message"),
    [
        ("connection", set_to("number", "1"), "“number” has the wrong type"),
        ("connection", set_to("number", True), "“number” has the wrong type"),
        ("presence", set_to("title", 3), "“title” has the wrong type"),
        ("presence", set_to("ideas", "Be present."), "“ideas” has the wrong type"),
        ("presence", set_to("scale", "1 to 10"), "“scale” has the wrong type"),
        (
            "presence",
            lambda data: data["scale"].update(short_high="attentive, engaged, there"),
            "“scale.short_high” is longer than 20 characters",
        ),
        ("presence", set_to("summary", "   "), "“summary” must be non-empty text"),
        ("presence", set_to("prompts", ["One?", 2]), "“prompts” must be non-empty text"),
        ("mystery", set_to("key", "space"), "“key” is 'space', not 'mystery'"),
        ("mystery", set_to("number", 5), "“number” must be 4"),
        ("mystery", set_to("colour", "blue"), "unknown field(s): colour"),
        ("space", set_to("prompts", ["Only one?"]), "“prompts” needs 2 to 3 items, not 1"),
        ("space", set_to("ideas", list("abcdef")), "“ideas” needs 3 to 5 items, not 6"),
        ("space", set_to("caution", ""), "“caution” must be non-empty text"),
        (
            "associations",
            set_to("why", "Tell {name} you care."),
            "“why” uses unknown placeholder(s) {name}",
        ),
        (
            "associations",
            set_to("prompts", ["Did I thank {partner}?", "Did {Partner} smile at {you}?"]),
            "“prompts” uses unknown placeholder(s) {you}",
        ),
    ],
)
def test_malformed_practice_file_is_named_with_the_problem(
    content: Path, stem: str, mutation: Mutation, message: str
) -> None:
    rewrite(content / "practices" / f"{stem}.toml", mutation)
    with pytest.raises(ContentError) as caught:
        load_practices(content)
    assert f"{stem}.toml" in str(caught.value)
    assert message in str(caught.value)


def test_invalid_toml_is_named(content: Path) -> None:
    (content / "practices" / "presence.toml").write_text('title = "unclosed\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"presence\.toml is not valid TOML"):
        load_practices(content)


def test_content_file_that_is_not_utf8_is_named(content: Path) -> None:
    (content / "practices" / "presence.toml").write_bytes(b'title = "caf\xe9"\n')
    with pytest.raises(ContentError, match=r"presence\.toml is not valid TOML"):
        load_practices(content)


def test_missing_practice_file_is_named(content: Path) -> None:
    (content / "practices" / "self_love.toml").unlink()
    with pytest.raises(ContentError, match=r"self_love\.toml is missing\."):
        load_practices(content)


@pytest.mark.parametrize("field", ["name", "tagline", "intro", "disclaimer"])
def test_app_text_missing_a_field_names_it(content: Path, field: str) -> None:
    rewrite(content / "app.toml", remove(field))
    with pytest.raises(ContentError) as caught:
        load_app_text(content)
    assert "app.toml" in str(caught.value)
    assert f"missing the field “{field}”" in str(caught.value)


def test_missing_app_text_file_is_named(content: Path) -> None:
    (content / "app.toml").unlink()
    with pytest.raises(ContentError, match=r"app\.toml is missing\."):
        load_app_text(content)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Thank {partner}.", "", "Thank your partner."),
        ("{Partner} noticed.", "", "Your partner noticed."),
        ("Thank {partner}.", "   ", "Thank your partner."),
        ("Thank {partner}. {Partner} smiled.", "Sam", "Thank Sam. Sam smiled."),
        ("Thank {partner}.", "  Alex ", "Thank Alex."),
        ("Keep {name} and {} as they are.", "Sam", "Keep {name} and {} as they are."),
        (r"Backslashes \1 are safe.", r"A\1", r"Backslashes \1 are safe."),
        ("Tell {partner}", r"Jo \g<0>", r"Tell Jo \g<0>"),
        ("Did I thank {partner}?", "", "Did I thank my partner?"),
        ("{Partner} asked me.", "", "My partner asked me."),
        ("Did I thank {partner}?", "Sam", "Did I thank Sam?"),
        ("Imagine {partner} in Italy.", "", "Imagine your partner in Italy."),
    ],
)
def test_personalise_fills_the_partner_placeholders(text: str, name: str, expected: str) -> None:
    assert personalise(text, name) == expected


def test_personalised_content_has_no_placeholders_left() -> None:
    texts = content_strings()
    assert len(texts) > 50, "every sentence in content/ should be here"
    assert any("your partner" in text for text in texts), "and some had a placeholder"
    for text in texts:
        assert "{" not in text, text


FIRST_PERSON = {"i", "me", "my", "myself", "mine"}
SECOND_PERSON = {"you", "your", "yours", "yourself"}


@pytest.mark.parametrize("pronoun", ["they", "she", "he"])
@pytest.mark.parametrize("name", ["", "Sam"])
def test_every_personalised_sentence_keeps_one_voice(name: str, pronoun: str) -> None:
    # "When did I share something real with your partner" mixed the user's own
    # voice with Closer's: a question the user asks themselves says "my partner".
    mixed = []
    for raw in raw_content_strings():
        text = personalise(raw, name, pronoun)
        spoken = set(re.findall(r"[a-z]+", text.lower()))
        if "your partner" in text.lower() and spoken & FIRST_PERSON:
            mixed.append(text)
        if "my partner" in text.lower() and spoken & SECOND_PERSON:
            mixed.append(text)
    assert mixed == []


@pytest.mark.parametrize("claim", ["studies show", "research", "proven"])
def test_content_makes_no_scientific_claims(claim: str) -> None:
    offending = [text for text in content_strings() if claim in text.lower()]
    assert offending == []


def words(text: str) -> list[str]:
    return re.sub(r"[\W_]+", " ", text.lower()).split()


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def test_shingles_see_through_case_punctuation_and_spacing() -> None:
    assert shingles("One, two  THREE\nfour — five: six!") == {
        ("one", "two", "three", "four", "five", "six")
    }


def test_content_does_not_copy_six_word_runs_from_the_reference_article() -> None:
    if not ARTICLE.is_file():
        pytest.skip(
            f"reference article not found at {ARTICLE} (shared/ sits beside the clone in CI)"
        )
    article = shingles(ARTICLE.read_text(encoding="utf-8"))
    texts = raw_content_strings() + content_strings()
    copied = {" ".join(run): text for text in texts for run in shingles(text) & article}
    assert copied == {}


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Sam", "Sam"),
        ("[x](javascript:alert(1))", rf"\[x\]\(javascript\:{WORD_JOINER}alert\(1\)\)"),
        (":material/home:", rf"\:{WORD_JOINER}material/home\:"),
        ("Row 2: Sam", r"Row 2\: Sam"),
        ("*Sam*_", r"\*Sam\*\_"),
        ("Noa Ørsted ✨", "Noa Ørsted ✨"),
    ],
)
def test_escape_markdown_keeps_a_name_from_becoming_markup(name: str, shown: str) -> None:
    assert escape_markdown(name) == shown


@pytest.mark.parametrize(
    ("pronoun", "expected"),
    [
        ("they", "ask them, then theirs, with their"),
        ("she", "ask her, then hers, with her"),
        ("he", "ask him, then his, with his"),
    ],
)
def test_pronoun_placeholders_follow_the_settings(pronoun: str, expected: str) -> None:
    text = "ask {them}, then {theirs}, with {their}"
    assert personalise(text, "Sam", pronoun) == expected


def test_no_content_sentence_uses_a_bare_they_that_would_need_verb_agreement() -> None:
    for practice in load_practices():
        texts = [practice.why, *practice.ideas, *practice.prompts, practice.caution]
        assert not any("{they}" in text for text in texts)


@pytest.mark.parametrize(
    "text", ["see https://evil.example", "www.evil.example", "mail me@evil.example"]
)
def test_escape_markdown_breaks_autolinks_without_changing_what_is_read(text: str) -> None:
    escaped = escape_markdown(text)
    assert "://" not in escaped
    assert "www." not in escaped.replace("\\", "")
    assert "@e" not in escaped
    assert shown_as(escaped) == text


def shown_as(escaped: str) -> str:
    """What a reader sees of escaped text: the escapes and the invisible breaks gone."""
    return re.sub(r"\\(.)", r"\1", escaped).replace("\u200b", "").replace(WORD_JOINER, "")


# What Streamlit's Markdown makes of text, found in its frontend (1.67): after
# parsing, `:material/name:` (written `:material_name:` by then) and `:streamlit:`
# become icons and `:name:` an emoji; `:red[…]`, `:small[…]` and the like are
# directives; `[…](…)`, `<…>` and `http://…` are links and HTML.
STREAMLIT_SHORTCODE = re.compile(r":[\w/+-]+:")
STREAMLIT_DIRECTIVE = re.compile(r":[\w-]+\[")
# A character Markdown gives a meaning to (checked once the escaped pairs are gone).
MARKUP = re.compile(r"[\[\]()<>`*_#!|~$\\]")
MARKUP_ALPHABET = st.sampled_from(
    [
        ":",
        "material/",
        "home",
        "smile",
        "streamlit",
        "red",
        "-background",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "/",
        "https",
        "www.",
        "@",
        "\\",
        "`",
        "*",
        "_",
        "!",
        " ",
        "x",
        "é",
        "✨",
    ]
)
HOSTILE_TEXT = st.lists(MARKUP_ALPHABET, max_size=30).map("".join) | st.text(max_size=60)


@given(HOSTILE_TEXT)
@example(":material/home:")
@example("Sam :smile: :red[Sam]")
def test_escaped_text_reads_as_typed_and_holds_no_streamlit_markup(text: str) -> None:
    escaped = escape_markdown(text)
    parsed = re.sub(r"\\(.)", r"\1", escaped)  # the text Markdown's parser hands on
    assert shown_as(escaped) == text
    assert STREAMLIT_SHORTCODE.search(parsed) is None
    assert STREAMLIT_DIRECTIVE.search(parsed) is None
    assert ":material/" not in escaped  # rewritten before parsing, escapes or not
    assert "://" not in escaped
    assert MARKUP.search(re.sub(r"\\.", "", escaped)) is None
