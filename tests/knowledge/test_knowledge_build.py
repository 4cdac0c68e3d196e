"""The builder's rules: which names are ordinary words, which subdivision names are prose."""

from __future__ import annotations

from collections import Counter

from wirewatch.knowledge.build import PlaceFilters, admin_name, ordinary_words
from wirewatch.knowledge.names import acronym_key, fold, normalise


def test_subdivision_names_are_read_as_prose() -> None:
    assert admin_name("Anhui Sheng") == "Anhui"
    assert admin_name("Wales [Cymru GB-CYM]") == "Wales"
    assert admin_name("Madrid, Comunidad de") == "Madrid"
    assert admin_name("Bosnia and Herzegovina") == "Bosnia and Herzegovina"
    assert admin_name("Donetska oblast") is None
    assert admin_name("Western") is None
    assert admin_name("North-West") is None


def test_ordinary_words_are_mostly_written_in_lowercase() -> None:
    lower = Counter({"nice": 40, "paris": 2, "split": 5, "reading": 9})
    capital = Counter({"nice": 10, "paris": 90, "split": 30, "reading": 4})
    assert ordinary_words(lower, capital) == frozenset({"nice", "reading"})


def test_place_filters_block_allow_and_drop_words() -> None:
    filters = PlaceFilters(
        blocked=frozenset({("Van", "*"), ("Virginia", "ZA")}),
        allowed=frozenset({"Nice"}),
        ordinary=frozenset({"nice", "mobile"}),
    )
    assert filters.drops("Mobile") and filters.drops("Van")
    assert not filters.drops("Nice")
    assert filters.drops("Virginia", "ZA") and not filters.drops("Virginia", "US")
    assert filters.drops("Bo")  # too short to be told from an abbreviation
    assert not filters.drops("Grand Prairie")  # several words are a name, not a word


def test_names_fold_and_normalise() -> None:
    assert fold("Diyarbakır") == "Diyarbakir"
    assert fold("Côte d’Ivoire") == "Cote d'Ivoire"
    assert normalise("The Côte d’Ivoire") == normalise("cote d'ivoire") == "cote divoire"
    assert normalise("al-Qaeda") == normalise("Al Qaeda")
    assert acronym_key("U.S.") == acronym_key("US") == "US"
    assert acronym_key("Turkey") is None
