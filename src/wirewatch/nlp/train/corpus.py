"""Training and evaluation corpora for the shipped spaCy pipeline, from ../shared/data/nlp.

Every source becomes spaCy Docs under one annotation scheme (labels.py), written as DocBin files:

  train.spacy     UD EWT train with UniversalNER entities, GUM train, wikigold and re3d (90%)
  dev.spacy       EWT dev (+UNER), GUM dev and the held-out 10% of wikigold and re3d documents
  ewt-dev.spacy   EWT dev with UNER entities: the parse, tag and NER evaluation set
  gum-dev.spacy   GUM dev
  meantime.spacy  MEANTIME English news, NER evaluation only: never in train
  stats.json      per source and split: documents, sentences, tokens, entities per label,
                  MISSING spans and the alignment problems found

    python -m wirewatch.nlp.train.corpus --out build/nlp/corpus [--shared ../shared]

The data is read where it lies; nothing from it is copied into the repository. Docs with parses
keep UD's syntactic words as tokens; NER-only docs (wikigold, re3d, MEANTIME) have no tags or
heads, so the tagger and parser skip them, and their spacing is guessed from the tokens.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import os
import re
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from wirewatch.nlp.train import labels
from wirewatch.nlp.train.labels import LABELS, LOC, MISSING, ORG, OUTSIDE, PERSON

HELD_OUT = 0.1
"""The share of wikigold and re3d documents kept for dev."""

GROUP_SIZE = 10
"""Sentences per document for CoNLL-U text without `# newdoc` lines."""

ENTITY_FIELDS = ("GRP", "etype", "infstat", "salience", "centering", "minspan", "link", "identity")
PROBLEMS_LISTED = 40
"""Alignment problems quoted in stats.json per source and split; all are counted."""

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Word:
    """A syntactic word of a CoNLL-U sentence; `head` counts from 1 within it, 0 is the root."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None
    deprel: str
    misc: str
    space_after: bool

    @property
    def proper(self) -> bool:
        return self.upos == "PROPN" or self.xpos in {"NNP", "NNPS"}


@dataclass(slots=True)
class Sentence:
    sent_id: str
    words: list[Word]


@dataclass(slots=True)
class Document:
    """Sentences under one `# newdoc` (or a fallback group) and its global.Entity field order."""

    doc_id: str
    sentences: list[Sentence]
    entity_fields: tuple[str, ...] = ENTITY_FIELDS

    @property
    def words(self) -> list[Word]:
        return [word for sentence in self.sentences for word in sentence.words]

    def heads(self) -> list[int]:
        """Each word's head as an index into the document; a root (or headless word) is its own."""
        heads: list[int] = []
        for sentence in self.sentences:
            offset = len(heads)
            for index, word in enumerate(sentence.words):
                heads.append(offset + (word.head - 1 if word.head else index))
        return heads


@dataclass(slots=True)
class Tagged:
    """A sentence of a token-per-line NER file: tokens and their IOB tags."""

    sent_id: str
    tokens: list[str]
    tags: list[str]


@dataclass(slots=True)
class Part:
    """One source's split, converted, with what went wrong on the way."""

    docs: list[Doc] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)

    def add(self, doc_id: str, doc: Doc) -> None:
        self.ids.append(doc_id)
        self.docs.append(doc)

    def drop(self, doc_ids: Iterable[str], why: str) -> None:
        """Leave out the docs with these ids, reporting each."""
        unwanted = set(doc_ids) & set(self.ids)
        kept = [(i, d) for i, d in zip(self.ids, self.docs, strict=True) if i not in unwanted]
        self.ids, self.docs = [i for i, _ in kept], [d for _, d in kept]
        self.problems.extend(f"{doc_id}: {why}" for doc_id in sorted(unwanted))


class Painter:
    """Token-level NER annotation built from spans: entities, MISSING, and O for the rest.

    An entity never overwrites another (callers paint longer names first, so the outer name
    wins); MISSING fills only unpainted tokens unless forced, when it removes whole entities.
    """

    def __init__(self, size: int) -> None:
        self.labels = [""] * size
        self.ids = [0] * size
        self.count = 0

    def entity(self, start: int, end: int, label: str) -> bool:
        if start >= end or any(self.ids[index] for index in range(start, end)):
            return False
        self.count += 1
        for index in range(start, end):
            self.labels[index], self.ids[index] = label, self.count
        return True

    def missing(self, start: int, end: int | None = None) -> None:
        for index in range(start, start + 1 if end is None else end):
            if not self.labels[index]:
                self.labels[index] = MISSING

    def force_missing(self, start: int, end: int) -> None:
        for entity in {self.ids[index] for index in range(start, end)} - {0}:
            for index, owner in enumerate(self.ids):
                if owner == entity:
                    self.labels[index], self.ids[index] = MISSING, 0
        for index in range(start, end):
            self.labels[index], self.ids[index] = MISSING, 0

    def iob(self) -> list[str | None]:
        """IOB2 tags for `Doc(ents=...)`: None is MISSING."""
        tags: list[str | None] = []
        for index, label in enumerate(self.labels):
            if label == MISSING:
                tags.append(None)
            elif not label:
                tags.append(OUTSIDE)
            else:
                inside = index > 0 and self.ids[index - 1] == self.ids[index]
                tags.append(("I-" if inside else "B-") + label)
        return tags


