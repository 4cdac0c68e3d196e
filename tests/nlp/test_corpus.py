"""Corpus conversion: every source's format becomes Docs with one NER scheme and honest gaps.

The snippets below are written for these tests, one per format; the last test converts the real
EWT dev split with UniversalNER's entities and checks it against the counts UNER ships.
"""

from __future__ import annotations

import io
import json
import lzma
import tarfile
from pathlib import Path

import pytest
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from wirewatch.nlp.train import corpus, labels
from wirewatch.nlp.train.corpus import Part


def ents(doc: Doc) -> list[tuple[str, str]]:
    return [(ent.label_, ent.text) for ent in doc.ents]


def missing(doc: Doc) -> list[str]:
    """The MISSING runs, as text."""
    runs: list[tuple[int, int]] = []
    for token in doc:
        if token.ent_iob == 0:
            if runs and runs[-1][1] == token.i:
                runs[-1] = (runs[-1][0], token.i + 1)
            else:
                runs.append((token.i, token.i + 1))
    return [doc[start:end].text for start, end in runs]


def conllu(*rows: str) -> str:
    """CoNLL-U from rows whose columns are separated by single spaces (no column has one)."""
    return "\n".join(
        row if row.startswith("#") or not row else row.replace(" ", "\t") for row in rows
    )


# UD: a multi-word token, SpaceAfter=No on a range and on a word, an empty node, two sentences.
UD = conllu(
    "# newdoc id = d1",
    "# sent_id = d1-1",
    "# text = I don't know.",
    "1 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj 4:nsubj _",
    "2-3 don't _ _ _ _ _ _ _ _",
    "2 do do AUX VBP Mood=Ind|Tense=Pres|VerbForm=Fin 4 aux 4:aux _",
    "3 n't not PART RB Polarity=Neg 4 advmod 4:advmod _",
    "4 know know VERB VB VerbForm=Inf 0 root 0:root SpaceAfter=No",
    "4.1 know know VERB VB _ _ _ 4:conj _",
    "5 . . PUNCT . _ 4 punct 4:punct _",
    "",
    "# sent_id = d1-2",
    "# text = Tom's.",
    "1-2 Tom's _ _ _ _ _ _ _ SpaceAfter=No",
    "1 Tom Tom PROPN NNP Number=Sing 0 root 0:root _",
    "2 's 's PART POS _ 1 case 1:case _",
    "3 . . PUNCT . _ 1 punct 1:punct _",
    "",
)


def test_conllu_keeps_syntactic_words_with_the_spaces_of_their_token() -> None:
    (document,) = corpus.parse_conllu(UD)
    doc = corpus.parsed_doc(Vocab(), document, [labels.OUTSIDE] * 8)
    assert [t.text for t in doc] == ["I", "do", "n't", "know", ".", "Tom", "'s", "."]
    assert doc.text == "I don't know. Tom's."
    assert [t.is_sent_start for t in doc] == [True, False, False, False, False, True, False, False]


def test_conllu_annotation_reaches_the_doc() -> None:
    (document,) = corpus.parse_conllu(UD)
    doc = corpus.parsed_doc(Vocab(), document, [labels.OUTSIDE] * 8)
    assert [t.head.i for t in doc] == [3, 3, 3, 3, 3, 5, 5, 5]
    assert [t.dep_ for t in doc] == [
        "nsubj",
        "aux",
        "advmod",
        "ROOT",
        "punct",
        "ROOT",
        "case",
        "punct",
    ]
    assert [t.lemma_ for t in doc] == ["I", "do", "not", "know", ".", "Tom", "'s", "."]
    assert [t.pos_ for t in doc][:4] == ["PRON", "AUX", "PART", "VERB"]
    assert doc[2].tag_ == "RB" and str(doc[2].morph) == "Polarity=Neg"


def test_conllu_without_newdoc_is_grouped_by_sentences() -> None:
    sentence = "1 Hi hi INTJ UH _ 0 root 0:root _"
    text = conllu(*(line for n in range(3) for line in (f"# sent_id = s{n}", sentence, "")))
    documents = corpus.parse_conllu(text, group_size=2)
    assert [len(d.sentences) for d in documents] == [2, 1]
    assert [d.doc_id for d in documents] == ["s0+", "s2+"]


