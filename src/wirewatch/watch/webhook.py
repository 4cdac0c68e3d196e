"""Webhooks: an alert as a JSON POST, signed with the follow's secret.

The body is signed with HMAC-SHA256 over its exact bytes, and the signature sent as
`X-Wirewatch-Signature: sha256=<hex>`; a receiver recomputes it with the secret it
was given and compares in constant time (`verify`). Every alert in a body carries
its idempotency key, and `X-Wirewatch-Key` repeats it, so that a receiver can drop
the rare repeat a crash between sending and recording can cause.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from typing import Any

import httpx

from wirewatch import __version__
from wirewatch.errors import WirewatchError
from wirewatch.watch.email import article_link
from wirewatch.watch.follows import FeedEntry, Follow

__all__ = ["SCHEMA", "SIGNATURE_HEADER", "body", "post", "signature", "verify"]

SCHEMA = "wirewatch.alert/1"
SIGNATURE_HEADER = "X-Wirewatch-Signature"
KEY_HEADER = "X-Wirewatch-Key"


def body(follow: Follow, entries: Sequence[FeedEntry], *, base_url: str | None) -> bytes:
    """The JSON body: the follow, and one alert per story (a digest has several)."""
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "follow": {
            "name": follow.name,
            "kind": follow.kind,
            "value": follow.value,
            "mode": follow.mode,
        },
        "alerts": [_alert(entry, base_url) for entry in entries],
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _alert(entry: FeedEntry, base_url: str | None) -> dict[str, Any]:
    return {
        "key": entry.key,
        "story": entry.story_id,
        "article": entry.article_id,
        "title": entry.title,
        "url": entry.url,
        "link": article_link(entry, base_url),
        "published": entry.published.isoformat() if entry.published else None,
        "matched": entry.matched.isoformat(),
        "reasons": [reason.to_json() for reason in entry.reasons],
        "outlets": list(entry.outlets),
    }


def signature(secret: str, content: bytes) -> str:
    """The header's value: `sha256=` and the hex HMAC-SHA256 of the body."""
    digest = hmac.new(secret.encode("utf-8"), content, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, content: bytes, header: str | None) -> bool:
    """Whether a received body carries the signature `secret` makes (what a receiver does)."""
    if not header:
        return False
    return hmac.compare_digest(signature(secret, content), header.strip())


def post(url: str, content: bytes, *, secret: str, keys: Sequence[str], timeout: float) -> None:
    """POST the body; WW756 unless the receiver answers 2xx."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"wirewatch/{__version__}",
        SIGNATURE_HEADER: signature(secret, content),
        KEY_HEADER: ",".join(keys),
    }
    try:
        response = httpx.post(
            url, content=content, headers=headers, timeout=timeout, follow_redirects=False
        )
    except httpx.HTTPError as exc:
        raise WirewatchError("WW756", f"{type(exc).__name__}: {exc}", source=url) from exc
    if not 200 <= response.status_code < 300:
        raise WirewatchError("WW756", f"HTTP {response.status_code}", source=url)
