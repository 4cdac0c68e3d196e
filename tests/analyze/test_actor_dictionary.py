"""User actor dictionaries in the PETRARCH/TABARI format: actors, agents, dates, bad lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wirewatch.analyze.actors import (
    ActorDictionary,
    load_actor_dictionaries,
    load_actor_dictionary,
    parse_actor_dictionary,
    split_code,
)
from wirewatch.errors import WirewatchError

ACTORS = Path(__file__).parent.parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def news() -> ActorDictionary:
    return load_actor_dictionary(ACTORS / "news.actors.txt")


def test_an_actor_is_found_by_its_name_and_synonyms_as_news_writes_them(
    news: ActorDictionary,
) -> None:
    for name in ("Turkey", "Turkish", "Ankara", "TURKEY"):
        found = news.actor(name)
        assert found is not None and found.code() == "TUR", name


def test_spaces_and_underscores_both_join_words(news: ActorDictionary) -> None:
    assert news.actor("Dmitry Peskov") is not None
    assert news.actor("Islamic State") is not None


def test_a_date_restricted_code_applies_only_between_its_dates(news: ActorDictionary) -> None:
    erdogan = news.actor("Tayyip Erdogan")
    assert erdogan is not None
    assert erdogan.code(dt.date(2016, 7, 4)) == "TURGOV"
    assert erdogan.code(dt.date(2001, 1, 1)) is None  # no default code: nothing before 2003
    assert erdogan.code() == "TURGOV"  # undated: the code still open


def test_the_null_code_names_an_actor_that_codes_as_nothing(news: ActorDictionary) -> None:
    reuters = news.actor("Reuters")
    assert reuters is not None and reuters.code() is None


def test_unreadable_lines_are_counted_in_one_warning_not_raised(news: ActorDictionary) -> None:
    assert len(news.skipped) == 3
    assert [w.code for w in news.warnings] == ["WW320"]
    assert "news.actors.txt:" in news.warnings[0].message


def test_tabari_dates_with_two_digit_years_and_codes_on_their_own_line() -> None:
    text = (
        "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n"
    )
    gollum = parse_actor_dictionary(text).actor("Smeagol")
    assert gollum is not None
    assert gollum.code(dt.date(1994, 1, 1)) == "HOB"
    assert gollum.code(dt.date(1997, 1, 1)) == "HOBGOV"
    assert gollum.code(dt.date(2005, 1, 1)) == "HOBREB"


def test_comments_of_every_kind_are_skipped() -> None:
    text = (
        "<!-- one line -->\n<!-- several\nBOGUS [XXX]\nlines -->\n"
        "FRANCE [FRA] # python style\nITALY [ITA] ; tabari style\nSPAIN <!-- inline --> [ESP]\n"
    )
    found = parse_actor_dictionary(text)
    assert [a.name for a in found.actors] == ["FRANCE", "ITALY", "SPAIN"]
    assert found.actor("Bogus") is None and not found.skipped


def test_agents_expand_macros_and_form_plurals() -> None:
    agents = load_actor_dictionary(ACTORS / "news.agents.txt")
    forms = {form: agent for agent in agents.agents for form in agent.forms}
    assert forms["SPOKESWOMAN"].sector == "GOV"
    assert forms["FOREIGN MINISTRY"].code == "GOVFRM"
    assert "FOREIGN MINISTERS" not in forms  # a macro's items are used as written
    assert forms["ATTORNEYS GENERAL"].sector == "JUD"
    assert forms["POLICE"].forms == ("POLICE",)  # {}: no plural
    assert forms["HUMAN RIGHTS GROUPS"].prefix and forms["HUMAN RIGHTS GROUP"].sector == "NGO"
    assert len(agents.skipped) == 1


def test_a_folder_loads_every_file_in_it() -> None:
    both = load_actor_dictionary(ACTORS)
    assert both.actor("Kremlin") is not None and both.agents


def test_the_petrarch_validation_dictionaries_load_without_skipping(shared: Path) -> None:
    folder = shared / "data" / "events" / "petrarch" / "validation_dictionaries"
    found = load_actor_dictionary(folder)
    assert len(found.actors) > 100 and len(found.agents) > 50
    assert not found.skipped
    interpol = found.actor("Interpol")  # name without a code, a synonym, then the code
    assert interpol is not None and interpol.code() == "IGOCOPITP"


def test_a_missing_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(WirewatchError) as raised:
        load_actor_dictionary(tmp_path / "nowhere.txt")
    assert raised.value.code == "WW301"


def test_a_file_with_no_entries_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("[\n+\n[[[\n", encoding="utf-8")
    with pytest.raises(WirewatchError) as raised:
        load_actor_dictionary(path)
    assert raised.value.code == "WW302"


def test_a_latin1_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.actors"
    path.write_bytes(b"SAO_TOME [STP]\n+S\xc3O_TOM\xc9\n")
    found = load_actor_dictionary(path)
    assert found.actor("São Tomé") is not None


@pytest.mark.parametrize(
    ("code", "country", "sector"),
    [
        ("TURGOV", "TUR", "GOV"),
        ("PSEREBHMS", "PSE", "REB"),
        ("IGOUNO", None, "IGO"),
        ("USA", "USA", None),
        ("MED", None, "MED"),
        ("JAP", None, None),  # an old TABARI code is no ISO country
    ],
)
def test_an_actor_code_gives_its_country_and_sector(
    code: str, country: str | None, sector: str | None
) -> None:
    assert split_code(code) == (country, sector)


def test_the_tsv_form_gives_names_codes_and_synonyms() -> None:
    table = load_actor_dictionary(ACTORS / "watchlist.tsv")
    putin = table.actor("Putin")
    lavrov = table.actor("Sergei Lavrov")
    assert putin is not None and putin.code() == "RUSGOV"
    assert lavrov is not None and lavrov.code(dt.date(2001, 1, 1)) is None
    assert len(table.skipped) == 1


def test_several_dictionaries_load_as_one_and_the_later_wins(tmp_path: Path) -> None:
    override = tmp_path / "override.tsv"
    override.write_text("Turkey\tTURGOV\n", encoding="utf-8")
    both = load_actor_dictionaries([ACTORS / "news.actors.txt", override])
    turkey = both.actor("Turkey")
    assert turkey is not None and turkey.code() == "TURGOV"
    assert both.actor("Kremlin") is not None