# GUM: a pronoun mention, a title before a name, "the United States", a proper noun in no mention,
# a name nested in a longer one, and a name in apposition to a common noun.
GUM = conllu(
    "# newdoc id = GUM_news_test",
    "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity",
    "# sent_id = GUM_news_test-1",
    "1 She she PRON PRP Case=Nom 2 nsubj 2:nsubj Entity=(1-person-new-nnnnn-cf1-1-coref)",
    "2 met meet VERB VBD Tense=Past 0 root 0:root _",
    "3 President President PROPN NNP Number=Sing 4 nmod:desc 4:nmod:desc "
    "Entity=(2-person-new-nnnnn-cf2-2-coref-Barack_Obama",
    "4 Obama Obama PROPN NNP Number=Sing 2 obj 2:obj Entity=2)",
    "5 in in ADP IN _ 8 case 8:case _",
    "6 the the DET DT Definite=Def 8 det 8:det Entity=(3-place-new-nnnnn-cf3-3-coref-United_States",
    "7 United United PROPN NNP Number=Sing 8 compound 8:compound _",
    "8 States States PROPN NNPS Number=Plur 2 obl 2:obl Entity=3)",
    "9 near near ADP IN _ 10 case 10:case _",
    "10 Zorbl Zorbl PROPN NNP Number=Sing 2 obl 2:obl SpaceAfter=No",
    "11 . . PUNCT . _ 2 punct 2:punct _",
    "",
    "# sent_id = GUM_news_test-2",
    "1 Staff staff NOUN NN Number=Sing 7 nsubj 7:nsubj Entity=(4-person-new-nnnnn-cf1-1-sgl",
    "2 of of ADP IN _ 4 case 4:case _",
    "3 the the DET DT _ 4 det 4:det Entity=(5-organization-new-nnnnn-cf2-2-sgl-UChicago",
    "4 University University PROPN NNP Number=Sing 1 nmod 1:nmod _",
    "5 of of ADP IN _ 6 case 6:case _",
    "6 Chicago Chicago PROPN NNP Number=Sing 4 nmod 4:nmod "
    "Entity=(6-place-new-nnnnn-cf3-1-sgl-Chicago)5)4)",
    "7 left leave VERB VBD Tense=Past 0 root 0:root SpaceAfter=No",
    "8 . . PUNCT . _ 7 punct 7:punct _",
    "",
    "# sent_id = GUM_news_test-3",
    "1 Her her PRON PRP$ Poss=Yes 2 nmod:poss 2:nmod:poss "
    "Entity=(7-person-new-nnnnn-cf1-2-coref(1-person-giv:act-nnnnn-cf2-1-coref)",
    "2 co-star co-star NOUN NN Number=Sing 5 nsubj 5:nsubj _",
    "3 Jensen Jensen PROPN NNP Number=Sing 2 appos 2:appos _",
    "4 Ackles Ackles PROPN NNP Number=Sing 3 flat 3:flat Entity=7)",
    "5 laughed laugh VERB VBD Tense=Past 0 root 0:root SpaceAfter=No",
    "6 . . PUNCT . _ 5 punct 5:punct _",
    "",
)


def gum_doc() -> tuple[Doc, Part]:
    (document,) = corpus.parse_conllu(GUM)
    part = Part()
    return corpus.parsed_doc(Vocab(), document, corpus.gum_ents(document, part)), part


def test_gum_mentions_are_read_from_the_entity_brackets() -> None:
    (document,) = corpus.parse_conllu(GUM)
    found = {(m.start, m.end, m.etype) for m in corpus.gum_mentions(document, Part())}
    assert (0, 1, "person") in found  # She
    assert (2, 4, "person") in found  # President Obama
    assert (11, 17, "person") in found  # Staff of the University of Chicago
    assert (13, 17, "organization") in found and (16, 17, "place") in found
    assert (19, 23, "person") in found and (19, 20, "person") in found  # Her co-star ..., Her


def test_gum_keeps_only_proper_names_as_entities() -> None:
    doc, part = gum_doc()
    assert ents(doc) == [
        ("PERSON", "Obama"),
        ("LOC", "United States"),
        ("ORG", "University of Chicago"),
        ("PERSON", "Jensen Ackles"),
    ]
    assert part.problems == []


def test_gum_proper_nouns_outside_names_are_missing_and_the_rest_outside() -> None:
    doc, _ = gum_doc()
    assert missing(doc) == ["President", "Zorbl"]
    assert doc[0].ent_iob_ == "O" and doc[5].ent_iob_ == "O"  # "She", "the"