# Reading ---------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """A UTF-8 file's text, decompressing .xz."""
    if path.suffix == ".xz":
        with lzma.open(path, "rt", encoding="utf-8") as handle:
            return handle.read()
    return path.read_text("utf-8")


def _misc_has(misc: str, item: str) -> bool:
    return item in misc.split("|")


def misc_value(misc: str, key: str) -> str | None:
    for item in misc.split("|"):
        name, equals, value = item.partition("=")
        if equals and name == key:
            return value
    return None


def parse_words(rows: Sequence[str]) -> list[Word]:
    """The syntactic words of a sentence's rows. Multi-word token ranges give their words no space
    inside and the range's SpaceAfter at the end; empty nodes (decimal ids) are skipped."""
    words: list[Word] = []
    range_end, range_space = 0, True
    for row in rows:
        cols = row.split("\t")
        if len(cols) != 10:
            raise ValueError(f"a CoNLL-U row needs 10 columns: {row!r}")
        ident, form, lemma, upos, xpos, feats, head, deprel, _, misc = cols
        if "." in ident:
            continue
        if "-" in ident:
            range_end = int(ident.split("-")[1])
            range_space = not _misc_has(misc, "SpaceAfter=No")
            continue
        number = int(ident)
        space = not _misc_has(misc, "SpaceAfter=No")
        if number <= range_end:
            space = range_space if number == range_end else False
        parsed_head = int(head) if head.isdigit() else None
        words.append(Word(form, lemma, upos, xpos, feats, parsed_head, deprel, misc, space))
    return words


def _comment(line: str) -> tuple[str, str]:
    key, _, value = line.lstrip("#").partition("=")
    return key.strip(), value.strip()


def parse_conllu(text: str, group_size: int = GROUP_SIZE) -> list[Document]:
    """CoNLL-U text as documents: by `# newdoc`, or groups of `group_size` sentences without."""
    sentences: list[tuple[str | None, Sentence]] = []
    fields: dict[str, tuple[str, ...]] = {}
    doc_id: str | None = None
    sent_id, rows = "", []
    for line in [*text.splitlines(), ""]:
        if line.startswith("#"):
            key, value = _comment(line)
            if key.startswith("newdoc"):
                doc_id = value or f"doc-{len(sentences)}"
            elif key == "global.Entity" and doc_id is not None:
                fields[doc_id] = tuple(value.split("-"))
            elif key == "sent_id":
                sent_id = value
        elif line.strip():
            rows.append(line)
        elif rows:
            sentences.append(
                (doc_id, Sentence(sent_id or f"s{len(sentences) + 1}", parse_words(rows)))
            )
            sent_id, rows = "", []
    return _group(sentences, fields, group_size)


def _group(
    sentences: Sequence[tuple[str | None, Sentence]],
    fields: Mapping[str, tuple[str, ...]],
    group_size: int,
) -> list[Document]:
    documents: list[Document] = []
    for index, (doc_id, sentence) in enumerate(sentences):
        previous = sentences[index - 1][0] if index else None
        fresh = doc_id != previous or not documents
        if doc_id is None:
            fresh = fresh or len(documents[-1].sentences) >= group_size
        if fresh:
            name = doc_id if doc_id is not None else f"{sentence.sent_id}+"
            documents.append(Document(name, [], fields.get(name, ENTITY_FIELDS)))
        documents[-1].sentences.append(sentence)
    return documents


def parse_tagged(text: str, *, uner: bool = False) -> list[Tagged]:
    """Token-per-line NER text, sentences split by blank lines. UNER's lines are
    `index<TAB>token<TAB>tag[<TAB>-<TAB>annotator]` under `# sent_id` comments; CoNLL lines
    (wikigold, re3d) are `token tag`, where "# O" is the token "#"."""
    sentences: list[Tagged] = []
    sent_id, tokens, tags = "", [], []
    for line in [*text.splitlines(), ""]:
        if uner and line.startswith("#"):
            key, value = _comment(line)
            sent_id = value if key == "sent_id" else sent_id
        elif line.strip():
            cols = line.split("\t") if uner or "\t" in line else line.split()
            tokens.append(cols[1] if uner else cols[0])
            tags.append(cols[2] if uner else cols[-1])
        elif tokens:
            sentences.append(Tagged(sent_id or f"s{len(sentences) + 1}", tokens, tags))
            sent_id, tokens, tags = "", [], []
    return sentences


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Labelled spans of IOB1 or IOB2 tags: a B- or a change of label starts a new one."""
    spans: list[tuple[int, int, str]] = []
    for index, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix not in {"B", "I"} or not label:
            continue
        if prefix == "I" and spans and spans[-1][1] == index and spans[-1][2] == label:
            spans[-1] = (spans[-1][0], index + 1, label)
        else:
            spans.append((index, index + 1, label))
    return spans


# Building docs ---------------------------------------------------------------------------------


def _iob(ents: Sequence[str | None]) -> list[str]:
    # spaCy reads None as MISSING, though its annotations promise only strings.
    return cast(list[str], list(ents))


def _blank(value: str) -> str:
    return "" if value == "_" else value


def parsed_doc(vocab: Vocab, document: Document, ents: Sequence[str | None]) -> Doc:
    """A Doc with UD's words, spaces, tags, morphology, lemmas and dependencies, and `ents`."""
    words = document.words
    heads = document.heads()
    deps = [
        "" if word.head is None else "ROOT" if word.head == 0 else word.deprel for word in words
    ]
    return Doc(
        vocab,
        words=[word.form for word in words],
        spaces=[word.space_after and index < len(words) - 1 for index, word in enumerate(words)],
        pos=[_blank(word.upos) for word in words],
        tags=[_blank(word.xpos) for word in words],
        morphs=[_blank(word.feats) for word in words],
        lemmas=[_blank(word.lemma) if word.form != "_" else word.lemma for word in words],
        heads=heads,
        deps=deps,
        ents=_iob(ents),
    )


