"""The web application: the API under /api, the pages, and how errors are answered.

`create_app(store_url, settings)` opens the store once; each request reads through
it (SQLite in WAL mode lets pages read while `wirewatch run` writes). Errors never
show a traceback: under /api they are JSON `{"error": {"code", "message"}}`,
elsewhere a page.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from wirewatch import __version__
from wirewatch import settings as settings_module
from wirewatch.errors import WirewatchError
from wirewatch.settings import Settings
from wirewatch.store import open_store
from wirewatch.web import api, pages
from wirewatch.web.security import Guard, SecurityHeaders, generate_token

HERE = Path(__file__).parent
log = logging.getLogger("wirewatch.web")

# The HTTP status each coded error is answered with; any other code is a 500.
STATUS = {
    "WW506": 400,
    "WW750": 409,
    "WW751": 400,
    "WW752": 400,
    "WW753": 404,
    "WW754": 400,
    "WW758": 404,
    "WW801": 401,
    "WW802": 403,
    "WW803": 404,
    "WW502": 503,
}


def create_app(
    store_url: str | None = None, settings: Settings | None = None, *, token: str | None = None
) -> FastAPI:
    """The app on the store at `store_url` (default: the `db` setting). Writing takes
    `token`, else the `web_token` setting, else a random token nobody knows."""
    chosen = settings or settings_module.load()
    store = open_store(store_url or None)
    secret = token or str(getattr(chosen, "web_token", "") or "") or generate_token()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="wirewatch",
        version=__version__,
        description="Articles, stories, entities, events, search and follows of a "
        "wirewatch store. Reading is open; writing needs the web token (docs/web.md).",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load script from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.guard = Guard(secret)
    app.state.base_url = str(getattr(chosen, "base_url", "") or "")
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _handle_errors(app)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error_json(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _handle_errors(app: FastAPI) -> None:
    async def coded(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WirewatchError)
        status = STATUS.get(exc.code, 500)
        headers = {"WWW-Authenticate": "Bearer"} if exc.code == "WW801" else None
        if _is_api(request):
            response = _error_json(status, exc.code, exc.describe())
            if headers:
                response.headers.update(headers)
            return response
        if exc.code == "WW801":
            return pages.to_login(request)
        return pages.error_page(request, status, exc.entry.title, exc.describe())

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = str(exc.detail) if exc.detail else "error"
        if _is_api(request):
            return _error_json(exc.status_code, f"HTTP{exc.status_code}", message)
        return pages.error_page(request, exc.status_code, message, "")

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = "; ".join(_problem(e) for e in exc.errors())
        if _is_api(request):
            return _error_json(422, "HTTP422", details)
        return pages.error_page(request, 400, "That address does not fit", details)

    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        if _is_api(request):
            return _error_json(500, "HTTP500", "internal error; the server's log has the details")
        return pages.error_page(request, 500, "Something went wrong", "The server's log says what.")

    app.add_exception_handler(WirewatchError, coded)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, crashed)


def _problem(error: Any) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", ""))
