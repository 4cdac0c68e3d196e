"""Reading pages from files, folders, gzip and standard input, with memory bounded."""

from __future__ import annotations

import gzip
import io
import os
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pages import html_page
from wirewatch.errors import WirewatchError
from wirewatch.ingest.files import expand, media_type_of, page_files, read_page
from wirewatch.model import RawPage

PAGE = html_page().encode()
MB = 1 << 20


def read(path: Path | str, max_bytes: int = 20_000_000) -> RawPage:
    return read_page(str(path), max_bytes=max_bytes)


def failure(path: Path | str, max_bytes: int = 20_000_000) -> WirewatchError:
    with pytest.raises(WirewatchError) as caught:
        read(path, max_bytes)
    return caught.value


def notice_codes(page: RawPage) -> list[str]:
    return [n.code for n in page.notices]


class PeakMemory:
    """Peak bytes allocated by Python inside a `with` block (tracemalloc)."""

    peak = 0

    def __enter__(self) -> PeakMemory:
        tracemalloc.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


# --- gzip ---------------------------------------------------------------------------


def test_gzip_is_recognised_by_its_magic_bytes_not_its_name(tmp_path: Path) -> None:
    disguised = tmp_path / "page.html"
    disguised.write_bytes(gzip.compress(PAGE))
    page = read(disguised)
    assert (page.content, notice_codes(page)) == (PAGE, [])
    assert page.media_type == "text/html"


def test_a_gz_name_on_plain_bytes_is_read_as_plain(tmp_path: Path) -> None:
    plain = tmp_path / "page.html.gz"
    plain.write_bytes(PAGE)
    assert read(plain).content == PAGE


def test_truncated_gzip_gives_what_it_holds_and_ww150(tmp_path: Path) -> None:
    packed = gzip.compress(PAGE * 20)
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    page = read(cut)
    assert notice_codes(page) == ["WW150"]
    assert len(page.content) > 100
    assert (PAGE * 20).startswith(page.content)


def test_gzip_cut_inside_its_header_is_corrupt(tmp_path: Path) -> None:
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(PAGE)[:6])
    assert failure(cut).code == "WW104"


def test_corrupt_gzip_gives_ww104(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.html.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4)
    error = failure(corrupt)
    assert error.code == "WW104"
    assert error.source == str(corrupt)


