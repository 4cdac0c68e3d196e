"""`wirewatch run` into a real store, SQLite and PostgreSQL: idempotent, resumable,
stories grouped, bad pages recorded while the batch goes on."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.run.run_rows import rows
from wirewatch.cli import main
from wirewatch.store import open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
WIREWATCH = Path(sys.executable).with_name("wirewatch")


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["run", *map(str, args), "--no-progress"])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture
def pages(tmp_path: Path, seed_text: bytes) -> Path:
    """The example pages and the seed: five articles."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in EXAMPLES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "seed.txt").write_bytes(seed_text)
    return folder


def test_a_second_run_adds_nothing(pages: Path, store_url: str) -> None:
    status, output = _run(pages, "--db", store_url)
    assert status == 0, output
    assert "added      5 articles" in output
    with open_store(store_url) as store:
        first = rows(store)
        assert store.stats()["articles"] == 5
    status, output = _run(pages, "--db", store_url)
    assert status == 0
    assert "skipped    5" in output
    assert "added      0 articles" in output
    with open_store(store_url) as store:
        assert rows(store) == first


def test_copies_of_one_wire_story_are_one_story_and_every_copy_is_kept(
    tmp_path: Path, seed_text: bytes, store_url: str
) -> None:
    folder = tmp_path / "outlets"
    folder.mkdir()
    (folder / "a-reuters.txt").write_bytes(seed_text)
    (folder / "b-same-text.txt").write_bytes(seed_text)
    edited = seed_text.replace(b"Turkey", b"Turkiye", 1) + b"\n\nEditing by another desk.\n"
    (folder / "c-edited.txt").write_bytes(edited)
    status, output = _run(folder, "--db", store_url)
    assert status == 0, output
    with open_store(store_url) as store:
        stats = store.stats()
    assert (stats["articles"], stats["pages"], stats["stories"]) == (2, 3, 1)


def test_bad_pages_are_recorded_and_the_batch_goes_on(
    tmp_path: Path, seed_text: bytes, store_url: str
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "corrupt.html.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 64)
    (folder / "good.txt").write_bytes(seed_text)
    status, output = _run(folder, "--db", store_url)
    assert status == 1
    assert "failed     " in output
    with open_store(store_url) as store:
        assert store.stats()["articles"] == 1
        failed = {Path(e.source).name: e.code for e in store.errors()}
        assert failed["empty.html"] == "WW101"
        assert failed["image.html"] == "WW102"
        assert failed["corrupt.html.gz"] == "WW104"
        before = store.stats()["errors"]
    _run(folder, "--db", store_url)
    with open_store(store_url) as store:
        assert store.stats()["errors"] == before


def test_two_workers_store_the_rows_one_worker_does(
    pages: Path, tmp_path: Path, store_url: str
) -> None:
    single = f"sqlite:///{tmp_path / 'single.db'}"
    assert _run(pages, "--db", single)[0] == 0
    status, output = _run(pages, "--db", store_url, "--workers", "2")
    assert status == 0, output
    with open_store(single) as one, open_store(store_url) as two:
        assert rows(two) == rows(one)


def _stored_articles(url: str) -> int:
    try:
        with open_store(url, create=False) as store:
            return store.stats()["articles"]
    except Exception:  # the store is still being created by the run
        return 0


def _killed_run(folder: Path, url: str, after: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    command = [str(WIREWATCH), "run", str(folder), "--db", url, "--no-progress"]
    with subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL) as proc:
        deadline = time.monotonic() + 120
        while _stored_articles(url) < after and proc.poll() is None:
            assert time.monotonic() < deadline, "the run stored nothing in two minutes"
            time.sleep(0.05)
        # A little later than the article seen, so that some kills land mid-write.
        time.sleep(random.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)


def test_a_run_killed_with_sigkill_resumes_to_the_rows_of_a_clean_run(
    pages: Path, tmp_path: Path, store_url: str
) -> None:
    for n in range(1, 4):  # copies of the text pages: more articles, more moments to kill at
        for path in [*pages.glob("*.txt")]:
            text = path.read_bytes().replace(b" said", f" said ({n})".encode(), 1)
            (pages / f"{path.stem}-{n}.txt").write_bytes(text)
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    assert _run(pages, "--db", clean)[0] == 0
    _killed_run(pages, store_url, after=2)
    _killed_run(pages, store_url, after=5)
    status, output = _run(pages, "--db", store_url)
    assert status == 0, output
    with open_store(clean) as done, open_store(store_url) as resumed:
        assert rows(resumed) == rows(done)
        assert resumed.stats()["articles"] >= 10
