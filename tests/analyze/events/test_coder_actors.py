"""Who the coder says acted: people known only by a title, the country of context,
unattributed violence, pronouns across sentences and acts about acts."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from wirewatch.analyze.events import code_sentences
from wirewatch.model import Event

MONDAY = dt.date(2016, 7, 4)


def coded(nlp: Language, text: str) -> tuple[Event, ...]:
    return next(code_sentences([(text, MONDAY)], nlp))


def codes(events: tuple[Event, ...]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.code, e.target.code if e.target else None, e.cameo[:2]) for e in events}


def test_a_titled_person_of_no_known_country_is_coded_by_sector(nlp: Language) -> None:
    events = coded(nlp, "Archbishop Desmond Tutu has called for sanctions against Nigeria.")
    assert ("---REL", "NGA", "11") in codes(events)  # not of Nigeria, the side acted on


def test_a_titled_person_takes_the_one_country_of_a_domestic_act(nlp: Language) -> None:
    events = coded(nlp, "President Yoweri Museveni banned Ugandan opposition candidates.")
    assert ("UGAGOV", "UGAOPP", "17") in codes(events)


def test_a_person_dealing_with_that_countrys_state_keeps_no_country(nlp: Language) -> None:
    text = "President Francois Mitterrand met South African leader F.W. de Klerk on Thursday."
    mitterrand = [e for e in coded(nlp, text) if e.source.name == "Francois Mitterrand"]
    assert mitterrand and all(e.source.code == "---GOV" for e in mitterrand)


def test_a_meeting_is_coded_both_ways(nlp: Language) -> None:
    text = "U.S. Secretary of State Warren Christopher met Russian Foreign Minister Andrei Kozyrev."
    found = codes(coded(nlp, text))
    assert {("USAGOV", "RUSGOV", "04"), ("RUSGOV", "USAGOV", "04")} <= found


def test_a_visit_is_coded_one_way(nlp: Language) -> None:
    found = codes(coded(nlp, "Russian Foreign Minister Sergei Lavrov visited Turkey."))
    assert ("RUSGOV", "TUR", "04") in found and ("TUR", "RUSGOV", "04") not in found


def test_a_title_that_names_a_country_gives_it(nlp: Language) -> None:
    text = (
        "U.S. Secretary of State Warren Christopher telephoned Russian Foreign Minister"
        " Andrei Kozyrev."
    )
    assert ("USAGOV", "RUSGOV", "04") in codes(coded(nlp, text))


def test_two_groups_of_one_country_are_two_sides(nlp: Language) -> None:
    events = coded(nlp, "Russian police arrested Russian students in Moscow.")
    assert ("RUSCOP", "RUSEDU", "17") in codes(events)


def test_violence_with_no_perpetrator_is_by_unidentified_forces(nlp: Language) -> None:
    (event,) = coded(nlp, "Three soldiers were killed in Kabul on Sunday.")
    assert event.source.code == "AFGUAF" and event.target is not None
    assert event.target.country == "AFG"


def test_a_mention_of_fighting_is_no_unattributed_attack(nlp: Language) -> None:
    events = coded(nlp, "Serbia lifted a curfew in the province where riots broke out last year.")
    assert all(not (e.source.code or "").endswith("UAF") for e in events)


def test_a_protest_with_no_target_is_aimed_at_the_country_it_is_held_in(nlp: Language) -> None:
    events = coded(nlp, "Thousands of students demonstrated in Serbia on Tuesday.")
    assert {(e.cameo[:2], e.target.code if e.target else None) for e in events} == {("14", "SRB")}


def test_it_at_the_start_of_a_sentence_is_the_subject_before(nlp: Language) -> None:
    events = coded(nlp, "Iran condemned the raid. It also accused Israel of spying.")
    assert ("IRN", "ISR", "11") in codes(events)


def test_an_act_about_to_happen_is_coded_as_the_act(nlp: Language) -> None:
    (event,) = coded(nlp, "Turkey is about to restore diplomatic ties with Israel.")
    assert (event.source.code, event.target and event.target.code) == ("TUR", "ISR")
    assert event.cameo == "054" and event.modality == "asserted"


def test_an_act_set_for_the_future_is_still_an_intent(nlp: Language) -> None:
    (event,) = coded(nlp, "Turkey is set to restore diplomatic ties with Israel.")
    assert (event.source.code, event.cameo[:2]) == ("TUR", "03")


def test_welcoming_a_relation_is_aimed_at_its_partner(nlp: Language) -> None:
    text = "Egypt welcomed the resumption of diplomatic ties with Qatar."
    assert ("EGY", "QAT", "05") in codes(coded(nlp, text))


def test_praise_by_two_sides_is_not_of_each_other(nlp: Language) -> None:
    events = coded(nlp, "France and Germany praised the agreement.")
    assert not {("FRA", "DEU"), ("DEU", "FRA")} & {
        (e.source.code, e.target.code if e.target else None) for e in events
    }


def test_a_subject_the_parse_split_is_read_from_its_first_part(nlp: Language) -> None:
    text = "Russian aircraft including helicopter gunships have killed dozens of Afghan civilians."
    assert ("RUSMIL", "AFGCVL", "19") in codes(coded(nlp, text))


def test_the_place_a_visit_is_made_to_is_its_target(nlp: Language) -> None:
    events = coded(nlp, "Iraqi President Saddam Hussein arrived in Amman on Wednesday.")
    assert ("IRQGOV", "JOR", "04") in codes(events)


def test_a_person_of_a_country_by_name_has_it(nlp: Language) -> None:
    text = "King Hassan of Morocco met Israeli officials in Rabat."
    assert "MAR" in {e.source.country for e in coded(nlp, text)}


def test_a_stative_participle_is_the_subjects_own_stand(nlp: Language) -> None:
    events = coded(nlp, "Israel is opposed to French mediation in the talks.")
    assert ("ISR", "FRA", "12") in codes(events)


def test_an_arrest_told_in_the_passive_is_by_the_state_of_the_place(nlp: Language) -> None:
    events = coded(nlp, "A Canadian missionary was arrested in Lebanon on Monday.")
    assert ("LBN", "CAN", "17") in codes(events)


def test_a_curfew_lifted_in_a_place_is_aimed_at_its_country(nlp: Language) -> None:
    assert ("SRB", "MNE", "08") in codes(
        coded(nlp, "Serbia lifted the curfew in Montenegro on Sunday.")
    )


def test_a_particle_hung_on_the_noun_is_the_verbs(nlp: Language) -> None:
    events = coded(nlp, "Saudi Arabia broke off diplomatic relations with Iran.")
    assert ("SAU", "IRN", "16") in codes(events)


def test_people_in_apposition_to_titles_are_the_actors(nlp: Language) -> None:
    text = "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov signed a treaty."
    assert {("LBYGOV", "BGRGOV", "05"), ("BGRGOV", "LBYGOV", "05")} <= codes(coded(nlp, text))
