"""End to end in a real headless Chromium (Debian's chromium, driven by Playwright):
the seed's article page, following an entity with the button, the relations chart.

The server is the real one (uvicorn on a free local port) on a SQLite store that the
real pipeline filled from the seed. `.ci/run` installs chromium; without it these
tests skip and say why.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.web.web_client import TOKEN, fill
from wirewatch.model import Analysis
from wirewatch.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(web_seed: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'store.db'}"
    fill(url, web_seed)
    app = create_app(url, token=TOKEN)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    # A script error or a Content-Security-Policy violation shows in the console.
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    yield opened
    context.close()
    assert problems == []


def test_article_page_shows_the_seed_marked(server: str, page: Any, web_seed: Analysis) -> None:
    p = page
    p.goto(f"{server}/articles/{web_seed.id}")
    assert p.title().startswith("Turkey and Russia Set Aside Differences")
    assert p.locator("a.ent", has_text="Recep Tayyip Erdogan").count() >= 1
    assert p.locator("mark.evidence").count() >= 5
    assert p.locator("span.quote").count() >= 5
    assert p.locator(".captions .credit", has_text="AFP").is_visible()


def test_follow_an_entity_with_the_button(server: str, page: Any, web_seed: Analysis) -> None:
    p = page
    p.goto(f"{server}/articles/{web_seed.id}")
    p.locator(".analysis a", has_text="Mevlut Cavusoglu").first.click()
    p.wait_for_url("**/entities/*")
    entity_url = p.url
    p.get_by_role("button", name="Follow").click()
    p.wait_for_url(re.compile(r"/login\?next=/entities/"))
    p.fill("input[name=token]", TOKEN)
    p.get_by_role("button", name="Sign in").click()
    p.wait_for_url(entity_url)
    p.get_by_role("button", name="Follow").click()
    p.wait_for_load_state()
    assert p.get_by_role("button", name="Following").is_visible()
    p.goto(f"{server}/follows")
    row = p.locator("table.follows tbody tr")
    assert row.count() == 1
    assert "entity Mevlut Cavusoglu" in row.inner_text()


def test_relations_chart_is_drawn(server: str, page: Any) -> None:
    p = page
    p.goto(f"{server}/relations/TUR/RUS")
    chart = p.locator("svg.relations-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 500 and box["height"] > 150
    line = p.locator("svg.relations-chart path.goldstein")
    assert line.evaluate("el => el.getTotalLength()") > 100
    assert p.locator("svg.relations-chart circle.dot").count() >= 3
    assert p.locator("table.events tbody tr").count() == 7
    p.locator("a.evidence-link").first.click()
    p.wait_for_url("**/articles/*#event-*")
    anchor = p.url.rsplit("#", 1)[1]
    assert p.locator(f"mark.evidence #{anchor}").count() == 1
