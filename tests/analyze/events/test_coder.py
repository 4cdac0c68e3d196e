"""The event coder on small news sentences: who did what to whom, and whether it happened."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from wirewatch.analyze.entities import resolve
from wirewatch.analyze.events import code_events, code_sentences
from wirewatch.model import Event

MONDAY = dt.date(2016, 7, 4)


def coded(nlp: Language, text: str, on: dt.date | None = MONDAY) -> tuple[Event, ...]:
    return next(code_sentences([(text, on)], nlp))


def triples(events: tuple[Event, ...]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country if e.target else None, e.cameo[:2]) for e in events}


def only(events: tuple[Event, ...], root: str) -> list[Event]:
    return [e for e in events if e.cameo.startswith(root)]


def test_a_country_acting_on_another_is_one_event(nlp: Language) -> None:
    events = coded(nlp, "Iran attacked Israel.")
    assert triples(events) == {("IRN", "ISR", "19")}
    event = events[0]
    assert event.modality == "asserted"
    assert event.cameo_name and event.quad_class == 4 and event.goldstein < 0
    assert event.plover_event == "ASSAULT"


def test_compound_subject_and_object_give_one_event_per_pair(nlp: Language) -> None:
    events = coded(nlp, "Russia and Iran attacked Israel and Jordan.")
    assert triples(only(events, "19")) == {
        ("RUS", "ISR", "19"),
        ("RUS", "JOR", "19"),
        ("IRN", "ISR", "19"),
        ("IRN", "JOR", "19"),
    }


def test_compound_subject_with_no_target_acts_each_way(nlp: Language) -> None:
    events = coded(nlp, "Turkey and Russia signed an agreement.")
    assert triples(events) == {("TUR", "RUS", "05"), ("RUS", "TUR", "05")}


def test_passive_voice_turns_agent_and_patient_round(nlp: Language) -> None:
    events = coded(nlp, "Israel was attacked by Iran on Monday.")
    assert ("IRN", "ISR", "19") in triples(events)


def test_negated_act_is_denied(nlp: Language) -> None:
    (event,) = coded(nlp, "Iran did not attack Israel.")
    assert event.modality == "denied"


def test_denied_act_is_denied_not_asserted(nlp: Language) -> None:
    events = only(coded(nlp, "Turkey denied that it had attacked Syria."), "19")
    assert events and all(e.modality == "denied" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Iran might attack Israel.",
        "Iran could attack Israel.",
        "If Iran attacks Israel, the United States will respond.",
    ],
)
def test_supposed_or_conditional_act_is_hypothetical(nlp: Language, text: str) -> None:
    events = [e for e in only(coded(nlp, text), "19") if e.source.country == "IRN"]
    assert events and all(e.modality == "hypothetical" for e in events)


def test_statement_of_intent_is_coded_as_intent(nlp: Language) -> None:
    events = coded(nlp, "Turkey said it wanted to cooperate with Russia.")
    assert ("TUR", "RUS", "03") in triples(events)
    assert all(e.modality == "asserted" for e in only(events, "03"))


def test_future_act_is_an_announcement_of_intent(nlp: Language) -> None:
    events = coded(nlp, "Russia will send aid to Syria.")
    intents = [e for e in events if e.cameo.startswith("03")]
    assert intents and intents[0].modality == "asserted"
    assert not [e for e in events if e.cameo.startswith("07") and e.modality == "asserted"]


def test_nominalisation_with_its_actors_and_counts(nlp: Language) -> None:
    events = coded(nlp, "The Israeli attack on Gaza killed 12 people.")
    attacks = [e for e in events if e.source.country == "ISR"]
    assert attacks and attacks[0].cameo[:2] in {"18", "19"}
    assert attacks[0].target is not None and attacks[0].target.country == "PSE"
    assert dict(attacks[0].counts)["killed"] == 12


def test_relative_clause_acts_for_the_noun_it_describes(nlp: Language) -> None:
    events = coded(nlp, "Moscow, which broke off ties with Ankara last year, now wants peace.")
    broke = only(events, "16")
    assert broke and broke[0].source.country == "RUS"
    assert broke[0].target is not None and broke[0].target.country == "TUR"
    assert broke[0].date == dt.date(2015, 1, 1) and broke[0].date_text == "last year"


def test_rebels_of_no_known_country(nlp: Language) -> None:
    events = coded(nlp, "Rebels attacked the army.")
    assert events and events[0].source.code == "---REB"


def test_group_of_a_country_takes_its_sector(nlp: Language) -> None:
    events = coded(nlp, "Israeli troops attacked Hamas.")
    assert events and events[0].source.code == "ISRMIL"


def test_date_from_the_events_own_time_expression(nlp: Language) -> None:
    (event,) = coded(nlp, "Iran attacked Israel on Sunday.")
    assert event.date == dt.date(2016, 7, 3) and event.date_text == "on Sunday"
    (plain,) = coded(nlp, "Iran attacked Israel.")
    assert plain.date == MONDAY and plain.date_text is None


def test_location_is_a_place_with_its_country(nlp: Language) -> None:
    events = coded(nlp, "Police arrested 30 protesters in Cairo on Friday.")
    arrests = only(events, "17")
    assert arrests and arrests[0].location is not None
    assert arrests[0].location.country == "EGY"
    assert dict(arrests[0].counts) == {"arrested": 30}


def test_evidence_is_the_sentence_in_its_paragraph(nlp: Language) -> None:
    text = "The talks ended. Iran attacked Israel."
    events = coded(nlp, text)
    (event,) = only(events, "19")
    evidence = event.evidence
    assert text[evidence.start : evidence.end] == evidence.sentence == "Iran attacked Israel."


def test_event_json_has_the_contract_shape(nlp: Language) -> None:
    (event,) = coded(nlp, "Iran attacked Israel.")
    data = event.to_json()
    assert set(data) == {
        "source",
        "target",
        "cameo",
        "cameo_name",
        "goldstein",
        "quad_class",
        "plover",
        "modality",
        "date",
        "date_precision",
        "date_text",
        "location",
        "counts",
        "evidence",
    }
    assert set(data["source"]) == {"entity", "name", "code", "country"}
    assert data["plover"] == {"event": "ASSAULT", "mode": None}
    assert data["date"] == "2016-07-04"
    assert set(data["evidence"]) == {"paragraph", "start", "end", "sentence"}


def test_no_actor_no_event(nlp: Language) -> None:
    assert coded(nlp, "It rained all day and the match was cancelled.") == ()


@pytest.mark.parametrize(
    "text",
    ["", " ", "...", "attack", "\u200b\ufeff", "Iran " * 3000, "«»—–", "Iran attacked\x00Israel"],
)
def test_odd_input_never_raises(nlp: Language, text: str) -> None:
    assert isinstance(coded(nlp, text), tuple)


def test_no_docs_no_events() -> None:
    assert code_events([], [], None) == ()


def test_without_a_date_events_have_none(nlp: Language) -> None:
    (event,) = coded(nlp, "Iran attacked Israel.", on=None)
    assert event.date is None


def test_a_sentence_of_thousands_of_words_is_skipped_quickly(nlp: Language) -> None:
    text = "Iran attacked Israel and " * 400 + "Syria."
    assert coded(nlp, text) == ()
    assert coded(nlp, "Iran attacked Israel. " + "Iran attacked Israel. " * 3)


def test_a_statement_that_another_side_must_act_is_a_demand(nlp: Language) -> None:
    events = coded(nlp, "Russia said on Tuesday that Sudan must return the helicopter.")
    demands = only(events, "10")
    assert demands and demands[0].source.country == "RUS"
    assert demands[0].target is not None and demands[0].target.country == "SDN"


def test_repression_at_home_acts_on_the_countrys_own_people(nlp: Language) -> None:
    events = only(coded(nlp, "Police in Paris arrested 120 people on Saturday."), "17")
    assert events and events[0].source.code == "FRACOP"
    assert events[0].target is not None and events[0].target.code == "FRACVL"


def test_an_ethnic_group_goes_by_where_it_is(nlp: Language) -> None:
    events = coded(nlp, "Thousands of ethnic Albanians demonstrated in Serbia on Tuesday.")
    protests = only(events, "14")
    assert protests and protests[0].source.code == "SRBCVL"


def test_its_names_the_side_named_last(nlp: Language) -> None:
    text = "The European Union imposed sanctions on Iran over its crackdown on protesters."
    crackdowns = only(coded(nlp, text), "17")
    assert crackdowns and all(e.source.country == "IRN" for e in crackdowns)


def test_a_plan_is_coded_by_what_is_planned(nlp: Language) -> None:
    events = coded(nlp, "The United States is planning to impose sanctions on Venezuela.")
    assert [(e.target.country if e.target else None, e.cameo[:2]) for e in events] == [
        ("VEN", "13")
    ]
    assert events[0].modality == "asserted"


def test_an_act_named_again_later_is_one_event_with_what_both_say(nlp: Language) -> None:
    paragraphs = [
        "Israel launched an attack on Gaza on Monday.",
        "Hamas fired rockets at Israel on Tuesday.",
        "The attack on Gaza killed five people, officials said.",
    ]
    docs = list(nlp.pipe(paragraphs))
    events = code_events(docs, resolve(docs), dt.date(2016, 7, 6))
    attacks = [e for e in events if e.source.country == "ISR"]
    assert len(attacks) == 1
    assert attacks[0].evidence.paragraph == 0
    assert dict(attacks[0].counts) == {"killed": 5}
    assert attacks[0].date == dt.date(2016, 7, 4)


def test_a_city_where_sides_met_is_the_place_not_a_side(nlp: Language) -> None:
    text = "The foreign ministers of Egypt and Ethiopia met in Geneva on Tuesday."
    events = only(coded(nlp, text), "04")
    pairs = {(e.source.code, e.target.code if e.target else None) for e in events}
    assert pairs == {("EGYGOV", "ETHGOV"), ("ETHGOV", "EGYGOV")}
    assert all(e.location is not None and e.location.country == "CHE" for e in events)


def test_telling_the_press_is_no_event(nlp: Language) -> None:
    assert coded(nlp, '"We will not lift anything," the Iranian diplomat told AFP.') == ()
    assert coded(nlp, "The minister told reporters in Cairo that talks would go on.") == ()


def test_an_act_about_an_act_is_aimed_at_its_doer(nlp: Language) -> None:
    events = coded(nlp, "Iran condemned Israel's strike on Damascus.")
    condemned = only(events, "11")
    assert condemned and condemned[0].target is not None
    assert condemned[0].target.country == "ISR"
    strikes = only(events, "19")
    assert strikes and strikes[0].source.country == "ISR"


def test_a_demand_is_made_of_the_side_its_clause_names(nlp: Language) -> None:
    text = "Opposition groups in Zimbabwe are demanding that the government abandon its policy."
    demands = only(coded(nlp, text), "10")
    assert [(e.source.code, e.target.code if e.target else None) for e in demands] == [
        ("ZWEOPP", "ZWEGOV")
    ]
