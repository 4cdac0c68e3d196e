"""JSON Lines and JSON documents of page records, bad lines and all."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

from wirewatch.ingest.sources import SourceOptions, iter_pages
from wirewatch.model import RawPage, SourceFailure

Items = list[RawPage | SourceFailure]
STORY = {"url": "https://news.test/a", "html": "<html><p>Story.</p></html>"}


def read(*args: str, **options: object) -> Items:
    return list(iter_pages(args, options=SourceOptions(fetch=False, **options)))  # type: ignore[arg-type]


def pages(items: Items) -> list[RawPage]:
    return [i for i in items if isinstance(i, RawPage)]


def failures(items: Items) -> list[tuple[str, str]]:
    return [(i.source, i.code) for i in items if isinstance(i, SourceFailure)]


def lines(*values: object) -> str:
    return "".join((v if isinstance(v, str) else json.dumps(v)) + "\n" for v in values)


def test_bad_lines_are_failures_named_by_line_and_the_rest_are_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(
        lines(
            STORY,
            "not json at all",
            [1, 2],
            {"url": "https://news.test/b"},  # neither html nor text
            "",
            {
                "text": "A wire story.",
                "url": "https://news.test/c",
                "fetched": "2024-01-02T10:00:00Z",
            },
            {"html": "<p>x</p>", "url": 7},
        )
    )
    items = read(str(path))
    assert [p.source.record for p in pages(items)] == ["line 1", "line 6"]
    assert failures(items) == [(f"{path}#line {n}", "WW130") for n in (2, 3, 4, 7)]
    html, text = pages(items)
    assert (html.content, html.media_type) == (STORY["html"].encode(), "text/html; charset=utf-8")
    assert (text.source.url, text.media_type) == (
        "https://news.test/c",
        "text/plain; charset=utf-8",
    )
    assert text.source.fetched == dt.datetime(2024, 1, 2, 10, tzinfo=dt.UTC)
    assert text.source.key() == f"{path}#line 6"


def test_a_title_goes_where_the_readers_look_for_one(tmp_path: Path) -> None:
    path = tmp_path / "titled.jsonl"
    path.write_text(
        lines(
            {"html": "<p>Body.</p>", "title": "Talks & tea"},
            {"html": "<title>Own</title><p>Body.</p>", "title": "Other"},
            {"text": "Body text.", "title": "Headline"},
            {"text": "Headline\n\nBody text.", "title": "Headline"},
        )
    )
    contents = [p.content.decode() for p in pages(read(str(path)))]
    assert contents[0].startswith("<title>Talks &amp; tea</title>")
    assert "Other" not in contents[1]
    assert contents[2] == "Headline\n\nBody text."
    assert contents[3] == "Headline\n\nBody text."


def test_a_gzipped_jsonl_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(lines(*[STORY] * 3).encode()))
    assert len(pages(read(str(path)))) == 3


def test_a_truncated_gzipped_jsonl_gives_its_lines_then_ww104(tmp_path: Path) -> None:
    packed = gzip.compress(lines(*[{**STORY, "n": n} for n in range(200)]).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    items = read(str(path))
    assert len(pages(items)) > 50
    assert failures(items)[-1] == (str(path), "WW104")


def test_a_line_over_the_size_cap_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(lines(STORY, {"html": "x" * 50_000}, STORY))
    items = read(str(path), max_bytes=10_000)
    assert [p.source.record for p in pages(items)] == ["line 1", "line 3"]
    assert failures(items) == [(f"{path}#line 2", "WW103")]


def test_a_json_array_gives_items_named_by_position(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([STORY, "oops", STORY], indent=2))
    items = read(str(path))
    assert [p.source.record for p in pages(items)] == ["item 1", "item 3"]
    assert failures(items) == [(f"{path}#item 2", "WW130")]


def test_a_json_object_is_one_page(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(STORY, indent=2))
    [page] = read(str(path))
    assert isinstance(page, RawPage)
    assert (page.source.path, page.source.record, page.source.url) == (
        str(path),
        None,
        STORY["url"],
    )


def test_json_lines_saved_as_json_are_read_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(lines(STORY, STORY))
    assert [p.source.record for p in pages(read(str(path)))] == ["line 1", "line 2"]


def test_a_json_file_that_does_not_parse_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "url": "x",\n  "html": \n')
    assert failures(read(str(path))) == [(str(path), "WW130")]


def test_json_lines_on_standard_input_are_streamed() -> None:
    stdin = io.BytesIO(lines(STORY, "bad", STORY).encode())
    items = read("-", stdin=stdin)
    assert [p.source.record for p in pages(items)] == ["line 1", "line 3"]
    assert failures(items) == [("-#line 2", "WW130")]