NO_SPACE_BEFORE = frozenset(". , : ; ! ? ) ] } % 's ’s n't 're 've 'll 'd 'm ... '' ” ’".split())
NO_SPACE_AFTER = frozenset("( [ { $ # `` “ ‘".split())


def guess_spaces(words: Sequence[str], *, glue_inner: bool = False) -> list[bool]:
    """Spaces after tokens of a source that lost them, so the text reads like real text.

    `glue_inner` joins hyphens and apostrophes between words ("al - Qaida" -> "al-Qaida"), for
    re3d, whose conversion split every one of them.
    """
    spaces = [True] * len(words)
    open_quote = False
    for index, word in enumerate(words):
        if word == '"':
            target = index - 1 if open_quote else index
            if target >= 0:
                spaces[target] = False
            open_quote = not open_quote
        if word in NO_SPACE_AFTER:
            spaces[index] = False
        if index and word.lower() in NO_SPACE_BEFORE:
            spaces[index - 1] = False
        inner = 0 < index < len(words) - 1 and words[index + 1][:1].isalnum()
        if glue_inner and inner and word in {"-", "'", "’"} and words[index - 1][-1:].isalnum():
            spaces[index - 1] = spaces[index] = False
    if spaces:
        spaces[-1] = False
    return spaces


def tagged_doc(
    vocab: Vocab, sentences: Sequence[Sequence[str]], ents: Sequence[str | None], *, glue: bool
) -> Doc:
    """A Doc with words, guessed spaces, sentence starts and `ents`: no tags, no heads."""
    words = [word for sentence in sentences for word in sentence]
    positions = [index for sentence in sentences for index in range(len(sentence))]
    # A sentence break inside a name is the source's splitting error ("William L." | "Curry").
    starts: list[bool | int | None] = [
        position == 0 and not (tag or "").startswith("I-")
        for position, tag in zip(positions, ents, strict=True)
    ]
    spaces = guess_spaces(words, glue_inner=glue)
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts, ents=_iob(ents))


def proper_mask(sentences: Sequence[Sequence[str]]) -> list[bool]:
    """Which words look like parts of names, for sources without parts of speech."""
    elsewhere = {word for sentence in sentences for word in sentence[1:] if word[:1].isupper()}
    return [
        labels.looks_proper(
            word, sentence_initial=index == 0, capitalised_elsewhere=word in elsewhere
        )
        for sentence in sentences
        for index, word in enumerate(sentence)
    ]


# EWT + UniversalNER ----------------------------------------------------------------------------


def _squeeze(tokens: Iterable[str]) -> str:
    return "".join("".join(token.split()) for token in tokens)


def _char_bounds(tokens: Sequence[str]) -> list[Span]:
    bounds, position = [], 0
    for token in tokens:
        size = len("".join(token.split()))
        bounds.append((position, position + size))
        position += size
    return bounds


def transfer_uner(
    words: Sequence[str], offset: int, tagged: Sequence[Tagged], painter: Painter, part: Part
) -> None:
    """Put UNER's spans on UD words whose text (without spaces) is the same: spans are matched
    by character offsets, so differing tokenisation does not shift them. A span whose edge falls
    inside a UD word becomes MISSING over the words it touches, and is reported."""
    tokens = [token for sentence in tagged for token in sentence.tokens]
    tags = [tag for sentence in tagged for tag in sentence.tags]
    sent_ids = [sentence.sent_id for sentence in tagged for _ in sentence.tokens]
    uner, ud = _char_bounds(tokens), _char_bounds(words)
    starts = {start: index for index, (start, _) in enumerate(ud)}
    ends = {end: index + 1 for index, (_, end) in enumerate(ud)}
    for first, last, source_label in iob_spans(tags):
        label = labels.mapped(labels.UNER, source_label)
        begin, finish = uner[first][0], uner[last - 1][1]
        start, end = starts.get(begin), ends.get(finish)
        if label == OUTSIDE:
            continue
        if label in LABELS and start is not None and end is not None:
            painter.entity(offset + start, offset + end, label)
            continue
        touched = [index for index, (a, b) in enumerate(ud) if a < finish and b > begin]
        for index in touched:
            painter.missing(offset + index)
        if label in LABELS or label is None:
            text = " ".join(tokens[first:last])
            part.problems.append(f"{sent_ids[first]}: UNER {source_label} {text!r} not on UD words")


