"""The polite fetcher against a real HTTP server on loopback."""

from __future__ import annotations

import gzip
import itertools
import socket
import time
import tracemalloc
from collections.abc import Iterator

import pytest

from tests.ingest.local_web import LocalWeb, gzip_bomb, loopback_options
from wirewatch.errors import WirewatchError
from wirewatch.ingest.fetch import Fetcher, FetchOptions, checked_url, is_public


def refused(fetcher: Fetcher, url: str) -> WirewatchError:
    with pytest.raises(WirewatchError) as caught:
        fetcher.get(url)
    return caught.value


# --- a plain fetch ------------------------------------------------------------------


def test_a_page_is_fetched_with_a_user_agent_naming_wirewatch(
    web: LocalWeb, fetcher: Fetcher
) -> None:
    url = web.page("/story", "Turkey and Russia")
    got = fetcher.get(url)
    assert (got.status, got.url, got.final_url) == (200, url, url)
    assert b"Turkey and Russia" in got.content
    assert got.media_type == "text/html; charset=utf-8"
    assert got.fetched.tzinfo is not None
    assert web.paths() == ["/robots.txt", "/story"]
    assert web.requests[1].headers["User-Agent"].startswith("wirewatch/")


def test_a_gzipped_body_is_decoded(web: LocalWeb, fetcher: Fetcher) -> None:
    body = b"<html><p>packed</p></html>" * 100
    url = web.route("/gz", gzip.compress(body), headers={"Content-Encoding": "gzip"})
    assert fetcher.get(url).content == body


def test_an_unknown_content_encoding_is_ww119(web: LocalWeb, fetcher: Fetcher) -> None:
    url = web.route("/zz", b"??", headers={"Content-Encoding": "zstd-of-the-future"})
    assert refused(fetcher, url).code == "WW119"


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_an_error_status_is_ww115_with_the_status(
    web: LocalWeb, fetcher: Fetcher, status: int
) -> None:
    url = web.route("/gone", b"no", status=status)
    error = refused(fetcher, url)
    assert error.code == "WW115"
    assert str(status) in error.detail


def test_a_closed_port_is_ww117() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with Fetcher(loopback_options()) as fetcher:
        assert refused(fetcher, f"http://127.0.0.1:{port}/").code == "WW117"


# --- robots.txt ---------------------------------------------------------------------

ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: wirewatch\nDisallow: /no-bots/\n"


def test_robots_txt_disallow_is_respected_and_the_page_never_asked_for(
    web: LocalWeb, fetcher: Fetcher
) -> None:
    web.route("/robots.txt", "User-agent: wirewatch\nDisallow: /private/\n")
    web.page("/private/memo")
    allowed = web.page("/public/story")
    assert refused(fetcher, web.url("/private/memo")).code == "WW113"
    assert fetcher.get(allowed).status == 200
    assert "/private/memo" not in web.paths()


def test_robots_txt_is_read_once_per_host(web: LocalWeb, fetcher: Fetcher) -> None:
    web.route("/robots.txt", "User-agent: *\nAllow: /\n")
    for name in ("/a", "/b", "/c"):
        fetcher.get(web.page(name))
    assert web.paths().count("/robots.txt") == 1


def test_robots_txt_rules_for_other_agents_do_not_apply(web: LocalWeb, fetcher: Fetcher) -> None:
    web.route("/robots.txt", "User-agent: otherbot\nDisallow: /\n")
    assert fetcher.get(web.page("/story")).status == 200


def test_an_unreachable_robots_txt_allows_nothing(web: LocalWeb, fetcher: Fetcher) -> None:
    web.route("/robots.txt", b"down", status=503)
    web.page("/story")
    assert refused(fetcher, web.url("/story")).code == "WW113"
    assert "/story" not in web.paths()


def test_a_forbidden_robots_txt_means_no_rules(web: LocalWeb, fetcher: Fetcher) -> None:
    web.route("/robots.txt", b"no", status=403)
    assert fetcher.get(web.page("/story")).status == 200


def test_crawl_delay_is_honoured_between_requests_to_the_host(web: LocalWeb) -> None:
    web.route("/robots.txt", "User-agent: *\nCrawl-delay: 2\n")
    waits: list[float] = []
    with Fetcher(loopback_options(), sleep=waits.append) as fetcher:
        fetcher.get(web.page("/a"))
        fetcher.get(web.page("/b"))
    # robots.txt, then /a, then /b: two waits, each the rest of the two seconds.
    assert len(waits) == 2
    assert all(1.5 < wait <= 2.0 for wait in waits)


def test_the_per_host_delay_spaces_requests_out(web: LocalWeb) -> None:
    with Fetcher(loopback_options(delay=0.2)) as fetcher:
        fetcher.get(web.page("/a"))
        fetcher.get(web.page("/b"))
    times = [r.at for r in web.requests]
    assert len(times) == 3
    assert all(later - earlier >= 0.19 for earlier, later in itertools.pairwise(times))


# --- redirects ----------------------------------------------------------------------


