"""Pages from files, folders and standard input, with memory bounded.

A page is read at most `max_bytes` (+1, to know it is larger) after
decompression, so a 50 MB page or a gzip bomb costs no more memory than the
limit; a plain file whose size is already over the limit is refused before it is
read. Gzip is recognised by its magic bytes, not by the file name; a truncated
gzip stream gives what it holds and a WW150 notice.
"""

from __future__ import annotations

import os
import stat
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


def is_folder(arg: str) -> bool:
    """True for a folder; never raises, where Path.is_dir does on a path it may not stat."""
    return arg != STDIN and os.path.isdir(arg)  # noqa: PTH112


def page_files(folder: str, suffixes: tuple[str, ...] = PAGE_SUFFIXES) -> list[str]:
    """The page files under a folder, recursively, in sorted order.

    Hidden files and folders are skipped (.git, editor backups), and symbolic
    links to folders are not followed, so a link back up the tree cannot loop.
    `suffixes` are the names taken (each also gzipped); the sources reader takes more.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(top, name)  # noqa: PTH118 (os.walk's strings, kept as such)
            # isfile, not Path.is_file: it never raises, and it skips FIFOs and broken links.
            if _is_page_name(name, suffixes) and os.path.isfile(path):  # noqa: PTH113
                found.append((Path(os.path.relpath(path, folder)).parts, path))
    return [path for _, path in sorted(found)]


def expand(args: Iterable[str]) -> Iterator[str]:
    """Each argument as page paths: a folder gives its page files, sorted, recursively."""
    for arg in args:
        if is_folder(arg):
            yield from page_files(arg)
        else:
            yield arg


def _is_page_name(name: str, suffixes: tuple[str, ...] = PAGE_SUFFIXES) -> bool:
    lowered = name.lower().removesuffix(".gz")
    return not name.startswith(".") and lowered.endswith(suffixes)


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
    try:
        with open(arg, "rb") as stream:  # noqa: PTH123 (a str path, as given, in errors)
            content, notices = _read_bounded(stream, max_bytes, arg)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise WirewatchError("WW100", source=arg) from exc
    except ValueError as exc:  # a path with a NUL in it names no file
        raise WirewatchError("WW100", str(exc), source=arg) from exc
    except IsADirectoryError as exc:
        raise WirewatchError("WW106", "a folder, not a file", source=arg) from exc
    except OSError as exc:
        raise WirewatchError("WW106", exc.strerror or type(exc).__name__, source=arg) from exc
    return RawPage(Source(path=arg), content, media_type_of(arg), notices)


def _size_on_disk(stream: BinaryIO) -> int | None:
    """The size of a regular file; None for a pipe, a device or a stream in memory."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _read_bounded(stream: BinaryIO, max_bytes: int, name: str) -> tuple[bytes, tuple[Notice, ...]]:
    head = stream.read(len(_GZIP_MAGIC))
    if head == _GZIP_MAGIC:
        return _gunzip(stream, head, max_bytes, name)
    size = _size_on_disk(stream)
    if size is not None and size > max_bytes:
        raise WirewatchError("WW103", f"{size:,} bytes, over {max_bytes:,}", source=name)
    content = bytearray(head)
    # Chunks, not one read(max_bytes): a read asks for its whole size up front,
    # which a large --max-bytes turns into a MemoryError on a small page.
    while len(content) <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - len(content)))
        if not chunk:
            break
        content += chunk
    if len(content) > max_bytes:
        raise WirewatchError("WW103", f"over {max_bytes:,} bytes", source=name)
    return bytes(content), ()


def _gunzip(
    stream: BinaryIO, head: bytes, max_bytes: int, name: str
) -> tuple[bytes, tuple[Notice, ...]]:
    # wbits=47 accepts a gzip (or zlib) header; decompressing chunk by chunk keeps
    # a truncated stream's content and stops a bomb at the limit. A file may hold
    # several gzip members one after another (`cat a.gz b.gz`): gunzip reads them all.
    inflater = zlib.decompressobj(wbits=47)
    out = bytearray()
    chunk = head
    try:
        while chunk:
            out += inflater.decompress(chunk, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise WirewatchError("WW103", f"over {max_bytes:,} bytes unpacked", source=name)
            if inflater.eof:
                rest = inflater.unused_data or stream.read(_CHUNK)
                if not rest or not rest.startswith(_GZIP_MAGIC[: len(rest)]):
                    break  # the end, or padding after the last member, which gzip ignores too
                inflater = zlib.decompressobj(wbits=47)
                chunk = rest
                continue
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