def uner_ents(document: Document, tagged: Sequence[Tagged], part: Part) -> list[str | None]:
    """UNER's entities on an EWT document: by characters over the whole document when its text
    matches UNER's (sentence splits may differ), else sentence by sentence; a sentence whose text
    differs is MISSING throughout, and reported."""
    words = [word.form for word in document.words]
    painter = Painter(len(words))
    whole = _squeeze(words) == _squeeze(token for sentence in tagged for token in sentence.tokens)
    _note_uner_differences(document, tagged, part, whole)
    if whole:
        transfer_uner(words, 0, tagged, painter, part)
        return painter.iob()
    by_id = {sentence.sent_id: sentence for sentence in tagged}
    offset = 0
    for sentence in document.sentences:
        forms = [word.form for word in sentence.words]
        match = by_id.get(sentence.sent_id)
        if match is not None and _squeeze(forms) == _squeeze(match.tokens):
            transfer_uner(forms, offset, [match], painter, part)
        else:
            painter.missing(offset, offset + len(forms))
        offset += len(forms)
    return painter.iob()


def _note_uner_differences(
    document: Document, tagged: Sequence[Tagged], part: Part, whole: bool
) -> None:
    """Report sentences UNER splits or spells differently; `whole`: the document's text agrees,
    so they are still aligned (by characters over the document), else they are MISSING."""
    outcome = "aligned over the document" if whole else "NER MISSING"
    by_id = {sentence.sent_id: sentence for sentence in tagged}
    for sentence in document.sentences:
        match = by_id.get(sentence.sent_id)
        forms = [word.form for word in sentence.words]
        if match is None:
            part.problems.append(f"{sentence.sent_id}: no UNER sentence of this id; {outcome}")
        elif _squeeze(forms) != _squeeze(match.tokens):
            part.problems.append(f"{sentence.sent_id}: UNER's sentence has other text; {outcome}")
        elif forms != match.tokens:
            part.notes["sentences tokenised differently (aligned by characters)"] += 1


def convert_ewt(vocab: Vocab, data: Path, split: str) -> Part:
    """UD English EWT with UniversalNER's PER/ORG/LOC merged by sent_id."""
    documents = parse_conllu(read_text(data / "ud_english_ewt" / f"en_ewt-ud-{split}.conllu.xz"))
    uner = data / "uner_english_ewt" / f"en_ewt-ud-{split}.iob2.xz"
    tagged = parse_tagged(read_text(uner), uner=True)
    return merge_ewt(vocab, documents, tagged)


def merge_ewt(vocab: Vocab, documents: Sequence[Document], tagged: Sequence[Tagged]) -> Part:
    part = Part()
    owner = {s.sent_id: d.doc_id for d in documents for s in d.sentences}
    grouped: dict[str, list[Tagged]] = {}
    for sentence in tagged:
        if sentence.sent_id in owner:
            grouped.setdefault(owner[sentence.sent_id], []).append(sentence)
        else:
            part.problems.append(f"{sentence.sent_id}: UNER sentence id not in UD; dropped")
    part.notes["UNER tokens"] = sum(len(sentence.tokens) for sentence in tagged)
    for document in documents:
        ents = uner_ents(document, grouped.get(document.doc_id, []), part)
        part.add(document.doc_id, parsed_doc(vocab, document, ents))
    return part


# GUM -------------------------------------------------------------------------------------------

_ENTITY_ITEM = re.compile(r"\(([^()]+)(\))?|([^()]+)\)")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    etype: str
    identity: str


def gum_mentions(document: Document, part: Part) -> list[Mention]:
    """Every mention in the MISC `Entity=` brackets (CorefUD format), as document word spans."""
    fields = document.entity_fields
    identity_at = fields.index("identity") if "identity" in fields else -1
    opened: dict[str, list[tuple[int, str, str]]] = {}
    mentions: list[Mention] = []
    for index, word in enumerate(document.words):
        for match in _ENTITY_ITEM.finditer(misc_value(word.misc, "Entity") or ""):
            opening, at_once, closing = match.groups()
            if opening:
                values = opening.split("-", len(fields) - 1)
                identity = values[identity_at] if 0 <= identity_at < len(values) else ""
                entry = (index, values[1] if len(values) > 1 else "", identity)
                if at_once:
                    mentions.append(Mention(index, index + 1, entry[1], identity))
                else:
                    opened.setdefault(values[0], []).append(entry)
            elif opened.get(closing):
                start, etype, identity = opened[closing].pop()
                mentions.append(Mention(start, index + 1, etype, identity))
            else:
                part.problems.append(f"{document.doc_id}: Entity {closing}) closes nothing")
    for group, stack in opened.items():
        part.problems.extend(f"{document.doc_id}: Entity ({group} never closed" for _ in stack)
    return mentions


NAME_FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "PART", "NUM"})
NAME_PUNCT = frozenset({"-", "&", ".", "'", "’"})


def _span_head(heads: Sequence[int], start: int, end: int) -> int | None:
    for index in range(start, end):
        head = heads[index]
        if head == index or not start <= head < end:
            return index
    return None


def _all_name(words: Sequence[Word], start: int, end: int) -> Span | None:
    """The span when every content word is a proper noun: "Bank of America", "Apollo 11"."""
    if not words[start].proper or not (words[end - 1].proper or words[end - 1].upos == "NUM"):
        return None
    for word in words[start:end]:
        function = word.upos in NAME_FUNCTION_POS or (
            word.upos == "PUNCT" and word.form in NAME_PUNCT
        )
        if not (word.proper or function):
            return None
    return start, end


