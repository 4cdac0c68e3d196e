"""WARC archives written with warcio, read record by record, damage and all."""

from __future__ import annotations

import gzip
import io
import re
import tracemalloc
from pathlib import Path

from tests.ingest.source_files import THREE, Rec, story, warc_bytes
from wirewatch.ingest.sources import SourceOptions, iter_pages
from wirewatch.model import RawPage, Source, SourceFailure


def read(*args: str, **options: object) -> list[RawPage | SourceFailure]:
    return list(iter_pages(args, options=SourceOptions(fetch=False, **options)))  # type: ignore[arg-type]


def pages(items: list[RawPage | SourceFailure]) -> list[RawPage]:
    return [i for i in items if isinstance(i, RawPage)]


def failures(items: list[RawPage | SourceFailure]) -> list[SourceFailure]:
    return [i for i in items if isinstance(i, SourceFailure)]


def urls(items: list[RawPage | SourceFailure]) -> list[str | None]:
    return [p.source.url for p in pages(items)]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --- whole archives -----------------------------------------------------------------


def test_each_response_is_a_page_with_a_stable_identity(tmp_path: Path) -> None:
    for gz, name in ((False, "news.warc"), (True, "news.warc.gz")):
        path = write(tmp_path, name, warc_bytes(THREE, gz=gz))
        items = read(path)
        assert urls(items) == [r.url for r in THREE]
        first = pages(items)[0]
        assert first.content == story(0)
        assert first.media_type == "text/html; charset=utf-8"
        assert first.source.path == path
        assert first.source.record is not None
        assert first.source.record.startswith("urn:uuid:")
        assert first.source.fetched is not None
        # The same archive read again names every page the same way.
        assert [p.source.key() for p in pages(read(path))] == [p.source.key() for p in pages(items)]


def test_the_kind_is_told_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = write(tmp_path, "crawl.dat", warc_bytes(THREE, gz=True))
    assert len(pages(read(path))) == 3


def test_records_that_are_not_pages_are_passed_over(tmp_path: Path) -> None:
    records = [
        Rec("https://news.example/a", story(1)),
        Rec("https://news.example/a", kind="request"),
        Rec("https://news.example/logo.png", b"\x89PNG", content_type="image/png"),
        Rec("https://news.example/moved", b"", status="301 Moved Permanently"),
        Rec("https://news.example/missing", b"gone", status="404 Not Found"),
        Rec("https://news.example/meta", b"x: y", kind="metadata", content_type="text/plain"),
        Rec("https://news.example/b", story(2), kind="resource", content_type="text/html"),
        Rec("https://news.example/c", b"WET text.", kind="conversion", content_type="text/plain"),
        Rec("https://news.example/d", story(3), content_type=None),  # unstated: judged later
    ]
    items = read(write(tmp_path, "mixed.warc.gz", warc_bytes(records, gz=True)))
    assert failures(items) == []
    assert urls(items) == [f"https://news.example/{n}" for n in "abcd"]