def test_redirects_are_followed_to_the_final_page(web: LocalWeb, fetcher: Fetcher) -> None:
    final = web.page("/final")
    web.redirect("/two", "/final", status=301)
    start = web.redirect("/one", web.url("/two"))
    got = fetcher.get(start)
    assert (got.url, got.final_url) == (start, final)


def test_more_redirects_than_allowed_is_ww114(web: LocalWeb) -> None:
    web.page("/end")
    for hop in range(4):
        web.redirect(f"/r{hop}", f"/r{hop + 1}" if hop < 3 else "/end")
    with Fetcher(loopback_options(max_redirects=3)) as fetcher:
        assert fetcher.get(web.url("/r1")).final_url == web.url("/end")  # three: allowed
        assert refused(fetcher, web.url("/r0")).code == "WW114"


def test_a_redirect_loop_is_ww114(web: LocalWeb, fetcher: Fetcher) -> None:
    web.redirect("/ping", "/pong")
    web.redirect("/pong", "/ping")
    assert refused(fetcher, web.url("/ping")).code == "WW114"


def test_a_redirect_into_a_disallowed_path_is_refused(web: LocalWeb, fetcher: Fetcher) -> None:
    web.route("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    web.page("/private/memo")
    assert refused(fetcher, web.redirect("/go", "/private/memo")).code == "WW113"
    assert "/private/memo" not in web.paths()


def test_a_redirect_to_another_scheme_is_ww110(web: LocalWeb, fetcher: Fetcher) -> None:
    assert refused(fetcher, web.redirect("/go", "ftp://127.0.0.1/file")).code == "WW110"


def test_a_redirect_to_an_address_not_allowed_is_ww112(web: LocalWeb) -> None:
    # Only the server's own address may be dialled; 127.0.0.2 is loopback too, so
    # a check skipped on the second hop would connect (and fail with WW117).
    target = f"http://127.0.0.2:{web.port}/inside"
    with Fetcher(loopback_options(), allowed=lambda address: address == "127.0.0.1") as fetcher:
        assert refused(fetcher, web.redirect("/go", target)).code == "WW112"


# --- private addresses --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
    ],
)
def test_private_and_loopback_addresses_are_refused_by_default(url: str) -> None:
    with Fetcher(FetchOptions(timeout=1.0)) as fetcher:
        error = refused(fetcher, url)
    assert error.code == "WW112"
    assert error.source == url


def test_the_local_server_is_refused_when_private_addresses_are_not_allowed(
    web: LocalWeb,
) -> None:
    with Fetcher(FetchOptions(timeout=1.0)) as fetcher:
        assert refused(fetcher, web.page("/story")).code == "WW112"
    assert web.requests == []  # not even robots.txt was asked for


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("10.0.0.1", False),
        ("127.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:10.0.0.1", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
    ],
)
def test_addresses_are_told_apart_without_the_network(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://example.org/file", "WW110"),
        ("file:///etc/passwd", "WW110"),
        ("javascript:alert(1)", "WW110"),
        ("http://", "WW111"),
        ("not a url", "WW111"),
    ],
)
def test_only_http_and_https_urls_are_fetched(url: str, code: str) -> None:
    with pytest.raises(WirewatchError) as caught:
        checked_url(url)
    assert caught.value.code == code


# --- limits -------------------------------------------------------------------------


def test_a_server_too_slow_to_answer_is_ww116(web: LocalWeb) -> None:
    url = web.route("/slow", b"late", delay=1.5)
    with Fetcher(loopback_options(timeout=0.4)) as fetcher:
        started = time.monotonic()
        assert refused(fetcher, url).code == "WW116"
    assert time.monotonic() - started < 1.4


def test_a_body_dribbled_out_past_the_deadline_is_ww116(web: LocalWeb) -> None:
    def drip() -> Iterator[bytes]:
        for _ in range(40):
            time.sleep(0.1)
            yield b"x"

    url = web.route("/drip", stream=drip)
    with Fetcher(loopback_options(timeout=0.3)) as fetcher:
        started = time.monotonic()
        assert refused(fetcher, url).code == "WW116"
    assert time.monotonic() - started < 2.0


def test_a_declared_length_over_the_cap_is_refused_unread(web: LocalWeb) -> None:
    url = web.route("/big", b"x" * 300_000)
    with Fetcher(loopback_options(max_bytes=100_000)) as fetcher:
        error = refused(fetcher, url)
    assert (error.code, "300,000" in error.detail) == ("WW103", True)


def test_a_huge_streamed_body_stops_at_the_cap(web: LocalWeb) -> None:
    def endless() -> Iterator[bytes]:
        for _ in range(2000):
            yield b"y" * 65536  # 128 MiB, if anyone read it all

    url = web.route("/huge", stream=endless)
    with Fetcher(loopback_options(max_bytes=1_000_000)) as fetcher:
        assert refused(fetcher, url).code == "WW103"


def test_a_gzip_bomb_stops_at_the_cap_with_memory_bounded(web: LocalWeb) -> None:
    url = web.route("/bomb", gzip_bomb(50_000_000), headers={"Content-Encoding": "gzip"})
    with Fetcher(loopback_options(max_bytes=1_000_000)) as fetcher:
        tracemalloc.start()
        try:
            assert refused(fetcher, url).code == "WW103"
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 8_000_000
