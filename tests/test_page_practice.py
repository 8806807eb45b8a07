"""The practice pages: one function renders each practice's own content."""

import pytest

from lib.content import load_practices, personalise
from tests.apptest import Closer

PRACTICES = {practice.key: practice for practice in load_practices()}


def url(key: str) -> str:
    return key.replace("_", "-")


@pytest.mark.parametrize("key", PRACTICES)
def test_page_shows_its_ideas_and_prompts_with_the_partner_filled_in(
    closer: Closer, key: str
) -> None:
    practice = PRACTICES[key]
    text = "\n".join(markdown.value for markdown in closer.open_url(url(key)).markdown)
    for line in practice.practices + practice.prompts:
        assert personalise(line) in text
    assert "{partner}" not in text


def test_space_carries_the_caution_about_too_much_distance(closer: Closer) -> None:
    at = closer.open_url("space")
    assert [warning.value for warning in at.warning] == [PRACTICES["space"].caution]
    assert not closer.open_url("presence").warning
