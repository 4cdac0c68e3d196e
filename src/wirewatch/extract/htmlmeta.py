"""What a page says about its article in markup: JSON-LD, Open Graph, <meta>, <title>.

Read from the whole, unpruned tree, before the content finder throws the head
and the header away. Nothing here is trusted blindly: the reader compares these
claims with what the page shows (a headline that matches the <h1>, a description
that is not just the first paragraph cut short).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from wirewatch.extract.byline import agency_name

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting",
    "liveblogposting", "scholarlyarticle", "techarticle", "report", "webpage", "creativework",
}  # fmt: skip
_JSON_COMMENT = re.compile(r"^\s*<!--|-->\s*$")


@dataclass(slots=True)
class PageMeta:
    """Claims a page makes about itself; every field may be missing."""

    titles: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    site_name: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    byline_texts: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    language: str | None = None
    publisher: str | None = None
    url: str | None = None


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _names(value: Any, *, people_only: bool = False) -> list[str]:
    """Names from a JSON-LD author/publisher value (only people's, if asked)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if people_only and _types(value) & {"organization", "newsmediaorganization", "corporation"}:
            # An organisation credited as author is the outlet or the agency.
            return [name] if isinstance(name, str) and agency_name(name) else []
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v, people_only=people_only)]
    return []


def _json_ld(root: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in root.iterfind(".//script"):
        if "ld+json" not in script.get("type", "").lower() or not script.text:
            continue
        try:
            data = json.loads(_JSON_COMMENT.sub("", script.text))
        except (ValueError, RecursionError):
            continue
        objects.extend(o for o in _walk(data) if _types(o) & _ARTICLE_TYPES)
    # Articles before web pages: a WebPage's name is often the site's.
    objects.sort(key=lambda o: "webpage" in _types(o))
    return objects


def _meta(root: HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in root.iterfind(".//meta"):
        key = (
            (
                el.get("property")
                or el.get("name")
                or el.get("itemprop")
                or el.get("http-equiv")
                or ""
            )
            .strip()
            .lower()
        )
        value = (el.get("content") or "").strip()
        if key and value:
            found.setdefault(key, []).append(value)
    return found


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _add(target: list[str], values: list[str]) -> None:
    for value in values:
        # Some sites escape their markup twice: "&amp;#163;" arrives as "&#163;".
        value = " ".join(html.unescape(str(value)).split())
        if value and value not in target:
            target.append(value)


def read_meta(root: HtmlElement) -> PageMeta:
    """Collect what the page's markup claims about its article."""
    meta = PageMeta()
    tags = _meta(root)
    for obj in _json_ld(root):
        _add(meta.titles, [v for v in (obj.get("headline"), obj.get("name")) if isinstance(v, str)])
        _add(
            meta.authors,
            _names(obj.get("author"), people_only=True)
            + _names(obj.get("creator"), people_only=True),
        )
        _add(meta.published, [v for v in [obj.get("datePublished")] if isinstance(v, str)])
        _add(meta.modified, [v for v in [obj.get("dateModified")] if isinstance(v, str)])
        if meta.description is None and isinstance(obj.get("description"), str):
            meta.description = html.unescape(obj["description"])
        if meta.publisher is None and _names(obj.get("publisher")):
            meta.publisher = _names(obj.get("publisher"))[0]
    _add(meta.titles, tags.get("og:title", []) + tags.get("twitter:title", []))
    title = root.find(".//title")
    if title is not None:
        _add(meta.titles, [_text(title)])
    _add(meta.h1, [_text(h) for h in root.iterfind(".//h1")])
    meta.site_name = next(iter(tags.get("og:site_name", [])), None) or meta.publisher
    for key in ("og:description", "description", "twitter:description"):
        if meta.description is None and tags.get(key):
            meta.description = html.unescape(tags[key][0])
    for key in (
        "author",
        "article:author",
        "byl",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ):
        _add(meta.authors, [a for a in tags.get(key, []) if "://" not in a])
    for key in (
        "article:published_time", "datepublished", "og:published_time", "publishdate",
        "pubdate", "publish-date", "dc.date.issued", "dcterms.created", "dc.date",
        "parsely-pub-date", "sailthru.date", "date",
    ):  # fmt: skip
        _add(meta.published, tags.get(key, []))
    _add(meta.modified, tags.get("article:modified_time", []) + tags.get("datemodified", []))
    for el in root.xpath(".//*[@itemprop='datePublished'] | .//time[@pubdate]"):
        _add(meta.published, [el.get("datetime") or el.get("content") or _text(el)])
    _add(meta.byline_texts, _byline_texts(root))
    meta.language = _language(root, tags)
    meta.url = next(iter(tags.get("og:url", [])), None)
    return meta


def _byline_texts(root: HtmlElement) -> list[str]:
    found: list[str] = []
    for el in root.xpath(
        ".//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')"
        " or contains(@class, 'author')]"
    ):
        text = _text(el)
        if 2 < len(text) < 200:
            found.append(text)
    return found[:6]


def _language(root: HtmlElement, tags: dict[str, list[str]]) -> str | None:
    values: list[str | None] = [
        root.get("lang"),
        root.get("xml:lang"),
        *tags.get("og:locale", []),
        *tags.get("content-language", []),
        *tags.get("language", []),
    ]
    for value in values:
        if value and re.match(r"^[A-Za-z]{2,3}\b", value.strip()):
            return value.strip()[:2].lower()
    return None
