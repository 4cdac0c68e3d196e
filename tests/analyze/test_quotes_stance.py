"""Stances and the harder shapes of reported speech, read from small news sentences.

A verb of thought, belief or perception ("believes", "found that") reports a stance,
kept apart from speech as kind `stance`; the rest are clauses a reader attributes
without trouble that a weak parse makes hard: long sources, appositions, gerund
subjects, objects that run into the clause.
"""

from __future__ import annotations

import re

from spacy.language import Language

from wirewatch.analyze.quotes import find_quotes
from wirewatch.model import Entity, Mention, Quote

NAMES = {
    "Ana Lopez": ("PERSON", ("Ana Lopez", "Lopez")),
    "European Union": ("ORG", ("European Union", "EU")),
    "Spain": ("GPE", ("Spain",)),
}


def quotes(nlp: Language, *paragraphs: str) -> tuple[Quote, ...]:
    entities = []
    for n, (name, (kind, spellings)) in enumerate(NAMES.items(), start=1):
        mentions = [
            Mention(m.group(), p, m.start(), m.end())
            for p, text in enumerate(paragraphs)
            for m in re.finditer("|".join(rf"\b{re.escape(s)}\b" for s in spellings), text)
        ]
        entities.append(Entity(f"e{n}", name, kind, tuple(mentions)))
    return find_quotes(list(nlp.pipe(paragraphs)), entities)


def only(found: tuple[Quote, ...]) -> Quote:
    assert len(found) == 1, [(q.kind, q.text) for q in found]
    return found[0]


def test_a_belief_is_a_stance_with_its_holder(nlp: Language) -> None:
    quote = only(quotes(nlp, "Analysts believe the central bank will raise rates in June."))
    assert (quote.kind, quote.verb, quote.speaker_text) == ("stance", "believe", "Analysts")
    assert quote.text == "the central bank will raise rates in June"


def test_a_finding_needs_that_a_thing_found_is_no_stance(nlp: Language) -> None:
    assert quotes(nlp, "Police found the body near the river on Sunday.") == ()
    quote = only(quotes(nlp, "Investigators found that the pilot had not slept for a day."))
    assert (quote.kind, quote.text) == ("stance", "the pilot had not slept for a day")


def test_known_as_an_adjective_or_in_a_compound_is_no_stance(nlp: Language) -> None:
    assert quotes(nlp, "The most well known effects of the drought are crop losses.") == ()
    assert quotes(nlp, "Well-understood rules of physics would have to be wrong.") == ()


def test_a_stance_hands_no_speaker_to_the_quote_after_it(nlp: Language) -> None:
    found = quotes(nlp, 'Lopez believes the deal is close. "We will sign it in May."')
    direct = [q for q in found if q.kind == "direct"]
    assert direct and direct[0].speaker is None


def test_a_source_after_according_to_runs_to_its_comma(nlp: Language) -> None:
    found = quotes(
        nlp, "According to Spain's ambassador to the United Nations Ana Lopez, the talks failed."
    )
    quote = only(found)
    assert quote.text == "the talks failed"
    assert quote.speaker is not None and quote.speaker.name == "Ana Lopez"


def test_an_apposition_inside_the_reported_clause_is_read_past(nlp: Language) -> None:
    found = quotes(nlp, "The ministry said Ana Lopez, the foreign minister, would visit Moscow.")
    assert only(found).text == "Ana Lopez, the foreign minister, would visit Moscow"


def test_a_gerund_can_be_the_subject_of_the_reported_clause(nlp: Language) -> None:
    found = quotes(nlp, "They say adding iodine to salt is the simplest fix.")
    assert only(found).text == "adding iodine to salt is the simplest fix"


def test_an_object_that_runs_into_the_clause_is_cut_where_the_clause_begins(
    nlp: Language,
) -> None:
    found = quotes(nlp, "Officials told BBC News every claim would be assessed on its merits.")
    assert only(found).text == "every claim would be assessed on its merits"


def test_a_subject_of_two_nouns_starts_the_clause(nlp: Language) -> None:
    found = quotes(nlp, "Lopez said resources and kits would be available for schools.")
    assert only(found).text == "resources and kits would be available for schools"


def test_the_writer_s_contrast_is_not_part_of_the_reported_clause(nlp: Language) -> None:
    found = quotes(nlp, "Lopez said the deal was close, but she did not give a date.")
    assert only(found).text == "the deal was close"


def test_a_name_before_its_apposition_is_the_speaker(nlp: Language) -> None:
    found = quotes(nlp, "Ana Lopez, director of the national study, says the results are clear.")
    quote = only(found)
    assert quote.speaker is not None and quote.speaker.name == "Ana Lopez"


def test_a_name_with_its_acronym_in_brackets_is_the_speaker(nlp: Language) -> None:
    found = quotes(nlp, "The European Union (EU) says every country should act now.")
    quote = only(found)
    assert quote.speaker is not None and quote.speaker.name == "European Union"


def test_a_participle_after_a_quote_does_not_take_it_from_its_speaker(nlp: Language) -> None:
    found = quotes(
        nlp,
        'Lopez notes, "Ozone harms crops more than any other pollutant", highlighting the '
        "importance of clean air.",
    )
    quote = next(q for q in found if q.text.startswith("Ozone"))
    assert quote.speaker is not None and quote.speaker.name == "Ana Lopez"


def test_a_comma_outside_the_marks_still_ends_a_direct_quote(nlp: Language) -> None:
    quote = only(quotes(nlp, '"We are ready to sign the deal", said Lopez.'))
    assert quote.kind == "direct"


def test_reports_a_writer_read_are_no_reporting_verb(nlp: Language) -> None:
    found = quotes(nlp, "From all the press reports that I have read, the army was well prepared.")
    assert found == ()
