"""The records passed between stages.

Every stage is a function from one of these records to the next. They are frozen
so that a stage cannot change what an earlier stage handed on, and they carry no
behaviour beyond rendering themselves as the JSON contract of DESIGN.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ARTICLE_SCHEMA = "wirewatch.article/1"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a page came from: a file path or a URL, and when it was fetched.

    `record` names the page inside a file that holds many (a WARC record's
    WARC-Record-ID, `offset 5456`, `line 12` of a JSON Lines file, `item 3` of a
    JSON array), so that a resumed run can tell which of them are done.
    """

    path: str | None = None
    url: str | None = None
    fetched: dt.datetime | None = None
    record: str | None = None

    def key(self) -> str:
        """The page's identity as one string, the same on every run over the same input.

        `path`, or `path#record` for a page inside a file (`news.warc.gz#urn:uuid:…`,
        `dump.jsonl#line 12`, `feed.xml#entry ID`); the URL for a fetched page; empty
        for a page of neither (an article built in code). The store keeps pages and
        errors under it, and a resumed run skips by it.
        """
        base = self.path if self.path is not None else (self.url or "")
        return f"{base}#{self.record}" if self.record else base

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.url is not None:
            out["url"] = self.url
        if self.path is not None or self.url is None:
            out["path"] = self.path
        if self.record is not None:
            out["record"] = self.record
        out["fetched"] = self.fetched.isoformat() if self.fetched else None
        return out


@dataclass(frozen=True, slots=True)
class Notice:
    """A coded warning about one page: the page was read, but not cleanly."""

    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """One thing a source could not give: a file, a feed, a WARC record, a JSON line, a URL.

    `source` names it so that a person can find it again (`news.warc.gz#offset 5456`,
    `dump.jsonl#line 12`, a URL); `code` is an error code from the catalogue. A run
    counts it, logs it and goes on with the rest.
    """

    source: str
    code: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "error": {"code": self.code, "message": self.message}}


@dataclass(frozen=True, slots=True)
class RawPage:
    """The bytes of one page, as read, before anything is decoded.

    `media_type` is what the transport said (an HTTP Content-Type or a file
    suffix); readers treat it as a hint and decide by content.
    """

    source: Source
    content: bytes
    media_type: str | None = None
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True, slots=True)
class Published:
    """The publication date: printed on the page, or reasoned from the text."""

    stated: dt.date | None = None
    inferred: dt.date | None = None
    basis: str = "no date found"

    @property
    def best(self) -> dt.date | None:
        return self.stated or self.inferred

    def to_json(self) -> dict[str, Any]:
        return {
            "stated": self.stated.isoformat() if self.stated else None,
            "inferred": self.inferred.isoformat() if self.inferred else None,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo or video caption and its credit line, kept out of the body."""

    text: str
    credit: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "credit": self.credit}


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: the `article` part of the analysis contract.

    `subheading_before[i]` is the index of the body paragraph that
    `subheadings[i]` stands before, so the text can be put back in reading order.
    """

    title: str
    body: tuple[str, ...]
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    dateline: str | None = None
    language: str = "en"
    published: Published = field(default_factory=Published)
    subheadings: tuple[str, ...] = ()
    subheading_before: tuple[int, ...] = ()
    captions: tuple[Caption, ...] = ()
    removed: tuple[str, ...] = ()
    reader: str = ""
    warnings: tuple[Notice, ...] = ()

    def paragraphs(self) -> tuple[str, ...]:
        """The body's paragraphs, then the captions' texts: what analysis reads.

        Mentions and quotes name a paragraph by its index here, so a name that
        only a caption prints (often the full name of someone the body calls by
        surname) is still found and linked.
        """
        return (*self.body, *(c.text for c in self.captions))

    def text(self, *, headings: bool = True) -> str:
        """The body as plain text, paragraphs separated by blank lines."""
        heads = list(zip(self.subheading_before, self.subheadings, strict=True)) if headings else []
        blocks: list[str] = []
        for index, paragraph in enumerate(self.body):
            blocks.extend(h for i, h in heads if i == index)
            blocks.append(paragraph)
        blocks.extend(h for i, h in heads if i >= len(self.body))
        return "\n\n".join(blocks)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "standfirst": self.standfirst,
            "authors": list(self.authors),
            "agency": self.agency,
            "dateline": self.dateline,
            "language": self.language,
            "published": self.published.to_json(),
            "subheadings": list(self.subheadings),
            "subheading_before": list(self.subheading_before),
            "body": list(self.body),
            "captions": [c.to_json() for c in self.captions],
            "removed": list(self.removed),
            "reader": self.reader,
            "warnings": [w.to_json() for w in self.warnings],
        }


