"""The analysis stage end to end: the contract's shape, its offsets, and the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from spacy.language import Language

from wirewatch.analyze import analysis_id, analyze, analyze_many
from wirewatch.cli import main
from wirewatch.extract import extract
from wirewatch.model import Analysis, Article, RawPage, Source

STORY = (
    "<html><head><title>Ministers meet in Geneva</title></head><body><article>"
    "<h1>Ministers meet in Geneva</h1>"
    "<p>GENEVA (Reuters) - French Foreign Minister Marie Dupont met Kenyan President "
    "John Mwangi in Geneva on Tuesday, the French foreign ministry said.</p>"
    '<p>"We agreed to work together on trade," Dupont told reporters after the talks.</p>'
    "<p>Mwangi said Kenya would send a delegation to Paris next month.</p>"
    "</article></body></html>"
)


@pytest.fixture(scope="module")
def seed(seed_text: bytes, nlp: Language) -> Analysis:
    return analyze(extract(RawPage(Source(path="seed"), seed_text)), Source(path="seed"), nlp)


def test_the_seed_analysis_is_in_the_contract(seed: Analysis) -> None:
    record = seed.to_json()
    assert record["schema"] == "wirewatch.analysis/1"
    assert set(record) == {"schema", "id", "source", "article", "entities", "quotes", "events"}
    assert len(record["id"]) == 64
    assert record["entities"] and record["quotes"]


def test_every_mention_offset_points_at_its_text(seed: Analysis) -> None:
    paragraphs = seed.article.paragraphs()
    for entity in seed.entities:
        for mention in entity.mentions:
            assert paragraphs[mention.paragraph][mention.start : mention.end] == mention.text


def test_every_quote_offset_lies_in_its_paragraph(seed: Analysis) -> None:
    paragraphs = seed.article.paragraphs()
    for quote in seed.quotes:
        assert 0 <= quote.start < quote.end <= len(paragraphs[quote.paragraph])


def test_entity_ids_are_unique_and_speakers_name_them(seed: Analysis) -> None:
    ids = [e.id for e in seed.entities]
    assert len(ids) == len(set(ids))
    speakers = {q.speaker.entity for q in seed.quotes if q.speaker and q.speaker.entity}
    assert speakers <= set(ids)


def test_the_id_ignores_white_space_but_not_words() -> None:
    one = Article(title="Talks", body=("Turkey and Russia met.",))
    spaced = Article(title="Talks ", body=("Turkey  and Russia\nmet.",))
    other = Article(title="Talks", body=("Turkey and Iran met.",))
    assert analysis_id(one) == analysis_id(spaced) != analysis_id(other)


def test_a_stream_gives_one_analysis_per_article_in_order(nlp: Language) -> None:
    articles = [
        Article(title=f"Story {n}", body=(f"Paragraph one of story {n}.", "Another one."))
        for n in range(5)
    ]
    pages = [(Source(path=f"p{n}"), a) for n, a in enumerate(articles)]
    out = list(analyze_many(pages, nlp, batch_size=2))
    assert [a.source.path for a in out] == [f"p{n}" for n in range(5)]


def test_a_huge_paragraph_is_analysed_in_part_not_refused(nlp: Language) -> None:
    huge = "Turkey said it would talk to Russia. " * 40_000
    result = analyze(Article(title="Huge", body=(huge,)), Source(path="huge"), nlp)
    assert any(e.country == "TUR" for e in result.entities)


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


def test_analyze_prints_entities_and_quotes(tmp_path: Path, nlp: Language) -> None:
    page = tmp_path / "story.html"
    page.write_text(STORY, "utf-8")
    code, out, _ = _run(["analyze", str(page)])
    assert code == 0
    assert "Entities (" in out and "Quotes (" in out
    assert "Dupont" in out


def test_analyze_json_lines_go_on_past_a_bad_page(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / "a.html").write_text(STORY, "utf-8")
    (tmp_path / "b.html").write_bytes(b"")
    (tmp_path / "c.html").write_text(STORY.replace("Geneva", "Nairobi"), "utf-8")
    code, out, err = _run(["analyze", "--json", str(tmp_path)])
    records: list[dict[str, Any]] = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert "WW101" in err
    assert [r.get("error", {}).get("code") for r in records].count("WW101") == 1
    analysed = [r for r in records if "error" not in r]
    assert len(analysed) == 2
    assert all(r["schema"] == "wirewatch.analysis/1" for r in analysed)


def test_analyze_with_a_missing_model_says_what_to_do(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(STORY, "utf-8")
    code, _, err = _run(["analyze", "--model", "no_such_pipeline_xyz", str(page)])
    assert code == 2
    assert "WW202" in err