def test_gum_reports_unbalanced_brackets() -> None:
    broken = GUM.replace("Entity=2)", "_")
    (document,) = corpus.parse_conllu(broken)
    part = Part()
    corpus.gum_mentions(document, part)
    assert part.problems == ["GUM_news_test: Entity (2 never closed"]


# EWT + UNER: a nationality (OTH), a stray B-O, a word UNER splits inside an entity, a word UD
# splits that UNER keeps whole.
EWT = conllu(
    "# newdoc id = e1",
    "# sent_id = e1-1",
    "1 Americans American PROPN NNPS Number=Plur 2 nsubj 2:nsubj _",
    "2 love love VERB VBP Tense=Pres 0 root 0:root _",
    "3 New New PROPN NNP Number=Sing 4 compound 4:compound _",
    "4 York York PROPN NNP Number=Sing 2 obj 2:obj SpaceAfter=No",
    "5 . . PUNCT . _ 2 punct 2:punct _",
    "",
    "# sent_id = e1-2",
    "1 @Ryan @Ryan PROPN NNP Number=Sing 2 nsubj 2:nsubj _",
    "2-3 cannot _ _ _ _ _ _ _ SpaceAfter=No",
    "2 can can AUX MD VerbForm=Fin 0 root 0:root _",
    "3 not not PART RB Polarity=Neg 2 advmod 2:advmod _",
    "4 . . PUNCT . _ 2 punct 2:punct _",
    "",
)
UNER = "\n".join(
    [
        "# newdoc id = e1",
        "# sent_id = e1-1",
        "1\tAmericans\tB-OTH\t-\tx",
        "2\tlove\tO",
        "3\tNew\tB-LOC\t-\tx",
        "4\tYork\tI-LOC\t-\tx",
        "5\t.\tB-O\t-\tx",
        "",
        "# sent_id = e1-2",
        "1\t@\tO",
        "2\tRyan\tB-PER\t-\tx",
        "3\tcannot\tO",
        "4\t.\tO",
        "",
    ]
)


def test_uner_entities_land_on_ud_words() -> None:
    part = corpus.merge_ewt(Vocab(), corpus.parse_conllu(EWT), corpus.parse_tagged(UNER, uner=True))
    (doc,) = part.docs
    assert ents(doc) == [("LOC", "New York")]
    assert missing(doc) == ["Americans", "@Ryan"]
    assert doc[4].ent_iob_ == "O"  # the stray "B-O"


def test_uner_misalignment_is_reported_never_shifted() -> None:
    part = corpus.merge_ewt(Vocab(), corpus.parse_conllu(EWT), corpus.parse_tagged(UNER, uner=True))
    assert part.problems == ["e1-2: UNER PER 'Ryan' not on UD words"]
    assert part.notes["sentences tokenised differently (aligned by characters)"] == 1


def test_uner_sentence_split_elsewhere_is_aligned_over_the_document() -> None:
    ud = conllu(
        "# newdoc id = r",
        "# sent_id = r-1",
        "1 Paris Paris PROPN NNP _ 0 root 0:root _",
        "",
        "# sent_id = r-2",
        "1 Rome Rome PROPN NNP _ 0 root 0:root _",
        "",
    )
    uner = "# sent_id = r-1\n1\tParis\tB-LOC\n2\tRome\tB-LOC\n"
    part = corpus.merge_ewt(Vocab(), corpus.parse_conllu(ud), corpus.parse_tagged(uner, uner=True))
    assert ents(part.docs[0]) == [("LOC", "Paris"), ("LOC", "Rome")]
    assert part.problems == [
        "r-1: UNER's sentence has other text; aligned over the document",
        "r-2: no UNER sentence of this id; aligned over the document",
    ]


def test_uner_sentence_with_other_text_is_missing() -> None:
    ud = conllu("# newdoc id = q", "# sent_id = q-1", "1 Oslo Oslo PROPN NNP _ 0 root 0:root _", "")
    uner = "# sent_id = q-1\n1\tBergen\tB-LOC\n"
    part = corpus.merge_ewt(Vocab(), corpus.parse_conllu(ud), corpus.parse_tagged(uner, uner=True))
    assert missing(part.docs[0]) == ["Oslo"]
    assert part.problems == ["q-1: UNER's sentence has other text; NER MISSING"]


# wikigold: CoNLL, IOB1, documents after -DOCSTART-.
WIKIGOLD = """-DOCSTART- O

John I-PER
Smith I-PER
's O
band O
( O
Mad I-ORG
Capsule I-ORG
) O
toured O
Japan I-LOC
. O

Its O
Japanese I-MISC
fans O
cheered O
. O

-DOCSTART- O

Paris I-LOC
. O
"""