def _proper_run(
    words: Sequence[Word], heads: Sequence[int], head: int, start: int, end: int
) -> Span | None:
    """The proper nouns around the mention's head, or around a proper apposition or flat name
    of a common-noun head ("co-star Jensen Ackles")."""
    anchor: int | None = head if words[head].proper else None
    for index in range(start, end):
        relation = words[index].deprel.split(":")[0]
        if anchor is None and heads[index] == head and relation in {"appos", "flat"}:
            anchor = index if words[index].proper else None
    if anchor is None:
        return None
    first, last = anchor, anchor + 1
    while first > start and words[first - 1].proper:
        first -= 1
    while last < end and words[last].proper:
        last += 1
    return first, last


def gum_name(
    words: Sequence[Word], heads: Sequence[int], mention: Mention, label: str
) -> Span | None:
    """The proper name a person/organization/place mention is, without a leading determiner
    ("the United States") or titles; None for common-noun, pronoun and coordinated mentions."""
    start, end = mention.start, mention.end
    head = _span_head(heads, start, end)
    if head is None:
        return None
    for index in range(start, end):
        if heads[index] == head and words[index].deprel.startswith("conj"):
            return None
    while start < end and words[start].upos == "DET":
        start += 1
    if start == end:
        return None
    span = _all_name(words, start, end) or _proper_run(words, heads, head, start, end)
    if span is not None and span[1] - span[0] == 1 and words[span[0]].xpos == "NNPS":
        return None  # "Americans", "Democrats": peoples and groups are NORP here, not names
    if span is not None and label == PERSON:
        return labels.person_name([word.form for word in words], *span)
    return span


def gum_ents(document: Document, part: Part) -> list[str | None]:
    """Named entities from GUM's mentions, outer names first; proper nouns outside them MISSING."""
    words, heads = document.words, document.heads()
    painter = Painter(len(words))
    mentions = sorted(gum_mentions(document, part), key=lambda m: (m.start - m.end, m.start))
    for mention in mentions:
        label = labels.mapped(labels.GUM, mention.etype)
        if label is None:
            part.problems.append(f"{document.doc_id}: unknown entity type {mention.etype!r}")
        if label in LABELS:
            span = gum_name(words, heads, mention, label)
            if span is not None and painter.entity(*span, label):
                part.notes["named mentions"] += 1
                part.notes["named mentions with a Wikipedia identity"] += bool(mention.identity)
    for index, word in enumerate(words):
        if word.proper:
            painter.missing(index)
    return painter.iob()


def convert_gum(vocab: Vocab, data: Path, split: str) -> Part:
    """UD English GUM with named entities derived from its Entity= mentions."""
    part = Part()
    text = read_text(data / "ud_english_gum" / f"en_gum-ud-{split}.conllu.xz")
    for document in parse_conllu(text):
        part.add(document.doc_id, parsed_doc(vocab, document, gum_ents(document, part)))
    return part


# wikigold and re3d -----------------------------------------------------------------------------


def wikigold_documents(text: str) -> list[list[Tagged]]:
    """wikigold's articles: sentences between `-DOCSTART-` lines."""
    documents: list[list[Tagged]] = [[]]
    for sentence in parse_tagged(text):
        if sentence.tokens[0] == "-DOCSTART-":
            documents.append([])
        else:
            documents[-1].append(sentence)
    return [document for document in documents if document]


def _map_or_report(table: Mapping[str, str], label: str, part: Part, where: str) -> str:
    mapped = labels.mapped(table, label)
    if mapped is None:
        part.problems.append(f"{where}: unknown label {label!r}; MISSING")
        return MISSING
    return mapped


def wikigold_doc(vocab: Vocab, sentences: Sequence[Tagged], part: Part, where: str) -> Doc:
    """A wikigold article: PER/ORG/LOC as they are (CoNLL names), MISC MISSING."""
    tags = [tag for sentence in sentences for tag in sentence.tags]
    painter = Painter(len(tags))
    for start, end, source_label in iob_spans(tags):
        label = _map_or_report(labels.WIKIGOLD, source_label, part, where)
        if label in LABELS:
            painter.entity(start, end, label)
        elif label == MISSING:
            painter.missing(start, end)
    return tagged_doc(vocab, [s.tokens for s in sentences], painter.iob(), glue=False)


def name_key(words: Iterable[str]) -> str:
    return "".join("".join(words).split()).lower()


def place_names(docs: Iterable[Doc]) -> frozenset[str]:
    """Names labelled LOC more often than ORG across `docs` (as `name_key`)."""
    votes: Counter[str] = Counter()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ in {LOC, ORG}:
                votes[name_key(token.text for token in ent)] += 1 if ent.label_ == LOC else -1
    return frozenset(name for name, vote in votes.items() if vote > 0)


def re3d_label(name: Sequence[str], label: str, places: frozenset[str]) -> str:
    """The label of a name found in a re3d span. re3d marks states acting as actors Organisation
    ("France condemned ..."), where every other source says LOC; and peoples ("Syrians")."""
    if label == ORG and name_key(name) in places:
        return LOC
    if label == ORG and len(name) == 1 and labels.looks_like_people(name[0]):
        return MISSING
    return label


