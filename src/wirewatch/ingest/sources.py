"""Every kind of source behind one entry point, `iter_pages`.

Each argument is one of (docs/sources.md has the full rules):

- `-`: standard input, recognised by content (WARC, JSON Lines when it starts
  with `{`, a JSON array when with `[`, a feed, else one page);
- an `http://` or `https://` URL: fetched politely; a feed if its content is one,
  else a page (any other `scheme://` is WW110);
- a folder: every source file in it, recursively, in sorted order;
- a file, recognised by its name first (each name also with `.gz`):
  `*.urls` a URL list, `*.jsonl` / `*.ndjson` JSON Lines, `*.json` a JSON
  document, `*.warc` / `*.arc` an archive; any other name by its content: a
  WARC archive, an RSS or Atom feed, else a page (and, for a name that is no
  page name, a JSON document when it starts with `{` or `[`).

Files named in `SourceOptions.url_lists` are read as URL lists whatever their
names, after the arguments. What comes out is a stream of RawPage records, each
with a `Source` that names it stably (see `Source.key`), and SourceFailure
records for what could not be read; nothing raises past one bad item.
"""

from __future__ import annotations

import dataclasses
import gzip
import logging
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from wirewatch.errors import WirewatchError
from wirewatch.ingest.feeds import FeedContext, feed_pages, is_feed
from wirewatch.ingest.fetch import Fetcher, FetchOptions, checked_url
from wirewatch.ingest.files import PAGE_SUFFIXES, STDIN, is_folder, page_files, read_page
from wirewatch.ingest.records import RecordContext, json_document, json_lines
from wirewatch.ingest.report import failure, failure_of
from wirewatch.ingest.streams import Lines, bounded_lines, peek, plain, unpacked_head
from wirewatch.ingest.warc import warc_pages
from wirewatch.model import RawPage, Source, SourceFailure

log = logging.getLogger(__name__)

Item = RawPage | SourceFailure
FEED_SUFFIXES = (".rss", ".atom")
SOURCE_SUFFIXES = (
    *PAGE_SUFFIXES,
    *FEED_SUFFIXES,
    ".json",
    ".jsonl",
    ".ndjson",
    ".warc",
    ".arc",
    ".urls",
)
URL_LINE_BYTES = 64 * 1024
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_NAMED_KINDS = (
    ((".urls",), "urls"),
    ((".jsonl", ".ndjson"), "jsonl"),
    ((".json",), "json"),
    ((".warc", ".arc"), "warc"),
)


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How sources are read.

    `seen` is asked, with each page's Source (before it is read or fetched where
    the identity is known first), whether the page is done; a page it says is
    done is not read and not yielded, so a resumed run skips what it has.
    `stdin` stands in for standard input (tests).
    """

    max_bytes: int = 20_000_000
    fetch: bool = True
    fetch_options: FetchOptions = field(default_factory=FetchOptions)
    url_lists: tuple[str, ...] = ()
    seen: Callable[[Source], bool] | None = None
    stdin: BinaryIO | None = None

    @classmethod
    def from_settings(cls, settings: Any, **changes: Any) -> SourceOptions:
        """Options from resolved settings (`wirewatch.settings.load()`), then `changes`."""
        max_bytes = int(changes.pop("max_bytes", None) or settings.max_page_bytes)
        options = cls(
            max_bytes=max_bytes,
            fetch=bool(settings.fetch),
            fetch_options=FetchOptions.from_settings(settings, max_bytes=max_bytes),
        )
        return dataclasses.replace(options, **changes)


def iter_pages(
    args: Iterable[str], *, options: SourceOptions, fetcher: Fetcher | None = None
) -> Iterator[Item]:
    """Pages and failures from every argument in order, then from `options.url_lists`.

    `fetcher` is used if given (and left open); otherwise one is made when the
    first URL comes and closed when the iteration ends.
    """
    run = _Run(options, fetcher)
    try:
        for arg in args:
            yield from _logged(run.argument(arg))
        for path in options.url_lists:
            yield from _logged(run.url_list(path))
    finally:
        run.close()


def _logged(items: Iterator[Item]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, SourceFailure):
            log.info("%s: %s %s", item.source, item.code, item.message)
        yield item


def kind_by_name(path: str) -> str | None:
    """The source kind a file's name settles (urls, jsonl, json, warc), or None."""
    lowered = path.lower().removesuffix(".gz")
    return next((kind for ends, kind in _NAMED_KINDS if lowered.endswith(ends)), None)


