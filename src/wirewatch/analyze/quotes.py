"""Who said what: the quotes of an article, attributed to its entities.

`find_quotes(docs, entities)` reads each paragraph's Doc for reported speech
(speech.py) and names each speaker by the article's entities:

- a name in the attribution is the entity whose mention covers its head word
  ("Kremlin spokesman Dmitry Peskov" is Peskov, not the Kremlin);
- he/she is the latest person who spoke or was named before, outside quotes;
  it/they the latest organisation or country;
- "the spokesman", "the minister" is the latest entity with that role; "the
  ministry" the latest organisation so named; a seat of government ("the
  Kremlin") the entity of its country;
- a quote with no attribution of its own keeps the speaker of the quote before it
  in its paragraph, or of the paragraph before when that one ends inside a quote,
  with a colon, or with its speaker's words. No cue, no speaker.

Stances ("analysts believe ...") are reported as quotes of kind `stance`, with
their holder as speaker, but never speak for a later quote or pronoun.

A quote split by its attribution is two quotes with one speaker; a quote running
on over paragraphs is one quote per paragraph, so that every quote's text is
exactly `body[paragraph][start:end]`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from wirewatch.analyze.marks import Marked
from wirewatch.analyze.speakers import Phrase
from wirewatch.analyze.speech import STANCE, UNQUOTED, Act, Reading, Speech, read
from wirewatch.model import Entity, Mention, Quote, Speaker

__all__ = ["Attributed", "attribute", "find_quotes"]

_HE_SHE = frozenset("he she him her".split())
_IT_THEY = frozenset("it they them".split())
_PRONOUNS = _HE_SHE | _IT_THEY
_PERSON = frozenset({"PERSON"})
_GROUP = frozenset({"ORG", "GPE"})
# Heads that name an office or body: "the spokesman said", "the ministry said".
_ROLES = frozenset(
    (
        "spokesman spokeswoman spokesperson minister president premier chancellor secretary "
        "ambassador envoy official governor mayor general commander chief leader senator "
        "lawmaker prosecutor judge king queen prince ministry government army military police "
        "agency office department committee council court party company"
    ).split()
)
# A pronoun looks back to a speaker this many paragraphs before any other mention.
RECENT_PARAGRAPHS = 2
# Heads that name a body speaking for the name before them.
_BODIES = frozenset(
    "agency ministry government army military police office department committee council "
    "embassy mission court party company newspaper broadcaster channel".split()
)


@dataclass(frozen=True, slots=True)
class Attributed:
    """A quote, with where its speaker's phrase and that phrase's head word are written
    (in the paragraph of the attribution, which an inherited speaker shares)."""

    quote: Quote
    speaker_at: Mention | None = None
    speaker_head: Mention | None = None


@dataclass(frozen=True, slots=True)
class _Said:
    speaker: Speaker | None = None
    at: Mention | None = None
    head: Mention | None = None


_NOBODY = _Said()


@dataclass(slots=True)
class _Context:
    """What a reader remembers going through the article: mentions and who spoke last."""

    docs: Sequence[Doc]
    mentions: list[tuple[int, int, int, Entity]]
    quoted: list[tuple[Marked, ...]]
    spoke: list[tuple[int, int, Speaker, str]] = field(default_factory=list)


def find_quotes(docs: Sequence[Doc], entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """The quotes of an article: `docs[i]` is body paragraph i, `entities` its entities."""
    return tuple(a.quote for a in attribute(docs, entities))


def attribute(docs: Sequence[Doc], entities: Sequence[Entity]) -> tuple[Attributed, ...]:
    """The quotes with where each speaker was written, for scoring against gold speakers."""
    readings = [read(doc) for doc in docs]
    context = _Context(docs, _ordered_mentions(entities), [r.quoted for r in readings])
    found: list[Attributed] = []
    previous: _Carry = _Carry()
    for paragraph, reading in enumerate(readings):
        quotes, previous = _paragraph(paragraph, reading, previous, context)
        found.extend(quotes)
    return tuple(found)


def _ordered_mentions(entities: Sequence[Entity]) -> list[tuple[int, int, int, Entity]]:
    mentions = [(m.paragraph, m.start, m.end, e) for e in entities for m in e.mentions]
    return sorted(mentions, key=lambda m: (m[0], m[1]))


@dataclass(frozen=True, slots=True)
class _Carry:
    """What the previous paragraph hands on: a quote left open, or its last speaker."""

    open_quote: _Said | None = None
    last: _Said | None = None


def _paragraph(
    paragraph: int, reading: Reading, previous: _Carry, context: _Context
) -> tuple[list[Attributed], _Carry]:
    resolved: dict[Phrase, _Said] = {}
    events: list[tuple[int, Speech | Act]] = [(s.at, s) for s in reading.speeches]
    events += [(a.at, a) for a in reading.acts]
    for _, event in sorted(events, key=lambda e: e[0]):
        if event.speaker is not None and event.speaker not in resolved:
            who = _resolve(event.speaker, paragraph, context)
            resolved[event.speaker] = _said(who, event.speaker, paragraph)
            # who holds a view has not spoken: "he" in a later quote looks past them
            if not isinstance(event, Speech) or event.kind != STANCE:
                _spoke(who, paragraph, event.at, event.speaker, context)
    out: list[Attributed] = []
    for index, speech in enumerate(reading.speeches):
        said = _who(speech, index, reading, resolved, previous)
        if speech.speaker is None and said.speaker is not None:
            _spoke(said.speaker, paragraph, speech.start, None, context)
        text = reading.text[speech.start : speech.end]
        quote = Quote(text, speech.kind, paragraph, speech.start, speech.end, said.speaker,
                      said.at.text if said.at else None, speech.verb)  # fmt: skip
        out.append(Attributed(quote, said.at, said.head))
    return out, _carry(reading, out, resolved)


def _who(
    speech: Speech,
    index: int,
    reading: Reading,
    resolved: dict[Phrase, _Said],
    previous: _Carry,
) -> _Said:
    if speech.speaker is not None:
        return resolved[speech.speaker]
    if speech.kind in UNQUOTED:
        return _NOBODY
    if index == 0 and speech.follows and previous.open_quote is not None:
        return previous.open_quote
    # the quote before it, or the last report before it ("Wilkins also said ... . "As a way
    # to ...""), in its paragraph; else the quote after it
    neighbours = [
        (s.start, s.speaker)
        for s in reading.speeches
        if s.kind not in UNQUOTED and s.speaker is not None
    ]
    reports = [(a.at, a.speaker) for a in reading.acts]
    before = [who for at, who in sorted(neighbours + reports, key=_first) if at < speech.start]
    after = [who for start, who in neighbours if start > speech.start]
    if before:
        return resolved[before[-1]]
    if speech.follows and previous.last is not None:
        return previous.last
    if after:
        return resolved[after[0]]
    return _NOBODY


def _first(pair: tuple[int, Phrase]) -> int:
    return pair[0]


def _carry(
    reading: Reading,
    quotes: list[Attributed],
    resolved: dict[Phrase, _Said],
) -> _Carry:
    direct = [a for a in quotes if a.quote.kind not in UNQUOTED]
    open_quote = None
    if reading.speeches and reading.speeches[-1].open_end and direct:
        open_quote = _Said(direct[-1].quote.speaker, direct[-1].speaker_at, direct[-1].speaker_head)
    final = [a for a in reading.acts if a.final]
    last = resolved.get(final[-1].speaker) if final else None
    if last is None and direct and reading.speeches[-1].kind not in UNQUOTED:
        last = _Said(direct[-1].quote.speaker, direct[-1].speaker_at, direct[-1].speaker_head)
    if last is not None and last.speaker is None:
        last = None
    return _Carry(open_quote, last)


def _spoke(
    who: Speaker | None, paragraph: int, at: int, phrase: Phrase | None, context: _Context
) -> None:
    """Remember a speaker, with its type, for the pronouns that follow."""
    if who is None:
        return
    if who.entity is not None:
        kind = _entity(who.entity, context).type
    elif phrase is not None and not phrase.pronoun:
        kind = _name_type(phrase, paragraph, context)
    else:
        kind = next((k for _, _, s, k in reversed(context.spoke) if s == who), "")
    if kind:
        context.spoke.append((paragraph, at, who, kind))


def _name_type(phrase: Phrase, paragraph: int, context: _Context) -> str:
    """A name the entities lack: the recogniser's label, or a person if it is capitalised."""
    doc = context.docs[paragraph]
    for ent in doc.ents:
        if ent.start_char <= phrase.head_start < ent.end_char:
            return ent.label_
    return "PERSON" if phrase.head[:1].isupper() else ""


