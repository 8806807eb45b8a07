"""Counted nouns and lists joined with "and"."""

import pytest

from lib.wording import joined, plural


@pytest.mark.parametrize(
    ("parts", "text"),
    [(["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_joined_puts_and_before_the_last(parts: list[str], text: str) -> None:
    assert joined(parts) == text


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 weeks"), (1, "1 week"), (2, "2 weeks"), (-1, "-1 weeks")]
)
def test_plural_adds_s_unless_there_is_one(count: int, text: str) -> None:
    assert plural(count, "week") == text