def kind_by_content(head: bytes, *, json: tuple[str, str] | None = None) -> str:
    """warc, feed or page, judged by the first bytes of the (ungzipped) content.

    `json` gives the kinds that content starting with `{` and with `[` is
    (("jsonl", "json") on standard input; ("json", "json") for a file whose name
    says nothing); None when such content is a page like any other.
    """
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if is_feed(head):
        return "feed"
    if json is not None and text[:1] in (b"{", b"["):
        return json[0] if text[:1] == b"{" else json[1]
    return "page"


class _Run:
    """One pass over the arguments: the fetcher, made when first needed, and the readers."""

    def __init__(self, options: SourceOptions, fetcher: Fetcher | None) -> None:
        self.options = options
        self._fetcher = fetcher
        self._owns_fetcher = fetcher is None

    def close(self) -> None:
        if self._owns_fetcher and self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher | None:
        if not self.options.fetch:
            return None
        if self._fetcher is None:
            fetch_options = dataclasses.replace(
                self.options.fetch_options, max_bytes=self.options.max_bytes
            )
            self._fetcher = Fetcher(fetch_options)
        return self._fetcher

    def _seen(self, source: Source) -> bool:
        # Standard input has no name that stays the same from run to run: never skipped.
        if source.path == STDIN:
            return False
        return self.options.seen is not None and self.options.seen(source)

    # --- arguments ------------------------------------------------------------------

    def argument(self, arg: str) -> Iterator[Item]:
        if arg == STDIN:
            yield from self.stdin()
        elif _URL.match(arg):
            yield from self.url(arg)
        elif is_folder(arg):
            files = page_files(arg, SOURCE_SUFFIXES)
            if not files:
                yield failure(arg, "WW107")
            for path in files:
                yield from self.file(path)
        else:
            yield from self.file(arg)

    def file(self, path: str) -> Iterator[Item]:
        kind = kind_by_name(path)
        if kind is None:
            lowered = path.lower().removesuffix(".gz")
            named = lowered.endswith((*PAGE_SUFFIXES, *FEED_SUFFIXES))
            kind = kind_by_content(_head_of(path), json=None if named else ("json", "json"))
        try:
            yield from self._read(kind, path)
        except WirewatchError as exc:
            yield failure_of(exc, path)
        except (OSError, EOFError, zlib.error) as exc:
            yield _broken(path, exc)

    def stdin(self) -> Iterator[Item]:
        raw = self.options.stdin if self.options.stdin is not None else sys.stdin.buffer
        head, stream = peek(raw)
        kind = kind_by_content(unpacked_head(head), json=("jsonl", "json"))
        try:
            if kind == "warc":
                yield from warc_pages(STDIN, stream, max_bytes=self.options.max_bytes)
            elif kind == "jsonl":
                yield from json_lines(plain(stream), self._records(STDIN))
            else:
                yield from self._bounded(STDIN, kind, stream)
        except WirewatchError as exc:
            yield failure_of(exc, STDIN)
        except (OSError, EOFError, zlib.error) as exc:
            yield _broken(STDIN, exc)

    # --- readers by kind ------------------------------------------------------------

    def _read(self, kind: str, path: str) -> Iterator[Item]:
        match kind:
            case "urls":
                yield from self._url_file(path)
            case "jsonl":
                with _opened(path) as stream:
                    yield from json_lines(plain(stream), self._records(path))
            case "warc":
                with _opened(path) as stream:
                    yield from warc_pages(
                        path, stream, max_bytes=self.options.max_bytes, seen=self.options.seen
                    )
            case _:  # page, feed, json: read whole, within the size limit
                yield from self._bounded(path, kind)

    def _bounded(self, name: str, kind: str, stdin: BinaryIO | None = None) -> Iterator[Item]:
        """A page, feed or JSON document: read whole, within the page size limit."""
        if kind == "page" and self._seen(Source(path=name)):
            return
        page = read_page(name, max_bytes=self.options.max_bytes, stdin=stdin)
        if kind == "feed":
            yield from feed_pages(page.content, self._feed(name, None))
        elif kind == "json":
            yield from json_document(page.content, self._records(name))
        else:
            yield page

    def url_list(self, path: str) -> Iterator[Item]:
        """A file read as a URL list whatever its name (`SourceOptions.url_lists`)."""
        try:
            yield from self._url_file(path)
        except WirewatchError as exc:
            yield failure_of(exc, path)
        except (OSError, EOFError, zlib.error) as exc:
            yield _broken(path, exc)

    def _url_file(self, path: str) -> Iterator[Item]:
        """One URL per line; blank lines and lines starting with # are passed over."""
        with _opened(path) as stream:
            yield from self._url_lines(path, plain(stream))

    def _url_lines(self, path: str, stream: Lines) -> Iterator[Item]:
        for number, line in bounded_lines(stream, URL_LINE_BYTES):
            name = f"{path}#line {number}"
            if line is None:
                yield failure(name, "WW111", f"a line over {URL_LINE_BYTES:,} bytes")
                continue
            url = line.decode("utf-8", "replace").strip()
            if url and not url.startswith("#"):
                yield from self.url(url, name)

    def url(self, url: str, name: str | None = None) -> Iterator[Item]:
        """A URL's page, or its feed's pages; `name` names a failure of the URL itself."""
        try:
            checked_url(url)
        except WirewatchError as exc:
            yield failure_of(exc, name or url)
            return
        if self._seen(Source(url=url)):
            return
        fetcher = self.fetcher
        if fetcher is None:
            yield failure(url, "WW118")
            return
        try:
            got = fetcher.get(url)
        except WirewatchError as exc:
            yield failure_of(exc, url)
            return
        if is_feed(got.content[:4096]):
            yield from feed_pages(got.content, self._feed(url, got.final_url))
        else:
            yield RawPage(Source(url=url, fetched=got.fetched), got.content, got.media_type)

    def _feed(self, name: str, url: str | None) -> FeedContext:
        return FeedContext(name, url, self.fetcher, self.options.seen)

    def _records(self, name: str) -> RecordContext:
        seen = None if name == STDIN else self.options.seen
        return RecordContext(name, self.options.max_bytes, seen)


