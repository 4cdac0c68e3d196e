"""The pages: server-rendered templates over the same reads as the API.

Templates autoescape everything; the only markup not written in a template is built
by `markup.py` and `charts.py`, which escape each piece of text they place. Forms
post with this browser's CSRF token; writing takes the session /login gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from wirewatch import __version__
from wirewatch.analyze.events.codebook import QUAD_NAMES
from wirewatch.errors import WirewatchError
from wirewatch.store import EventFilter, Store
from wirewatch.web import charts, reads
from wirewatch.web.follows import (
    feed_url,
    follows_of,
    matching,
    new_follow,
    remove,
    suggest_name,
)
from wirewatch.web.markup import article_spans, render
from wirewatch.web.security import CSRF_FIELD, SESSION_COOKIE, csrf_ok, csrf_token

router = APIRouter(include_in_schema=False)
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
RELATION_EVENTS = 200  # rows in the relations table; the chart counts them all


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    guard = request.app.state.guard
    context = {
        "request": request,
        "csrf": csrf_token(request),
        "signed_in": guard.signed_in(request),
        "version": __version__,
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **values,
    }
    html = TEMPLATES.get_template(template).render(context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    return page(request, "error.html", status, code=status, title=title, detail=detail)


def to_login(request: Request, next_url: str | None = None) -> RedirectResponse:
    target = _local(next_url or request.headers.get("referer") or "/")
    return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)


def _local(url: str) -> str:
    """Only a path of ours is a place to go back to (no open redirect)."""
    parts = urlsplit(url)
    path = parts.path if parts.path.startswith("/") and not parts.path.startswith("//") else "/"
    return path + (f"?{parts.query}" if parts.query else "")


# Reading ---------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with reads.reading(_store(request)) as conn:
        stories = reads.latest_stories(conn, 30)
    return page(request, "home.html", stories=stories)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> HTMLResponse:
    hits, problem = [], None
    if q.strip():
        try:
            hits = _store(request).search(q, 20, offset)
        except WirewatchError as exc:
            if exc.code != "WW506":
                raise
            problem = exc.describe()
    button = _button(request, "query", q, f"search {q}") if q.strip() and not problem else None
    return page(
        request,
        "search.html",
        q=q,
        hits=hits,
        snippet=_snippet,
        problem=problem,
        offset=offset,
        follow=button,
    )


def _snippet(text: str) -> Markup:
    """A search snippet with its [matched] words in bold, every piece escaped."""
    out, rest = [], text
    while "[" in rest and "]" in rest.split("[", 1)[1]:
        before, after = rest.split("[", 1)
        word, rest = after.split("]", 1)
        out.append(escape(before) + Markup("<b>") + escape(word) + Markup("</b>"))
    out.append(escape(rest))
    return Markup("").join(out)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    with reads.reading(_store(request)) as conn:
        found = reads.article(conn, article_id) if len(article_id) <= 64 else None
    if found is None:
        raise WirewatchError("WW803", f"no article {article_id}")
    analysis = found.analysis
    ids = found.entity_ids
    spans = article_spans(analysis, lambda local: _entity_url(ids, local), found.event_ids)
    text = analysis.get("article", {})
    body = [render(p, spans.get(i, [])) for i, p in enumerate(text.get("body", []))]
    offset = len(body)
    captions = [
        (render(c.get("text", ""), spans.get(offset + i, [])), c.get("credit"))
        for i, c in enumerate(text.get("captions", []))
    ]
    heads: dict[int, list[str]] = {}
    for before, head in zip(
        text.get("subheading_before", []), text.get("subheadings", []), strict=False
    ):
        heads.setdefault(int(before), []).append(head)
    names = {e["id"]: e for e in analysis.get("entities", [])}
    events = [(found.event_ids.get(i), e) for i, e in enumerate(analysis.get("events", []))]
    return page(
        request,
        "article.html",
        article=found,
        text=text,
        body=body,
        captions=captions,
        heads=heads,
        entities=analysis.get("entities", []),
        quotes=analysis.get("quotes", []),
        events=events,
        names=names,
        entity_url=lambda local: _entity_url(ids, local),
        quads=QUAD_NAMES,
    )


def _entity_url(ids: dict[str, int], local: str | None) -> str | None:
    if local is None or local not in ids:
        return None
    return f"/entities/{ids[local]}"


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: int) -> HTMLResponse:
    store = _store(request)
    with reads.reading(store) as conn:
        row = reads.entity(conn, entity_id)
        if row is None:
            raise WirewatchError("WW803", f"no entity {entity_id}")
        months = reads.mentions_by_month(conn, entity_id)
        articles = reads.entity_articles(conn, entity_id)
        quoted = reads.quotes(conn, speaker_entity_id=entity_id)
        as_source = reads.entity_events(conn, entity_id, "source")
        as_target = reads.entity_events(conn, entity_id, "target")
        titles = reads.titles(conn, [e.article_id for e in (*as_source, *as_target)])
    hits = store.watchlist_hits(row.name, 50)
    chart = charts.mentions_chart(months, f"Articles naming {row.name}, per month")
    button = _button(request, "entity", row.name, row.name, send=str(row.id))
    return page(
        request,
        "entity.html",
        entity=row,
        chart=chart,
        articles=articles,
        quotes=quoted,
        as_source=as_source,
        as_target=as_target,
        titles=titles,
        hits=hits,
        follow=button,
        actor=_actor_of(row),
        quads=QUAD_NAMES,
    )


def _actor_of(row: reads.EntityRow) -> str | None:
    """The code to put this entity on the relations page with: its country, else its
    actor code."""
    if row.type == "GPE" and row.country:
        return row.country
    return row.codes[0] if row.codes else row.country


@router.get("/relations", response_class=HTMLResponse)
def relations_form(
    request: Request,
    a: Annotated[str, Query(max_length=32)] = "",
    b: Annotated[str, Query(max_length=32)] = "",
) -> Response:
    if a.strip() and b.strip():
        return RedirectResponse(
            f"/relations/{quote(a.strip().upper(), safe='')}/{quote(b.strip().upper(), safe='')}",
            status_code=303,
        )
    return page(
        request,
        "relations.html",
        a="",
        b="",
        pick=a.strip().upper(),
        chart=None,
        rows=[],
        total=0,
        follow=None,
    )


@router.get("/relations/{a}/{b}", response_class=HTMLResponse)
def relations_page(request: Request, a: str, b: str) -> HTMLResponse:
    a, b = a.upper(), b.upper()
    if not (_actor_code(a) and _actor_code(b)):
        raise WirewatchError("WW803", f"{a} and {b}: actors are codes such as TUR or TURGOV")
    store = _store(request)
    where = EventFilter(source=a, target=b, either=True)
    rows = store.events(where, RELATION_EVENTS)
    with reads.reading(store) as conn:
        points = reads.event_points(conn, where)
        titles = reads.titles(conn, {r.article_id for r in rows})
    # Only what the text asserts is charted: a denied or supposed event did not happen.
    data = charts.months((day, g, q) for day, g, q, modality in points if modality == "asserted")
    chart = charts.relations_chart(data, f"Events between {a} and {b}, per month")
    button = _button(request, "actors", f"{a},{b}", f"{a}-{b}")
    return page(
        request,
        "relations.html",
        a=a,
        b=b,
        chart=chart,
        rows=rows,
        total=len(points),
        titles=titles,
        follow=button,
        quads=QUAD_NAMES,
    )


def _actor_code(code: str) -> bool:
    return 3 <= len(code) <= 32 and all(c.isascii() and (c.isalnum() or c == "-") for c in code)


# Follows ---------------------------------------------------------------------------


def _button(
    request: Request, kind: str, value: str, label: str, send: str | None = None
) -> dict[str, Any]:
    """What the follow button needs: the follow it would make, or the one that exists."""
    follows = follows_of(_store(request))
    existing = matching(follows, kind, value)
    return {
        "kind": kind,
        "value": send or value,
        "name": suggest_name(label, {f.name for f in follows}),
        "existing": existing,
        "feed": feed_url(request, existing.name) if existing else None,
    }


def _check_form(request: Request, csrf: str) -> None:
    if not csrf_ok(request, csrf):
        raise WirewatchError("WW802", "the form's CSRF token does not match this browser's")


@router.get("/follows", response_class=HTMLResponse)
def follows_page(request: Request) -> HTMLResponse:
    follows = follows_of(_store(request))
    feeds = {f.name: feed_url(request, f.name) for f in follows}
    return page(request, "follows.html", follows=follows, feeds=feeds)


@router.post("/follows")
def follow_create(
    request: Request,
    kind: Annotated[str, Form(max_length=20)],
    value: Annotated[str, Form(max_length=500)],
    name: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
    channel: Annotated[str, Form(max_length=20)] = "feed",
    target: Annotated[str, Form(max_length=2000)] = "",
    mode: Annotated[str, Form(max_length=20)] = "immediate",
    back: Annotated[str, Form(alias="next", max_length=2000)] = "/follows",
) -> Response:
    _check_form(request, csrf)
    if not request.app.state.guard.signed_in(request):
        return to_login(request, back)
    fields = {
        "name": name,
        "kind": kind,
        "value": value,
        "channel": channel,
        "target": target,
        "mode": mode,
    }
    new_follow(_store(request), fields)
    return RedirectResponse(_local(back), status_code=303)


@router.post("/follows/{name}/delete")
def follow_delete(
    request: Request,
    name: str,
    csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
    back: Annotated[str, Form(alias="next", max_length=2000)] = "/follows",
) -> Response:
    _check_form(request, csrf)
    if not request.app.state.guard.signed_in(request):
        return to_login(request, back)
    remove(_store(request), name)
    return RedirectResponse(_local(back), status_code=303)


# Signing in ----------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, next: Annotated[str, Query(max_length=2000)] = "/"
) -> HTMLResponse:
    return page(request, "login.html", next=_local(next), wrong=False)


@router.post("/login")
def login(
    request: Request,
    token: Annotated[str, Form(max_length=500)],
    csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = "",
    back: Annotated[str, Form(alias="next", max_length=2000)] = "/",
) -> Response:
    _check_form(request, csrf)
    guard = request.app.state.guard
    if not guard.token_ok(token.strip()):
        return page(request, "login.html", 401, next=_local(back), wrong=True)
    response = RedirectResponse(_local(back), status_code=303)
    guard.set_session(response, secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(
    request: Request, csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=200)] = ""
) -> Response:
    _check_form(request, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
