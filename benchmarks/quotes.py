"""Quotations: who said what, on GUM's attribution relations and on the seed, in one run.

    python benchmarks/quotes.py [--split dev|train] [--model NAME] [--list N]

Gold: the eRST discourse layer of UD English-GUM (../shared/data/nlp/ud_english_gum).
Every `attribution-positive` or `attribution-negative` relation links the EDU that
attributes (the source clause, "the report says") to the EDU attributed (the
content). A gold quote is:

- its text: the tokens between the quotation marks its `grf-qt` signal names, or
  the quotation the content EDU begins in (then it is `direct`), else the content
  EDU with the EDUs below it in the RST tree that stand in its sentence, or in a
  quotation it opens into (`We need to "make sure ... . But ...," she said`), less
  the source EDU and less the content of any other attribution ("said why ...,
  but Mohib says there were concerns": the concerns are Mohib's). Marks do not
  bound an attribution made inside them: the "I think" in `"I think it is strong,"
  said Gustafon` attributes "it is strong", not the whole quotation;
- its speaker: the tokens of its `sem-atsrc` signal;
- its cue: the word of its `lex-indwd` signal ("says").

Paragraphs (`# newpar`) of each document are run through wirewatch's pipeline as
an article's body; a document with no paragraph marks (the vlogs) is one
paragraph. Scores, punctuation tokens left out:

- quote P/R/F1 (overlap): a predicted quote belongs to a gold one when at least
  half its tokens are in it, and to one gold quote only, the one it overlaps best
  (Dice); a gold quote is found when what belongs to it covers at least half of it
  (a quote kept in pieces, split by its attribution or over paragraphs, is found
  by its pieces and counted once). GUM cuts content into discourse units where a
  news reader sees one quote, so the strict figure, `exact` (F1 of quotes with
  the same tokens), is printed beside it;
- speaker accuracy, over matched gold quotes that name a source: the head word
  of the predicted speaker phrase is a source token, or the entity it resolves to
  has a mention covering one. `direct`: gold quotes in quotation marks.

Rows: every attribution against every predicted quote; the news and interview
documents; reported speech, the attributions cued by quotation marks, "according
to" or a verb of the Gender Gap Tracker's quote-verb list
(../shared/data/nlp/gender_gap_tracker_lexicons) less "think", against the
predicted speech (direct, partial, indirect); and the other attributions
(thought, belief, perception, image credits, conversational "I was like") against
the predicted stances.

The seed (../shared/seed) is scored by its README: each required quote is found
with its `starts` and `ends` inside one predicted quote and the listed speaker.
"""

from __future__ import annotations

import argparse
import lzma
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

from benchmarks.shared import shared_dir  # noqa: E402
from wirewatch.analyze.quotes import Attributed, attribute  # noqa: E402
from wirewatch.model import Entity, Mention  # noqa: E402
from wirewatch.nlp import load  # noqa: E402

NEWS_GENRES = ("news", "interview")
SPEECH_KINDS = frozenset({"direct", "partial", "indirect"})
ALL_KINDS = SPEECH_KINDS | {"stance"}
_SIGNAL = re.compile(r"^([a-z]+-[a-z]+)-([\d,\-]+)$")


# GUM --------------------------------------------------------------------------------------