def _head_of(path: str) -> bytes:
    """The first bytes of a file's content (ungzipped); empty when it cannot be read,
    which leaves the reader that follows to say why."""
    try:
        with open(path, "rb") as stream:  # noqa: PTH123 (a str path, as given)
            return unpacked_head(stream.read(16 * 1024))
    except (OSError, ValueError):
        return b""


@contextmanager
def _opened(path: str) -> Iterator[BinaryIO]:
    """A file opened for reading, a failure to open it given as a coded error."""
    try:
        stream = open(path, "rb")  # noqa: PTH123, SIM115 (closed below; a str path, as given)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise WirewatchError("WW100", source=path) from exc
    except ValueError as exc:  # a NUL in the path
        raise WirewatchError("WW100", str(exc), source=path) from exc
    except OSError as exc:
        raise WirewatchError("WW106", exc.strerror or type(exc).__name__, source=path) from exc
    with stream:
        yield stream


def _broken(name: str, exc: BaseException) -> SourceFailure:
    """A stream that broke part-way (a truncated gzip, a disk error): what came before
    it was read; the rest of this input is lost."""
    packed = isinstance(exc, EOFError | zlib.error | gzip.BadGzipFile)
    return failure(name, "WW104" if packed else "WW106", f"{type(exc).__name__}: {exc}")
