"""The seed page's article, scored by the rules of ../shared/seed/README.md."""

from __future__ import annotations

from typing import Any

import pytest

from wirewatch.extract import extract
from wirewatch.model import Article, RawPage, Source


def norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


@pytest.fixture(scope="module")
def article(seed_text: bytes) -> Article:
    return extract(RawPage(Source(path="seed/article.txt"), seed_text))


@pytest.fixture(scope="module")
def expected(seed_expected: dict[str, Any]) -> dict[str, Any]:
    article: dict[str, Any] = seed_expected["article"]
    return article


def test_seed_is_read_as_scraped_text(article: Article) -> None:
    assert article.reader.startswith("text.")


def test_seed_headline_standfirst_byline_agency(article: Article, expected: dict[str, Any]) -> None:
    assert norm(article.title) == norm(expected["title"])
    assert norm(article.standfirst) == norm(expected["standfirst"])
    assert [norm(a) for a in article.authors] == [norm(a) for a in expected["authors"]]
    assert article.agency == expected["agency"]


def test_seed_body_paragraph_by_paragraph(article: Article, expected: dict[str, Any]) -> None:
    assert [norm(p) for p in article.body] == [norm(p) for p in expected["body"]]


def test_seed_body_holds_no_chrome_or_captions(article: Article, expected: dict[str, Any]) -> None:
    body = " ".join(article.body)
    for chrome in expected["removed_page_chrome"]:
        assert chrome not in body
    for caption in expected["captions"]:
        assert caption["text"] not in body
        assert f"Credit: {caption['credit']}" not in body


def test_seed_subheadings(article: Article, expected: dict[str, Any]) -> None:
    assert [norm(s) for s in article.subheadings] == [norm(s) for s in expected["subheadings"]]


def test_seed_captions_and_credits(article: Article, expected: dict[str, Any]) -> None:
    got = [(norm(c.text), norm(c.credit)) for c in article.captions]
    assert got == [(norm(c["text"]), norm(c["credit"])) for c in expected["captions"]]


def test_seed_publication_date_is_inferred_to_the_day(
    article: Article, expected: dict[str, Any]
) -> None:
    assert article.published.stated is None
    assert article.published.inferred is not None
    assert article.published.inferred.isoformat() == expected["published"]["inferred"]
    assert "Monday" in article.published.basis


def test_seed_chrome_is_reported_as_removed(article: Article, expected: dict[str, Any]) -> None:
    assert set(expected["removed_page_chrome"]) <= set(article.removed)
