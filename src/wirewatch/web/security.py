"""Who may write, forms that cannot be forged, and headers that keep article text inert.

Reading is open. Writing (follows) takes the token of the `web_token` setting: an
API client sends it as `Authorization: Bearer TOKEN`; a browser enters it once on
/login and gets a session cookie, an HMAC of the token, so that changing the token
ends every session and the server keeps no session state. Forms carry a CSRF token
(double submit: a random cookie the form must repeat), and the session cookie is
SameSite=Strict on top of that.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from starlette.middleware.base import BaseHTTPMiddleware

from wirewatch.errors import WirewatchError

SESSION_COOKIE = "ww_session"
CSRF_COOKIE = "ww_csrf"
CSRF_FIELD = "csrf"
SESSION_DAYS = 30

# No script but our own files, no inline script or style (so nothing an article holds
# can run or restyle the page), no framing, forms only to ourselves.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def generate_token() -> str:
    return secrets.token_urlsafe(24)


class Guard:
    """Checks writes against the token."""

    def __init__(self, token: str) -> None:
        self.token = token

    def session_value(self) -> str:
        key = self.token.encode("utf-8")
        return hmac.new(key, b"wirewatch web session", hashlib.sha256).hexdigest()

    def token_ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(
            (given or "").encode("utf-8"), self.token.encode("utf-8")
        )

    def signed_in(self, request: Request) -> bool:
        cookie = request.cookies.get(SESSION_COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie, self.session_value())

    def api_writer(self, request: Request) -> None:
        """An API write needs the bearer token, or a browser session with the CSRF
        header (X-CSRF-Token) that only our own pages can read from their form."""
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and self.token_ok(given.strip()):
            return
        if self.signed_in(request) and csrf_ok(request, request.headers.get("x-csrf-token")):
            return
        raise WirewatchError("WW801", "send Authorization: Bearer TOKEN", source=request.url.path)

    def set_session(self, response: Response, secure: bool) -> None:
        response.set_cookie(
            SESSION_COOKIE,
            self.session_value(),
            max_age=SESSION_DAYS * 86400,
            httponly=True,
            samesite="strict",
            secure=secure,
        )


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser: its cookie's, or a new one (set on the response
    by the middleware below)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing and len(existing) >= 16:
        return existing
    fresh: str | None = getattr(request.state, "new_csrf", None)
    if fresh is None:
        fresh = secrets.token_urlsafe(24)
        request.state.new_csrf = fresh
    return fresh


def csrf_ok(request: Request, given: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not given:
        return False
    if not hmac.compare_digest(cookie.encode("utf-8"), given.encode("utf-8")):
        return False
    return _same_origin(request)


def _same_origin(request: Request) -> bool:
    """A browser names the page a form was sent from; it must be one of ours."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


Handler = Callable[[Request], Awaitable[Response]]


class SecurityHeaders(BaseHTTPMiddleware):
    """Adds the headers above to every answer, and the CSRF cookie where a page made one."""

    async def dispatch(self, request: Request, call_next: Handler) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        fresh = getattr(request.state, "new_csrf", None)
        if fresh:
            response.set_cookie(
                CSRF_COOKIE,
                fresh,
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
            )
        return response
