"""A real HTTP server on loopback for the fetcher and source tests (see conftest.py).

Each test registers the routes it needs; the server records every request (path,
headers, time) so a test can check what was asked and when. Nothing here reaches
beyond 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from wirewatch.ingest.fetch import FetchOptions


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts
    stream: Callable[[], Iterator[bytes]] | None = None  # a body sent chunk by chunk


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class LocalWeb:
    """The server's routes and the requests it has seen."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", **kwargs: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def page(self, path: str, title: str = "A page") -> str:
        html = f"<html><head><title>{title}</title></head><body><p>{title}.</p></body></html>"
        return self.route(path, html, headers={"Content-Type": "text/html; charset=utf-8"})

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.route(path, status=status, headers={"Location": to})

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def _handler(web: LocalWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            web.requests.append(Request(self.path, dict(self.headers), time.monotonic()))
            route = web.routes.get(self.path, Route(status=404, body=b"not here"))
            time.sleep(route.delay)
            # The client may stop reading (the size cap, a timeout): as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)

        def _answer(self, route: Route) -> None:
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.stream is None:
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                return
            self.send_header("Connection", "close")
            self.end_headers()
            for chunk in route.stream():
                self.wfile.write(chunk)
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: pytest shows what matters

    return Handler


def loopback_options(**changes: object) -> FetchOptions:
    """Options for the local server: loopback allowed, no wait between requests."""
    values: dict[str, object] = {"allow_private": True, "delay": 0.0, "timeout": 2.0}
    values.update(changes)
    return FetchOptions(**values)  # type: ignore[arg-type]


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up on a kept-alive connection is no error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def serve() -> tuple[LocalWeb, ThreadingHTTPServer]:
    """Start a server on a free loopback port, in a thread; shut it down when done."""
    web = LocalWeb(0)
    server = _Server(("127.0.0.1", 0), _handler(web))
    web.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return web, server
