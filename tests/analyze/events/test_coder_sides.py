"""Which sides an act is between: a side's own forces, threats aimed through the act
they announce, a vaguer reading of one act, adjectives that are no groups, attempts."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from wirewatch.analyze.events import code_sentences
from wirewatch.model import Event

MONDAY = dt.date(2016, 7, 4)


def coded(nlp: Language, text: str) -> tuple[Event, ...]:
    return next(code_sentences([(text, MONDAY)], nlp))


def asserted(events: tuple[Event, ...]) -> set[tuple[str | None, str | None, str]]:
    return {
        (e.source.code, e.target.code if e.target else None, e.cameo[:2])
        for e in events
        if e.modality == "asserted"
    }


def test_a_sides_own_forces_are_what_it_acts_with_not_on(nlp: Language) -> None:
    found = asserted(coded(nlp, "Russia sent its troops to Syria."))
    assert ("RUS", "SYR", "15") in found
    assert not any(target == "RUSMIL" for _, target, _ in found)


def test_own_forces_stationed_somewhere_point_to_that_place(nlp: Language) -> None:
    assert ("ISR", "LBN", "15") in asserted(
        coded(nlp, "Israel has strengthened its forces in Lebanon.")
    )


def test_their_forces_are_the_subjects(nlp: Language) -> None:
    text = "Serbia said their forces had completed their withdrawal from Bosnia."
    assert any(e.source.code == "SRBMIL" for e in coded(nlp, text))


def test_a_threat_naming_no_one_is_aimed_where_the_threatened_act_is(nlp: Language) -> None:
    found = asserted(coded(nlp, "Hamas threatened on Monday to resume attacks in Israel."))
    assert {(s[:3], t and t[:3], root) for s, t, root in found} >= {("PSE", "ISR", "13")}


def test_an_adjective_is_no_group(nlp: Language) -> None:
    text = (
        "Palestinian leaders said they would boycott all official contact with the United States."
    )
    assert all("GOV" not in (e.source.code or "")[:3] for e in coded(nlp, text))
    assert all(e.source.name != "official" for e in coded(nlp, text))


def test_an_attempt_is_an_act_done(nlp: Language) -> None:
    events = coded(nlp, "North Korea tried to hack the computers of the South Korean army.")
    assert any(e.cameo.startswith("17") and e.modality == "asserted" for e in events)


def test_a_side_of_no_country_beside_the_same_side_named_is_dropped(nlp: Language) -> None:
    text = "Egyptian police opened fire on demonstrators in Cairo, killing one person."
    targets = {e.target.code for e in coded(nlp, text) if e.target}
    assert "---CVL" not in targets


def test_anyone_who_fights_is_no_unidentified_attacker(nlp: Language) -> None:
    text = "Turkey said it would cooperate with everyone who fights Islamic State."
    assert not any((e.source.code or "").endswith("UAF") for e in coded(nlp, text))
    bombing = coded(nlp, "A car bomb killed 12 people in Baghdad.")
    assert any(e.source.code == "IRQUAF" for e in bombing)  # one unnamed still is


def test_a_governments_act_at_home_naming_no_place_is_on_its_country(nlp: Language) -> None:
    events = coded(nlp, "Sudan's government on Sunday lifted the state of emergency.")
    assert ("SDNGOV", "SDN", "08") in asserted(events)


def test_a_threatened_curfew_is_aimed_at_the_country_of_its_place(nlp: Language) -> None:
    found = asserted(coded(nlp, "The Algerian government threatened a curfew in Algiers."))
    assert ("DZAGOV", "DZA", "13") in found


def test_a_peoples_protest_naming_no_one_is_against_its_own_state(nlp: Language) -> None:
    found = asserted(
        coded(nlp, "Opposition parties in Kenya organized a general strike on Monday.")
    )
    assert ("KENOPP", "KEN", "14") in found


def test_a_states_protest_is_not_turned_on_itself(nlp: Language) -> None:
    found = asserted(coded(nlp, "The Kenyan government staged a protest on Monday."))
    assert all(target != "KEN" for _, target, _ in found)


def test_relations_reduced_in_a_place_are_reduced_with_its_country(nlp: Language) -> None:
    text = "The World Food Programme suspended aid deliveries in Yemen on Monday."
    assert ("IGOUNOWFP", "YEM", "16") in asserted(coded(nlp, text))


def test_of_two_owners_the_one_with_a_code_is_the_groups(nlp: Language) -> None:
    text = (
        "Abu Bakr al-Baghdadi's Islamic State group has threatened to carry out attacks on France."
    )
    assert any(s and s.startswith("IMG") and t == "FRA" for s, t, _ in asserted(coded(nlp, text)))


def test_a_refusal_naming_no_one_is_aimed_where_the_refused_act_is(nlp: Language) -> None:
    text = "Japan has refused to deploy peacekeepers in Sudan."
    assert ("JPN", "SDN", "12") in asserted(coded(nlp, text))


def test_a_must_clause_after_a_day_is_a_demand_on_its_subject(nlp: Language) -> None:
    for text in (
        "Britain said on Monday that Libya must hand over the suspects.",
        "The European Union said Tuesday that Iran should release the prisoners.",
    ):
        found = asserted(coded(nlp, text))
        assert any(root == "10" and t in {"LBY", "IRN"} for _, t, root in found), text


def test_a_demand_named_by_a_noun_is_made_of_its_clauses_subject(nlp: Language) -> None:
    text = "The World Health Organization repeated its demand on Monday that Egypt lift the ban."
    assert any(t == "EGY" and root == "10" for _, t, root in asserted(coded(nlp, text)))


def test_a_participle_describing_a_statement_is_the_issuers_act(nlp: Language) -> None:
    found = asserted(coded(nlp, "The European Union issued a statement condemning Russia."))
    assert ("IGOEUREEC", "RUS", "11") in found


def test_radicals_and_inhabitants_are_groups(nlp: Language) -> None:
    text = "Egyptian fundamentalists attacked the police on Monday."
    assert any(s == "EGYRAD" for s, _, _ in asserted(coded(nlp, text)))
    text = "Angry inhabitants of Gaza protested against Israel."
    assert any((s or "").endswith("CVL") and t == "ISR" for s, t, _ in asserted(coded(nlp, text)))


def test_own_forces_withdrawn_from_a_territory_point_to_its_country(nlp: Language) -> None:
    found = asserted(coded(nlp, "Israel withdrew its forces from Gaza on Monday."))
    assert ("ISR", "PSE", "08") in found
    assert not any(target == "ISRMIL" for _, target, _ in found)


def test_a_fallback_takes_no_one_without_a_code_or_a_country(nlp: Language) -> None:
    text = "The French government on Monday banned the largest Protestant organization in Corsica."
    assert ("FRAGOV", "FRA", "17") in asserted(coded(nlp, text))


def test_a_fallback_takes_the_actors_joined_to_the_one_it_finds(nlp: Language) -> None:
    found = asserted(coded(nlp, "Rebels attacked yesterday Mali and Niger."))
    assert {("---REB", "MLI", "19"), ("---REB", "NER", "19")} <= found
