"""Golden expectations the HTML reader does not yet meet, kept as strict expected failures.

Each entry is a field of a golden page (tests/fixtures/pages) that the reader gets
wrong today, with what it gives instead. When a change to the reader fixes one, its
test here passes, strict xfail turns that into a failure, and the entry is deleted:
test_html_golden.py then checks the field with the rest.
"""

from __future__ import annotations

import pytest

from tests.extract.golden_pages import article, expected, field_of

# (page, field) -> what the reader does wrong, and what it gives instead.
PENDING: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize(
    ("name", "field"),
    [
        pytest.param(
            name,
            field,
            id=f"{name}:{field}",
            marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason),
        )
        for (name, field), reason in sorted(PENDING.items())
    ],
)
def test_reader_gets_pending_golden_field_right(name: str, field: str) -> None:
    assert field_of(article(name), field) == expected(name)[field]
