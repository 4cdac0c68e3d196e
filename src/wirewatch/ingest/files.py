"""Pages from files, folders and standard input, with memory bounded.

A page is read at most `max_bytes` (+1, to know it is larger) after
decompression, so a 50 MB page or a gzip bomb costs no more memory than the
limit. Gzip is recognised by its magic bytes, not by the file name; a truncated
gzip stream gives what it holds and a WW150 notice.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from wirewatch.errors import WirewatchError, notice
from wirewatch.model import Notice, RawPage, Source

# Files a folder contributes; a file named on the command line is read whatever its name.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".text")
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
STDIN = "-"


def expand(args: Iterable[str]) -> Iterator[str]:
    """Each argument as page paths: a folder gives its page files, sorted, recursively."""
    for arg in args:
        path = Path(arg)
        if arg != STDIN and path.is_dir():
            yield from sorted(str(p) for p in path.rglob("*") if _is_page_file(p))
        else:
            yield arg


def _is_page_file(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return path.is_file() and not name.startswith(".") and name.endswith(PAGE_SUFFIXES)


def media_type_of(name: str) -> str | None:
    """A media-type hint from a file name (readers still decide by content)."""
    lowered = name.lower().removesuffix(".gz")
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    if lowered.endswith((".txt", ".text")):
        return "text/plain"
    return None


def read_page(arg: str, *, max_bytes: int, stdin: BinaryIO | None = None) -> RawPage:
    """Read one page (a path, or - for standard input) into a RawPage."""
    if arg == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        content, notices = _read_bounded(stream, max_bytes, arg)
        return RawPage(Source(path=STDIN), content, None, notices)
    path = Path(arg)
    if not path.exists():
        raise WirewatchError("WW100", source=arg)
    try:
        with path.open("rb") as stream:
            content, notices = _read_bounded(stream, max_bytes, arg)
    except IsADirectoryError as exc:
        raise WirewatchError("WW106", "a folder, not a file", source=arg) from exc
    except OSError as exc:
        raise WirewatchError("WW106", exc.strerror or type(exc).__name__, source=arg) from exc
    return RawPage(Source(path=arg), content, media_type_of(arg), notices)


def _read_bounded(stream: BinaryIO, max_bytes: int, name: str) -> tuple[bytes, tuple[Notice, ...]]:
    head = stream.read(len(_GZIP_MAGIC))
    if head == _GZIP_MAGIC:
        return _gunzip(stream, head, max_bytes, name)
    content = head + stream.read(max_bytes + 1 - len(head))
    if len(content) > max_bytes:
        raise WirewatchError("WW103", f"over {max_bytes:,} bytes", source=name)
    return content, ()


def _gunzip(
    stream: BinaryIO, head: bytes, max_bytes: int, name: str
) -> tuple[bytes, tuple[Notice, ...]]:
    # wbits=47 accepts a gzip (or zlib) header; decompressing chunk by chunk keeps
    # a truncated stream's content and stops a bomb at the limit.
    inflater = zlib.decompressobj(wbits=47)
    out = bytearray()
    chunk = head
    try:
        while chunk:
            out += inflater.decompress(chunk, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise WirewatchError("WW103", f"over {max_bytes:,} bytes unpacked", source=name)
            if inflater.eof:
                break
            chunk = inflater.unconsumed_tail or stream.read(_CHUNK)
    except zlib.error as exc:
        if not out:
            raise WirewatchError("WW104", str(exc), source=name) from exc
        return bytes(out), (notice("WW150", "the gzip stream is damaged part-way"),)
    if not inflater.eof:
        if not out:
            raise WirewatchError("WW104", "the gzip stream ends before any content", source=name)
        return bytes(out), (notice("WW150", "the gzip stream ends early"),)
    return bytes(out), ()
