"""The pages, in process: what they show of the seed, that nothing an article holds
becomes markup, that writes need the token and the form's CSRF token, and that
errors are pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.web.web_client import TOKEN, Client, client_on
from wirewatch.model import (
    ActorRef,
    Analysis,
    Article,
    Caption,
    Entity,
    Event,
    Evidence,
    Mention,
    Quote,
    Source,
    Speaker,
)
from wirewatch.store import open_store
from wirewatch.web.security import CSP, CSRF_COOKIE, SESSION_COOKIE


def csrf_of(client: Client, page: str = "/") -> str:
    """Open a page as a browser would, keeping its CSRF cookie; the token in its form."""
    html = client.get(page).text
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no form with a CSRF token"
    return found.group(1)


def sign_in(client: Client) -> None:
    token = csrf_of(client, "/login")
    answer = client.post("/login", data={"token": TOKEN, "csrf": token, "next": "/follows"})
    assert answer.status_code == 303
    assert SESSION_COOKIE in client.http.cookies


def test_front_page_lists_the_story_with_its_outlets(client: Client, web_seed: Analysis) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CSP
    assert f'href="/articles/{web_seed.id}"' in page.text
    assert re.search(r'outlet">example\.org<.*outlet">other\.example<', page.text)
    assert 'action="/search"' in page.text


def test_article_page_marks_entities_quotes_events_and_captions(
    client: Client, web_seed: Analysis
) -> None:
    html = client.get(f"/articles/{web_seed.id}").text
    turkey = client.get("/api/entities").json()
    ids = {e["name"]: e["id"] for e in turkey}
    assert re.search(
        rf'<a class="ent ent-gpe" href="/entities/{ids["Turkey"]}"[^>]*>Turkey</a>', html
    )
    assert '<span class="quote quote-direct" title="Mevlut Cavusoglu">' in html
    events = client.get("/api/events", params={"limit": 100}).json()
    for event in events:
        assert f'<span id="event-{event["id"]}"></span>' in html
    assert html.count('<mark class="evidence">') >= len({e["evidence"]["sentence"] for e in events})
    assert '<span class="credit">Murad Sezer/Reuters</span>' in html
    assert "<h3>Renewed ties</h3>" in html


def test_entity_page_has_chart_quotes_events_and_a_follow_button(client: Client) -> None:
    ids = {e["name"]: e["id"] for e in client.get("/api/entities").json()}
    html = client.get(f"/entities/{ids['Turkey']}").text
    assert 'class="chart mentions-chart"' in html
    assert "it wanted to cooperate with Moscow" in html
    assert "Events as source" in html and "Events as target" in html
    assert 'name="kind" value="entity"' in html
    assert f'name="value" value="{ids["Turkey"]}"' in html


def test_relations_page_draws_the_pair_over_time(client: Client) -> None:
    html = client.get("/relations/TUR/RUS").text
    assert 'class="chart relations-chart"' in html
    assert re.search(r'<path class="goldstein" d="M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+"', html)
    assert html.count('class="bar q') >= 4
    assert html.count("/articles/") >= 7
    assert 'name="value" value="TUR,RUS"' in html
    none = client.get("/relations/USA/CHN").text
    assert "No dated events between these actors." in none
    assert client.get("/relations/%3Cx%3E/RUS").status_code == 404
    assert client.get("/relations?a=tur&b=rus").headers["location"] == "/relations/TUR/RUS"


def test_search_page_bolds_matches_and_explains_a_bad_query(client: Client) -> None:
    html = client.get("/search", params={"q": "Incirlik"}).text
    assert "<b>Incirlik</b>" in html
    assert 'name="value" value="Incirlik"' in html
    bad = client.get("/search", params={"q": '"open'})
    assert bad.status_code == 200
    assert "WW506" in bad.text


SCRIPT = "<script>alert(1)</script>"
HOSTILE_BODY = (
    f'He said "{SCRIPT} and <img src=x onerror=alert(2)>" to the minister.',
    'Then </p><a href=javascript:alert(3)>click</a> & "quotes" \' here.',
)


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[tuple[Client, str]]:
    """A store holding an article written to attack the page that shows it."""
    script = "<script>alert(1)</script>"
    body = HOSTILE_BODY
    entity = Entity("e1", f"Evil {script}", "PERSON", (Mention("He", 0, 0, 2),))
    quote = Quote(body[0][9:63], "direct", 0, 9, 63, Speaker(f"Evil {script}", "e1"))
    event = Event(
        ActorRef(f"Evil {script}", "e1", "TURGOV", "TUR"),
        ActorRef("<b>RUS</b>", None, "RUS", "RUS"),
        "030",
        f"Intent {script}",
        4.0,
        1,
        None,
        None,
        "asserted",
        None,
        None,
        None,
        (),
        Evidence(1, 0, 20, body[1][:20]),
    )
    article = Article(
        title=f"Title {script}",
        body=body,
        standfirst=f"<i>{script}</i>",
        authors=(f"<b>{script}</b>",),
        captions=(Caption(f"Caption {script}", f"<em>{script}</em>"),),
    )
    analysis = Analysis(
        "f" * 64, Source(url="javascript:alert(4)"), article, (entity,), (quote,), (event,)
    )
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    with open_store(url) as store:
        store.add(analysis, story_id="<script>s</script>")
    client = client_on(url)
    yield client, analysis.id
    client.close()


def assert_inert(tree: lxml.html.HtmlElement, path: str) -> None:
    """No element, attribute or link of the article's making: only the page's own."""
    for element in tree.iter():
        assert element.tag not in ("script", "img", "em", "i", "b", "iframe") or (
            element.tag == "b" and element.getparent().get("class") == "snippet"
        ), path
        for name, value in element.attrib.items():
            assert not name.startswith("on"), (path, name)
            assert not value.strip().lower().startswith("javascript:"), (path, name)


def test_nothing_an_article_holds_becomes_markup(hostile: tuple[Client, str]) -> None:
    client, ident = hostile
    analysis_body = HOSTILE_BODY
    pages = [
        f"/articles/{ident}",
        "/",
        "/search?q=minister",
        "/entities/1",
        "/relations/TUR/RUS",
        "/search?q=%3Cscript%3Ealert(5)%3C/script%3E",
    ]
    for path in pages:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["content-security-policy"] == CSP
        assert "<script" not in answer.text.lower(), path
        assert_inert(lxml.html.document_fromstring(answer.text), path)
    article = client.get(f"/articles/{ident}").text
    assert "Title &lt;script&gt;alert(1)&lt;/script&gt;" in article
    tree = lxml.html.document_fromstring(article)
    paragraphs = [p.text_content() for p in tree.xpath("//div[@class='body']/p")]
    assert paragraphs == list(analysis_body)


def test_error_pages_are_pages_and_api_errors_json(client: Client) -> None:
    missing = client.get("/articles/" + "0" * 64)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "not in the store" in missing.text
    assert client.get("/no/such/page").headers["content-type"].startswith("text/html")
    assert client.get("/entities/not-a-number").status_code == 400
    assert client.get("/api/no/such").json()["error"]["code"] == "HTTP404"


def test_a_crash_is_a_500_page_without_a_traceback(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(client.app.state.store, "search", broken)
    for path in ("/search?q=x", "/api/search?q=x"):
        answer = client.get(path)
        assert answer.status_code == 500
        assert "secret internals" not in answer.text and "Traceback" not in answer.text


def test_following_from_a_page_takes_sign_in_and_csrf(client: Client) -> None:
    follow = {"kind": "actors", "value": "TUR,RUS", "name": "TUR-RUS", "next": "/relations/TUR/RUS"}
    assert client.post("/follows", data=follow).status_code == 403  # no CSRF token
    token = csrf_of(client, "/relations/TUR/RUS")
    assert client.http.cookies[CSRF_COOKIE] == token
    to_login = client.post("/follows", data={**follow, "csrf": token})
    assert to_login.status_code == 303
    assert to_login.headers["location"] == "/login?next=/relations/TUR/RUS"
    wrong = client.post("/login", data={"token": "guess", "csrf": token})
    assert wrong.status_code == 401
    sign_in(client)
    made = client.post("/follows", data={**follow, "csrf": token})
    assert (made.status_code, made.headers["location"]) == (303, "/relations/TUR/RUS")
    assert [f["name"] for f in client.get("/api/follows").json()] == ["TUR-RUS"]
    html = client.get("/relations/TUR/RUS").text
    assert "Following" in html and "/api/follows/TUR-RUS/feed" in html
    assert "TUR-RUS" in client.get("/follows").text
    forged = client.post("/follows/TUR-RUS/delete", data={"csrf": "x" * 32})
    assert forged.status_code == 403
    other_site = client.post(
        "/follows/TUR-RUS/delete", data={"csrf": token}, headers={"Origin": "https://evil.example"}
    )
    assert other_site.status_code == 403
    gone = client.post("/follows/TUR-RUS/delete", data={"csrf": token, "next": "/follows"})
    assert gone.status_code == 303
    assert client.get("/api/follows").json() == []


def test_a_browser_session_writes_to_the_api_only_with_the_csrf_header(client: Client) -> None:
    token = csrf_of(client, "/login")
    sign_in(client)
    follow = {"name": "Incirlik", "kind": "query", "value": "Incirlik"}
    assert client.post("/api/follows", json=follow).status_code == 401
    made = client.post("/api/follows", json=follow, headers={"X-CSRF-Token": token})
    assert made.status_code == 201


def test_sign_in_goes_back_only_to_our_own_pages(client: Client) -> None:
    token = csrf_of(client, "/login")
    for target, expected in (
        ("https://evil.example/x", "/x"),
        ("//evil.example", "/"),
        ("/follows", "/follows"),
    ):
        answer = client.post("/login", data={"token": TOKEN, "csrf": token, "next": target})
        assert answer.headers["location"] == expected
    cookie = client.get("/").headers.get("set-cookie", "")
    assert TOKEN not in cookie