def re3d_doc(
    vocab: Vocab, sentences: Sequence[Tagged], places: frozenset[str], part: Part, where: str
) -> Doc:
    """A re3d document: the names inside its Person/Organisation/Location spans, the rest of
    those spans O (or MISSING where proper), every other type MISSING."""
    words = [token for sentence in sentences for token in sentence.tokens]
    tags = [tag for sentence in sentences for tag in sentence.tags]
    proper = proper_mask([sentence.tokens for sentence in sentences])
    painter = Painter(len(words))
    for start, end, source_label in iob_spans(tags):
        label = _map_or_report(labels.RE3D, source_label, part, where)
        if label not in LABELS:
            painter.missing(start, end)
            continue
        names, left = labels.surface_names(words, proper, start, end, label)
        for first, last in names:
            mapped = re3d_label(words[first:last], label, places)
            if mapped != label:
                part.notes[f"re3d {label} names made {mapped.replace(MISSING, 'MISSING')}"] += 1
            if mapped == MISSING:
                painter.missing(first, last)
            else:
                painter.entity(first, last, mapped)
        for index in left:
            painter.missing(index)
    return tagged_doc(vocab, [s.tokens for s in sentences], painter.iob(), glue=True)


def held_out(ids: Sequence[str], share: float = HELD_OUT) -> frozenset[str]:
    """A fixed `share` of the ids, chosen by hash so the split does not depend on file order."""
    ranked = sorted(ids, key=lambda name: hashlib.sha1(name.encode()).hexdigest())
    return frozenset(ranked[: round(len(ids) * share)])


def split_docs(named: Sequence[tuple[str, Doc]], part: Part) -> tuple[Part, Part]:
    """Train and dev parts of a source's named docs; problems stay with train."""
    dev_ids = held_out([name for name, _ in named])
    train = Part(problems=part.problems, notes=part.notes)
    dev = Part()
    for name, doc in named:
        (dev if name in dev_ids else train).add(name, doc)
    return train, dev


def convert_wikigold(vocab: Vocab, data: Path) -> tuple[Part, Part]:
    part = Part()
    documents = wikigold_documents(read_text(data / "wikigold" / "wikigold.conll.txt.xz"))
    named = []
    for number, sentences in enumerate(documents):
        name = f"wikigold-{number:03d}"
        named.append((name, wikigold_doc(vocab, sentences, part, name)))
    return split_docs(named, part)


def convert_re3d(vocab: Vocab, data: Path, places: frozenset[str]) -> tuple[Part, Part]:
    part = Part()
    named = []
    for path in sorted((data / "re3d" / "conll").glob("*/*.conll")):
        name = f"re3d/{path.parent.name}/{path.stem}"
        sentences = parse_tagged(read_text(path))
        named.append((name, re3d_doc(vocab, sentences, places, part, name)))
    return split_docs(named, part)


# MEANTIME --------------------------------------------------------------------------------------


@dataclass(slots=True)
class CatDocument:
    """A MEANTIME CAT XML file: tokens by id, and its markables."""

    name: str
    tokens: list[tuple[str, int, str]]  # t_id, sentence, text
    mentions: dict[str, tuple[str, list[str]]]  # m_id -> syntactic_type, token ids
    entities: dict[str, tuple[str, str, str]]  # m_id -> ent_type, descriptor, linked name
    refers: dict[str, str]  # mention m_id -> entity m_id
    timex: set[str]  # token ids inside TIMEX3
    last_sentence: int


def read_cat(name: str, xml: bytes) -> CatDocument:
    root = ET.fromstring(xml)
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    sentence_of = {t_id: sentence for t_id, sentence, _ in tokens}
    markables = root.find("Markables")
    marks = list(markables) if markables is not None else []
    anchors = {
        m.get("m_id", ""): [a.get("t_id", "") for a in m.iter("token_anchor")] for m in marks
    }
    mentions = {
        m.get("m_id", ""): (m.get("syntactic_type") or "", anchors[m.get("m_id", "")])
        for m in marks
        if m.tag == "ENTITY_MENTION"
    }
    entities = {
        m.get("m_id", ""): (
            m.get("ent_type", ""),
            m.get("TAG_DESCRIPTOR", "").lower(),
            m.get("external_ref", "").rsplit("/", 1)[-1].replace("_", " ").lower(),
        )
        for m in marks
        if m.tag == "ENTITY"
    }
    refers = {}
    for relation in root.iter("REFERS_TO"):
        target = relation.find("target")
        for source in relation.findall("source"):
            refers[source.get("m_id", "")] = target.get("m_id", "") if target is not None else ""
    timex = {t for m in marks if m.tag == "TIMEX3" for t in anchors[m.get("m_id", "")]}
    annotated = [sentence_of[t] for ids in anchors.values() for t in ids if t in sentence_of]
    return CatDocument(name, tokens, mentions, entities, refers, timex, max(annotated, default=-1))


def meantime_documents(archive: Path) -> Iterator[tuple[str, bytes]]:
    """The XML files of MEANTIME's tar.xz, read in memory, in name order."""
    with tarfile.open(archive, "r:xz") as tar:
        members = sorted(
            (m for m in tar.getmembers() if m.isfile() and m.name.endswith(".xml")),
            key=lambda m: m.name,
        )
        for member in members:
            handle = tar.extractfile(member)
            if handle is not None:
                yield Path(member.name).stem, handle.read()


def _cat_sentences(document: CatDocument) -> tuple[list[list[str]], dict[str, int]]:
    """The annotated sentences' words (MEANTIME annotates only the first sentences of each
    article; the rest has no entity annotation at all) and each kept token's index."""
    sentences: list[list[str]] = []
    index_of: dict[str, int] = {}
    previous = None
    for t_id, sentence, text in document.tokens:
        if sentence > document.last_sentence:
            continue
        if sentence != previous:
            sentences.append([])
            previous = sentence
        index_of[t_id] = len(index_of)
        sentences[-1].append(text)
    return sentences, index_of


