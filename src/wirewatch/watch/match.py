"""Matching a new article against follows: a pure function of the analysis.

`matches` says which follows an article matches and why: the entity, event, quote,
words or watchlist hit, each with the sentence it was read from, so that an alert
can show its evidence. Events match only when `asserted`: "Turkey denied it might
let Russia use Incirlik" is not Turkey acting on Russia.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from wirewatch.knowledge.names import normalise
from wirewatch.model import ActorRef, Analysis, Entity, Event
from wirewatch.store.search import Term, parse
from wirewatch.watch.follows import Follow, Match, Reason
from wirewatch.watch.screen import Hit, sentence_of

__all__ = ["MAX_REASONS", "matches", "reasons"]

# An alert shows the first reasons found; more would bury the story under evidence.
MAX_REASONS = 5

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_SUFFIXES = ("ies", "es", "s", "ing", "ed")


def matches(
    analysis: Analysis, story_id: str, follows: Sequence[Follow], watchlist_hits: Sequence[Hit]
) -> list[Match]:
    """The follows the article matches, in the order given, each with its reasons."""
    found = []
    for follow in follows:
        why = reasons(analysis, follow, watchlist_hits)
        if why:
            found.append(Match(follow, analysis.id, story_id, why))
    return found


def reasons(
    analysis: Analysis, follow: Follow, watchlist_hits: Sequence[Hit] = ()
) -> tuple[Reason, ...]:
    """Why the article matches the follow (empty: it does not), at most MAX_REASONS."""
    finder = _FINDERS[follow.kind]
    unique = dict.fromkeys(finder(analysis, follow, watchlist_hits))
    return tuple(unique)[:MAX_REASONS]


# Entities ----------------------------------------------------------------------------


def _entity(analysis: Analysis, follow: Follow, _hits: Sequence[Hit]) -> Iterator[Reason]:
    wanted = normalise(follow.value) or follow.value.casefold()
    for entity in analysis.entities:
        if wanted in _names(entity):
            yield from _entity_reasons(analysis, entity)


def _names(entity: Entity) -> set[str]:
    texts = (entity.name, *entity.aliases, *(m.text for m in entity.mentions))
    return {normalise(text) or text.casefold() for text in texts}


def _entity_reasons(analysis: Analysis, entity: Entity) -> Iterator[Reason]:
    if entity.mentions:
        evidence = sentence_of(analysis, entity.mentions[0])
        if evidence is not None:
            subject = f"{entity.name} ({entity.type})"
            yield Reason("entity", subject, evidence.sentence, evidence.paragraph)
    for quote in analysis.quotes:
        if quote.speaker is not None and quote.speaker.entity == entity.id:
            subject = f"{quote.speaker.name} ({quote.kind} quote)"
            yield Reason("quote", subject, quote.text, quote.paragraph)
    for event in _asserted(analysis):
        sides = (event.source, event.target)
        if any(side is not None and side.entity == entity.id for side in sides):
            yield _event_reason(event)


# Events --------------------------------------------------------------------------------


def _asserted(analysis: Analysis) -> Iterator[Event]:
    return (event for event in analysis.events if event.modality == "asserted")


def _is(side: ActorRef | None, code: str) -> bool:
    """An actor is a code's when its country is the code or its actor code begins so
    (TUR is TUR, TURGOV and TURMIL)."""
    if side is None:
        return False
    return side.country == code or (side.code or "").startswith(code)


def _actors(analysis: Analysis, follow: Follow, _hits: Sequence[Hit]) -> Iterator[Reason]:
    codes = follow.value.split(",")
    for event in _asserted(analysis):
        if len(codes) == 1:
            hit = _is(event.source, codes[0]) or _is(event.target, codes[0])
        else:
            first, second = codes
            hit = _is(event.source, first) and _is(event.target, second)
            hit = hit or (follow.either and _is(event.source, second) and _is(event.target, first))
        if hit:
            yield _event_reason(event)


def _root(analysis: Analysis, follow: Follow, _hits: Sequence[Hit]) -> Iterator[Reason]:
    return (_event_reason(e) for e in _asserted(analysis) if e.cameo[:2] == follow.value)


def _plover(analysis: Analysis, follow: Follow, _hits: Sequence[Hit]) -> Iterator[Reason]:
    return (_event_reason(e) for e in _asserted(analysis) if e.plover_event == follow.value)


def _country(analysis: Analysis, follow: Follow, _hits: Sequence[Hit]) -> Iterator[Reason]:
    code = follow.value
    for event in _asserted(analysis):
        where = event.location.country if event.location else None
        if code in (event.source.country, event.target.country if event.target else None, where):
            yield _event_reason(event)
    for entity in analysis.entities:
        if entity.country == code:
            yield from _entity_reasons(analysis, entity)


def _event_reason(event: Event) -> Reason:
    target = event.target
    whom = f" {target.name} ({target.code or '-'})" if target else ""
    plover = f", {event.plover_event}" if event.plover_event else ""
    subject = (
        f"{event.source.name} ({event.source.code or '-'}) -> {event.cameo} "
        f"{event.cameo_name}{plover} ->{whom}"
    )
    return Reason("event", subject, event.evidence.sentence, event.evidence.paragraph)


# Words -----------------------------------------------------------------------------------


def _query(analysis: Analysis, follow: Follow, _hits: Sequence[Hit]) -> Iterator[Reason]:
    query = parse(follow.value)
    sentences = list(_sentences(analysis))
    words = [(p, s, _words(s)) for p, s in sentences]
    if any(_has(w, term) for term in query.excluded for _p, _s, w in words):
        return
    found: list[Reason] = []
    for group in query.groups:
        first = next(((p, s, t) for t in group for p, s, w in words if _has(w, t)), None)
        if first is None:
            return
        paragraph, sentence, term = first
        found.append(Reason("text", term.text or " ".join(term.words), sentence, paragraph))
    yield from found


def _sentences(analysis: Analysis) -> Iterator[tuple[int | None, str]]:
    yield None, analysis.article.title
    for number, paragraph in enumerate(analysis.article.paragraphs()):
        for sentence in _SENTENCE.split(paragraph):
            if sentence.strip():
                yield number, sentence.strip()


def _words(text: str) -> list[str]:
    return [_stem(w.casefold()) for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    """A light English stem (search itself stems with Porter): enough that a follow on
    "sanction" sees "sanctions" and "sanctioned"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _has(words: list[str], term: Term) -> bool:
    wanted = [_stem(w) for w in term.words]
    size = len(wanted)
    for start in range(len(words) - size + 1):
        window = words[start : start + size]
        if window[:-1] == wanted[:-1] and _same(window[-1], wanted[-1], term.prefix):
            return True
    return False


def _same(word: str, wanted: str, prefix: bool) -> bool:
    return word == wanted or (prefix and word.startswith(wanted))


# Watchlists ------------------------------------------------------------------------------


def _watchlist(_analysis: Analysis, follow: Follow, hits: Sequence[Hit]) -> Iterator[Reason]:
    for hit in hits:
        if hit.watchlist == follow.value:
            subject = (
                f"{hit.entity_name} = {hit.ref} {hit.primary_name} "
                f"(listed as {hit.listed_name!r}, score {hit.score:.2f})"
            )
            sentence = hit.evidence.sentence if hit.evidence else hit.name
            paragraph = hit.evidence.paragraph if hit.evidence else None
            yield Reason("watchlist", subject, sentence, paragraph)


_Finder = Callable[[Analysis, Follow, Sequence[Hit]], Iterable[Reason]]
_FINDERS: dict[str, _Finder] = {
    "entity": _entity,
    "actors": _actors,
    "root": _root,
    "plover": _plover,
    "query": _query,
    "country": _country,
    "watchlist": _watchlist,
}
