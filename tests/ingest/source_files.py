"""Source files for the tests, written with the real tools: WARC archives and feeds."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class Rec:
    """One WARC record to write: a response by default."""

    url: str
    body: bytes = b""
    kind: str = "response"
    status: str = "200 OK"
    content_type: str | None = "text/html; charset=utf-8"
    http_extra: list[tuple[str, str]] = field(default_factory=list)


def story(n: int, size: int = 3000) -> bytes:
    return f"<html><title>Story {n}</title><p>{'words ' * (size // 6)}</p></html>".encode()


def warc_bytes(records: list[Rec], *, gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "wirewatch"}))
    for rec in records:
        writer.write_record(_record(writer, rec))
    return out.getvalue()


def _record(writer: WARCWriter, rec: Rec) -> object:
    payload = io.BytesIO(rec.body)
    if rec.kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
        return writer.create_warc_record(rec.url, "request", payload=payload, http_headers=http)
    if rec.kind == "response":
        headers = [("Content-Type", rec.content_type)] if rec.content_type else []
        http = StatusAndHeaders(rec.status, headers + rec.http_extra, protocol="HTTP/1.1")
        return writer.create_warc_record(rec.url, "response", payload=payload, http_headers=http)
    # resource, conversion, metadata: the record's own Content-Type, no HTTP headers
    return writer.create_warc_record(
        rec.url, rec.kind, payload=payload, warc_content_type=rec.content_type or ""
    )


THREE = [Rec(f"https://news.example/{n}", story(n)) for n in range(3)]


def rss(items: list[tuple[str, str, str | None]]) -> str:
    """An RSS 2.0 feed: (title, link, full content or None) per item."""
    body = []
    for title, link, content in items:
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        body.append(
            f"<item><title>{title}</title><link>{link}</link>"
            f"<description>Teaser for {title}</description>"
            f"<pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>{encoded}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Wire</title><link>http://news.test/</link>{''.join(body)}"
        "</channel></rss>\n"
    )


def atom(entries: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<entry><title>{title}</title><link href="{link}"/><id>tag:news.test,2024:{n}</id>'
        f"<updated>2024-01-02T10:00:00Z</updated></entry>"
        for n, (title, link) in enumerate(entries)
    )
    return (
        '<?xml version="1.0"?>\n<!-- the wire -->\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        f"<id>tag:news.test,2024:feed</id><updated>2024-01-02T10:00:00Z</updated>{body}</feed>"
    )