def _mention_span(ids: Sequence[str], index_of: Mapping[str, int]) -> Span | None:
    positions = sorted(index_of[t] for t in ids if t in index_of)
    if not positions or positions[-1] - positions[0] + 1 != len(positions):
        return None
    return positions[0], positions[-1] + 1


@dataclass(frozen=True, slots=True)
class Typed:
    """A MEANTIME entity mention: its words, scheme label, syntactic type and its entity's name."""

    span: Span
    label: str
    syntactic_type: str
    descriptor: str
    linked: str
    """The DBpedia name of the entity, lower-case, "" when it has none."""


def meantime_doc(vocab: Vocab, document: CatDocument, part: Part) -> Doc:
    """MEANTIME's names of persons, organisations and places; names of products and financial
    entities, nationalities, and proper words in no entity mention (unannotated events such as
    "WWDC") are MISSING; the rest O. Longer mentions first, so outer names win."""
    sentences, index_of = _cat_sentences(document)
    words = [word for sentence in sentences for word in sentence]
    mentions = sorted(
        _typed_mentions(document, index_of, part), key=lambda m: m.span[0] - m.span[1]
    )
    proper = _named_mentions_proper(mentions, words, proper_mask(sentences))
    painter = Painter(len(words))
    for mention in (m for m in mentions if m.label in LABELS):
        _meantime_name(painter, words, proper, mention)
    for mention in (m for m in mentions if m.label not in LABELS):
        names, left = labels.surface_names(words, proper, *mention.span, mention.label)
        for name in names:
            painter.force_missing(*name)
        for index in left:
            painter.missing(index)
    _mark_unmentioned(
        painter, proper, mentions, {index_of[t] for t in document.timex if t in index_of}
    )
    dropped = len(document.tokens) - len(words)
    part.notes["tokens after the annotated sentences (dropped)"] += dropped
    return tagged_doc(vocab, sentences, painter.iob(), glue=False)


def _named_mentions_proper(
    mentions: Sequence[Typed], words: Sequence[str], proper: list[bool]
) -> list[bool]:
    """A capitalised word opening a sentence is proper when it is in a name mention and in its
    entity's name ("Ford" in the headline "Ford Taurus to be revived", not "Automaker")."""
    for mention in mentions:
        if mention.syntactic_type in {"NAM", "PRE.NAM"}:
            known = set(re.findall(r"\w+", mention.descriptor))
            for index in range(*mention.span):
                named = words[index].lower() in known
                proper[index] = proper[index] or (named and words[index][:1].isupper())
    return proper


def _typed_mentions(document: CatDocument, index_of: Mapping[str, int], part: Part) -> list[Typed]:
    """Each entity mention that is one run of kept words, with its entity's type (MISSING when
    it refers to no entity)."""
    typed = []
    for m_id, (syntactic_type, ids) in document.mentions.items():
        span = _mention_span(ids, index_of)
        entity = document.entities.get(document.refers.get(m_id, ""), ("", "", ""))
        ent_type, descriptor, linked = entity
        label = labels.mapped(labels.MEANTIME, ent_type) if ent_type else MISSING
        part.notes["mentions without an entity (MISSING)"] += not ent_type
        if span is None:
            part.problems.append(f"{document.name}: mention {m_id} is not one run of tokens")
        elif label is None:
            part.problems.append(f"{document.name}: mention {m_id} has unknown type {ent_type!r}")
        if span is not None:
            typed.append(Typed(span, label or MISSING, syntactic_type, descriptor, linked))
    return typed


def _meantime_name(
    painter: Painter, words: Sequence[str], proper: Sequence[bool], mention: Typed
) -> None:
    """A person, organisation or place mention's names; a name ending in a people's adjective
    ("American", "North American") is NORP here, so MISSING. Only an entity linked to DBpedia
    has a trusted name: annotators named some entities "German" after the mention."""
    conjunction = mention.syntactic_type == "CONJ"
    names, left = labels.surface_names(
        words, proper, *mention.span, mention.label, conjunction=conjunction
    )
    for start, end in names:
        known = f"{mention.descriptor} {mention.linked}" if mention.linked else ""
        demonym = labels.looks_like_demonym(words[end - 1], known)
        if demonym and mention.label != PERSON:
            painter.missing(start, end)
        else:
            painter.entity(start, end, mention.label)
    for index in left:
        painter.missing(index)


def _mark_unmentioned(
    painter: Painter, proper: Sequence[bool], mentions: Sequence[Typed], dates: set[int]
) -> None:
    """Proper words in no entity mention and no date: names MEANTIME does not annotate."""
    covered = {index for mention in mentions for index in range(*mention.span)}
    for index, is_proper in enumerate(proper):
        if is_proper and index not in covered and index not in dates:
            painter.missing(index)


def convert_meantime(vocab: Vocab, data: Path) -> Part:
    part = Part()
    for name, xml in meantime_documents(data / "meantime_english" / "intra-doc_annotation.tar.xz"):
        part.add(name, meantime_doc(vocab, read_cat(name, xml), part))
    return part


# Statistics, output ----------------------------------------------------------------------------


