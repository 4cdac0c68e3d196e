"""Quotations: who said what, on GUM's attribution relations and on the seed, in one run.

    python benchmarks/quotes.py [--split dev|train] [--model NAME] [--list N]

Gold: the eRST discourse layer of UD English-GUM (../shared/data/nlp/ud_english_gum).
Every `attribution-positive` or `attribution-negative` relation links the EDU that
attributes (the source clause, "the report says") to the EDU attributed (the
content). A gold quote is:

- its text: the tokens between the quotation marks its `grf-qt` signal names, or
  the quotation the content EDU begins in (then it is `direct`), else the content
  EDU with the EDUs below it in the RST tree that stand in the same sentence, less
  the source EDU;
- its speaker: the tokens of its `sem-atsrc` signal;
- its cue: the word of its `lex-indwd` signal ("says").

Paragraphs (`# newpar`) of each document are run through wirewatch's pipeline as
an article's body. Scores, punctuation tokens left out:

- quote P/R/F1 (overlap): a predicted quote matches a gold one when their shared
  tokens are at least half of each (one to one, best overlap first); `exact`: the
  same tokens;
- speaker accuracy, over matched gold quotes that name a source: the head word
  of the predicted speaker phrase is a source token, or the entity it resolves to
  has a mention covering one. `direct`: gold quotes in quotation marks.

Rows: every attribution; the news and interview documents; and reported speech,
the attributions cued by quotation marks, "according to" or a verb of the Gender
Gap Tracker's quote-verb list (../shared/data/nlp/gender_gap_tracker_lexicons)
less "think": thought and perception ("I think", "I know") are not speech.
GUM's attribution is wider than news quotation: it counts beliefs, image credits
and conversational "I was like", which the rows tell apart.

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
    children: dict[int, list[int]] = {}
    for name, source, target, _ in doc.relations:
        if target is not None and not name.startswith("attribution"):
            children.setdefault(target, []).append(source)
    seen, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen and child != leave_out:
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
        if len(marks) >= 2:
            tokens = set(range(min(marks) + 1, max(marks)))
        elif first in quoted and set(edus.get(source, ())).isdisjoint(quoted[first]):
            tokens = set(quoted[first])
            marks = [first, first]
        else:
            sentence = doc.sentence[edus[target][0]]
            tokens = {
                t
                for edu in _subtree(doc, target, source)
                for t in edus.get(edu, ())
                if doc.sentence[t] == sentence
            } - set(edus.get(source, ()))
        cue = " ".join(doc.forms.get(t, "") for t in _signal_tokens(signals, "lex-indwd"))
        cue = cue or " ".join(doc.forms.get(t, "") for t in _signal_tokens(signals, "lex-indph"))
        tokens -= doc.punct
        if tokens:
            speaker = frozenset(_signal_tokens(signals, "sem-atsrc"))
            found.append(Gold(doc.name, doc.genre, frozenset(tokens), speaker, cue.lower(),
                              len(marks) >= 2))  # fmt: skip
    return found


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


def predict(nlp: Language, doc: GumDoc, resolve: Any) -> list[Predicted]:
    docs = list(nlp.pipe(doc.paragraphs))
    entities = resolve(docs)
    by_id = {e.id: e for e in entities}
    out = []
    for found in attribute(docs, entities):
        q = found.quote
        tokens = _tokens_in(doc, q.paragraph, q.start, q.end)
        if tokens:
            out.append(Predicted(frozenset(tokens), frozenset(_speaker_tokens(doc, found, by_id))))
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
    it; a gold quote is found when what belongs to it covers at least half of it.
    A quote kept in pieces (split by its attribution, or over paragraphs) is
    found by its pieces together.
    """
    order = sorted(range(len(gold)), key=lambda j: -len(gold[j].tokens))
    used: set[int] = set()
    found = []
    for j in order:
        tokens = gold[j].tokens
        pieces = [
            i
            for i, p in enumerate(pred)
            if i not in used and len(p.tokens & tokens) * 2 >= len(p.tokens)
        ]
        covered = set().union(*(pred[i].tokens & tokens for i in pieces)) if pieces else set()
        if len(covered) * 2 >= len(tokens):
            used.update(pieces)
            found.append((pieces, j))
    return found


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

    def row(self, name: str) -> str:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        exact = 2 * self.exact / (self.predicted + self.gold) if self.predicted + self.gold else 0.0
        direct = self.direct_right / self.direct_spoken if self.direct_spoken else 0.0
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


def run_gum(nlp: Language, path: Path, resolve: Any, verbs: frozenset[str], show: int) -> None:
    rows = {
        "all attributions": lambda g: True,
        "news + interview": lambda g: g.genre in NEWS_GENRES,
        "reported speech": lambda g: g.direct or any(w in verbs for w in g.cue.split()),
    }
    tallies = {name: Tally() for name in rows}
    misses: list[str] = []
    for doc in _read_gum(path):
        gold = gold_quotes(doc)
        pred = predict(nlp, doc, resolve)
        for name, keep in rows.items():
            if name == "news + interview" and doc.genre not in NEWS_GENRES:
                continue
            score(tallies[name], pred, gold, keep)
        misses.extend(_misses(doc, pred, gold))
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
