"""The JSON API under /api: the store's reads, search, and follows.

Response models are pydantic, here at the HTTP boundary only; they are built from
the store's own records. Filters are validated before they reach the store, so a
request that does not fit is a 422, never a database error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from wirewatch.errors import WirewatchError
from wirewatch.store import EventFilter, Store
from wirewatch.store.queries import StoredEvent
from wirewatch.web import reads
from wirewatch.web.follows import feed_url, follows_of, new_follow, remove, render_feed

router = APIRouter(prefix="/api", tags=["api"])

ACTOR = r"^[A-Za-z0-9-]{3,32}$"
ROOT = r"^(0?[1-9]|1[0-9]|20)$"
ARTICLE_ID = r"^[0-9a-f]{1,64}$"


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]
Limit = Annotated[int, Query(ge=1, le=500, description="How many to return.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="How many to skip first.")]


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A query or follow that does not parse."},
    404: {"model": ErrorOut, "description": "Not in the store."},
    503: {"model": ErrorOut, "description": "The store cannot be read."},
}


class PageOut(BaseModel):
    url: str | None
    path: str | None
    outlet: str
    fetched: dt.datetime | None


class ArticleSummary(BaseModel):
    id: str
    title: str
    published: dt.date | None
    story_id: str | None
    outlets: list[str]
    pages: list[PageOut]


class StoryOut(BaseModel):
    id: str | None = Field(description="None for an article not grouped into a story.")
    title: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    outlets: list[str]
    articles: list[ArticleSummary]


class ArticleOut(BaseModel):
    id: str
    title: str
    published: dt.date | None
    story_id: str | None
    pages: list[PageOut]
    entity_ids: dict[str, int] = Field(description="The store's entity id of each local id.")
    analysis: dict[str, Any] = Field(description="The analysis contract, wirewatch.analysis/1.")


class ActorOut(BaseModel):
    entity: str | None
    name: str
    code: str | None
    country: str | None


class PloverOut(BaseModel):
    event: str
    mode: str | None


class LocationOut(BaseModel):
    name: str
    country: str | None


class EvidenceOut(BaseModel):
    paragraph: int
    start: int
    end: int
    sentence: str


class EventOut(BaseModel):
    id: int
    article_id: str
    day: dt.date | None
    source: ActorOut
    target: ActorOut | None
    cameo: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: PloverOut | None
    modality: str
    date: dt.date | None
    date_precision: str | None
    date_text: str | None
    location: LocationOut | None
    counts: dict[str, int]
    evidence: EvidenceOut


class EntityCountOut(BaseModel):
    id: int
    name: str
    type: str
    country: str | None
    articles: int
    mentions: int


class MonthOut(BaseModel):
    month: str
    articles: int
    mentions: int


class QuoteOut(BaseModel):
    article_id: str
    article_title: str
    kind: str
    text: str
    speaker: str | None
    speaker_entity_id: int | None
    verb: str | None


class EntityOut(BaseModel):
    id: int
    name: str
    type: str
    country: str | None
    codes: list[str]
    roles: list[str]
    months: list[MonthOut]
    articles: list[ArticleSummary]
    quotes: list[QuoteOut]
    events_as_source: list[EventOut]
    events_as_target: list[EventOut]


class HitOut(BaseModel):
    article_id: str
    title: str
    published: dt.date | None
    story_id: str | None
    score: float
    snippet: str


class FollowIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    kind: Literal["entity", "actors", "root", "plover", "query", "country", "watchlist"]
    value: str = Field(min_length=1, max_length=500)
    channel: Literal["email", "webhook", "feed"] = "feed"
    target: str | None = Field(default=None, max_length=2000)
    mode: Literal["immediate", "daily", "weekly"] = "immediate"
    either: bool = True


class FollowOut(BaseModel):
    id: int | None
    name: str
    kind: str
    value: str
    either: bool
    channel: str
    target: str | None
    mode: str
    created: dt.datetime | None
    feed: str


class HitEntityOut(BaseModel):
    id: str
    name: str
    type: str


class WatchlistHitOut(BaseModel):
    id: int
    article: str
    watchlist: str
    entity: HitEntityOut
    reference: str
    listed_name: str
    score: float
    sentence: str | None
    created: dt.datetime


def summary(ref: reads.ArticleRef) -> ArticleSummary:
    return ArticleSummary(
        id=ref.id,
        title=ref.title,
        published=ref.published,
        story_id=ref.story_id,
        outlets=ref.outlets,
        pages=[_page(p) for p in ref.pages],
    )


def _page(page: reads.Page) -> PageOut:
    return PageOut(url=page.url, path=page.path, outlet=page.outlet, fetched=page.fetched)


def story_out(view: reads.StoryView) -> StoryOut:
    return StoryOut(
        id=view.id,
        title=view.title,
        first_seen=view.first_seen,
        last_seen=view.last_seen,
        outlets=view.outlets,
        articles=[summary(a) for a in view.articles],
    )


def event_out(stored: StoredEvent) -> EventOut:
    return EventOut.model_validate(stored.to_json())


def not_found(what: str, key: object) -> WirewatchError:
    return WirewatchError("WW803", f"no {what} {key}")


@router.get("/articles", response_model=list[ArticleSummary], responses=ERRORS)
def list_articles(store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> list[ArticleSummary]:
    """The articles stored last, newest first."""
    with reads.reading(store) as conn:
        return [summary(r) for r in reads.latest_articles(conn, limit, offset)]


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=ERRORS)
def get_article(
    store: StoreDep, article_id: Annotated[str, Path(pattern=ARTICLE_ID)]
) -> ArticleOut:
    """One article: its analysis (the contract of `wirewatch analyze --json`), story
    and pages."""
    with reads.reading(store) as conn:
        found = reads.article(conn, article_id)
    if found is None:
        raise not_found("article", article_id)
    return ArticleOut(
        id=found.id,
        title=str(found.analysis.get("article", {}).get("title", "")),
        published=found.published,
        story_id=found.story_id,
        pages=[_page(p) for p in found.pages],
        entity_ids=found.entity_ids,
        analysis=found.analysis,
    )


@router.get("/stories", response_model=list[StoryOut], responses=ERRORS)
def list_stories(
    store: StoreDep, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> list[StoryOut]:
    """The stories with the newest articles, each with its articles and outlets."""
    with reads.reading(store) as conn:
        return [story_out(s) for s in reads.latest_stories(conn, limit)]


@router.get("/stories/{story_id}", response_model=StoryOut, responses=ERRORS)
def get_story(store: StoreDep, story_id: Annotated[str, Path(max_length=64)]) -> StoryOut:
    with reads.reading(store) as conn:
        found = reads.story(conn, story_id)
    if found is None:
        raise not_found("story", story_id)
    return story_out(found)


@router.get("/entities", response_model=list[EntityCountOut], responses=ERRORS)
def list_entities(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    type: Annotated[
        Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"] | None, Query()
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
) -> list[EntityCountOut]:
    """The entities named in the most articles (`wirewatch entities`)."""
    found = store.top_entities(limit, type_=type, country=country)
    return [EntityCountOut.model_validate(e.to_json()) for e in found]


@router.get("/entities/{entity_id}", response_model=EntityOut, responses=ERRORS)
def get_entity(store: StoreDep, entity_id: Annotated[int, Path(ge=1, le=2**62)]) -> EntityOut:
    """One entity: articles per month, latest articles, quotes, events as source and
    as target."""
    with reads.reading(store) as conn:
        row = reads.entity(conn, entity_id)
        if row is None:
            raise not_found("entity", entity_id)
        months = reads.mentions_by_month(conn, entity_id)
        articles = reads.entity_articles(conn, entity_id)
        quoted = reads.quotes(conn, speaker_entity_id=entity_id)
        as_source = reads.entity_events(conn, entity_id, "source")
        as_target = reads.entity_events(conn, entity_id, "target")
    return EntityOut(
        id=row.id,
        name=row.name,
        type=row.type,
        country=row.country,
        codes=list(row.codes),
        roles=list(row.roles),
        months=[MonthOut(month=m, articles=n, mentions=k) for m, n, k in months],
        articles=[summary(a) for a in articles],
        quotes=[QuoteOut.model_validate(q, from_attributes=True) for q in quoted],
        events_as_source=[event_out(e) for e in as_source],
        events_as_target=[event_out(e) for e in as_target],
    )


@router.get("/events", response_model=list[EventOut], responses=ERRORS)
def list_events(
    store: StoreDep,
    source: Annotated[str | None, Query(pattern=ACTOR, description="Actor code or country")] = None,
    target: Annotated[str | None, Query(pattern=ACTOR)] = None,
    either: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    root: Annotated[str | None, Query(pattern=ROOT)] = None,
    cameo: Annotated[str | None, Query(pattern=r"^[0-9]{2,4}$")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,20}$")] = None,
    modality: Literal["asserted", "denied", "hypothetical"] | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[EventOut]:
    """Events, latest first, with the filters of `wirewatch events`."""
    where = EventFilter(
        source=source.upper() if source else None,
        target=target.upper() if target else None,
        either=either,
        since=since,
        until=until,
        root=root.zfill(2) if root else None,
        cameo=cameo,
        plover=plover,
        modality=modality,
    )
    return [event_out(e) for e in store.events(where, limit, offset)]


@router.get("/search", response_model=list[HitOut], responses=ERRORS)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="The query (docs/store.md)")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> list[HitOut]:
    """Articles matching a query, best first, with snippets (matches in [brackets])."""
    return [HitOut.model_validate(h.to_json()) for h in store.search(q, limit, offset)]


def writer(request: Request) -> None:
    request.app.state.guard.api_writer(request)


def follow_out(request: Request, follow: Any) -> FollowOut:
    return FollowOut(**follow.to_json(), feed=feed_url(request, follow.name))


@router.get("/follows", response_model=list[FollowOut], responses=ERRORS)
def list_follows(request: Request, store: StoreDep) -> list[FollowOut]:
    """Every follow, with the address of its Atom feed."""
    return [follow_out(request, f) for f in follows_of(store)]


@router.post(
    "/follows",
    response_model=FollowOut,
    status_code=201,
    dependencies=[Depends(writer)],
    responses={**ERRORS, 401: {"model": ErrorOut}, 409: {"model": ErrorOut}},
)
def create_follow(request: Request, store: StoreDep, body: FollowIn) -> FollowOut:
    """Save a follow (needs the token). An entity may be given by its id."""
    made = new_follow(store, body.model_dump())
    return follow_out(request, made)


@router.delete(
    "/follows/{name}",
    status_code=204,
    dependencies=[Depends(writer)],
    responses={**ERRORS, 401: {"model": ErrorOut}},
)
def delete_follow(store: StoreDep, name: Annotated[str, Path(max_length=200)]) -> Response:
    """Remove a follow with its matches and alerts (needs the token)."""
    remove(store, name)
    return Response(status_code=204)


@router.get(
    "/follows/{name}/feed",
    response_class=Response,
    responses={**ERRORS, 200: {"content": {"application/atom+xml": {}}}},
)
def follow_feed(
    request: Request, store: StoreDep, name: Annotated[str, Path(max_length=200)]
) -> Response:
    """The follow's Atom feed: the newest stories it matched."""
    body = render_feed(request, store, name)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/watchlist-hits", response_model=list[WatchlistHitOut], responses=ERRORS)
def watchlist_hits(
    store: StoreDep,
    entity: Annotated[str | None, Query(max_length=200, description="An entity's name")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[WatchlistHitOut]:
    """Watchlist hits recorded while articles were screened, newest first."""
    from wirewatch.web.follows import hits_of

    return [WatchlistHitOut.model_validate(h.to_json()) for h in hits_of(store, entity, limit)]