def test_chunked_and_gzip_encoded_payloads_are_decoded(tmp_path: Path) -> None:
    body = story(7)
    packed = gzip.compress(body)
    chunked = f"{len(packed):x}\r\n".encode() + packed + b"\r\n0\r\n\r\n"
    extra = [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
    records = [Rec("https://news.example/enc", chunked, http_extra=extra)]
    items = read(write(tmp_path, "enc.warc", warc_bytes(records, gz=False)))
    assert [p.content for p in pages(items)] == [body]


# --- damage -------------------------------------------------------------------------


def test_a_corrupt_record_in_a_plain_archive_costs_only_that_record(tmp_path: Path) -> None:
    data = warc_bytes(THREE, gz=False)
    second = [m.start() for m in re.finditer(rb"WARC/1\.\d\r\n", data)][2]
    damaged = data[:second] + b"GARBAGE!" + data[second + 8 :]
    path = write(tmp_path, "bad.warc", damaged)
    items = read(path)
    assert urls(items) == [THREE[0].url, THREE[2].url]
    [failure] = failures(items)
    assert (failure.source, failure.code) == (f"{path}#offset {second}", "WW125")
    assert "GARBAGE" in failure.message


def test_a_corrupt_gzip_member_costs_only_that_record(tmp_path: Path) -> None:
    data = warc_bytes(THREE, gz=True)
    members = [m.start() for m in re.finditer(rb"\x1f\x8b\x08", data)]
    second = members[2]  # after the warcinfo and the first response
    damaged = data[: second + 12] + b"\x00" * 40 + data[second + 52 :]
    items = read(write(tmp_path, "bad.warc.gz", damaged))
    assert urls(items) == [THREE[0].url, THREE[2].url]
    assert [f.code for f in failures(items)] == ["WW125"]


def test_a_truncated_gzipped_archive_gives_what_it_holds_and_one_failure(
    tmp_path: Path,
) -> None:
    data = warc_bytes(THREE, gz=True)
    path = write(tmp_path, "cut.warc.gz", data[: len(data) - 200])
    items = read(path)
    assert urls(items) == [THREE[0].url, THREE[1].url]
    [failure] = failures(items)
    assert failure.code == "WW125"
    assert failure.source.startswith(f"{path}#offset ")


def test_a_record_the_plain_archive_ends_inside_is_kept_with_ww150(tmp_path: Path) -> None:
    data = warc_bytes(THREE, gz=False)
    items = read(write(tmp_path, "cut.warc", data[: len(data) - 1000]))
    assert urls(items) == [r.url for r in THREE]
    last = pages(items)[-1]
    assert [n.code for n in last.notices] == ["WW150"]
    assert story(2).startswith(last.content)


def test_garbage_after_the_last_record_is_one_failure(tmp_path: Path) -> None:
    data = warc_bytes(THREE, gz=True) + b"this is not a gzip member at all" * 10
    items = read(write(tmp_path, "tail.warc.gz", data))
    assert len(pages(items)) == 3
    assert [f.code for f in failures(items)] == ["WW125"]


def test_an_archive_gzipped_whole_is_still_read(tmp_path: Path) -> None:
    whole = gzip.compress(warc_bytes(THREE, gz=False))
    items = read(write(tmp_path, "whole.warc.gz", whole))
    assert (urls(items), failures(items)) == ([r.url for r in THREE], [])


def test_a_record_over_the_size_cap_fails_alone(tmp_path: Path) -> None:
    records = [THREE[0], Rec("https://news.example/huge", story(9, 400_000)), THREE[2]]
    path = write(tmp_path, "big.warc.gz", warc_bytes(records, gz=True))
    items = read(path, max_bytes=100_000)
    assert urls(items) == [THREE[0].url, THREE[2].url]
    [failure] = failures(items)
    assert failure.code == "WW103"
    assert failure.source.startswith(f"{path}#urn:uuid:")


def test_memory_stays_bounded_by_the_record_not_the_archive(tmp_path: Path) -> None:
    records = [Rec(f"https://news.example/{n}", story(n, 200_000)) for n in range(40)]
    path = write(tmp_path, "many.warc.gz", warc_bytes(records, gz=True))  # 8 MB unpacked
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_pages([path], options=SourceOptions(fetch=False)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 40
    assert peak < 3_000_000


# --- standard input and resuming ----------------------------------------------------


def test_a_warc_on_standard_input_is_read(tmp_path: Path) -> None:
    stdin = io.BytesIO(warc_bytes(THREE, gz=True))
    items = list(iter_pages(["-"], options=SourceOptions(fetch=False, stdin=stdin)))
    assert urls(items) == [r.url for r in THREE]
    assert {p.source.path for p in pages(items)} == {"-"}


def test_records_already_done_are_not_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, "news.warc.gz", warc_bytes(THREE, gz=True))
    done = {p.source.key() for p in pages(read(path))[:2]}

    def seen(source: Source) -> bool:
        return source.key() in done

    assert urls(read(path, seen=seen)) == [THREE[2].url]
