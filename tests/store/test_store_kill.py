"""A writer killed with SIGKILL leaves whole articles only, and a rerun completes the store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from wirewatch.store import open_store
from wirewatch.store import schema as t

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 150
EVENTS = 6

# Writes ARTICLES analyses of EVENTS events each, skipping sources already stored
# (as a resumed run does), and prints a line after each article it stores.
WRITER = f"""
import sys
from tests.store.store_records import analysis, event, person
from wirewatch.store import open_store

store = open_store(sys.argv[1])
actor = ("Turkey", "TUR", "TUR")
for n in range({ARTICLES}):
    url = f"https://example.org/{{n}}"
    if store.has_source(url):
        continue
    found = analysis(
        f"Story {{n}}",
        *(f"Paragraph {{p}} of story {{n}} about Ankara and Moscow." for p in range(20)),
        url=url,
        entities=tuple(person(f"e{{i}}", f"Person {{n}} {{i}}", "TUR") for i in range(8)),
        events=tuple(event(actor, ("Russia", "RUS", "RUS"), "042") for _ in range({EVENTS})),
    )
    store.add(found, story_id=f"s{{n % 7}}")
    print(n, flush=True)
"""


def _writer(url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", WRITER, url]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)


def _whole(url: str) -> int:
    """The number of articles stored; asserts that each is stored whole."""
    with open_store(url) as store, store.engine.connect() as conn:
        articles = conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one()
        per_article = conn.execute(
            sa.select(t.events.c.article_id, sa.func.count()).group_by(t.events.c.article_id)
        ).all()
        counts = store.stats()
    assert all(count == EVENTS for _, count in per_article)
    assert len(per_article) == articles == counts["pages"]
    assert counts["events"] == articles * EVENTS
    return int(articles)


def test_a_killed_writer_leaves_whole_articles_and_a_rerun_completes(store_url: str) -> None:
    open_store(store_url).close()  # migrate first, so the kill lands among article writes
    writer = _writer(store_url)
    assert writer.stdout is not None
    for _ in range(30):
        writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    stored = _whole(store_url)
    assert 30 <= stored < ARTICLES
    rerun = _writer(store_url)
    rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert _whole(store_url) == ARTICLES
    with open_store(store_url) as store:
        before = store.stats()
    again = _writer(store_url)
    again.communicate(timeout=120)
    with open_store(store_url) as store:
        assert store.stats() == before