def missing_spans(doc: Doc) -> int:
    """Runs of tokens whose entity annotation is MISSING."""
    runs, previous = 0, False
    for token in doc:
        current = token.ent_iob == 0
        runs += current and not previous
        previous = current
    return runs


def part_stats(part: Part) -> dict[str, Any]:
    ents = Counter(ent.label_ for doc in part.docs for ent in doc.ents)
    return {
        "documents": len(part.docs),
        "sentences": sum(len(list(doc.sents)) for doc in part.docs),
        "tokens": sum(len(doc) for doc in part.docs),
        "entities": {label: ents[label] for label in LABELS},
        "missing_spans": sum(missing_spans(doc) for doc in part.docs),
        "missing_tokens": sum(token.ent_iob == 0 for doc in part.docs for token in doc),
        "alignment_problems": len(part.problems),
        "problems": part.problems[:PROBLEMS_LISTED],
        "notes": dict(part.notes),
    }


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    docbin = DocBin(docs=docs)
    docbin.to_disk(path)
    return len(docbin)


def convert_all(data: Path) -> dict[str, dict[str, Part]]:
    """Every source's splits, keyed source -> split."""
    vocab = Vocab()
    sources: dict[str, dict[str, Part]] = {
        "ewt": {split: convert_ewt(vocab, data, split) for split in ("train", "dev")},
        "gum": {split: convert_gum(vocab, data, split) for split in ("train", "dev")},
    }
    for splits in sources.values():
        splits["train"].drop(splits["dev"].ids, "in both train and dev: left out of train")
    wikigold = convert_wikigold(vocab, data)
    sources["wikigold"] = dict(zip(("train", "dev"), wikigold, strict=True))
    known = [*sources["ewt"]["train"].docs, *sources["gum"]["train"].docs, *wikigold[0].docs]
    re3d = convert_re3d(vocab, data, place_names(known))
    sources["re3d"] = dict(zip(("train", "dev"), re3d, strict=True))
    sources["meantime"] = {"eval": convert_meantime(vocab, data)}
    return sources


def output_files(sources: Mapping[str, Mapping[str, Part]]) -> dict[str, list[Doc]]:
    def docs(*keys: tuple[str, str]) -> list[Doc]:
        return [doc for source, split in keys for doc in sources[source][split].docs]

    return {
        "train.spacy": docs(
            ("ewt", "train"), ("gum", "train"), ("wikigold", "train"), ("re3d", "train")
        ),
        "dev.spacy": docs(("ewt", "dev"), ("gum", "dev"), ("wikigold", "dev"), ("re3d", "dev")),
        "ewt-dev.spacy": docs(("ewt", "dev")),
        "gum-dev.spacy": docs(("gum", "dev")),
        "meantime.spacy": docs(("meantime", "eval")),
    }


def build_corpus(shared: Path, out: Path) -> dict[str, Any]:
    """Convert every source under `shared`/data/nlp, write the DocBins and stats.json to `out`,
    and return the statistics."""
    began = time.perf_counter()
    data = shared / "data" / "nlp"
    if not data.is_dir():
        raise FileNotFoundError(f"no NLP data in {data}")
    sources = convert_all(data)
    out.mkdir(parents=True, exist_ok=True)
    files = {name: write_docbin(docs, out / name) for name, docs in output_files(sources).items()}
    stats: dict[str, Any] = {
        "sources": {
            source: {split: part_stats(part) for split, part in splits.items()}
            for source, splits in sources.items()
        },
        "files": {name: {"documents": count} for name, count in files.items()},
        "seconds": round(time.perf_counter() - began, 1),
    }
    (out / "stats.json").write_text(json.dumps(stats, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return stats


def find_shared() -> Path | None:
    """WIREWATCH_SHARED, else the nearest `shared` folder with NLP data above here or the cwd."""
    override = os.environ.get("WIREWATCH_SHARED")
    if override:
        return Path(override)
    for start in (Path.cwd(), Path(__file__).resolve()):
        for parent in [start, *start.parents]:
            if (parent / "shared" / "data" / "nlp").is_dir():
                return parent / "shared"
    return None


def summary(stats: Mapping[str, Any]) -> str:
    """One line per source and split: documents, tokens, entities per label, MISSING spans."""
    lines = [
        f"{'source':<16}{'docs':>6}{'tokens':>9}"
        + "".join(f"{x:>8}" for x in LABELS)
        + f"{'missing':>9}{'problems':>9}"
    ]
    for source, splits in stats["sources"].items():
        for split, row in splits.items():
            counts = "".join(f"{row['entities'][label]:>8}" for label in LABELS)
            lines.append(
                f"{source + '/' + split:<16}{row['documents']:>6}{row['tokens']:>9}{counts}"
                f"{row['missing_spans']:>9}{row['alignment_problems']:>9}"
            )
    return "\n".join([*lines, f"converted in {stats['seconds']} s"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wirewatch.nlp.train.corpus",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument(
        "--shared", type=Path, default=None, help="the shared folder (default: found above here)"
    )
    parser.add_argument("--out", type=Path, default=Path("build/nlp/corpus"), help="output folder")
    args = parser.parse_args(argv)
    shared = args.shared or find_shared()
    if shared is None or not (shared / "data" / "nlp").is_dir():
        print(
            "corpus: no shared/data/nlp found; pass --shared or set WIREWATCH_SHARED",
            file=sys.stderr,
        )
        return 2
    print(summary(build_corpus(shared, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
