"""Golden pages for the HTML reader, as trafilatura keeps them: one behaviour per page.

Every field in a page's NAME.expected.json is checked exactly, except those listed in
test_html_pending.py, which the reader does not yet get right.
"""

from __future__ import annotations

import pytest

from tests.extract.golden_pages import (
    FIELDS,
    PAGES,
    article,
    expected,
    field_of,
    golden_names,
    page_bytes,
)
from tests.extract.test_html_pending import PENDING
from wirewatch.errors import WirewatchError
from wirewatch.extract import extract
from wirewatch.model import RawPage, Source

# Pages whose golden expectation is an explicit assertion below, not a .expected.json.
ASSERTED = {"navigation-only"}

CASES = [
    pytest.param(name, field, id=f"{name}:{field}")
    for name in golden_names()
    for field in FIELDS
    if field in expected(name) and (name, field) not in PENDING
]


@pytest.mark.parametrize(("name", "field"), CASES)
def test_golden_page_gives_expected_field(name: str, field: str) -> None:
    assert field_of(article(name), field) == expected(name)[field]


def test_every_golden_page_is_read_by_the_html_reader() -> None:
    for name in golden_names():
        assert article(name).reader.startswith("html."), name


def test_page_with_only_navigation_has_no_article() -> None:
    page = RawPage(Source(path="navigation-only.html"), page_bytes("navigation-only"))
    with pytest.raises(WirewatchError) as caught:
        extract(page)
    assert caught.value.code == "WW105"


def test_every_page_has_a_golden_expectation() -> None:
    pages = {p.stem for p in PAGES.glob("*.html")}
    assert pages == set(golden_names()) | ASSERTED


def test_expectations_hold_only_known_fields_and_say_what_they_exercise() -> None:
    for name in golden_names():
        data = expected(name)
        assert set(data) - {"behaviour"} <= set(FIELDS), name
        assert data.get("behaviour"), name
        assert "body" in data, name


def test_pending_entries_name_a_golden_field() -> None:
    for name, field in PENDING:
        assert field in expected(name), (name, field)
