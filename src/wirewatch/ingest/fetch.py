"""A polite HTTP fetcher: robots.txt, a per-host interval, and hard limits.

Every request, the first and each redirect hop alike, goes through the same
checks: http or https only; robots.txt of that origin allows it (fetched once per
origin per run, its Crawl-delay and Request-rate honoured); the host's last
request was long enough ago; the address connected to is a public one unless
private addresses are allowed. The address check sits in the connection itself
(`_GuardedBackend`), on the address actually dialled, so a name that resolves to
a public address when checked and to 127.0.0.1 when connected (DNS rebinding)
cannot slip through. Bodies are read in chunks and decompressed by us with a
bound, so a huge body or a gzip bomb stops at the size cap.

The fetcher is synchronous and meant for one thread: a run fetches in its parent
process and hands pages to workers.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import socket
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from wirewatch import __version__
from wirewatch.errors import WirewatchError

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"wirewatch/{__version__} (news-intelligence; polite crawler)"
ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "text/plain;q=0.9,*/*;q=0.5"
)
# RFC 9309 asks crawlers to read at least 500 KiB of robots.txt and to follow
# at least five redirects for it.
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_REDIRECTS = 5
# A Crawl-delay of a day would stall a batch for a day; past this the host waits this long.
MAX_INTERVAL = 60.0
# The whole response must come within this many timeouts, so a server that
# sends a byte just before each read timeout cannot hold a run forever.
DEADLINE_TIMEOUTS = 3

Resolver = Callable[..., list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """The fetcher's limits; `from_settings` fills them from WIREWATCH_FETCH_* settings."""

    timeout: float = 20.0
    delay: float = 1.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    max_bytes: int = 20_000_000

    @classmethod
    def from_settings(cls, settings: Any, *, max_bytes: int | None = None) -> FetchOptions:
        return cls(
            timeout=float(settings.fetch_timeout),
            delay=float(settings.fetch_delay),
            max_redirects=int(settings.fetch_max_redirects),
            allow_private=bool(settings.fetch_allow_private),
            user_agent=str(settings.user_agent),
            max_bytes=max_bytes or int(settings.max_page_bytes),
        )


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response with a 2xx status: `url` as asked, `final_url` after redirects."""

    url: str
    final_url: str
    status: int
    content: bytes
    media_type: str | None
    fetched: dt.datetime


class StatusError(WirewatchError):
    """WW115 with the status, so that robots.txt can tell a 404 from a 503."""

    def __init__(self, status: int, detail: str, *, source: str) -> None:
        self.status = status
        super().__init__("WW115", detail, source=source)


# --- addresses ----------------------------------------------------------------------


def is_public(address: str) -> bool:
    """True for an address on the public internet; False for private, loopback,
    link-local, multicast, reserved or unspecified ones (and IPv4 written as IPv6)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return ip.is_global and not ip.is_multicast


def vetted_addresses(
    host: str, port: int, *, allowed: Callable[[str], bool], resolve: Resolver = socket.getaddrinfo
) -> list[str]:
    """The addresses `host` resolves to, all of them allowed, or a coded error.

    One refused address refuses the host: a name that resolves to a public and a
    private address at once is the shape of an attack, not of a news site.
    """
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise WirewatchError("WW117", f"{host} does not resolve: {exc}", source=host) from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    refused = [a for a in addresses if not allowed(a)]
    if refused:
        raise WirewatchError("WW112", f"{host} is {', '.join(refused)}", source=host)
    return addresses


