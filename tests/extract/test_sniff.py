"""Telling binary from text and HTML from scraped text, fast on hostile input."""

from __future__ import annotations

import gzip
import random
import time

import pytest

from tests.pages import html_page, text_page
from wirewatch.errors import WirewatchError
from wirewatch.extract import extract
from wirewatch.extract.sniff import binary_kind, kind_of, looks_binary
from wirewatch.model import RawPage, Source


def extract_bytes(raw: bytes) -> object:
    return extract(RawPage(Source(path="page"), raw))


def error_code(raw: bytes) -> str:
    with pytest.raises(WirewatchError) as caught:
        extract_bytes(raw)
    return caught.value.code


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"%PDF-1.7\n", "PDF document"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (gzip.compress(b"<html></html>"), "gzip archive"),
        (b"BZh91AY&SY\x00\x00", "bzip2 archive"),
        (b"\x28\xb5\x2f\xfd\x00", "zstd archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "Microsoft Office document"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_binary_formats_are_named_by_their_signature(raw: bytes, kind: str) -> None:
    assert binary_kind(raw) == kind
    assert error_code(raw + b"\x00" * 64) == "WW102"


def test_pages_are_not_binary() -> None:
    assert binary_kind(html_page().encode()) is None
    assert not looks_binary(html_page())
    assert not looks_binary(text_page())


@pytest.mark.parametrize("size", [64, 256, 1000, 5000, 20_000])
def test_random_bytes_are_refused_as_binary(size: int) -> None:
    rng = random.Random(size)
    for _ in range(20):
        raw = bytes(rng.getrandbits(8) for _ in range(size))
        assert error_code(raw) == "WW102"


@pytest.mark.parametrize(
    "raw", [b"\x00", b"\x00\x00\x00", b"\x00 \x01\n\x02\x03" * 3], ids=["nul", "nuls", "mixed"]
)
def test_a_page_of_nothing_but_control_bytes_is_binary(raw: bytes) -> None:
    assert error_code(raw) == "WW102"


def test_a_few_nul_bytes_in_a_page_are_dropped_not_refused() -> None:
    raw = html_page().replace("grain corridor", "grain\x00 corridor").encode()
    article = extract_bytes(raw)
    assert "\x00" not in repr(article)
    assert "grain corridor" in getattr(article, "title", "")


def test_control_characters_never_reach_the_article() -> None:
    paragraph = (
        "Officials\x01 said &#1;the &#x7f;talks\x0b would go on next week in the capital, "
        "the ministry said on Monday in a statement.\x1f"
    )
    article = extract_bytes(html_page(paragraphs=(paragraph,)).encode())
    body = getattr(article, "body", ())
    assert body == (
        "Officials said the talks would go on next week in the capital, "
        "the ministry said on Monday in a statement.",
    )


def test_html_and_scraped_text_are_told_apart() -> None:
    assert kind_of(html_page()) == "html"
    assert kind_of("<!-- generated -->\n<!-- cached -->\n" + html_page()) == "html"
    assert kind_of(text_page()) == "text"


@pytest.mark.parametrize(
    "text",
    [
        # Backtracking into the comments was exponential: 26 took seconds, 40 hours.
        "<!---->" * 26 + "x",
        "<!-- a -->\n" * 26 + "<p>x",
        "<!--" * 16000,
        "<p" * 40_000,  # an unclosed tag scanned to the end of the page, each time
        "<div " * 20_000,
    ],
    ids=["empty-comments", "comments", "unclosed-comments", "unclosed-p", "unclosed-div"],
)
def test_telling_html_from_text_stays_fast_on_hostile_markup(text: str) -> None:
    started = time.perf_counter()
    kind_of(text)
    assert time.perf_counter() - started < 0.5