ANALYSIS_SCHEMA = "wirewatch.analysis/1"


@dataclass(frozen=True, slots=True)
class Mention:
    """One spelling of an entity in the body: character offsets into a paragraph."""

    text: str
    paragraph: int
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """One referent of a document, with every mention that names it.

    `country` is an ISO 3166 alpha-3 code; `sector` an actor sector as CAMEO and
    PLOVER use them (GOV, MIL, REB, MED, BUS, ...); `code` the actor code built
    from both ("TURGOV"), when the entity is an actor.
    """

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    code: str | None = None
    aliases: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "role": self.role,
            "sector": self.sector,
            "code": self.code,
            "aliases": list(self.aliases),
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: a resolved entity, or only a name."""

    name: str
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name}


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: `direct` in quotation marks, `partial` a quoted phrase,
    `indirect` reported without marks; `stance` a view held rather than said
    ("analysts believe ..."). `text` is exactly the paragraph's
    characters `start:end`; a quote that runs on over paragraphs is one Quote
    per paragraph, each with the same speaker.
    """

    text: str
    kind: str
    paragraph: int
    start: int
    end: int
    speaker: Speaker | None = None
    speaker_text: str | None = None
    verb: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "speaker_text": self.speaker_text,
            "verb": self.verb,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event's source or target: the entity it is (if one), its name and actor code.

    ``code`` is the CAMEO actor code as PETRARCH and Phoenix write it ("TURGOV",
    "IGOUNO", "---REB" for rebels of no known country); ``country`` its ISO alpha-3.
    """

    name: str
    entity: str | None = None
    code: str | None = None
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "name": self.name,
            "code": self.code,
            "country": self.country,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened: a place as named, and its country."""

    name: str
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence an event was read from: offsets into the paragraph it names."""

    paragraph: int
    start: int
    end: int
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where: one coded event of the analysis contract.

    ``modality`` is ``asserted``, ``denied`` (negated or denied) or ``hypothetical``
    (supposed, conditional or merely intended); ``counts`` pairs each kind of figure
    (killed, wounded, arrested, displaced, missing) with its number. ``date`` is the
    first day of the time the act is dated to and ``date_precision`` how long that
    time is (``day``, ``weekend``, ``week``, ``month``, ``year``); a date with no
    precision is only the story's day, by which an act of the past was reported.
    """

    source: ActorRef
    target: ActorRef | None
    cameo: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    modality: str
    date: dt.date | None
    date_text: str | None
    location: Location | None
    counts: tuple[tuple[str, int], ...]
    evidence: Evidence
    date_precision: str | None = None

    def to_json(self) -> dict[str, Any]:
        plover = None
        if self.plover_event is not None:
            plover = {"event": self.plover_event, "mode": self.plover_mode}
        return {
            "source": self.source.to_json(),
            "target": self.target.to_json() if self.target else None,
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": plover,
            "modality": self.modality,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "location": self.location.to_json() if self.location else None,
            "counts": dict(self.counts),
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything wirewatch reads out of one page: the analysis contract, version 1."""

    id: str
    source: Source
    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": ANALYSIS_SCHEMA,
            "id": self.id,
            "source": self.source.to_json(),
            "article": self.article.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "quotes": [q.to_json() for q in self.quotes],
            "events": [e.to_json() for e in self.events],
        }
