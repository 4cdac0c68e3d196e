"""Search: one syntax on both databases, ranked, with snippets; bad queries are coded."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.store.store_records import analysis
from wirewatch.cli import main
from wirewatch.errors import WirewatchError
from wirewatch.store import Store
from wirewatch.store.search import Term, fts5, parse

ARTICLES = (
    analysis(
        "Turkey denies offering Incirlik to Russia",
        "Turkey said it had not offered the air base to Moscow.",
        "Officials in Ankara repeated the denial on Tuesday.",
    ),
    analysis(
        "Ministers meet in Geneva",
        "Foreign ministers discussed trade. A question about Incirlik went unanswered.",
    ),
    analysis(
        "Floods in Bangladesh",
        "Heavy rain displaced thousands of people; negotiations on aid began.",
    ),
    analysis("Sanctions on Iran", "The United States imposed new sanctions on Iranian banks."),
)


@pytest.fixture
def filled(store: Store) -> Store:
    for item in ARTICLES:
        store.add(item)
    return store


def _titles(store: Store, query: str) -> list[str]:
    return [hit.title for hit in store.search(query)]


def test_a_title_match_ranks_above_a_body_match(filled: Store) -> None:
    assert _titles(filled, "Incirlik") == [ARTICLES[0].article.title, ARTICLES[1].article.title]


def test_every_word_must_match(filled: Store) -> None:
    assert _titles(filled, "Incirlik trade") == [ARTICLES[1].article.title]


def test_phrases_prefixes_exclusions_and_or(filled: Store) -> None:
    assert _titles(filled, '"air base"') == [ARTICLES[0].article.title]
    assert _titles(filled, '"base air"') == []
    assert _titles(filled, "negotiat*") == [ARTICLES[2].article.title]
    assert _titles(filled, "Incirlik -Geneva") == [ARTICLES[0].article.title]
    assert set(_titles(filled, "Bangladesh OR Iran")) == {
        ARTICLES[2].article.title,
        ARTICLES[3].article.title,
    }


def test_words_are_stemmed(filled: Store) -> None:
    assert _titles(filled, "sanction") == [ARTICLES[3].article.title]
    assert _titles(filled, "denied") == [ARTICLES[0].article.title]


def test_a_hit_carries_a_snippet_with_the_words_marked(filled: Store) -> None:
    hit = filled.search("Incirlik trade")[0]
    assert "[trade]" in hit.snippet
    assert hit.article_id == ARTICLES[1].id
    assert hit.published is not None


def test_limit_and_offset_page_through_the_hits(filled: Store) -> None:
    first = filled.search("Incirlik", limit=1)
    second = filled.search("Incirlik", limit=1, offset=1)
    assert [h.article_id for h in first + second] == [ARTICLES[0].id, ARTICLES[1].id]


def test_user_text_is_never_database_syntax(filled: Store) -> None:
    # FTS5 and tsquery operators typed by a user are just characters to search for.
    for query in ("NEAR(Incirlik base)", "Incirlik:* & !Moscow", "title:Incirlik", "'; DROP"):
        filled.search(query)
    assert filled.stats()["articles"] == len(ARTICLES)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"air base', "a quote is left open"),
        ("-Incirlik", "only excluded terms"),
        ("OR Incirlik", "OR stands between two terms"),
        ("Incirlik OR", "OR stands between two terms"),
        ("Incirlik OR -Moscow", "an excluded term cannot be one side of OR"),
        ("!!! ---", "no word to search for"),
    ],
)
def test_queries_that_cannot_run_are_ww506(query: str, reason: str) -> None:
    with pytest.raises(WirewatchError) as raised:
        parse(query)
    assert raised.value.code == "WW506"
    assert reason in raised.value.detail


def test_the_parse_compiles_to_quoted_fts5() -> None:
    query = parse('Turkey OR Ankara "air base" U.S. negotiat* -Moscow')
    assert query.groups[2] == (Term(("u", "s"), text="U.S."),)
    assert fts5(query) == (
        '(("turkey" OR "ankara") AND ("air base") AND ("u s") AND '
        '("negotiat"* OR "negotia" OR "negoti" OR "negot")) NOT ("moscow")'
    )


def test_search_command_prints_hits_and_codes_bad_queries(filled: Store) -> None:
    runner = CliRunner()
    url = filled.url.render_as_string(hide_password=False)
    found = runner.invoke(main, ["search", "Incirlik", "--db", url])
    assert found.exit_code == 0, found.output
    assert ARTICLES[0].article.title in found.output
    bad = runner.invoke(main, ["search", '"air base', "--db", url])
    assert bad.exit_code == 2
    assert "WW506" in bad.output
    assert "Traceback" not in bad.output