def _said(who: Speaker | None, phrase: Phrase, paragraph: int) -> _Said:
    at = Mention(phrase.text, paragraph, phrase.start, phrase.end)
    return _Said(who, at, Mention(phrase.head, paragraph, phrase.head_start, phrase.head_end))


def _entity(entity_id: str, context: _Context) -> Entity:
    return next(e for _, _, _, e in context.mentions if e.id == entity_id)


def _resolve(phrase: Phrase, paragraph: int, context: _Context) -> Speaker | None:
    named = _named(phrase, paragraph, context)
    if named is not None:
        return _speaker(named)
    head = phrase.head.lower()
    if phrase.pronoun and head in _PRONOUNS:
        types = _PERSON if head in _HE_SHE else _GROUP
        return _latest(paragraph, phrase.start, types, context) or Speaker(phrase.text)
    found: Entity | None = None
    if (
        head in _ROLES
        and phrase.text.lower().startswith("the ")
        and not _unknown_name(phrase, paragraph, context)
    ):
        found = _by_role(paragraph, phrase.start, head, context)
    if found is None:
        found = _seat_of_government(phrase, paragraph, context)
    return _speaker(found) if found is not None else Speaker(phrase.text)


def _unknown_name(phrase: Phrase, paragraph: int, context: _Context) -> bool:
    """ "the Interfax news agency" names its own agency: no role to look back for."""
    doc = context.docs[paragraph]
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    known = [(s, e) for p, s, e, _ in context.mentions if p == paragraph]
    return span is not None and any(
        t.text[:1].isupper() and t.i > span.start and not any(s <= t.idx < e for s, e in known)
        for t in span
    )


