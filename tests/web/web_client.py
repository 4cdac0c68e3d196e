"""What the web tests share: the token, the in-process client, and how a store is filled."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from wirewatch.model import Analysis, Source
from wirewatch.store import open_store
from wirewatch.web.app import create_app

TOKEN = "test-token-0123456789"
SEED_URL = "https://example.org/2016/07/turkey-russia-isis"
COPY_URL = "https://www.other.example/world/turkey-russia"


def fill(url: str, seed: Analysis) -> None:
    """The seed in a story, with a second outlet's copy of it."""
    with open_store(url) as store:
        store.add(seed, story_id="seed-story")
        store.add_page(Source(url=COPY_URL), seed.id)


class Client:
    """httpx in process, over the ASGI transport, driven from synchronous tests."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        self.http = httpx.AsyncClient(transport=transport, base_url="http://testserver")

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.http.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())
        self.loop.close()
        self.app.state.store.close()


def client_on(url: str) -> Client:
    return Client(create_app(url, token=TOKEN))


BEARER = {"Authorization": f"Bearer {TOKEN}"}
