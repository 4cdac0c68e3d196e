"""Pages from WARC archives (and ARC, WET), record by record, with memory bounded.

News archives and Common Crawl's CC-NEWS ship WARC files, gzipped one record per
gzip member. A page is a `response` record with a 2xx HTTP status, or a
`resource` or `conversion` record (WET text), whose type is HTML or text (or
unstated); requests, metadata, revisits, redirects, images and the like are not
pages and are passed over without a word.

A record whose headers are damaged, or that the file ends inside, is one
SourceFailure named by its offset; reading then resumes at the next record
(the next gzip member, or the next `WARC/1.x` line in a plain archive), so one
bad record never costs the rest of the archive. Only a seekable file can be
resumed this way; on standard input the first damage ends the archive.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import logging
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from wirewatch.errors import WirewatchError, notice
from wirewatch.ingest.report import failure, failure_of
from wirewatch.ingest.streams import GZIP_MAGIC, Reads, plain
from wirewatch.model import Notice, RawPage, Source, SourceFailure

PAGE_RECORDS = frozenset({"response", "resource", "conversion"})
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_MEMBER = b"\x1f\x8b\x08"  # a gzip member's header: magic and the deflate method
_RECORD = b"\nWARC/1."
_CHUNK = 1 << 16
# What warcio raises on damaged bytes is whatever its parsing happens to hit
# (ArchiveLoadFailed, EOFError, zlib.error, ValueError, AttributeError on a
# missing header...), so any exception while reading a record is that record's damage.
_DAMAGE = (Exception,)
# warcio logs a warning of its own for some damage; we report it, once, as a failure.
logging.getLogger("warcio").setLevel(logging.ERROR)

Seen = Callable[[Source], bool]
Item = RawPage | SourceFailure


def warc_pages(
    name: str, stream: BinaryIO, *, max_bytes: int, seen: Seen | None = None
) -> Iterator[Item]:
    """Each page of the archive in `stream` (`name` is its path, or - for stdin).

    A seekable stream is read with resumption after damage; any other is read
    ungzipped as one stream, which also reads an archive gzipped whole.
    """
    reader = _ArchiveReader(name, stream, max_bytes, seen)
    if _seekable(stream):
        yield from reader.resumable()
    else:
        yield from reader.streamed(plain(stream), skip=0)


def _seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable()
    except (OSError, ValueError, AttributeError):
        return False


class _QuietIterator(ArchiveIterator):  # type: ignore[misc]
    # warcio writes a warning of its own to stderr on a record with a wrong
    # Content-Length; the damage is ours to report, once, as a coded failure.
    INC_RECORD = ""


class _ArchiveReader:
    def __init__(self, name: str, stream: BinaryIO, max_bytes: int, seen: Seen | None) -> None:
        self.name = name
        self.stream = stream
        self.max_bytes = max_bytes
        self.seen = seen
        self.records = 0  # records passed, pages or not: where a restart picks up

    def resumable(self) -> Iterator[Item]:
        """Read from the start; after damage, go on at the next record found."""
        start = self.stream.tell()
        size = self.stream.seek(0, io.SEEK_END)
        gzipped = self._starts_gzipped(start)
        offset: int | None = start
        in_damage = False  # one failure per damaged stretch, however many false starts in it
        while offset is not None:
            self.stream.seek(offset)
            records = _QuietIterator(self.stream)
            try:
                for record in records:
                    yield from self._pages(record, records.offset)
                    in_damage = False
                bad, detail = records.offset, "the archive ends inside this record"
                if bad >= size:
                    return
            except _DAMAGE as exc:
                if "non-chunked" in str(exc):  # one gzip stream for the whole archive
                    self.stream.seek(start)
                    yield from self.streamed(gzip.GzipFile(fileobj=self.stream), self.records)
                    return
                bad, detail = max(records.offset, offset), _reason(exc)
            if not in_damage:
                yield failure(f"{self.name}#offset {bad}", "WW125", detail)
                in_damage = True
            offset = self._next_record_after(bad, gzipped)

    def streamed(self, stream: Reads, skip: int) -> Iterator[Item]:
        """Read a stream that cannot seek, passing over the first `skip` records."""
        records = _QuietIterator(stream)
        try:
            for index, record in enumerate(records):
                if index >= skip:
                    yield from self._pages(record, records.offset)
        except _DAMAGE as exc:
            yield failure(f"{self.name}#offset {records.offset}", "WW125", _reason(exc))

    def _pages(self, record: Any, offset: int) -> Iterator[Item]:
        self.records += 1
        if record.rec_type not in PAGE_RECORDS or not _is_page(record):
            return
        headers = record.rec_headers
        record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
        source = Source(
            path=self.name,
            url=headers.get_header("WARC-Target-URI"),
            fetched=_warc_date(headers.get_header("WARC-Date")),
            record=record_id or f"offset {offset}",
        )
        if self.seen is not None and self.seen(source):
            return
        try:
            content, notices = _content(record, self.max_bytes)
        except WirewatchError as exc:
            yield failure_of(exc, f"{self.name}#{source.record}")
            return
        yield RawPage(source, content, _media_type(record), notices)

    def _starts_gzipped(self, start: int) -> bool:
        self.stream.seek(start)
        return self.stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC

    def _next_record_after(self, offset: int, gzipped: bool) -> int | None:
        """Where the next record may start: a gzip member's header, or a WARC/1.x line."""
        mark = _MEMBER if gzipped else _RECORD
        self.stream.seek(offset + 1)
        position, tail = offset + 1, b""
        while chunk := self.stream.read(_CHUNK):
            found = (tail + chunk).find(mark)
            if found >= 0:
                at = position - len(tail) + found
                return at if gzipped else at + 1  # past the newline before WARC/1.x
            tail = chunk[-(len(mark) - 1) :]
            position += len(chunk)
        return None


def _is_page(record: Any) -> bool:
    """A 2xx response or a resource, of a page's media type or of none stated."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not (http.get_statuscode() or "").startswith("2"):
            return False
    media_type = _media_type(record)
    return media_type is None or media_type.split(";", 1)[0].strip().lower() in PAGE_TYPES


def _media_type(record: Any) -> str | None:
    """The payload's type: the HTTP Content-Type of a response, the record's own otherwise."""
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return str(value) if value is not None else None


def _content(record: Any, max_bytes: int) -> tuple[bytes, tuple[Notice, ...]]:
    """The record's payload, de-chunked and decompressed, at most `max_bytes` of it."""
    stream = record.content_stream()
    content = bytearray()
    while chunk := stream.read(min(_CHUNK, max_bytes + 1 - len(content))):
        content += chunk
        if len(content) > max_bytes:
            raise WirewatchError("WW103", f"over {max_bytes:,} bytes")
    # The record's Content-Length promised more than the file holds.
    if getattr(record.raw_stream, "limit", 0) > 0:
        return bytes(content), (notice("WW150", "the WARC record ends early"),)
    return bytes(content), ()


def _warc_date(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
