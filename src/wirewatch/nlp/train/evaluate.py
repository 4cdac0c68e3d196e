"""Scoring a pipeline on the dev sets: entities, parses, tags and speed.

Entities are compared by character offsets, so a pipeline is scored on its own
tokenisation of the raw text. Gold sets know three kinds of entity: people,
organisations and locations; a prediction is mapped onto them (GPE, LOC and FAC
are all locations; NORP and the rest have no gold counterpart and are not
counted), and a prediction over a span whose gold annotation is missing is
neither right nor wrong.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

# Predicted label -> gold class; labels absent here are not scored.
SCORED: dict[str, str] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
}
CLASSES = ("PERSON", "ORG", "LOC")
Span = tuple[int, int, str]


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class EntityScores:
    per_label: dict[str, PRF] = field(default_factory=lambda: {c: PRF() for c in CLASSES})

    @property
    def total(self) -> PRF:
        return PRF(
            sum(s.tp for s in self.per_label.values()),
            sum(s.fp for s in self.per_label.values()),
            sum(s.fn for s in self.per_label.values()),
        )


def _gold_spans(doc: Doc) -> tuple[set[Span], list[tuple[int, int]]]:
    spans = {(e.start_char, e.end_char, SCORED[e.label_]) for e in doc.ents if e.label_ in SCORED}
    missing: list[tuple[int, int]] = []
    for token in doc:
        if token.ent_iob == 0:  # annotation unknown here
            missing.append((token.idx, token.idx + len(token)))
    return spans, missing


def _overlaps(span: Span, regions: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in regions)


def score_entities(predicted: Sequence[Doc], gold: Sequence[Doc]) -> EntityScores:
    """Exact-span entity scores per class, predictions over missing gold ignored."""
    scores = EntityScores()
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        truth, missing = _gold_spans(gold_doc)
        guesses = {
            (e.start_char, e.end_char, SCORED[e.label_])
            for e in pred_doc.ents
            if e.label_ in SCORED
        }
        guesses = {g for g in guesses if g in truth or not _overlaps(g, missing)}
        for label in CLASSES:
            t = {s for s in truth if s[2] == label}
            g = {s for s in guesses if s[2] == label}
            scores.per_label[label].tp += len(t & g)
            scores.per_label[label].fp += len(g - t)
            scores.per_label[label].fn += len(t - g)
    return scores


def predict(nlp: Language, gold: Sequence[Doc], batch_size: int = 64) -> list[Doc]:
    """The pipeline's reading of each gold document's raw text."""
    return list(nlp.pipe((d.text for d in gold), batch_size=batch_size))


def predict_on_gold_tokens(nlp: Language, gold: Sequence[Doc], batch_size: int = 64) -> list[Doc]:
    """The pipeline's reading of each gold document, tokenised as the gold is."""
    docs = [
        Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
        for g in gold
    ]
    return list(nlp.pipe(docs, batch_size=batch_size))


def score_syntax(predicted: Sequence[Doc], gold: Sequence[Doc]) -> dict[str, float]:
    """UAS/LAS (without and with punctuation), tag, POS, morphology and lemma accuracy."""
    examples = [Example(p, g) for p, g in zip(predicted, gold, strict=True)]
    out: dict[str, float] = {}
    deps = Scorer.score_deps(examples, "dep", ignore_labels=("p", "punct"))
    deps_all = Scorer.score_deps(examples, "dep", ignore_labels=())
    out["uas"], out["las"] = deps["dep_uas"] or 0.0, deps["dep_las"] or 0.0
    out["uas_punct"], out["las_punct"] = deps_all["dep_uas"] or 0.0, deps_all["dep_las"] or 0.0
    for attr, key in (("tag", "tag_acc"), ("pos", "pos_acc"), ("lemma", "lemma_acc")):
        out[key] = Scorer.score_token_attr(examples, attr)[f"{attr}_acc"] or 0.0
    morph = Scorer.score_token_attr(
        examples, "morph", getter=lambda token, _: str(token.morph), missing_values={""}
    )
    out["morph_acc"] = morph["morph_acc"] or 0.0
    out["sents_f"] = Scorer.score_spans(examples, "sents")["sents_f"] or 0.0
    return out


def words_per_second(nlp: Language, texts: Iterable[str], batch_size: int = 256) -> float:
    """Throughput of nlp.pipe over `texts`, counting whitespace-separated words."""
    texts = list(texts)
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return words / (time.perf_counter() - start)


def one_core() -> None:
    """Pin this process, and the maths libraries' threads, to one core."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def label_counts(docs: Iterable[Doc]) -> Counter[str]:
    return Counter(e.label_ for d in docs for e in d.ents)