def test_wikigold_articles_become_ner_only_docs() -> None:
    documents = corpus.wikigold_documents(WIKIGOLD)
    assert [len(d) for d in documents] == [2, 1]
    doc = corpus.wikigold_doc(Vocab(), documents[0], Part(), "w")
    assert doc.text == "John Smith's band (Mad Capsule) toured Japan. Its Japanese fans cheered."
    assert [s.text for s in doc.sents] == [
        "John Smith's band (Mad Capsule) toured Japan.",
        "Its Japanese fans cheered.",
    ]
    assert ents(doc) == [("PERSON", "John Smith"), ("ORG", "Mad Capsule"), ("LOC", "Japan")]
    assert missing(doc) == ["Japanese"]
    assert not doc.has_annotation("TAG") and not doc.has_annotation("DEP")


# re3d: analysts' spans, pronouns and descriptions included.
RE3D = """He\tB-Person
said\tO
Foreign\tB-Person
Secretary\tI-Person
Philip\tI-Person
Hammond\tI-Person
met\tO
the\tB-Organisation
United\tI-Organisation
States\tI-Organisation
and\tO
Syrians\tB-Organisation
in\tO
the\tB-Location
city\tI-Location
of\tI-Location
Mosul\tI-Location
on\tO
Monday\tB-Temporal
.\tO

Fighters\tB-Organisation
of\tI-Organisation
al\tI-Organisation
-\tI-Organisation
Qaida\tI-Organisation
left\tO
eastern\tB-Location
Aleppo\tI-Location
.\tO
"""


def re3d_doc() -> Doc:
    sentences = corpus.parse_tagged(RE3D)
    return corpus.re3d_doc(Vocab(), sentences, frozenset({"unitedstates"}), Part(), "r")


def test_re3d_keeps_the_names_inside_its_spans() -> None:
    assert ents(re3d_doc()) == [
        ("PERSON", "Philip Hammond"),
        ("LOC", "United States"),  # a state acting: LOC wherever else it is named
        ("LOC", "Aleppo"),
    ]


def test_re3d_pronouns_are_outside_and_uncertain_names_missing() -> None:
    doc = re3d_doc()
    assert doc[0].ent_iob_ == "O"  # "He"
    assert missing(doc) == ["Foreign Secretary", "Syrians", "Mosul", "Monday", "al-Qaida"]
    assert "of al-Qaida left eastern Aleppo." in doc.text


def cat_xml() -> bytes:
    words = [
        ("0", "Ford"), ("0", "Taurus"), ("0", "returns"),
        ("1", "The"), ("1", "DaimlerChrysler"), ("1", "Corporation"), ("1", "and"),
        ("1", "American"), ("1", "analyst"), ("1", "Chris"), ("1", "Weafer"), ("1", "spoke"),
        ("1", "at"), ("1", "WWDC"), ("1", "on"), ("1", "Monday"), ("1", "."),
        ("2", "Nobody"), ("2", "annotated"), ("2", "Detroit"), ("2", "."),
    ]  # fmt: skip
    tokens = "".join(
        f'<token t_id="{n}" sentence="{s}" number="{n - 1}">{w}</token>'
        for n, (s, w) in enumerate(words, 1)
    )

    def mark(tag: str, m_id: int, ids: range, extra: str = "") -> str:
        anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in ids)
        return f'<{tag} m_id="{m_id}" {extra}>{anchors}</{tag}>'

    markables = "".join(
        [
            mark("ENTITY_MENTION", 1, range(1, 3), 'syntactic_type="NAM"'),
            mark("ENTITY_MENTION", 2, range(1, 2), 'syntactic_type="PRE.NAM"'),
            mark("ENTITY_MENTION", 3, range(4, 7), 'syntactic_type="NAM"'),
            mark("ENTITY_MENTION", 4, range(8, 9), 'syntactic_type="PRE.NAM"'),
            mark("ENTITY_MENTION", 5, range(9, 12), 'syntactic_type="NAM"'),
            mark("TIMEX3", 6, range(16, 17), 'type="DATE"'),
            '<ENTITY m_id="11" ent_type="PRO" TAG_DESCRIPTOR="Ford Taurus"/>',
            '<ENTITY m_id="12" ent_type="ORG" TAG_DESCRIPTOR="Ford"/>',
            '<ENTITY m_id="13" ent_type="ORG" TAG_DESCRIPTOR="DaimlerChrysler"/>',
            '<ENTITY m_id="14" ent_type="LOC" TAG_DESCRIPTOR="United States of America"/>',
            '<ENTITY m_id="15" ent_type="PER" TAG_DESCRIPTOR="Chris Weafer"/>',
        ]
    )
    relations = "".join(
        f'<REFERS_TO r_id="{m}"><source m_id="{m}"/><target m_id="{e}"/></REFERS_TO>'
        for m, e in [(1, 11), (2, 12), (3, 13), (4, 14), (5, 15)]
    )
    return (
        f'<?xml version="1.0" ?><Document doc_id="1" doc_name="test">{tokens}'
        f"<Markables>{markables}</Markables><Relations>{relations}</Relations></Document>"
    ).encode()


