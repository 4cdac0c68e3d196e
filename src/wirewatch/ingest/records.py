"""Pages from JSON records: JSON Lines streamed line by line, or one JSON document.

A record is an object with an `html` or a `text` string (html wins when both
are there), and optionally `url`, `fetched` (ISO 8601) and `title`. A title is
put where the reader looks for one: a `<title>` for HTML that has none, the
first line of text that does not already start with it. A `fetched` that does
not parse is left out rather than costing the page.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from wirewatch.ingest.report import failure
from wirewatch.ingest.streams import Lines, bounded_lines
from wirewatch.model import RawPage, Source, SourceFailure

Item = RawPage | SourceFailure
_TITLE = re.compile(r"<title[\s>]", re.I)


@dataclass(frozen=True, slots=True)
class RecordContext:
    name: str  # the file's path, or - for standard input
    max_bytes: int
    seen: Callable[[Source], bool] | None = None


def json_lines(lines: Lines, context: RecordContext) -> Iterator[Item]:
    """A page (or a failure) for each non-blank line, named `line N` from 1."""
    for number, line in bounded_lines(lines, context.max_bytes):
        label = f"line {number}"
        if line is None:
            yield failure(f"{context.name}#{label}", "WW103", f"over {context.max_bytes:,} bytes")
        elif line.strip():
            item = _from_json(line, label, context)
            if item is not None:
                yield item


def json_document(content: bytes, context: RecordContext) -> Iterator[Item]:
    """One record, or an array of them named `item N` from 1; JSON Lines by mistake read so."""
    try:
        data = json.loads(content)
    except ValueError as exc:
        if _first_line_is_object(content):  # JSON Lines saved as .json
            yield from json_lines(io.BytesIO(content), context)
        else:
            yield failure(context.name, "WW130", f"not JSON: {exc}")
        return
    if isinstance(data, list):
        for number, value in enumerate(data, 1):
            item = _from_value(value, f"item {number}", context)
            if item is not None:
                yield item
        return
    item = _from_value(data, None, context)
    if item is not None:
        yield item


def _first_line_is_object(content: bytes) -> bool:
    first = next((line for line in content.splitlines() if line.strip()), b"")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _from_json(line: bytes, label: str, context: RecordContext) -> Item | None:
    try:
        value = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return failure(f"{context.name}#{label}", "WW130", f"not JSON: {exc}")
    return _from_value(value, label, context)


def _from_value(value: Any, label: str | None, context: RecordContext) -> Item | None:
    """The record as a page; None when `seen` says it is done."""
    name = f"{context.name}#{label}" if label else context.name
    if not isinstance(value, dict):
        return failure(name, "WW130", f"a JSON {type(value).__name__}, not an object")
    url, title = value.get("url"), value.get("title")
    if not isinstance(url, str | None) or not isinstance(title, str | None):
        return failure(name, "WW130", "url and title must be strings")
    body = _body(value, title)
    if body is None:
        return failure(name, "WW130", "no html or text string")
    source = Source(path=context.name, url=url, fetched=_when(value.get("fetched")), record=label)
    if context.seen is not None and context.seen(source):
        return None
    content, media_type = body
    if len(content) > context.max_bytes:
        return failure(name, "WW103", f"{len(content):,} bytes, over {context.max_bytes:,}")
    return RawPage(source, content, media_type)


def _body(value: dict[str, Any], title: str | None) -> tuple[bytes, str] | None:
    page, text = value.get("html"), value.get("text")
    if isinstance(page, str) and page.strip():
        if title and not _TITLE.search(page):
            page = f"<title>{html.escape(title)}</title>\n{page}"
        return page.encode("utf-8", "surrogatepass"), "text/html; charset=utf-8"
    if isinstance(text, str) and text.strip():
        if title and not text.lstrip().startswith(title):
            text = f"{title}\n\n{text}"
        return text.encode("utf-8", "surrogatepass"), "text/plain; charset=utf-8"
    return None


def _when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
