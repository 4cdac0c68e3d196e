"""Screening stories against the UN list: the seed's target, the index, the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from spacy.language import Language

from wirewatch.analyze import analyze
from wirewatch.cli import main
from wirewatch.extract import extract
from wirewatch.model import Analysis, Article, Entity, Mention, RawPage, Source
from wirewatch.watch.screen import WatchlistIndex, screen, screened_names
from wirewatch.watch.watchlists import WatchlistEntry, load_watchlist


@pytest.fixture(scope="module")
def un_list(shared: Path) -> Path:
    return shared / "data" / "watchlists" / "un_consolidated_2017-07-03.xml"


@pytest.fixture(scope="module")
def index(un_list: Path) -> WatchlistIndex:
    entries = [e for e in load_watchlist(un_list) if isinstance(e, WatchlistEntry)]
    return WatchlistIndex(entries, name="un")


@pytest.fixture(scope="module")
def seed(seed_text: bytes, nlp: Language) -> Analysis:
    return analyze(extract(RawPage(Source(path="seed"), seed_text)), Source(path="seed"), nlp)


def test_the_seed_finds_chatayev_as_qdi_365_and_no_one_else(
    seed: Analysis, index: WatchlistIndex, seed_expected: dict[str, Any]
) -> None:
    hits = screen(seed, index)
    (want,) = seed_expected["watchlist_hits"]
    assert [(h.entity_name, h.ref) for h in hits] == [(want["entity"], want["reference"])]
    (hit,) = hits
    assert hit.listed_name == want["listed_name"]
    assert hit.entity_type == "PERSON"
    assert hit.evidence is not None and "Akhmed Chatayev" in hit.evidence.sentence
    paragraph = seed.article.paragraphs()[hit.evidence.paragraph]
    assert paragraph[hit.evidence.start : hit.evidence.end] == hit.evidence.sentence
    unlisted = {e["entity"] for e in seed_expected["watchlist_must_not"]}
    assert not unlisted & {h.entity_name for h in hits}


def _story(*names: tuple[str, str]) -> Analysis:
    """An article of one paragraph per name, each name one entity."""
    body = tuple(f"Officials said {text} was seen." for text, _ in names)
    entities = tuple(
        Entity(f"e{i}", text, kind, (Mention(text, i, 15, 15 + len(text)),))
        for i, (text, kind) in enumerate(names, start=1)
    )
    article = Article(title="Test", body=("Intro.", *body))
    return Analysis("id", Source(path="story"), article, entities)


def test_a_name_in_its_original_script_finds_the_entry(index: WatchlistIndex) -> None:
    hits = screen(_story(("Ахмед Чатаев", "PERSON")), index)
    assert [h.ref for h in hits] == ["QDi.365"]


def test_a_lone_surname_matches_no_one(index: WatchlistIndex) -> None:
    assert screen(_story(("Chatayev", "PERSON"), ("Odnorukiy", "PERSON")), index) == ()


def test_a_surname_is_screened_by_the_full_name_the_story_gives() -> None:
    entity = Entity(
        "e1",
        "Akhmed Chatayev",
        "PERSON",
        (Mention("Chatayev", 0, 0, 8), Mention("Akhmed Chatayev", 1, 0, 15)),
        aliases=("Chatayev",),
    )
    assert screened_names(entity, "PERSON") == ["Akhmed Chatayev"]


def test_organisations_and_aliases_are_screened(index: WatchlistIndex) -> None:
    hits = screen(_story(("al-Qaida in Iraq", "ORG"), ("AQI", "ORG")), index)
    assert {(h.entity, h.ref) for h in hits} == {("e1", "QDe.115"), ("e2", "QDe.115")}
    assert screen(_story(("ISIS", "ORG"), ("Islamic State", "ORG")), index) == ()


def test_places_and_others_are_not_screened(index: WatchlistIndex) -> None:
    assert screen(_story(("Akhmed Chatayev", "GPE")), index) == ()


def test_screen_prints_the_hits_as_json(un_list: Path, nlp: Language, shared: Path) -> None:
    page = shared / "seed" / "article.txt"
    result = CliRunner().invoke(main, ["screen", str(page), "--list", str(un_list), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["matcher"] == "names.v1"
    assert [h["reference"] for h in record["hits"]] == ["QDi.365"]
    assert record["hits"][0]["entity"]["name"] == "Akhmed Chatayev"


def test_screen_refuses_a_list_it_cannot_read(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Akhmed Chatayev was seen in Istanbul on Monday, officials said.", "utf-8")
    result = CliRunner().invoke(main, ["screen", str(page), "--list", str(tmp_path / "no.xml")])
    assert result.exit_code == 2
    assert "WW700" in result.stderr
