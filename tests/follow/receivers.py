"""Real receivers on loopback: an SMTP server (aiosmtpd) that keeps what it is sent,
and an HTTP server that checks each webhook's signature and can fail a number of
times before it recovers."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

from wirewatch.watch.webhook import SIGNATURE_HEADER, verify


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Keep:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    controller: Controller
    handler: _Keep
    port: int

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def stop(self) -> None:
        self.controller.stop()


def start_smtp() -> SmtpServer:
    handler = _Keep()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return SmtpServer(controller, handler, port)


@dataclass
class Hooks:
    """What the webhook receiver saw: accepted bodies, every attempt, bad signatures."""

    secret: str = ""
    fail_first: int = 0
    accepted: list[dict[str, Any]] = field(default_factory=list)
    attempts: int = 0
    bad_signatures: int = 0
    keys: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def accepted_keys(self) -> list[str]:
        return [alert["key"] for body in self.accepted for alert in body["alerts"]]


class _Handler(BaseHTTPRequestHandler):
    hooks: Hooks

    def do_POST(self) -> None:
        content = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        hooks = self.hooks
        with hooks.lock:
            hooks.attempts += 1
            hooks.keys.append(self.headers.get("X-Wirewatch-Key", ""))
            if not verify(hooks.secret, content, self.headers.get(SIGNATURE_HEADER)):
                hooks.bad_signatures += 1
                status = 401
            elif hooks.fail_first > 0:
                hooks.fail_first -= 1
                status = 503
            else:
                hooks.accepted.append(json.loads(content))
                status = 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read what was received, not the log."""


@dataclass
class HookServer:
    server: ThreadingHTTPServer
    hooks: Hooks
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def start_hooks(hooks: Hooks) -> HookServer:
    handler = type("Handler", (_Handler,), {"hooks": hooks})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return HookServer(server, hooks, thread)
