"""RSS and Atom feeds: recognised by content, entries fetched from a local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.local_web import LocalWeb, loopback_options
from tests.ingest.source_files import atom, rss
from wirewatch.ingest.feeds import is_feed
from wirewatch.ingest.sources import SourceOptions, iter_pages
from wirewatch.model import RawPage, SourceFailure

Items = list[RawPage | SourceFailure]


def read(*args: str, fetch: bool = True) -> Items:
    options = SourceOptions(fetch=fetch, fetch_options=loopback_options())
    return list(iter_pages(args, options=options))


def pages(items: Items) -> list[RawPage]:
    return [i for i in items if isinstance(i, RawPage)]


def failures(items: Items) -> list[SourceFailure]:
    return [i for i in items if isinstance(i, SourceFailure)]


# --- recognising a feed -------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b'<?xml version="1.0"?><rss version="2.0"><channel>',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- hi -->\n<feed xmlns="http://www.w3.org/2005/Atom">',
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><rss>',
        '<?xml version="1.0" encoding="utf-16"?><rss>'.encode("utf-16"),
    ],
)
def test_feeds_are_recognised_by_their_first_element(head: bytes) -> None:
    assert is_feed(head)


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><head><title>RSS feeds explained</title>",
        b"<html><body><feed>not at the top</feed>",
        b"Plain text that mentions <rss> later.",
        b"",
    ],
)
def test_pages_are_not_feeds(head: bytes) -> None:
    assert not is_feed(head)


# --- entries fetched ----------------------------------------------------------------


def test_each_rss_entry_page_is_fetched(web: LocalWeb, tmp_path: Path) -> None:
    links = [web.page(f"/story/{n}", f"Story {n}") for n in range(2)]
    feed = tmp_path / "wire.xml"
    feed.write_text(rss([(f"Story {n}", link, None) for n, link in enumerate(links)]))
    items = read(str(feed))
    assert [p.source.url for p in pages(items)] == links
    assert all(p.source.fetched is not None and not p.notices for p in pages(items))
    assert b"Story 1" in pages(items)[1].content


def test_an_atom_feed_named_like_a_page_is_still_a_feed(web: LocalWeb, tmp_path: Path) -> None:
    link = web.page("/a", "Atom story")
    feed = tmp_path / "wire.html"
    feed.write_text(atom([("Atom story", link)]))
    assert [p.source.url for p in pages(read(str(feed)))] == [link]


def test_a_feed_fetched_by_url_resolves_relative_links(web: LocalWeb) -> None:
    web.page("/news/one", "One")
    feed_url = web.route(
        "/news/feed", atom([("One", "one")]), headers={"Content-Type": "application/atom+xml"}
    )
    items = read(feed_url)
    assert [p.source.url for p in pages(items)] == [web.url("/news/one")]


# --- the feed's own content when the page cannot be had -----------------------------


def test_with_fetching_off_the_full_content_is_read_with_ww149(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(
        rss(
            [
                (
                    "Talks in Ankara",
                    "http://news.test/ankara",
                    "<p>Officials met in Ankara on Tuesday.</p>",
                )
            ]
        )
    )
    [page] = read(str(feed), fetch=False)
    assert isinstance(page, RawPage)
    assert page.source.url == "http://news.test/ankara"
    assert [n.code for n in page.notices] == ["WW149"]
    assert "WW118" in page.notices[0].message
    html = page.content.decode()
    assert "<title>Talks in Ankara</title>" in html
    assert "Officials met in Ankara on Tuesday." in html
    assert 'content="2024-01-02T10:00:00+00:00"' in html
    assert "Teaser" not in html  # the summary is never the article


def test_a_failed_fetch_falls_back_to_the_full_content(web: LocalWeb, tmp_path: Path) -> None:
    missing = web.url("/gone")
    feed = tmp_path / "wire.rss"
    feed.write_text(rss([("Gone", missing, "<p>The whole story.</p>")]))
    [page] = read(str(feed))
    assert isinstance(page, RawPage)
    assert [n.code for n in page.notices] == ["WW149"]
    assert "WW115" in page.notices[0].message


def test_an_entry_with_no_page_and_no_content_is_a_failure(web: LocalWeb, tmp_path: Path) -> None:
    web.route("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    ok = web.page("/fine", "Fine")
    feed = tmp_path / "wire.rss"
    feed.write_text(
        rss([("Private", web.url("/private/x"), None), ("Fine", ok, None), ("No link", "", None)])
    )
    items = read(str(feed))
    assert [p.source.url for p in pages(items)] == [ok]
    codes = {f.code: f.source for f in failures(items)}
    assert codes["WW113"] == web.url("/private/x")
    assert codes["WW121"].startswith(f"{feed}#entry ")


def test_with_fetching_off_an_entry_without_content_is_ww118(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(rss([("Story", "http://news.test/story", None)]))
    assert [(f.source, f.code) for f in failures(read(str(feed), fetch=False))] == [
        ("http://news.test/story", "WW118")
    ]


@pytest.mark.parametrize("data", [b"<rss version='2.0'><chan", b"<rss>\x00\x01\x02"])
def test_a_damaged_feed_with_no_entry_is_ww120(tmp_path: Path, data: bytes) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_bytes(data)
    [failure] = read(str(feed), fetch=False)
    assert isinstance(failure, SourceFailure)
    assert (failure.source, failure.code) == (str(feed), "WW120")


def test_a_damaged_feed_gives_the_entries_it_holds(tmp_path: Path) -> None:
    feed = tmp_path / "cut.rss"
    whole = rss(
        [("One", "http://news.test/1", "<p>One.</p>"), ("Two", "http://news.test/2", "<p>Two.</p>")]
    )
    feed.write_text(whole[: whole.index("<item><title>Two")] + "<item><title>Tw")
    items = read(str(feed), fetch=False)
    assert [p.source.url for p in pages(items)] == ["http://news.test/1"]


def test_an_empty_feed_gives_nothing_and_no_failure(tmp_path: Path) -> None:
    feed = tmp_path / "empty.rss"
    feed.write_text(rss([]))
    assert read(str(feed), fetch=False) == []
