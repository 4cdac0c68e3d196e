"""`wirewatch follow`, `feed`, `alerts status`, `watchlist` and `screen --watchlist`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from wirewatch.cli import main
from wirewatch.model import Analysis
from wirewatch.store import open_store
from wirewatch.watch.feed import ATOM
from wirewatch.watch.follows import Follow, Match, Reason


def _cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_follows_are_added_listed_and_removed(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    status, output = _cli(
        "follow", "add", "--name", "tr", "--actors", "tur,rus", "--webhook",
        "https://hooks.example.org/ww", "--db", db,
    )  # fmt: skip
    assert status == 0, output
    assert "webhook secret (shown once): " in output
    secret = output.rsplit(": ", 1)[1].strip()
    with open_store(db) as store:
        assert store.follow_secret("tr") == secret
    status, output = _cli(
        "follow", "add", "--name", "is", "--entity", "Islamic State", "--feed",
        "--mode", "weekly", "--db", db,
    )  # fmt: skip
    assert status == 0, output
    status, output = _cli("follow", "list", "--json", "--db", db)
    rows = [json.loads(line) for line in output.splitlines()]
    assert [(r["name"], r["value"], r["channel"], r["mode"]) for r in rows] == [
        ("tr", "TUR,RUS", "webhook", "immediate"),
        ("is", "Islamic State", "feed", "weekly"),
    ]
    assert _cli("follow", "add", "--name", "tr", "--root", "03", "--feed", "--db", db)[0] == 2
    assert _cli("follow", "remove", "tr", "--db", db)[0] == 0
    status, output = _cli("follow", "remove", "tr", "--db", db)
    assert status == 2 and "WW753" in output


def test_add_wants_one_query_and_one_channel(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    status, output = _cli("follow", "add", "--name", "x", "--root", "03", "--db", db)
    assert status == 2 and "--email, --webhook, --feed" in output
    status, _ = _cli("follow", "add", "--name", "x", "--root", "3", "--plover", "AID", "--feed")
    assert status == 2
    status, output = _cli("follow", "add", "--name", "x", "--root", "99", "--feed", "--db", db)
    assert status == 2 and "WW751" in output


def test_the_feed_is_atom_with_the_evidence(
    tmp_path: Path, seed_analysis_for_follows: Analysis
) -> None:
    db = str(tmp_path / "store.db")
    seed = seed_analysis_for_follows
    with open_store(db) as store:
        store.add(seed, story_id=seed.id)
        follow = store.add_follow(Follow("tr", "actors", "TUR,RUS", "feed"))
        reason = Reason("event", "Turkey -> Russia", "Turkey & Russia <agree>.", 0)
        store.enqueue([Match(follow, seed.id, seed.id, (reason,))])
    out = tmp_path / "tr.atom"
    assert _cli("feed", "tr", "--output", out, "--db", db)[0] == 0
    root = etree.fromstring(out.read_bytes())
    assert root.tag == f"{{{ATOM}}}feed"
    [entry] = root.findall(f"{{{ATOM}}}entry")
    assert entry.findtext(f"{{{ATOM}}}title") == seed.article.title
    assert "Turkey & Russia <agree>." in (entry.findtext(f"{{{ATOM}}}summary") or "")
    assert (entry.findtext(f"{{{ATOM}}}id") or "").startswith("urn:wirewatch:alert:")
    status, output = _cli("alerts", "status", "--db", db)
    assert status == 0 and "sent 1" in output
    status, output = _cli("feed", "nobody", "--db", db)
    assert status == 2 and "WW753" in output


def test_screen_against_an_imported_watchlist(
    tmp_path: Path, un_list: Path, seed_text: bytes
) -> None:
    db = str(tmp_path / "store.db")
    assert _cli("watchlist", "import", un_list, "--name", "un", "--db", db)[0] == 0
    status, output = _cli("watchlist", "list", "--json", "--db", db)
    assert json.loads(output)["entries"] > 1000
    page = tmp_path / "seed.txt"
    page.write_bytes(seed_text)
    status, output = _cli("screen", page, "--watchlist", "un", "--db", db, "--json")
    assert status == 0, output
    record = json.loads(output)
    assert [(h["entity"]["name"], h["reference"]) for h in record["hits"]] == [
        ("Akhmed Chatayev", "QDi.365")
    ]
    status, output = _cli("screen", page, "--watchlist", "ofac", "--db", db)
    assert status == 2 and "WW754" in output
    assert _cli("screen", page)[0] == 2
