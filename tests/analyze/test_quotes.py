"""Who said what: quotes found in news paragraphs and attributed to the article's entities.

Entities are written by hand here (every occurrence of each spelling is a mention), so
that these tests read the quote finder and not the entity resolver.
"""

from __future__ import annotations

import re

from spacy.language import Language

from wirewatch.analyze.quotes import find_quotes
from wirewatch.model import Entity, Mention, Quote

PEOPLE = {
    "Ana Lopez": ("PERSON", ("Ana Lopez", "Lopez")),
    "Dmitry Peskov": ("PERSON", ("Dmitry Peskov", "Peskov")),
    "Viktor Orban": ("PERSON", ("Viktor Orban", "Orban")),
}
PLACES = {
    "Russia": ("GPE", ("Russia", "Kremlin", "Moscow")),
    "Spain": ("GPE", ("Spain", "Madrid")),
    "European Union": ("ORG", ("European Union", "EU")),
}


def entities(paragraphs: list[str], table: dict[str, tuple[str, tuple[str, ...]]]) -> list[Entity]:
    out = []
    for n, (name, (kind, spellings)) in enumerate(table.items(), start=1):
        mentions = []
        for p, text in enumerate(paragraphs):
            taken: set[int] = set()
            for spelling in spellings:  # longest first: "Ana Lopez" before "Lopez"
                for m in re.finditer(rf"\b{re.escape(spelling)}\b", text):
                    if m.start() not in taken and not taken & set(range(m.start(), m.end())):
                        mentions.append(Mention(spelling, p, m.start(), m.end()))
                        taken.update(range(m.start(), m.end()))
        role = "spokesman" if name == "Dmitry Peskov" else None
        out.append(Entity(f"e{n}", name, kind, tuple(mentions), role=role))
    return out


def quotes(nlp: Language, *paragraphs: str) -> tuple[Quote, ...]:
    body = list(paragraphs)
    docs = list(nlp.pipe(body))
    return find_quotes(docs, entities(body, {**PEOPLE, **PLACES}))


def said(found: tuple[Quote, ...], start: str) -> Quote:
    matches = [q for q in found if q.text.startswith(start)]
    assert matches, f"no quote starts {start!r} in {[q.text for q in found]}"
    return matches[0]


