"""One entry point for every source: files, folders, stdin, URLs and URL lists."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest

from tests.ingest.local_web import LocalWeb, loopback_options
from tests.ingest.source_files import THREE, rss, warc_bytes
from tests.pages import html_page
from wirewatch import settings
from wirewatch.errors import WirewatchError
from wirewatch.ingest.fetch import FetchOptions
from wirewatch.ingest.sources import SourceOptions, iter_pages, kind_by_name
from wirewatch.model import RawPage, Source, SourceFailure

Items = list[RawPage | SourceFailure]
PAGE = html_page().encode()


def read(*args: str, **options: object) -> Items:
    values: dict[str, object] = {"fetch_options": loopback_options()}
    values.update(options)
    return list(iter_pages(args, options=SourceOptions(**values)))  # type: ignore[arg-type]


def pages(items: Items) -> list[RawPage]:
    return [i for i in items if isinstance(i, RawPage)]


def failures(items: Items) -> list[tuple[str, str]]:
    return [(i.source, i.code) for i in items if isinstance(i, SourceFailure)]


# --- files and folders --------------------------------------------------------------


def test_a_page_file_keeps_the_files_reader_behaviour(tmp_path: Path) -> None:
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(PAGE))
    [page] = read(str(path))
    assert isinstance(page, RawPage)
    assert (page.content, page.media_type, page.source) == (PAGE, "text/html", Source(str(path)))


def test_a_folder_gives_every_source_in_it_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "b" / "c.txt").write_text("A headline\n\nA paragraph of a story.\n")
    (tmp_path / "b" / "d.jsonl").write_text(json.dumps({"html": "<p>x</p>"}) + "\n")
    (tmp_path / "e.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.html").write_bytes(PAGE)
    items = read(str(tmp_path))
    assert [p.source.key() for p in pages(items)] == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "c.txt"),
        f"{tmp_path / 'b' / 'd.jsonl'}#line 1",
    ]


def test_an_empty_folder_is_ww107(tmp_path: Path) -> None:
    assert failures(read(str(tmp_path))) == [(str(tmp_path), "WW107")]


def test_a_missing_file_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_bytes(PAGE)
    items = read(str(tmp_path / "missing.html"), str(tmp_path / "missing.jsonl"), str(good))
    assert failures(items) == [
        (str(tmp_path / "missing.html"), "WW100"),
        (str(tmp_path / "missing.jsonl"), "WW100"),
    ]
    assert len(pages(items)) == 1


def test_a_page_over_the_size_cap_is_ww103(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 5000)
    assert failures(read(str(path), max_bytes=1000)) == [(str(path), "WW103")]


def test_a_page_on_standard_input(tmp_path: Path) -> None:
    [page] = read("-", stdin=io.BytesIO(gzip.compress(PAGE)))
    assert isinstance(page, RawPage)
    assert (page.content, page.source.path) == (PAGE, "-")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("x.urls", "urls"),
        ("x.jsonl.gz", "jsonl"),
        ("x.NDJSON", "jsonl"),
        ("x.json", "json"),
        ("CC-NEWS-2024.warc.gz", "warc"),
        ("x.arc", "warc"),
        ("x.html", None),
        ("x.txt", None),
        ("x.xml", None),
    ],
)
def test_names_that_settle_the_kind(name: str, kind: str | None) -> None:
    assert kind_by_name(name) == kind


# --- URLs ---------------------------------------------------------------------------


def test_a_url_argument_is_fetched(web: LocalWeb) -> None:
    url = web.page("/story", "Fetched story")
    [page] = read(url)
    assert isinstance(page, RawPage)
    assert (page.source.url, page.source.path) == (url, None)
    assert page.source.fetched is not None
    assert b"Fetched story" in page.content


def test_with_fetching_off_a_url_is_ww118(web: LocalWeb) -> None:
    url = web.page("/story")
    assert failures(read(url, fetch=False)) == [(url, "WW118")]
    assert web.requests == []


def test_other_schemes_are_ww110() -> None:
    assert failures(read("ftp://example.org/x", "file:///etc/passwd")) == [
        ("ftp://example.org/x", "WW110"),
        ("file:///etc/passwd", "WW110"),
    ]


def test_private_addresses_are_refused_unless_allowed(web: LocalWeb) -> None:
    url = web.page("/story")
    refused = read(url, fetch_options=FetchOptions())  # the defaults: private not allowed
    assert failures(refused) == [(url, "WW112")]
    assert web.requests == []
    assert len(pages(read(url))) == 1


def test_a_url_list_is_fetched_line_by_line(web: LocalWeb, tmp_path: Path) -> None:
    web.route("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    one, two = web.page("/one"), web.page("/two")
    listing = tmp_path / "today.urls"
    listing.write_text(
        f"# the morning's stories\n{one}\n\n  {two}  \nftp://x/y\nnot a url\n"
        f"{web.url('/private/p')}\n{web.url('/missing')}\n"
    )
    items = read(str(listing))
    assert [p.source.url for p in pages(items)] == [one, two]
    assert failures(items) == [
        (f"{listing}#line 5", "WW110"),
        (f"{listing}#line 6", "WW111"),
        (web.url("/private/p"), "WW113"),
        (web.url("/missing"), "WW115"),
    ]


def test_url_lists_named_in_the_options_are_read_after_the_arguments(
    web: LocalWeb, tmp_path: Path
) -> None:
    page = tmp_path / "local.html"
    page.write_bytes(PAGE)
    listing = tmp_path / "list.txt"  # a .txt would be a page; the option says otherwise
    listing.write_text(web.page("/a") + "\n")
    items = read(str(page), url_lists=(str(listing),))
    assert [p.source.path or p.source.url for p in pages(items)] == [str(page), web.url("/a")]


# --- resuming and settings ----------------------------------------------------------


def test_a_second_run_skips_every_page_the_first_one_gave(web: LocalWeb, tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes(PAGE)
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"text": "Story one."}) + "\n" + json.dumps({"text": "Two."}))
    args = (str(page), str(records), web.page("/story"))
    first = read(*args)
    done = {p.source.key() for p in pages(first)}
    assert len(done) == 4
    asked = len(web.requests)
    assert read(*args, seen=lambda source: source.key() in done) == []
    assert len(web.requests) == asked  # nothing fetched again


def test_options_come_from_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.toml"
    config.write_text("fetch_allow_private = true\nfetch_max_redirects = 2\n")
    loaded = settings.load(
        {
            "WIREWATCH_CONFIG": str(config),
            "WIREWATCH_FETCH": "off",
            "WIREWATCH_FETCH_TIMEOUT": "3.5",
            "WIREWATCH_FETCH_DELAY": "0",
            "WIREWATCH_USER_AGENT": "wirewatch-test/1",
            "WIREWATCH_MAX_PAGE_BYTES": "1234",
        }
    )
    options = SourceOptions.from_settings(loaded)
    assert (options.fetch, options.max_bytes) == (False, 1234)
    assert options.fetch_options == FetchOptions(
        timeout=3.5,
        delay=0.0,
        max_redirects=2,
        allow_private=True,
        user_agent="wirewatch-test/1",
        max_bytes=1234,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FETCH", "maybe"),
        ("FETCH_TIMEOUT", "0"),
        ("FETCH_DELAY", "-1"),
        ("FETCH_MAX_REDIRECTS", "-1"),
        ("FETCH_TIMEOUT", "nan"),
    ],
)
def test_fetch_settings_that_do_not_parse_are_ww001(tmp_path: Path, name: str, value: str) -> None:
    config = tmp_path / "wirewatch.toml"
    config.write_text("")
    with pytest.raises(WirewatchError) as caught:
        settings.load({"WIREWATCH_CONFIG": str(config), f"WIREWATCH_{name}": value})
    assert caught.value.code == "WW001"


def test_source_keys() -> None:
    assert Source(path="a.html").key() == "a.html"
    assert Source(path="d.jsonl", url="https://x/", record="line 3").key() == "d.jsonl#line 3"
    assert Source(url="https://x/y").key() == "https://x/y"
    assert Source(path="w.warc", record="urn:uuid:1").to_json() == {
        "path": "w.warc",
        "record": "urn:uuid:1",
        "fetched": None,
    }


def test_nothing_raises_past_one_bad_input(tmp_path: Path) -> None:
    junk = [tmp_path / name for name in ("a.warc.gz", "b.jsonl", "c.json", "d.rss", "e.urls")]
    for path in junk:
        path.write_bytes(b"\x1f\x8b\x08\x00garbage\xff\xfe" * 3)
    items = read(*map(str, junk), fetch=False)
    assert pages(items) == []
    assert {source.split("#")[0] for source, _ in failures(items)} == set(map(str, junk))


def test_standard_input_is_never_skipped_as_done() -> None:
    items = read("-", stdin=io.BytesIO(PAGE), seen=lambda source: True)
    assert len(pages(items)) == 1


def test_damaged_inputs_of_every_kind_never_raise(tmp_path: Path) -> None:
    """Random damage (bytes changed, cut, spliced) to each kind: failures, never exceptions."""
    rng = random.Random(6)
    whole = {
        "a.warc": warc_bytes(THREE, gz=False),
        "a.warc.gz": warc_bytes(THREE, gz=True),
        "a.jsonl.gz": gzip.compress(b'{"url": "u", "html": "<p>x</p>"}\n' * 5),
        "a.json": json.dumps([{"html": "<p>x</p>"}] * 3).encode(),
        "f.rss": rss(
            [("A", "http://news.test/a", "<p>x</p>"), ("B", "http://news.test/b", None)]
        ).encode(),
        "l.urls": b"http://news.test/a\nftp://x\nhttp://[::1\n",
    }
    for _ in range(150):
        name, data = rng.choice(sorted(whole.items()))
        damaged = _damage(bytearray(data), rng)
        path = tmp_path / name
        path.write_bytes(damaged)
        for args, stdin in (([str(path)], None), (["-"], io.BytesIO(damaged))):
            for item in iter_pages(args, options=SourceOptions(fetch=False, stdin=stdin)):
                assert isinstance(item, RawPage | SourceFailure)


def _damage(data: bytearray, rng: random.Random) -> bytes:
    how = rng.randrange(3)
    if how == 0:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if how == 1:
        return bytes(data[: rng.randrange(len(data))])
    start = rng.randrange(len(data))
    noise = bytes(rng.randrange(256) for _ in range(rng.randint(0, 50)))
    return bytes(data[:start] + noise + data[start + rng.randint(1, 200) :])
