"""Small analyses built by hand, for tests that need exact control of what is stored."""

from __future__ import annotations

import datetime as dt
import hashlib

from wirewatch.model import (
    ActorRef,
    Analysis,
    Article,
    Entity,
    Event,
    Evidence,
    Location,
    Mention,
    Published,
    Quote,
    Source,
    Speaker,
)


def analysis_id(article: Article) -> str:
    """A content hash as the pipeline makes one (without importing the NLP stack)."""
    text = " ".join([article.title, *article.body]).split()
    return hashlib.sha256(" ".join(text).encode("utf-8")).hexdigest()


def event(
    source: tuple[str, str | None, str | None],
    target: tuple[str, str | None, str | None] | None,
    cameo: str = "042",
    *,
    day: dt.date | None = None,
    modality: str = "asserted",
    plover: str | None = "CONSULT",
    paragraph: int = 0,
    place: Location | None = None,
    precision: str | None = None,
) -> Event:
    """An event between two actors given as (name, code, country)."""
    name, code, country = source
    target_ref = ActorRef(target[0], None, target[1], target[2]) if target else None
    return Event(
        source=ActorRef(name, None, code, country),
        target=target_ref,
        cameo=cameo,
        cameo_name=f"CAMEO {cameo}",
        goldstein=1.0,
        quad_class=1,
        plover_event=plover,
        plover_mode=None,
        modality=modality,
        date=day,
        date_text=None,
        location=place,
        counts=(("killed", 2),),
        evidence=Evidence(paragraph, 0, 10, f"Sentence of event {cameo}."),
        date_precision=precision,
    )


def analysis(
    title: str,
    *body: str,
    url: str | None = None,
    published: dt.date | None = dt.date(2016, 7, 4),
    events: tuple[Event, ...] = (),
    entities: tuple[Entity, ...] = (),
    quotes: tuple[Quote, ...] = (),
) -> Analysis:
    """An analysis of an article with this title and body, from `url`."""
    paragraphs = body or (f"The body of {title}.",)
    article = Article(
        title=title,
        body=tuple(paragraphs),
        authors=("Ece Toksabay",),
        agency="Reuters",
        published=Published(stated=published),
    )
    slug = hashlib.sha1(title.encode()).hexdigest()[:12]
    source = Source(url=url or f"https://example.org/{slug}")
    return Analysis(analysis_id(article), source, article, entities, quotes, events)


def person(local_id: str, name: str, country: str | None, *spellings: str) -> Entity:
    mentions = tuple(Mention(text, 0, 0, len(text)) for text in (spellings or (name,)))
    return Entity(local_id, name, "PERSON", mentions, country=country, code=f"{country}GOV")


def quote(text: str, speaker: str, entity: str | None) -> Quote:
    return Quote(text, "direct", 0, 0, len(text), Speaker(speaker, entity), speaker, "said")