def _any_address(address: str) -> bool:
    return True


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, checking the resolved address before it connects."""

    def __init__(self, *, allowed: Callable[[str], bool], resolve: Resolver) -> None:
        self._allowed = allowed
        self._resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = vetted_addresses(host, port, allowed=self._allowed, resolve=self._resolve)
        failure: Exception | None = None
        for address in addresses:  # dial the checked address, never the name again
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host} has no address")


def _guarded_transport(allowed: Callable[[str], bool], resolve: Resolver) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(retries=0)
    pool = transport._pool
    # httpx takes no network backend, so it is set on the pool it built. If a new
    # httpcore renames the attribute, fail loudly rather than fetch unguarded.
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("httpcore changed: the address guard cannot be installed")
    pool._network_backend = _GuardedBackend(allowed=allowed, resolve=resolve)
    return transport


# --- URLs ---------------------------------------------------------------------------


def checked_url(url: str) -> httpx.URL:
    """An absolute http(s) URL with a host, or a coded error (WW110, WW111)."""
    try:
        scheme = urlsplit(url.strip()).scheme
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, ValueError, TypeError) as exc:  # a bad IPv6 literal, a bad port
        raise WirewatchError("WW111", str(exc), source=url) from exc
    if scheme and scheme.lower() not in ALLOWED_SCHEMES:
        raise WirewatchError("WW110", f"{scheme}:", source=url)
    if parsed.scheme not in ALLOWED_SCHEMES or not parsed.host:
        raise WirewatchError("WW111", "no http(s) scheme and host", source=url)
    return parsed


def _origin(url: httpx.URL) -> str:
    """scheme://host:port, the unit robots.txt rules (an IPv6 host in brackets, IDN as ASCII)."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"{url.scheme}://[{host}]:{port}" if ":" in host else f"{url.scheme}://{host}:{port}"


# --- bodies -------------------------------------------------------------------------


def _decoder(encoding: str, url: str) -> zlib._Decompress | None:
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(wbits=47)  # gzip or zlib header, told apart by zlib
    raise WirewatchError("WW119", f"Content-Encoding {encoding}", source=url)


def _bounded_chunks(
    raw: Iterator[bytes], decoder: zlib._Decompress | None, limit: int
) -> Iterator[bytes]:
    """Decoded chunks; decompression asks for no more than `limit` + 1 bytes at a time."""
    for chunk in raw:
        if decoder is None:
            yield chunk
            continue
        data = chunk
        while data:
            yield decoder.decompress(data, limit + 1)
            data = decoder.unconsumed_tail
    if decoder is not None:
        yield decoder.flush()


# --- the fetcher --------------------------------------------------------------------