def test_gzip_damaged_part_way_keeps_what_came_before(tmp_path: Path) -> None:
    original = b"".join(b"<p>paragraph %d</p>\n" % i for i in range(50_000))
    packed = bytearray(gzip.compress(original))
    packed[len(packed) // 2 : len(packed) // 2 + 64] = bytes(64)
    damaged = tmp_path / "damaged.html.gz"
    damaged.write_bytes(bytes(packed))
    page = read(damaged)
    assert notice_codes(page) == ["WW150"]
    assert original.startswith(page.content[:1000])


def test_gzip_of_several_members_gives_them_all(tmp_path: Path) -> None:
    # `cat a.gz b.gz > c.gz` is one valid gzip file; gunzip prints both.
    joined = tmp_path / "joined.html.gz"
    joined.write_bytes(gzip.compress(b"<p>first</p>") + gzip.compress(b"<p>second</p>"))
    assert read(joined).content == b"<p>first</p><p>second</p>"


def test_gzip_padded_with_zeros_is_read_without_a_warning(tmp_path: Path) -> None:
    padded = tmp_path / "padded.html.gz"
    padded.write_bytes(gzip.compress(PAGE) + bytes(512))
    page = read(padded)
    assert (page.content, notice_codes(page)) == (PAGE, [])


def bomb_chunks(total: int) -> Iterator[bytes]:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    for _ in range(total // MB):
        yield packer.compress(zeros)
    yield packer.flush()


def test_gzip_bomb_stops_at_the_limit_with_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with bomb.open("wb") as out:
        for chunk in bomb_chunks(200 * MB):
            out.write(chunk)
    assert bomb.stat().st_size < 1 * MB
    with PeakMemory() as memory:
        error = failure(bomb, max_bytes=2 * MB)
    assert error.code == "WW103"
    assert "unpacked" in error.detail
    assert memory.peak < 8 * MB


def test_gzip_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    packed = tmp_path / "packed.html.gz"
    packed.write_bytes(gzip.compress(PAGE))
    assert read(packed, max_bytes=len(PAGE)).content == PAGE
    assert failure(packed, max_bytes=len(PAGE) - 1).code == "WW103"


# --- size limit -------------------------------------------------------------------------


def test_file_over_the_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as out:  # sparse: 4 GB on paper, nothing on disk
        out.truncate(4 << 30)
    with PeakMemory() as memory:
        error = failure(huge, max_bytes=20_000_000)
    assert error.code == "WW103"
    assert memory.peak < 1 * MB


def test_file_exactly_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    assert read(page, max_bytes=len(PAGE)).content == PAGE
    assert failure(page, max_bytes=len(PAGE) - 1).code == "WW103"


def test_a_limit_far_above_the_page_costs_nothing(tmp_path: Path) -> None:
    # One read() of the whole limit asks for it all up front: a MemoryError here.
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    assert read(page, max_bytes=1 << 50).content == PAGE


def test_stream_over_the_limit_is_refused_with_bounded_memory() -> None:
    stream = io.BytesIO(bytes(30 * MB))
    with PeakMemory() as memory, pytest.raises(WirewatchError) as caught:
        read_page("-", max_bytes=2 * MB, stdin=stream)
    assert caught.value.code == "WW103"
    assert memory.peak < 8 * MB


def test_unbounded_device_is_refused_at_the_limit() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    assert failure("/dev/zero", max_bytes=MB).code == "WW103"


# --- standard input ---------------------------------------------------------------------


def test_standard_input_is_read_and_gunzipped() -> None:
    page = read_page("-", max_bytes=MB, stdin=io.BytesIO(gzip.compress(PAGE)))
    assert (page.content, page.source.path, page.media_type) == (PAGE, "-", None)


# --- paths that are not readable pages -------------------------------------------------


def test_missing_path_is_ww100(tmp_path: Path) -> None:
    assert failure(tmp_path / "missing.html").code == "WW100"


def test_path_through_a_file_is_ww100(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    assert failure(page / "inner.html").code == "WW100"


def test_folder_where_a_file_was_expected_is_ww106(tmp_path: Path) -> None:
    error = failure(tmp_path)
    assert (error.code, error.detail) == ("WW106", "a folder, not a file")


def test_unreadable_file_is_ww106(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading")
    locked = tmp_path / "locked.html"
    locked.write_bytes(PAGE)
    locked.chmod(0)
    try:
        error = failure(locked)
    finally:
        locked.chmod(0o600)
    assert error.code == "WW106"
    assert "ermission" in error.detail


def test_broken_symbolic_link_is_ww100(tmp_path: Path) -> None:
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "gone.html")
    assert failure(link).code == "WW100"


# --- folders -----------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for name in [
        "b.html",
        "a.htm",
        "A.HTML",
        "c.txt",
        "d.html.gz",
        "notes.md",
        "image.png",
        "page.php",
        ".hidden.html",
        "sub/z.xhtml",
        "sub/deeper/y.text",
        "sub-b/x.html",
        ".git/objects/x.html",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PAGE)


def test_folder_gives_its_page_files_recursively_in_sorted_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = [Path(p).relative_to(tmp_path).as_posix() for p in page_files(str(tmp_path))]
    assert found == [
        "A.HTML",
        "a.htm",
        "b.html",
        "c.txt",
        "d.html.gz",
        "sub/deeper/y.text",
        "sub/z.xhtml",
        "sub-b/x.html",
    ]


def test_folder_skips_what_cannot_be_read_as_a_page_file(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path)  # a link back up the tree must not loop
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    os.mkfifo(tmp_path / "fifo.html")  # opening it would wait for a writer forever
    (tmp_path / "real.html").write_bytes(PAGE)
    assert page_files(str(tmp_path)) == [str(tmp_path / "real.html")]


def test_expand_keeps_files_and_standard_input_as_given(tmp_path: Path) -> None:
    make_tree(tmp_path / "folder")
    args = ["-", str(tmp_path / "named.whatever"), str(tmp_path / "folder" / "sub")]
    assert list(expand(args)) == [
        "-",
        str(tmp_path / "named.whatever"),
        str(tmp_path / "folder" / "sub" / "deeper" / "y.text"),
        str(tmp_path / "folder" / "sub" / "z.xhtml"),
    ]


def test_empty_folder_has_no_page_files(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("not a page")
    assert page_files(str(tmp_path)) == []


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("a.html", "text/html"),
        ("a.HTM.gz", "text/html"),
        ("a.xhtml", "text/html"),
        ("a.txt", "text/plain"),
        ("a.text.gz", "text/plain"),
        ("a.php", None),
        ("-", None),
    ],
)
def test_media_type_hint_comes_from_the_name(name: str, media_type: str | None) -> None:
    assert media_type_of(name) == media_type
