"""The golden pages of the HTML reader: small pages written for the project, each with
the fields that a careful reader takes from it in NAME.expected.json.

Shared by test_html_golden.py (fields the reader gets right) and test_html_pending.py
(fields it does not yet get right, kept as strict expected failures).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from wirewatch.extract import extract
from wirewatch.model import Article, RawPage, Source

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
# The fields an expectation may hold; "behaviour" says in words what the page exercises.
FIELDS = (
    "title",
    "standfirst",
    "authors",
    "agency",
    "dateline",
    "published",
    "subheadings",
    "captions",
    "body",
)


def page_bytes(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


@cache
def article(name: str) -> Article:
    page = RawPage(Source(path=f"pages/{name}.html"), page_bytes(name), "text/html")
    return extract(page)


@cache
def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    return data


def golden_names() -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in PAGES.glob("*.expected.json"))


def field_of(found: Article, field: str) -> Any:
    """A field of the article in the JSON form the expectations are written in."""
    value = found.to_json()[field]
    if field == "published":
        # The basis is prose for people; the dates are what the reader must get right.
        return {"stated": value["stated"], "inferred": value["inferred"]}
    return value