@dataclass(slots=True)
class GumDoc:
    """One GUM document: its paragraphs, and where each token (1-based) stands."""

    name: str
    genre: str
    paragraphs: list[str] = field(default_factory=list)
    where: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    punct: set[int] = field(default_factory=set)
    sentence: dict[int, int] = field(default_factory=dict)
    forms: dict[int, str] = field(default_factory=dict)
    edu_start: dict[int, int] = field(default_factory=dict)
    relations: list[tuple[str, int, int | None, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Gold:
    doc: str
    genre: str
    tokens: frozenset[int]
    speaker: frozenset[int]
    cue: str
    direct: bool


def _read_gum(path: Path) -> list[GumDoc]:
    docs: list[GumDoc] = []
    parts: list[str] = []
    sentence = 0
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id ="):
                if parts and docs:  # a document with no paragraph marks (vlogs) is one
                    docs[-1].paragraphs.append("".join(parts).strip())
                docs.append(GumDoc(line.split("=", 1)[1].strip(), ""))
                parts = []
            elif line.startswith("# meta::genre ="):
                docs[-1].genre = line.split("=", 1)[1].strip()
            elif line.startswith("# newpar") and not line.startswith("# newpar_"):
                if parts:
                    docs[-1].paragraphs.append("".join(parts).strip())
                parts = []
            elif line.startswith("# sent_id"):
                sentence += 1
            elif line and not line.startswith("#"):
                _read_token(docs[-1], line.split("\t"), parts, sentence)
    if parts and docs:
        docs[-1].paragraphs.append("".join(parts).strip())
    return docs


def _read_token(doc: GumDoc, cols: list[str], parts: list[str], sentence: int) -> None:
    if "-" in cols[0] or "." in cols[0]:
        return  # multi-word tokens are not in GUM English; empty nodes carry no text
    n = len(doc.where) + 1
    start = sum(len(p) for p in parts)
    paragraph = len(doc.paragraphs)
    doc.where[n] = (paragraph, start, start + len(cols[1]))
    doc.forms[n] = cols[1]
    doc.sentence[n] = sentence
    if cols[3] == "PUNCT":
        doc.punct.add(n)
    parts.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    found = re.search(r"Discourse=([^|]*)", cols[9])
    if found:
        for i, relation in enumerate(found.group(1).split(";")):
            fields = relation.split(":")
            source, _, target = fields[1].partition("->")
            if i == 0:
                doc.edu_start[int(source)] = n
            doc.relations.append((fields[0], int(source), int(target) if target else None,
                                  fields[-1]))  # fmt: skip


def _signal_tokens(signals: str, kind: str) -> list[int]:
    tokens: list[int] = []
    for signal in signals.split("+"):
        match = _SIGNAL.match(signal)
        if match and match.group(1) == kind:
            for part in match.group(2).split(","):
                a, _, b = part.partition("-")
                tokens.extend(range(int(a), int(b or a) + 1))
    return tokens


def _edu_tokens(doc: GumDoc) -> dict[int, range]:
    starts = sorted(doc.edu_start.items(), key=lambda e: e[1])
    ends = [s for _, s in starts[1:]] + [len(doc.where) + 1]
    return {edu: range(start, end) for (edu, start), end in zip(starts, ends, strict=True)}


def _subtree(doc: GumDoc, root: int, leave_out: int) -> set[int]:
    """The EDU `root` and the EDUs below it, less `leave_out` (its source) and the content
    of any other attribution ("said why ..., but Mohib says there were concerns": the
    concerns are Mohib's, not the officials')."""
    children: dict[int, list[int]] = {}
    attributed: set[int] = set()
    for name, source, target, _ in doc.relations:
        if target is not None and not name.startswith("attribution"):
            children.setdefault(target, []).append(source)
        elif target is not None:
            attributed.add(target)
    seen, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen and child != leave_out and child not in attributed:
                seen.add(child)
                todo.append(child)
    return seen


def _quoted_stretches(doc: GumDoc) -> dict[int, frozenset[int]]:
    """Token -> the tokens of the quotation it stands in, pairing marks within a paragraph."""
    inside: dict[int, frozenset[int]] = {}
    open_at: int | None = None
    paragraph = -1
    for n in sorted(doc.where):
        form = doc.forms[n]
        if doc.where[n][0] != paragraph:
            paragraph, open_at = doc.where[n][0], None
        if form in {'"', "“"} and open_at is None:
            open_at = n
        elif form in {'"', "”"} and open_at is not None:
            stretch = frozenset(range(open_at + 1, n))
            inside.update(dict.fromkeys(stretch, stretch))
            open_at = None
    return inside


def gold_quotes(doc: GumDoc) -> list[Gold]:
    edus = _edu_tokens(doc)
    quoted = _quoted_stretches(doc)
    found: list[Gold] = []
    for name, source, target, signals in doc.relations:
        if not name.startswith("attribution") or target is None or target not in edus:
            continue
        marks = _signal_tokens(signals, "grf-qt")
        first = next((t for t in edus[target] if t not in doc.punct), edus[target][0])
        said = set(edus.get(source, ()))
        # `"I think it is strong," said Gustafon`: the marks bound Gustafon's words, not
        # those of the "I think" inside them
        if len(marks) >= 2 and said.isdisjoint(range(min(marks), max(marks))):
            tokens = set(range(min(marks) + 1, max(marks)))
        elif first in quoted and said.isdisjoint(quoted[first]):
            tokens = set(quoted[first])
            marks = [first, first]
        else:
            tokens = _content(doc, edus, (source, target), quoted) - said
        cue = " ".join(doc.forms.get(t, "") for t in _signal_tokens(signals, "lex-indwd"))
        cue = cue or " ".join(doc.forms.get(t, "") for t in _signal_tokens(signals, "lex-indph"))
        tokens -= doc.punct
        if tokens:
            speaker = frozenset(_signal_tokens(signals, "sem-atsrc"))
            found.append(Gold(doc.name, doc.genre, frozenset(tokens), speaker, cue.lower(),
                              len(marks) >= 2))  # fmt: skip
    return found


def _content(
    doc: GumDoc,
    edus: dict[int, range],
    relation: tuple[int, int],
    quoted: dict[int, frozenset[int]],
) -> set[int]:
    """The content EDU and the EDUs below it in its sentence, or in a quotation it opens
    into with its source outside (`We need to "make sure ... . But ...," she said`: the
    attribution covers the whole quotation, over its sentences)."""
    source, target = relation
    sentence = doc.sentence[edus[target][0]]
    said = set(edus.get(source, ()))
    within = {t for t in edus[target] if t in quoted and said.isdisjoint(quoted[t])}
    quotation = set().union(*(quoted[t] for t in within)) if within else set()
    return {
        t
        for edu in _subtree(doc, target, source)
        for t in edus.get(edu, ())
        if doc.sentence[t] == sentence or t in quotation
    }


# Prediction -------------------------------------------------------------------------------


def stand_in_entities(docs: Sequence[Doc]) -> tuple[Entity, ...]:
    """One entity per recognised name (a surname joins the full name before it)."""
    groups: dict[str, list[tuple[int, Span]]] = {}
    labels: dict[str, str] = {}
    for p, doc in enumerate(docs):
        for ent in doc.ents:
            key = ent.kb_id_ or ent.text
            if ent.label_ == "PERSON":
                longer = [k for k, label in labels.items() if label == "PERSON"]
                key = next((k for k in longer if k.endswith(" " + ent.text)), key)
            groups.setdefault(key, []).append((p, ent))
            labels.setdefault(key, ent.label_)
    entities = []
    for n, (key, spans) in enumerate(groups.items(), start=1):
        names = [s.text for _, s in spans]
        name = max(names, key=len) if labels[key] == "PERSON" else names[0]
        first = spans[0][1]
        country = first._.country if Span.has_extension("country") else None
        mentions = tuple(Mention(s.text, p, s.start_char, s.end_char) for p, s in spans)
        entities.append(Entity(f"e{n}", name, labels[key], mentions, country=country))
    return tuple(entities)


def entity_resolver() -> tuple[str, Any]:
    try:
        from wirewatch.analyze.entities import resolve
    except ImportError:
        return "stand-in (one entity per recognised name)", stand_in_entities
    return "wirewatch.analyze.entities.resolve", resolve


def _tokens_in(doc: GumDoc, paragraph: int, start: int, end: int) -> set[int]:
    return {
        n
        for n, (p, s, e) in doc.where.items()
        if p == paragraph and s < end and e > start and n not in doc.punct
    }


@dataclass(frozen=True, slots=True)
class Predicted:
    tokens: frozenset[int]
    speaker: frozenset[int]
    kind: str


def predict(nlp: Language, doc: GumDoc, resolve: Any) -> list[Predicted]:
    docs = list(nlp.pipe(doc.paragraphs))
    entities = resolve(docs)
    by_id = {e.id: e for e in entities}
    out = []
    for found in attribute(docs, entities):
        q = found.quote
        tokens = _tokens_in(doc, q.paragraph, q.start, q.end)
        if tokens:
            speaker = frozenset(_speaker_tokens(doc, found, by_id))
            out.append(Predicted(frozenset(tokens), speaker, q.kind))
    return out


def _speaker_tokens(doc: GumDoc, found: Attributed, by_id: dict[str, Entity]) -> set[int]:
    tokens: set[int] = set()
    head = found.speaker_head
    if head is not None:
        tokens |= _tokens_in(doc, head.paragraph, head.start, head.end)
    speaker = found.quote.speaker
    if speaker is not None and speaker.entity in by_id:
        for m in by_id[speaker.entity].mentions:
            tokens |= _tokens_in(doc, m.paragraph, m.start, m.end)
    return tokens


# Scoring ----------------------------------------------------------------------------------


def _matches(pred: Sequence[Predicted], gold: Sequence[Gold]) -> list[tuple[list[int], int]]:
    """Gold quotes with the predicted quotes that make them up.

    A predicted quote belongs to a gold one when at least half its tokens are in
    it, and to one gold quote only: the one it overlaps best (Dice), so that a quote
    is not taken by a longer gold quote around it. A gold quote is found when what
    belongs to it covers at least half of it; a quote kept in pieces (split by its
    attribution, or over paragraphs) is found by its pieces together.
    """
    owner: dict[int, list[int]] = {}
    for i, p in enumerate(pred):
        fits = [j for j, g in enumerate(gold) if len(p.tokens & g.tokens) * 2 >= len(p.tokens)]
        if fits:
            best = max(fits, key=lambda j: _dice(p.tokens, gold[j].tokens))
            owner.setdefault(best, []).append(i)
    found = []
    for j, pieces in sorted(owner.items()):
        covered = set().union(*(pred[i].tokens & gold[j].tokens for i in pieces))
        if len(covered) * 2 >= len(gold[j].tokens):
            found.append((pieces, j))
    return found


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(slots=True)
class Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    exact: int = 0
    spoken: int = 0
    right: int = 0
    direct_spoken: int = 0
    direct_right: int = 0

    @property
    def f1(self) -> float:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def direct_accuracy(self) -> float:
        return self.direct_right / self.direct_spoken if self.direct_spoken else 0.0

    def row(self, name: str) -> str:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = self.f1
        exact = 2 * self.exact / (self.predicted + self.gold) if self.predicted + self.gold else 0.0
        direct = self.direct_accuracy
        spoken = self.right / self.spoken if self.spoken else 0.0
        return (
            f"| {name:<22} | {self.gold:4} | {self.predicted:4} | {p:.3f} | {r:.3f} | {f1:.3f} | "
            f"{exact:.3f} | {direct:.3f} ({self.direct_spoken:3}) | "
            f"{spoken:.3f} ({self.spoken:3}) |"
        )


def score(tally: Tally, pred: Sequence[Predicted], gold: Sequence[Gold], keep: Any) -> None:
    """Add one document's quotes; `keep(gold)` picks the row's gold quotes."""
    pairs = _matches(pred, gold)
    others = {i for pieces, j in pairs if not keep(gold[j]) for i in pieces}
    tally.predicted += len(pred) - len(others)
    tally.gold += sum(1 for g in gold if keep(g))
    for pieces, j in pairs:
        g = gold[j]
        if not keep(g):
            continue
        # the pieces of one quote count once: a split quote is not two right answers
        tally.predicted -= len(pieces) - 1
        tally.matched += 1
        tally.exact += set().union(*(pred[i].tokens for i in pieces)) == g.tokens
        if g.speaker:
            right = any(pred[i].speaker & g.speaker for i in pieces[:1])
            tally.spoken += 1
            tally.right += right
            tally.direct_spoken += g.direct
            tally.direct_right += g.direct and right


def speech_verbs(shared: Path) -> frozenset[str]:
    """The Gender Gap Tracker's quote verbs, less its one verb of thought ("think")."""
    path = shared / "data/nlp/gender_gap_tracker_lexicons/quote_verb_list.txt"
    thought = {"think", "thinks", "thinking", "thought"}
    return frozenset(path.read_text("utf-8").split()) - thought | {"according"}


def score_gum(
    nlp: Language, path: Path, resolve: Any, verbs: frozenset[str]
) -> tuple[dict[str, Tally], list[str]]:
    """Every row's tally over one GUM split, and the misses in document order."""

    def speech(g: Gold) -> bool:
        return g.direct or any(w in verbs for w in g.cue.split())

    # each row: the gold quotes it keeps, and the predicted kinds it scores against them
    rows: dict[str, tuple[Any, frozenset[str]]] = {
        "all attributions": (lambda g: True, ALL_KINDS),
        "news + interview": (lambda g: g.genre in NEWS_GENRES, ALL_KINDS),
        "reported speech": (speech, SPEECH_KINDS),
        "other (stance)": (lambda g: not speech(g), frozenset({"stance"})),
    }
    tallies = {name: Tally() for name in rows}
    misses: list[str] = []
    for doc in _read_gum(path):
        gold = gold_quotes(doc)
        pred = predict(nlp, doc, resolve)
        for name, (keep, kinds) in rows.items():
            if name == "news + interview" and doc.genre not in NEWS_GENRES:
                continue
            score(tallies[name], [p for p in pred if p.kind in kinds], gold, keep)
        misses.extend(_misses(doc, pred, gold))
    return tallies, misses


def run_gum(nlp: Language, path: Path, resolve: Any, verbs: frozenset[str], show: int) -> None:
    tallies, misses = score_gum(nlp, path, resolve, verbs)
    print(f"GUM {path.name}: quotes and speakers (speaker accuracy over matched gold quotes)\n")
    print("| gold quotes            | gold | pred | P     | R     | F1    | exact | "
          "speaker direct (n) | speaker all (n) |")  # fmt: skip
    print("|------------------------|------|------|-------|-------|-------|-------|"
          "--------------------|-----------------|")  # fmt: skip
    for name, tally in tallies.items():
        print(tally.row(name))
    if show:
        print("\nMissed or wrongly attributed (first shown):\n")
        print("\n".join(misses[:show]))


def _misses(doc: GumDoc, pred: Sequence[Predicted], gold: Sequence[Gold]) -> Iterator[str]:
    def words(tokens: frozenset[int]) -> str:
        return " ".join(doc.forms[t] for t in sorted(tokens))[:110]

    pairs = {j: pieces for pieces, j in _matches(pred, gold)}
    for j, g in enumerate(gold):
        if j not in pairs:
            yield f"- {doc.name} MISSED [{words(g.speaker)}] {words(g.tokens)}"
        elif g.speaker and not pred[pairs[j][0]].speaker & g.speaker:
            said = words(pred[pairs[j][0]].speaker)
            kind = "direct" if g.direct else "other"
            yield f"- {doc.name} SPEAKER/{kind} [{words(g.speaker)}] not [{said}] {words(g.tokens)}"
    matched = {i for pieces in pairs.values() for i in pieces}
    for i, p in enumerate(pred):
        if i not in matched:
            yield f"- {doc.name} EXTRA {words(p.tokens)}"


# Seed -------------------------------------------------------------------------------------


def run_seed(nlp: Language, shared: Path, resolve: Any) -> None:
    import json

    from wirewatch.extract import extract
    from wirewatch.model import RawPage, Source

    expected = json.loads((shared / "seed/expected.json").read_text("utf-8"))
    article = extract(RawPage(Source(path="seed"), (shared / "seed/article.txt").read_bytes()))
    docs = list(nlp.pipe(article.body))
    quotes = [a.quote for a in attribute(docs, resolve(docs))]
    required = [
        any(
            q.speaker is not None
            and q.speaker.name == want["speaker"]
            and want["starts"] in q.text
            and want.get("ends", want["starts"]) in q.text
            for q in quotes
        )
        for want in expected["quotes"]
    ]
    optional = [
        any(q.speaker is not None and q.speaker.name == w["speaker"] and q.text == w["text"]
            for q in quotes)
        for w in expected["quotes_optional"]
    ]  # fmt: skip
    print("\nSeed (../shared/seed, README rules)\n")
    print("| quotes   | found | of |")
    print("|----------|-------|----|")
    print(f"| required | {sum(required):5} | {len(required):2} |")
    print(f"| optional | {sum(optional):5} | {len(optional):2} |")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--model", default=None, help="a spaCy pipeline instead of the shipped one")
    parser.add_argument("--list", type=int, default=0, metavar="N", help="show N misses")
    args = parser.parse_args()
    shared = shared_dir()
    if shared is None:
        parser.error("../shared (the GUM data and the seed) was not found")
    nlp = load(args.model)
    how, resolve = entity_resolver()
    path = shared / f"data/nlp/ud_english_gum/en_gum-ud-{args.split}.conllu.xz"
    print(f"Entities: {how}\n")
    run_gum(nlp, path, resolve, speech_verbs(shared), args.list)
    run_seed(nlp, shared, resolve)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
