"""`wirewatch serve`: the web pages and the JSON API over a store."""

from __future__ import annotations

import errno
import socket

import click

from wirewatch import settings
from wirewatch.cli._app import main
from wirewatch.cli.store import db_option
from wirewatch.errors import WirewatchError
from wirewatch.store import open_store


@main.command("serve")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; the default is this machine only. Give 0.0.0.0 only "
    "behind a proxy that adds TLS.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on.",
)
def serve_command(db_url: str | None, host: str, port: int) -> None:
    """Serve the store as web pages and a JSON API (under /api) until stopped.

    Pages: the latest stories with a search box, each article with its entities,
    quotes and events marked, an entity's mentions, quotes and events, a pair of
    actors' relations over time (/relations/TUR/RUS), and follows. Reading is open;
    following needs the web token: WIREWATCH_WEB_TOKEN, else a random one printed at
    start. The OpenAPI schema is at /api/openapi.json; docs/web.md has the rest.

    Exit status: 0 when stopped with Ctrl-C, 2 when the store cannot be opened or the
    address cannot be bound (WW800).
    """
    import uvicorn

    from wirewatch.web.app import create_app
    from wirewatch.web.security import generate_token

    chosen = settings.load()
    open_store(db_url, create=False).close()  # fail here, before binding, if it is not there
    token = str(chosen.web_token) or generate_token()
    _check_bind(host, port)
    app = create_app(db_url, chosen, token=token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"wirewatch: serving on http://{shown}:{port}/  (Ctrl-C stops)", err=True)
    if not chosen.web_token:
        click.echo(f"wirewatch: web token for following (sign in with it): {token}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _check_bind(host: str, port: int) -> None:
    """WW800 now, rather than uvicorn's own message, when the address cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise WirewatchError("WW800", str(reason), source=f"{host}:{port}") from exc