def meantime_doc() -> tuple[Doc, Part]:
    part = Part()
    return corpus.meantime_doc(Vocab(), corpus.read_cat("test", cat_xml()), part), part


def test_meantime_names_of_persons_organisations_and_places() -> None:
    doc, part = meantime_doc()
    assert ents(doc) == [("ORG", "DaimlerChrysler Corporation"), ("PERSON", "Chris Weafer")]
    assert part.problems == []


def test_meantime_products_demonyms_and_unannotated_names_are_missing() -> None:
    doc, _ = meantime_doc()
    assert missing(doc) == ["Ford Taurus", "American", "WWDC"]
    assert doc[15].text == "Monday" and doc[15].ent_iob_ == "O"  # a TIMEX3 date


def test_meantime_keeps_only_the_annotated_sentences() -> None:
    doc, part = meantime_doc()
    assert "Detroit" not in doc.text and len(list(doc.sents)) == 2
    assert part.notes["tokens after the annotated sentences (dropped)"] == 4


def test_held_out_is_a_fixed_tenth_by_id() -> None:
    ids = [f"doc-{n}" for n in range(50)]
    chosen = corpus.held_out(ids)
    assert len(chosen) == 5 and chosen == corpus.held_out(list(reversed(ids)))


def test_guessed_spaces_join_punctuation_quotes_and_re3d_hyphens() -> None:
    words = ['"', "Hi", '"', ",", "said", "al", "-", "Ani", "(", "AP", ")", "."]
    spaces = corpus.guess_spaces(words, glue_inner=True)
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True))
    assert text == '"Hi", said al-Ani (AP).'


def write_fake_shared(root: Path) -> None:
    """Every source in the shared layout, made of the snippets above."""
    data = root / "data" / "nlp"

    def xz(path: str, text: str) -> None:
        (data / path).parent.mkdir(parents=True, exist_ok=True)
        (data / path).write_bytes(lzma.compress(text.encode()))

    for split, ewt, gum in (("train", "e1", "GUM_news_test"), ("dev", "e2", "GUM_news_dev")):
        xz(f"ud_english_ewt/en_ewt-ud-{split}.conllu.xz", EWT.replace("e1", ewt))
        xz(f"uner_english_ewt/en_ewt-ud-{split}.iob2.xz", UNER.replace("e1", ewt))
        xz(f"ud_english_gum/en_gum-ud-{split}.conllu.xz", GUM.replace("GUM_news_test", gum))
    xz("wikigold/wikigold.conll.txt.xz", WIKIGOLD)
    (data / "re3d" / "conll" / "CENTCOM").mkdir(parents=True)
    (data / "re3d" / "conll" / "CENTCOM" / "A.conll").write_text(RE3D)
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w:xz") as tar:
        xml = cat_xml()
        member = tarfile.TarInfo("intra-doc_annotation/corpus_x/1_test.xml")
        member.size = len(xml)
        tar.addfile(member, io.BytesIO(xml))
    (data / "meantime_english").mkdir(parents=True)
    (data / "meantime_english" / "intra-doc_annotation.tar.xz").write_bytes(archive.getvalue())


