"""Entity resolution on hand-labelled paragraphs: aliases, name chains, roles, metonymy.

The Docs are built with a blank English pipeline and entities set by hand, so these
tests need no trained model and show what resolution does with whatever the NER gives.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirewatch.analyze.actors import load_actor_dictionary
from wirewatch.analyze.entities import resolve
from wirewatch.model import Entity

ACTORS = Path(__file__).parent.parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def paragraph(nlp: Language, text: str, *ents: tuple[str, str]) -> Doc:
    """A Doc with entities set by hand: (text, label), each at its next occurrence."""
    doc = nlp(text)
    spans: list[Span] = []
    at = 0
    for name, label in ents:
        start = text.index(name, at)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        spans.append(span)
        at = start + len(name)
    doc.ents = spans
    return doc


def named(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [e.name for e in entities]
    return found[0]


def spellings(entity: Entity) -> set[str]:
    return {m.text for m in entity.mentions}


def test_aliases_of_an_organisation_are_one_entity_with_its_canonical_name(
    blank: Language,
) -> None:
    docs = [
        paragraph(blank, "Islamic State claimed it.", ("Islamic State", "ORG")),
        paragraph(
            blank, "The fight against Daesh [ISIS] goes on.", ("Daesh", "ORG"), ("ISIS", "ORG")
        ),
        paragraph(blank, "Three suspected Islamic States bombers.", ("Islamic States", "ORG")),
    ]
    entity = named(resolve(docs), "Islamic State")
    assert entity.type == "ORG"
    assert spellings(entity) == {"Islamic State", "Daesh", "ISIS", "Islamic States"}
    assert entity.code == "IMGMUS"


def test_countries_take_their_name_from_the_knowledge_base(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "Britain and the United States joined the U.S. campaign.",
            ("Britain", "GPE"),
            ("United States", "GPE"),
            ("U.S.", "GPE"),
        )
    ]
    entities = resolve(docs)
    assert named(entities, "United Kingdom").country == "GBR"
    usa = named(entities, "United States")
    assert spellings(usa) == {"United States", "U.S."} and usa.code == "USA"


def test_shorter_and_fuller_names_of_a_person_are_one_entity_named_by_the_fullest(
    blank: Language,
) -> None:
    docs = [
        paragraph(blank, "Tayyip Erdogan spoke.", ("Tayyip Erdogan", "PERSON")),
        paragraph(blank, "Erdogan left.", ("Erdogan", "PERSON")),
        paragraph(blank, "Recep Tayyip Erdogan in Moscow.", ("Recep Tayyip Erdogan", "PERSON")),
    ]
    (entity,) = [e for e in resolve(docs) if e.type == "PERSON"]
    assert entity.name == "Recep Tayyip Erdogan"
    assert spellings(entity) == {"Tayyip Erdogan", "Erdogan", "Recep Tayyip Erdogan"}
    assert entity.id == "e1"


def test_two_people_with_different_first_names_stay_apart(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "George Bush met Jeb Bush.",
            ("George Bush", "PERSON"),
            ("Jeb Bush", "PERSON"),
        )
    ]
    people = [e.name for e in resolve(docs) if e.type == "PERSON"]
    assert people == ["George Bush", "Jeb Bush"]


def test_a_surname_the_ner_missed_is_linked_to_its_person(blank: Language) -> None:
    docs = [
        paragraph(blank, "Mevlut Cavusoglu spoke on Sunday.", ("Mevlut Cavusoglu", "PERSON")),
        paragraph(blank, "But Cavusoglu, in comments on Monday, denied it."),
    ]
    entity = named(resolve(docs), "Mevlut Cavusoglu")
    assert [(m.text, m.paragraph, m.start) for m in entity.mentions][1] == ("Cavusoglu", 1, 4)


def test_a_person_the_ner_missed_is_found_by_the_title_before_the_name(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "Kremlin spokesman Dmitry Peskov told reporters.",
            ("Kremlin", "ORG"),
        )
    ]
    entities = resolve(docs)
    peskov = named(entities, "Dmitry Peskov")
    assert (peskov.type, peskov.role, peskov.country, peskov.sector, peskov.code) == (
        "PERSON",
        "spokesman",
        "RUS",
        "GOV",
        "RUSGOV",
    )
    assert spellings(named(entities, "Russia")) == {"Kremlin"}


def test_a_premodifying_title_gives_role_country_and_code(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "Turkish Foreign Minister Mevlut Cavusoglu said so.",
            ("Turkish", "NORP"),
            ("Mevlut Cavusoglu", "PERSON"),
        )
    ]
    entities = resolve(docs)
    minister = named(entities, "Mevlut Cavusoglu")
    assert (minister.role, minister.country, minister.code) == ("Foreign Minister", "TUR", "TURGOV")
    assert spellings(named(entities, "Turkey")) == {"Turkish"}


def test_a_possessive_country_owns_the_title(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "Russia's President Vladimir Putin attended.",
            ("Russia", "GPE"),
            ("Vladimir Putin", "PERSON"),
        )
    ]
    putin = named(resolve(docs), "Vladimir Putin")
    assert (putin.role, putin.country, putin.sector) == ("President", "RUS", "GOV")


def test_an_apposition_gives_the_role(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "Dmitry Peskov, the Kremlin spokesman, said so.",
            ("Dmitry Peskov", "PERSON"),
            ("Kremlin", "ORG"),
        )
    ]
    peskov = named(resolve(docs), "Dmitry Peskov")
    assert (peskov.role, peskov.country) == ("spokesman", "RUS")


def test_a_title_the_ner_took_into_the_name_becomes_the_role(blank: Language) -> None:
    docs = [paragraph(blank, "President Erdogan's office.", ("President Erdogan's", "PERSON"))]
    (entity,) = resolve(docs)
    assert (entity.name, entity.role, entity.sector) == ("Erdogan", "President", "GOV")
    assert entity.mentions[0].start == len("President ")


def test_an_organisation_owning_a_title_gives_its_code(blank: Language) -> None:
    docs = [
        paragraph(blank, "Hamas spokesman Fawzi Barhoum said.", ("Hamas", "ORG")),
    ]
    barhoum = named(resolve(docs), "Fawzi Barhoum")
    assert (barhoum.country, barhoum.sector, barhoum.code) == ("PSE", "REB", "PSEREBHMS")


def test_a_former_office_holder_is_an_elite(blank: Language) -> None:
    docs = [paragraph(blank, "Egypt's former President Hosni Mubarak died.", ("Egypt", "GPE"))]
    mubarak = named(resolve(docs), "Hosni Mubarak")
    assert (mubarak.role, mubarak.sector, mubarak.code) == ("former President", "ELI", "EGYELI")


def test_a_capital_acting_as_its_government_is_a_mention_of_the_country(blank: Language) -> None:
    docs = [
        paragraph(
            blank, "Turkey wants to cooperate with Moscow.", ("Turkey", "GPE"), ("Moscow", "GPE")
        ),
        paragraph(blank, "Ankara could open the base.", ("Ankara", "GPE")),
        paragraph(blank, "The talks were held in Moscow.", ("Moscow", "GPE")),
    ]
    entities = resolve(docs)
    assert spellings(named(entities, "Turkey")) == {"Turkey", "Ankara"}
    assert spellings(named(entities, "Russia")) == {"Moscow"}
    city = named(entities, "Moscow")
    assert (city.type, city.country, city.mentions[0].paragraph) == ("GPE", "RUS", 2)


def test_a_body_named_after_a_title_is_not_a_person(blank: Language) -> None:
    docs = [paragraph(blank, "The UN General Assembly voted.", ("UN", "ORG"))]
    assert [e.type for e in resolve(docs)] == ["ORG"]


def test_a_named_cue_finds_a_person(blank: Language) -> None:
    docs = [
        paragraph(blank, "A Chechen double-amputee named Akhmed Chatayev.", ("Chechen", "NORP"))
    ]
    assert named(resolve(docs), "Akhmed Chatayev").type == "PERSON"


def test_an_unknown_acronym_joins_the_organisation_it_spells(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "The Free Press Union (FPU) said the FPU would appeal.",
            ("Free Press Union", "ORG"),
            ("FPU", "ORG"),
            ("FPU", "ORG"),
        )
    ]
    (entity,) = resolve(docs)
    assert entity.name == "Free Press Union" and len(entity.mentions) == 3


def test_entities_are_numbered_in_order_of_first_mention_with_paragraph_offsets(
    blank: Language,
) -> None:
    texts = ["Qatar and Germany agreed.", "Germany said Qatar would pay."]
    docs = [
        paragraph(blank, texts[0], ("Qatar", "GPE"), ("Germany", "GPE")),
        paragraph(blank, texts[1], ("Germany", "GPE"), ("Qatar", "GPE")),
    ]
    entities = resolve(docs)
    assert [(e.id, e.name) for e in entities] == [("e1", "Qatar"), ("e2", "Germany")]
    for entity in entities:
        for m in entity.mentions:
            assert texts[m.paragraph][m.start : m.end] == m.text


def test_a_user_actor_dictionary_codes_entities_and_its_agents_give_roles_sectors(
    blank: Language,
) -> None:
    actors = load_actor_dictionary(ACTORS).merge(load_actor_dictionary(ACTORS / "news.agents.txt"))
    docs = [
        paragraph(
            blank, "Tayyip Erdogan met field commander Abu Omar.", ("Tayyip Erdogan", "PERSON")
        ),
        paragraph(blank, "Daesh denied it.", ("Daesh", "ORG")),
    ]
    entities = resolve(docs, actors, on=dt.date(2016, 7, 4))
    erdogan = named(entities, "Tayyip Erdogan")
    assert (erdogan.code, erdogan.country, erdogan.sector) == ("TURGOV", "TUR", "GOV")
    assert named(entities, "Islamic State").code == "IMGMUSISI"
    commander = named(entities, "Abu Omar")
    assert (commander.role, commander.sector) == ("field commander", "REB")


def test_nothing_to_resolve_gives_no_entities(blank: Language) -> None:
    assert resolve([]) == ()
    assert resolve([blank("It rained all day.")]) == ()


def test_an_entity_the_ner_ran_together_is_cut_at_the_title(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "Turkish President Tayyip Erdogan expressed regret.",
            ("Turkish President Tayyip Erdogan", "ORG"),
        )
    ]
    entities = resolve(docs)
    erdogan = named(entities, "Tayyip Erdogan")
    assert (erdogan.type, erdogan.role, erdogan.code) == ("PERSON", "President", "TURGOV")
    assert spellings(named(entities, "Turkey")) == {"Turkish"}


def test_a_name_the_ner_cut_short_runs_on_over_the_words_after_it(blank: Language) -> None:
    docs = [
        paragraph(blank, "Col. Mahamat Abakar Tene said so.", ("Mahamat", "PERSON")),
        paragraph(blank, "Tene told reporters.", ("Tene", "LOC")),
    ]
    (entity,) = resolve(docs)
    assert (entity.name, entity.role, entity.sector) == ("Mahamat Abakar Tene", "Col.", "MIL")
    assert [m.paragraph for m in entity.mentions] == [0, 1]


def test_a_country_or_capital_the_ner_called_a_person_is_the_country(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "Turkey and the Kremlin agreed, Istanbul officials said.",
            ("Turkey", "PERSON"),
            ("Kremlin", "PERSON"),
            ("Istanbul", "PERSON"),
        )
    ]
    assert [(e.name, e.type) for e in resolve(docs)] == [
        ("Turkey", "GPE"),
        ("Russia", "GPE"),
        ("Istanbul", "GPE"),
    ]


def test_a_person_named_like_a_country_stays_a_person(blank: Language) -> None:
    docs = [
        paragraph(blank, "Michael Jordan scored.", ("Michael Jordan", "PERSON")),
        paragraph(blank, "Jordan said he was tired.", ("Jordan", "PERSON")),
    ]
    (entity,) = resolve(docs)
    assert (entity.name, entity.type, len(entity.mentions)) == ("Michael Jordan", "PERSON", 2)


def test_weekday_names_the_ner_called_places_are_dropped(blank: Language) -> None:
    docs = [paragraph(blank, "On Sunday the talks ended.", ("Sunday", "LOC"))]
    assert resolve(docs) == ()


def test_a_portfolio_the_table_lacks_is_kept_in_the_role(blank: Language) -> None:
    docs = [paragraph(blank, "Communications Minister Hassan Koulamallah said so.")]
    minister = named(resolve(docs), "Hassan Koulamallah")
    assert (minister.role, minister.sector) == ("Communications Minister", "GOV")


def test_a_dateline_in_capitals_does_not_name_the_place(blank: Language) -> None:
    docs = [
        paragraph(
            blank,
            "KADUGLI, Sudan - A convoy reached Kadugli.",
            ("KADUGLI", "LOC"),
            ("Kadugli", "LOC"),
        )
    ]
    assert [e.name for e in resolve(docs)] == ["Kadugli"]
