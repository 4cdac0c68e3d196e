"""Byte streams the source readers share: a look at the first bytes, gzip, bounded lines."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO, Protocol

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 4096
_CHUNK = 1 << 16


class Reads(Protocol):
    """Anything with `read(size)`: a file, a GzipFile, standard input."""

    def read(self, size: int = -1, /) -> bytes: ...


class Lines(Reads, Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class Rejoined(io.RawIOBase):
    """A stream whose first bytes were read (to look at them) with those bytes put back."""

    def __init__(self, head: bytes, rest: Reads) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            size = min(len(view), len(self._head))
            view[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def peek(stream: Reads, size: int = HEAD_BYTES * 4) -> tuple[bytes, BinaryIO]:
    """The first `size` bytes of a stream that cannot seek, and the whole stream again."""
    head = stream.read(size)
    return head, io.BufferedReader(Rejoined(head, stream))


def unpacked_head(head: bytes, size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of the content: ungzipped when gzipped, as far as it goes."""
    if not head.startswith(GZIP_MAGIC):
        return head[:size]
    try:
        return zlib.decompressobj(wbits=47).decompress(head, size)
    except zlib.error:
        return b""


def plain(stream: Reads) -> Lines:
    """The stream ungzipped (one gzip member or several), or as it is; either way buffered."""
    head = stream.read(len(GZIP_MAGIC))
    buffered = io.BufferedReader(Rejoined(head, stream))
    return gzip.GzipFile(fileobj=buffered) if head == GZIP_MAGIC else buffered


def bounded_lines(stream: Lines, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line, counted from 1, without its line end.

    A line longer than `limit` bytes comes as None, read through but not kept, so
    one huge line costs no more memory than the limit.
    """
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_to_line_end(stream)
            yield number, None
            continue
        yield number, line.rstrip(b"\r\n")


def _skip_to_line_end(stream: Lines) -> None:
    while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
        pass