def test_build_corpus_writes_every_file_and_the_statistics(tmp_path: Path) -> None:
    write_fake_shared(tmp_path / "shared")
    stats = corpus.build_corpus(tmp_path / "shared", tmp_path / "out")
    written = json.loads((tmp_path / "out" / "stats.json").read_text("utf-8"))
    assert written["sources"] == stats["sources"]
    assert stats["files"] == {
        "train.spacy": {"documents": 5},  # EWT, GUM, 2 wikigold articles, re3d: none held out
        "dev.spacy": {"documents": 2},  # EWT, GUM
        "ewt-dev.spacy": {"documents": 1},
        "gum-dev.spacy": {"documents": 1},
        "meantime.spacy": {"documents": 1},
    }
    ewt = stats["sources"]["ewt"]["dev"]
    assert ewt["entities"] == {"PERSON": 0, "ORG": 0, "LOC": 1} and ewt["missing_spans"] == 2
    assert ewt["sentences"] == 2 and ewt["tokens"] == 9 and ewt["alignment_problems"] == 1
    docs = list(DocBin().from_disk(tmp_path / "out" / "meantime.spacy").get_docs(Vocab()))
    assert ents(docs[0]) == [("ORG", "DaimlerChrysler Corporation"), ("PERSON", "Chris Weafer")]


def test_a_document_in_train_and_dev_is_left_out_of_train() -> None:
    part = Part()
    part.add("a", Doc(Vocab(), words=["A"]))
    part.add("b", Doc(Vocab(), words=["B"]))
    part.drop(["b", "c"], "in both train and dev")
    assert part.ids == ["a"] and [d[0].text for d in part.docs] == ["A"]
    assert part.problems == ["b: in both train and dev"]


def test_a_sentence_break_inside_a_name_is_dropped() -> None:
    sentences = [["William", "L."], ["Curry", "won", "."]]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"]
    doc = corpus.tagged_doc(Vocab(), sentences, ents, glue=False)
    assert [s.text for s in doc.sents] == ["William L. Curry won."]


def test_real_ewt_dev_matches_the_counts_uner_ships(shared: Path) -> None:
    data = shared / "data" / "nlp"
    part = corpus.convert_ewt(Vocab(), data, "dev")
    expected = json.loads((data / "uner_english_ewt" / "en_ewt-ud-dev.stats").read_text("utf-8"))
    stats = corpus.part_stats(part)
    assert stats["documents"] == expected["num_documents"]
    assert stats["sentences"] == expected["num_sentences"]
    assert part.notes["UNER tokens"] == expected["num_tokens"]
    names = {"PER": labels.PERSON, "ORG": labels.ORG, "LOC": labels.LOC}
    distribution = expected["label_distribution"]
    assert stats["entities"] == {names[label]: count for label, count in distribution.items()}
    assert part.problems == [] and stats["missing_spans"] == 0


@pytest.mark.parametrize(
    ("text", "label", "names"),
    [
        ("Palmyra , Syria", labels.LOC, [(0, 1), (2, 3)]),
        ("Islamic State of Iraq and the Levant", labels.ORG, [(0, 7)]),
        ("Boeing and Lockheed Martin", labels.ORG, []),  # two names or one? MISSING
        ("U.S. automaker Chrysler", labels.ORG, [(2, 3)]),
        ("Beatles ' Apple Corps", labels.ORG, [(2, 4)]),
        ("the city of Mosul", labels.LOC, []),
        ("New York City-based", labels.LOC, []),
        ("Deputy Secretary of State Antony Blinken", labels.PERSON, []),
        ("Martin Luther King", labels.PERSON, [(0, 3)]),
        ("Ryanair CEO , Michael O ' Leary", labels.PERSON, [(3, 7)]),
        ("Senator John McCain ( R-AZ )", labels.PERSON, [(1, 3)]),
        ("Abu Musab al - Zarqawi", labels.PERSON, [(0, 5)]),
    ],
)
def test_surface_names(text: str, label: str, names: list[tuple[int, int]]) -> None:
    words = text.split()
    proper = [
        labels.looks_proper(w, sentence_initial=False, capitalised_elsewhere=True) for w in words
    ]
    assert labels.surface_names(words, proper, 0, len(words), label)[0] == names


def test_surface_names_split_a_known_conjunction() -> None:
    words = "Boeing and Lockheed Martin".split()
    proper = [True, False, True, True]
    found, _ = labels.surface_names(words, proper, 0, 4, labels.ORG, conjunction=True)
    assert found == [(0, 1), (2, 4)]


def test_main_converts_and_prints_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake_shared(tmp_path / "shared")
    out = tmp_path / "corpus"
    assert corpus.main(["--shared", str(tmp_path / "shared"), "--out", str(out)]) == 0
    assert (out / "train.spacy").is_file() and "meantime/eval" in capsys.readouterr().out


def test_main_without_data_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert corpus.main(["--shared", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "pass --shared" in capsys.readouterr().err
