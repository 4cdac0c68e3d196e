"""Pages from RSS and Atom feeds: each entry's page, fetched politely.

A feed is recognised by its first element (`<rss>`, `<feed>`, `<rdf:RDF>`), not
by its name. Each entry's link is fetched through the polite fetcher. When the
page cannot be had (fetching is off, the entry has no link, or the fetch fails)
and the entry carries its full content (RSS `content:encoded` or Atom
`<content>`), that content is read instead, wrapped as a small HTML page with
the entry's title, link, date and author, and marked with warning WW149. An
entry's summary (RSS `<description>`) is never read as the article: most feeds
put a teaser there, and a teaser read as an article is worse than none.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from wirewatch.errors import WirewatchError, notice
from wirewatch.ingest.fetch import Fetcher
from wirewatch.ingest.report import failure
from wirewatch.model import RawPage, Source, SourceFailure

Item = RawPage | SourceFailure

# Whatever may stand before the first element: white space, the XML declaration,
# processing instructions, comments and a DOCTYPE.
_PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>/]")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def is_feed(head: bytes) -> bool:
    """True when the document's first element is <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0)."""
    if head.startswith(_BOMS[1:]):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = head.removeprefix(_BOMS[0])
    start = _PROLOG.match(head)
    return bool(_FEED_ROOT.match(head, start.end() if start else 0))


@dataclass(frozen=True, slots=True)
class FeedContext:
    """Where a feed came from and what its entries may use."""

    name: str  # the feed's path or URL, as given
    url: str | None  # the feed's own URL when it was fetched (relative links resolve on it)
    fetcher: Fetcher | None  # None when fetching is off
    seen: Callable[[Source], bool] | None = None


def feed_pages(content: bytes, context: FeedContext) -> Iterator[Item]:
    """A page (or a failure) for each entry of the feed in `content`."""
    headers = {"content-location": context.url} if context.url else None
    # Bytes in a BytesIO: feedparser reads a str argument as a URL or a path to open.
    try:
        parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    except Exception as exc:  # feedparser is lenient, but not on every byte sequence
        yield failure(context.name, "WW120", f"{type(exc).__name__}: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo"):  # damaged, and nothing could be read from it
        reason = parsed.get("bozo_exception")
        yield failure(context.name, "WW120", str(reason) if reason else "")
        return
    for index, entry in enumerate(entries, 1):
        item = _entry_page(entry, index, context)
        if item is not None:
            yield item


def _entry_page(entry: Any, index: int, context: FeedContext) -> Item | None:
    link = _http_link(entry)
    if link is not None:
        source = Source(url=link)
    else:
        record = f"entry {entry.get('id') or index}"
        path = None if context.url else context.name
        source = Source(path=path, url=context.url, record=record)
    if context.seen is not None and context.seen(source):
        return None
    reason: WirewatchError
    if link is None:
        reason = WirewatchError("WW121", "no http(s) link", source=context.name)
    elif context.fetcher is None:
        reason = WirewatchError("WW118", source=link)
    else:
        try:
            got = context.fetcher.get(link)
        except WirewatchError as exc:
            reason = exc
        else:
            return RawPage(Source(url=link, fetched=got.fetched), got.content, got.media_type)
    return _from_content(entry, source, link, reason)


def _from_content(entry: Any, source: Source, link: str | None, reason: WirewatchError) -> Item:
    """The entry's own full content as a page, or the reason there is no page."""
    body = _full_content(entry)
    if body is None:
        name = link or (f"{source.url or source.path}#{source.record}")
        return failure(name, reason.code, reason.detail)
    why = f"{reason.code} {reason.entry.title}" + (f" ({reason.detail})" if reason.detail else "")
    page = _as_html(entry, link, body)
    return RawPage(source, page, "text/html; charset=utf-8", (notice("WW149", why),))


def _http_link(entry: Any) -> str | None:
    link = entry.get("link")
    if isinstance(link, str) and link.lower().startswith(("http://", "https://")):
        return link.strip()
    return None


def _full_content(entry: Any) -> str | None:
    """The entry's full content as HTML: content:encoded or Atom content, never the summary."""
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            if "html" in (part.get("type") or "html"):
                return str(value)
            paragraphs = re.split(r"\n\s*\n", value.strip())
            return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return None


def _as_html(entry: Any, link: str | None, body: str) -> bytes:
    """A small page that gives the extractor the entry's title, date and author."""
    title = html.escape(str(entry.get("title") or ""))
    head = ['<meta charset="utf-8">', f"<title>{title}</title>"]
    if link:
        head.append(f'<link rel="canonical" href="{html.escape(link)}">')
    # dict.get: feedparser's own get maps one key to the other, with a DeprecationWarning.
    published = _when(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed"))
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if entry.get("author"):
        head.append(f'<meta name="author" content="{html.escape(str(entry["author"]))}">')
    article = f"<article><h1>{title}</h1>\n{body}\n</article>"
    page = f"<!DOCTYPE html>\n<html><head>{''.join(head)}</head><body>{article}</body></html>\n"
    return page.encode("utf-8")


def _when(parsed: Any) -> str | None:
    """feedparser's UTC time tuple as ISO 8601."""
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC).isoformat()
    except (TypeError, ValueError):
        return None
