"""Atom feeds: a follow's matched stories as an Atom 1.0 document (RFC 4287).

Each entry's id is the alert's idempotency key as a URN, so a feed reader shows a
story once however often the feed is fetched. lxml escapes every text, so a
headline or sentence can never break the XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lxml import etree

from wirewatch.watch.email import article_link
from wirewatch.watch.follows import FeedEntry, Follow

__all__ = ["ATOM", "render_atom"]

ATOM = "http://www.w3.org/2005/Atom"
_A = f"{{{ATOM}}}"


def render_atom(follow: Follow, entries: Sequence[FeedEntry], *, base_url: str | None) -> bytes:
    """The follow's feed, newest entry first as given, as UTF-8 XML."""
    # Atom as the default namespace: readers expect <feed>, not a prefixed element.
    feed = etree.Element(f"{_A}feed", nsmap={None: ATOM})  # type: ignore[dict-item]
    _text(feed, "id", f"urn:wirewatch:follow:{follow.name}")
    _text(feed, "title", f"wirewatch: {follow.name}")
    _text(feed, "subtitle", follow.describe())
    newest = max((e.matched for e in entries), default=follow.created or _epoch())
    _text(feed, "updated", _when(newest))
    author = etree.SubElement(feed, f"{_A}author")
    _text(author, "name", "wirewatch")
    if base_url:
        link = etree.SubElement(feed, f"{_A}link")
        link.set("rel", "self")
        link.set("href", f"{base_url.rstrip('/')}/follows/{follow.name}/feed")
    for entry in entries:
        _entry(feed, entry, base_url)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _entry(feed: etree._Element, entry: FeedEntry, base_url: str | None) -> None:
    node = etree.SubElement(feed, f"{_A}entry")
    _text(node, "id", f"urn:wirewatch:alert:{entry.key}")
    _text(node, "title", entry.title or entry.article_id)
    _text(node, "updated", _when(entry.matched))
    if entry.published:
        published = dt.datetime.combine(entry.published, dt.time(), dt.UTC)
        _text(node, "published", _when(published))
    href = article_link(entry, base_url)
    if href:
        link = etree.SubElement(node, f"{_A}link")
        link.set("rel", "alternate")
        link.set("href", href)
    summary = _text(node, "summary", _summary(entry))
    summary.set("type", "text")


def _summary(entry: FeedEntry) -> str:
    lines = [f"{r.subject}: {r.sentence}" for r in entry.reasons]
    if entry.outlets:
        lines.append("Also in: " + ", ".join(entry.outlets))
    return "\n".join(lines)


def _text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    node = etree.SubElement(parent, f"{_A}{tag}")
    # XML 1.0 cannot carry most control characters; a scraped headline may hold one.
    node.text = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
    return node


def _when(moment: dt.datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _epoch() -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
