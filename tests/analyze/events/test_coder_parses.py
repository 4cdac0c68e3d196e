"""The coder reads past the shipped parser's usual slips: particles and prepositions
hung on the wrong word, objects labelled otherwise, a sentence split in its middle."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from wirewatch.analyze.events import code_sentences
from wirewatch.model import Event


def coded(nlp: Language, text: str) -> tuple[Event, ...]:
    return next(code_sentences([(text, dt.date(2016, 7, 4))], nlp))


def triples(events: tuple[Event, ...]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_a_preposition_hung_on_the_object_is_the_verbs(nlp: Language) -> None:
    assert ("IRN", "SYR", "070") in triples(coded(nlp, "Iran handed over aid to Syria."))


def test_a_measure_stands_for_what_it_measures(nlp: Language) -> None:
    text = "Swiss doctors handed over 700 kg of medicine to the Red Crescent in Bam, Iran."
    assert {e.cameo for e in coded(nlp, text)} == {"073"}


def test_an_indirect_object_with_no_object_is_the_object(nlp: Language) -> None:
    events = coded(nlp, "Iraq said it would allow United Nations inspectors to return.")
    assert {(e.source.code, e.target and e.target.code) for e in events} == {("IRQ", "IGOUNO")}


def test_a_sentence_the_parser_split_without_a_stop_is_read_whole(nlp: Language) -> None:
    text = "Japanese Prime Minister Shinzo Abe met Chinese President Xi Jinping in Tokyo."
    assert {(e.source.country, e.target and e.target.country) for e in coded(nlp, text)} == {
        ("JPN", "CHN"),
        ("CHN", "JPN"),
    }


def test_a_main_verb_read_as_a_participle_after_have_is_the_act(nlp: Language) -> None:
    events = coded(nlp, "Israeli officials have shared evidence with the United States.")
    assert ("ISRGOV", "USA", "064") in triples(events)


def test_a_first_verb_read_as_a_participle_is_the_sentences_verb(nlp: Language) -> None:
    events = coded(nlp, "Archbishop Tutu on Sunday called for sanctions against Nigeria.")
    assert {e.cameo for e in events} == {"113"}
    assert {e.target.code for e in events if e.target} == {"NGA"}


def test_a_time_word_read_as_the_subject_is_not_it(nlp: Language) -> None:
    events = coded(nlp, "Denmark today accepted a proposal from Sweden.")
    assert ("DNK", "SWE", "030") in triples(events)


def test_an_act_announced_is_the_announcers(nlp: Language) -> None:
    events = coded(nlp, "Italy announced a suspension of air links with Serbia.")
    assert ("ITA", "SRB", "160") in triples(events)


def test_a_group_of_no_country_is_of_the_one_country_named(nlp: Language) -> None:
    events = coded(nlp, "Egyptian police opened fire on demonstrators.")
    assert {(e.source.code, e.target and e.target.code) for e in events} == {("EGYCOP", "EGYCVL")}


def test_united_in_a_name_is_no_verb_before_the_main_one(nlp: Language) -> None:
    text = "The United Nations on Tuesday reduced food supplies to Somalia."
    assert ("IGOUNO", "SOM", "162") in triples(coded(nlp, text))