def _speaker(entity: Entity) -> Speaker:
    return Speaker(entity.name, entity.id)


def _named(phrase: Phrase, paragraph: int, context: _Context) -> Entity | None:
    inside = [
        (s, e, entity)
        for p, s, e, entity in context.mentions
        if p == paragraph and s < phrase.end and e > phrase.start
    ]
    covering = [m for m in inside if m[0] <= phrase.head_start and m[1] >= phrase.head_end]
    people = [m for m in covering or inside if m[2].type == "PERSON"]
    if people:
        return people[-1][2]
    if covering:
        return covering[-1][2]
    # "the Interfax news agency", "Russia's foreign ministry": a body named by its owner
    owners = [m for m in inside if m[2].type in _GROUP]
    return owners[-1][2] if owners and phrase.head.lower() in _BODIES else None


def _outside_quotes(paragraph: int, start: int, context: _Context) -> bool:
    return not any(m.start <= start < m.end for m in context.quoted[paragraph])


def _latest(paragraph: int, at: int, types: frozenset[str], context: _Context) -> Speaker | None:
    """The latest compatible speaker of the last few paragraphs, else the latest mention."""
    for p, a, who, kind in reversed(context.spoke):
        if (p, a) < (paragraph, at) and kind in types:
            if paragraph - p <= RECENT_PARAGRAPHS:
                return who
            break
    for p, s, _, entity in reversed(context.mentions):
        if (p, s) < (paragraph, at) and entity.type in types and _outside_quotes(p, s, context):
            return _speaker(entity)
    return None


def _by_role(paragraph: int, at: int, head: str, context: _Context) -> Entity | None:
    for p, s, _, entity in reversed(context.mentions):
        if (p, s) >= (paragraph, at):
            continue
        words = f"{entity.role or ''} {entity.name}".lower().split()
        if head in words:
            return entity
    return None


def _seat_of_government(phrase: Phrase, paragraph: int, context: _Context) -> Entity | None:
    """ "The Kremlin" speaks for Russia: the gazetteer gives such a name its country."""
    if paragraph >= len(context.docs) or not Span.has_extension("country"):
        return None
    doc = context.docs[paragraph]
    span = doc.char_span(phrase.head_start, phrase.head_end, alignment_mode="expand")
    if span is None:
        return None
    for ent in doc.ents:
        if ent.start <= span.start < ent.end and ent.label_ == "ORG":
            country = ent._.country
            return next(
                (e for *_, e in context.mentions if e.type == "GPE" and e.country == country),
                None,
            )
    return None