class Fetcher:
    """Fetches URLs politely; `get` returns a 2xx response or raises a WirewatchError.

    Use it as a context manager (or call `close`) so its connections are closed.
    `allowed` says which resolved addresses may be dialled (by default the public
    ones, or all when `options.allow_private`); `sleep` is there for tests, to
    record the waits rather than wait.
    """

    def __init__(
        self,
        options: FetchOptions,
        *,
        allowed: Callable[[str], bool] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        resolve: Resolver = socket.getaddrinfo,
    ) -> None:
        self.options = options
        self._sleep = sleep
        if allowed is None:
            allowed = _any_address if options.allow_private else is_public
        self._client = httpx.Client(
            transport=_guarded_transport(allowed, resolve),
            timeout=httpx.Timeout(options.timeout),
            headers={
                "User-Agent": options.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",  # what _decoder reads, with a bound
            },
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would dodge the address check
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | WirewatchError] = {}
        self._interval: dict[str, float] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Fetched:
        """GET `url`, following redirects, each hop checked as the first was."""
        return self._get(url, self.options.max_redirects, self.options.max_bytes, robots=True)

    def _get(self, url: str, redirects: int, limit: int, *, robots: bool) -> Fetched:
        current, seen = url, set[str]()
        for _ in range(redirects + 1):
            target = checked_url(current)
            if str(target) in seen:
                raise WirewatchError("WW114", f"a loop back to {target}", source=url)
            seen.add(str(target))
            if robots:
                self._check_robots(target, url)
            status, location, body = self._request(target, url, limit, truncate=not robots)
            if location is None:
                return self._finish(url, target, status, body)
            current = urljoin(str(target), location)
        raise WirewatchError("WW114", f"more than {redirects}", source=url)

    def _finish(
        self, url: str, target: httpx.URL, status: int, body: tuple[bytes, str | None]
    ) -> Fetched:
        if not 200 <= status < 300:
            raise StatusError(status, f"HTTP {status} from {target}", source=url)
        content, media_type = body
        now = dt.datetime.now(dt.UTC)
        return Fetched(url, str(target), status, content, media_type, now)

    def _request(
        self, target: httpx.URL, url: str, limit: int, *, truncate: bool
    ) -> tuple[int, str | None, tuple[bytes, str | None]]:
        """One request: (status, redirect location or None, (body, media type))."""
        host = target.host
        self._wait_for(host)
        started = time.monotonic()
        try:
            with self._client.stream("GET", target) as response:
                location = response.headers.get("location")
                if response.status_code in REDIRECTS and location:
                    return response.status_code, location, (b"", None)
                content = self._body(response, url, limit, started, truncate=truncate)
                return response.status_code, None, (content, response.headers.get("content-type"))
        except httpx.TimeoutException as exc:
            raise WirewatchError("WW116", f"{type(exc).__name__} from {host}", source=url) from exc
        except httpx.DecodingError as exc:
            raise WirewatchError("WW119", str(exc), source=url) from exc
        except (httpx.HTTPError, httpx.StreamError, OSError, zlib.error) as exc:
            # A broken connection, a protocol error, TLS: whatever a hostile or broken
            # server can cause is this URL's failure, never the run's.
            code = "WW119" if isinstance(exc, zlib.error) else "WW117"
            raise WirewatchError(code, f"{type(exc).__name__}: {exc}", source=url) from exc
        except WirewatchError as exc:
            if exc.source == url:
                raise
            # The address guard names the host; the user gave a URL.
            raise WirewatchError(exc.code, exc.detail, source=url) from exc
        finally:
            self._last[host] = time.monotonic()

    def _body(
        self, response: httpx.Response, url: str, limit: int, started: float, *, truncate: bool
    ) -> bytes:
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding", "")
        if declared.isdigit() and int(declared) > limit and not truncate and not encoding:
            raise WirewatchError("WW103", f"{int(declared):,} bytes, over {limit:,}", source=url)
        deadline = started + DEADLINE_TIMEOUTS * self.options.timeout
        out = bytearray()
        # Raw chunks as they arrive (not gathered to a size), so the deadline is seen.
        decoded = _bounded_chunks(response.iter_raw(), _decoder(encoding, url), limit)
        for chunk in decoded:
            out += chunk
            if len(out) > limit:
                if truncate:
                    return bytes(out[:limit])
                raise WirewatchError("WW103", f"over {limit:,} bytes", source=url)
            if time.monotonic() > deadline:
                raise WirewatchError("WW116", "the response took too long", source=url)
        return bytes(out)

    # --- politeness -----------------------------------------------------------------

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is None:
            return
        interval = self._interval.get(host, self.options.delay)
        wait = last + interval - time.monotonic()
        if wait > 0:
            log.debug("waiting %.2f s for %s", wait, host)
            self._sleep(wait)

    def _check_robots(self, target: httpx.URL, url: str) -> None:
        origin = _origin(target)
        if origin not in self._robots:
            self._robots[origin] = rules = self._load_robots(origin)
            if not isinstance(rules, WirewatchError):
                self._interval[target.host] = self._host_interval(rules)
        rules = self._robots[origin]
        if isinstance(rules, WirewatchError):
            raise WirewatchError(rules.code, rules.detail, source=url)
        if not rules.can_fetch(self.options.user_agent, str(target)):
            raise WirewatchError("WW113", f"{target} is disallowed", source=url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | WirewatchError:
        """robots.txt as RFC 9309 reads it, once per origin.

        A 4xx (or too many redirects) means no rules. A 5xx, or no answer at all,
        means nothing may be fetched: kept as the error that says why, so every
        URL of a host that is down fails at once instead of waiting on it again.
        """
        rules = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            fetched = self._get(
                f"{origin}/robots.txt", ROBOTS_REDIRECTS, ROBOTS_MAX_BYTES, robots=False
            )
        except StatusError as exc:
            if exc.status >= 500:
                return WirewatchError("WW113", f"robots.txt answered HTTP {exc.status}")
            rules.parse([])
            return rules
        except WirewatchError as exc:
            if exc.code == "WW114":
                rules.parse([])
                return rules
            log.info("%s/robots.txt: %s", origin, exc.describe())
            return WirewatchError(exc.code, f"robots.txt: {exc.detail}")
        rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        return rules

    def _host_interval(self, rules: urllib.robotparser.RobotFileParser) -> float:
        agent = self.options.user_agent
        asked = float(rules.crawl_delay(agent) or 0)
        rate = rules.request_rate(agent)
        if rate is not None and rate.requests > 0:
            asked = max(asked, rate.seconds / rate.requests)
        return max(self.options.delay, min(asked, MAX_INTERVAL))