def speaker(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


def test_a_name_in_the_attribution_is_the_entity_that_covers_it(nlp: Language) -> None:
    found = quotes(
        nlp,
        '"The talks were useful and we will meet again next month," Kremlin spokesman '
        "Dmitry Peskov told reporters.",
    )
    quote = said(found, "The talks were useful")
    assert quote.kind == "direct"
    assert speaker(quote) == "Dmitry Peskov"
    assert quote.verb == "tell"
    assert quote.speaker_text is not None and "Peskov" in quote.speaker_text


def test_text_and_offsets_are_the_quoted_words_of_the_paragraph(nlp: Language) -> None:
    paragraph = '"We are ready to sign the deal this week," Lopez said on Tuesday.'
    quote = said(quotes(nlp, paragraph), "We are ready")
    assert paragraph[quote.start : quote.end] == quote.text
    assert quote.text == "We are ready to sign the deal this week"
    assert quote.paragraph == 0


def test_a_quote_split_by_its_attribution_keeps_the_speaker_on_both_halves(
    nlp: Language,
) -> None:
    found = quotes(
        nlp,
        "Spanish Foreign Minister Ana Lopez spoke after the meeting in Brussels.",
        '"We will work with every partner," she said, "as long as the law is respected."',
    )
    assert speaker(said(found, "We will work with every partner")) == "Ana Lopez"
    assert speaker(said(found, "as long as the law is respected")) == "Ana Lopez"


def test_a_quote_that_runs_on_into_the_next_paragraph_keeps_its_speaker(nlp: Language) -> None:
    found = quotes(
        nlp,
        '"We have asked for this meeting for months," Orban told a news conference. '
        '"Our farmers cannot wait any longer.',
        '"The commission must act before the winter comes."',
    )
    assert speaker(said(found, "Our farmers cannot wait")) == "Viktor Orban"
    follow_on = said(found, "The commission must act")
    assert follow_on.paragraph == 1
    assert speaker(follow_on) == "Viktor Orban"


def test_a_pronoun_speaker_is_the_latest_person_before_it(nlp: Language) -> None:
    found = quotes(
        nlp,
        "Viktor Orban arrived in Madrid on Monday for talks with the government.",
        '"We need more money for our farmers," he said.',
    )
    assert speaker(said(found, "We need more money")) == "Viktor Orban"


def test_a_quote_with_no_attribution_after_an_unrelated_paragraph_has_no_speaker(
    nlp: Language,
) -> None:
    found = quotes(
        nlp,
        "The summit was moved to Madrid because of the strikes in Brussels.",
        '"Nobody wanted this."',
    )
    assert speaker(said(found, "Nobody wanted this")) is None


def test_a_quote_after_a_paragraph_ending_with_its_speakers_words_continues_them(
    nlp: Language,
) -> None:
    found = quotes(
        nlp,
        "But Lopez, speaking on Spanish radio on Wednesday, rejected that reading of her words.",
        '"I never said that we would leave the talks."',
    )
    assert speaker(said(found, "I never said")) == "Ana Lopez"


def test_a_partial_quote_is_a_phrase_inside_reported_text(nlp: Language) -> None:
    found = quotes(
        nlp,
        'The Kremlin described the proposal as a "serious step" although it gave no details.',
    )
    quote = said(found, "serious step")
    assert quote.kind == "partial"
    assert speaker(quote) == "Russia"


def test_a_scare_quote_that_nobody_says_is_not_a_quote(nlp: Language) -> None:
    found = quotes(nlp, 'Thousands marched through the capital against the "reform" on Sunday.')
    assert not [q for q in found if q.text == "reform"]


def test_indirect_speech_is_the_clause_a_reporting_verb_reports(nlp: Language) -> None:
    found = quotes(
        nlp, "Spain said on Monday it would send two more ships to the eastern Mediterranean."
    )
    quote = said(found, "it would send two more ships")
    assert quote.kind == "indirect"
    assert speaker(quote) == "Spain"
    assert quote.verb == "say"
    assert quote.text.endswith("eastern Mediterranean")


def test_indirect_speech_closed_by_its_attribution(nlp: Language) -> None:
    found = quotes(
        nlp,
        "Dmitry Peskov spoke to reporters in Moscow.",
        "The sanctions would hurt ordinary people in both countries, he said.",
    )
    quote = said(found, "The sanctions would hurt ordinary people")
    assert quote.kind == "indirect"
    assert speaker(quote) == "Dmitry Peskov"


def test_according_to_names_the_speaker_of_its_clause(nlp: Language) -> None:
    found = quotes(nlp, "According to the European Union, the new rules will apply from next year.")
    quote = said(found, "the new rules will apply")
    assert speaker(quote) == "European Union"
    assert quote.verb == "according to"


def test_the_spokesman_is_the_entity_with_that_role(nlp: Language) -> None:
    found = quotes(
        nlp,
        "Dmitry Peskov gave no date for the visit.",
        "Russia's president has not yet decided, the spokesman said.",
    )
    assert speaker(said(found, "Russia's president has not yet decided")) == "Dmitry Peskov"


def test_a_second_reporting_verb_shares_the_first_ones_speaker(nlp: Language) -> None:
    found = quotes(
        nlp,
        "Spain said on Monday it wanted closer ties with Russia but denied that it had "
        "offered to lift the sanctions.",
    )
    assert speaker(said(found, "it wanted closer ties")) == "Spain"
    assert speaker(said(found, "it had offered to lift the sanctions")) == "Spain"


def test_a_quote_after_a_colon_belongs_to_the_sentences_named_subject(nlp: Language) -> None:
    found = quotes(
        nlp, 'Orban defended his record on Wednesday: "Our farmers have never been richer."'
    )
    assert speaker(said(found, "Our farmers have never been richer")) == "Viktor Orban"


def test_a_quote_signed_with_a_dash_belongs_to_the_name_after_it(nlp: Language) -> None:
    found = quotes(nlp, '"Peace is not the absence of conflict." - Ana Lopez')
    assert speaker(said(found, "Peace is not the absence")) == "Ana Lopez"


def test_a_title_in_quotation_marks_is_not_a_quote(nlp: Language) -> None:
    found = quotes(nlp, 'Lopez said she had read "The Long Road Home" twice.')
    assert not [q for q in found if q.text == "The Long Road Home"]


def test_according_to_a_rule_is_not_a_source(nlp: Language) -> None:
    found = quotes(nlp, "The ships will be inspected according to the rules agreed in Madrid.")
    assert not [q for q in found if q.verb == "according to"]


def test_an_attribution_set_in_commas_reports_the_sentence_around_it(nlp: Language) -> None:
    found = quotes(nlp, "The new rules, said Lopez, will apply to every port in Spain.")
    quote = said(found, "The new rules")
    assert quote.kind == "indirect"
    assert speaker(quote) == "Ana Lopez"


def test_a_quote_after_a_report_in_its_paragraph_keeps_that_speaker(nlp: Language) -> None:
    found = quotes(
        nlp,
        "Orban also said the budget talks had been difficult. "
        '"Nobody in this room got what they wanted."',
    )
    assert speaker(said(found, "Nobody in this room")) == "Viktor Orban"
