"""Webhooks: signed JSON POSTs to a real HTTP server on loopback that verifies them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.follow.conftest import SECRET
from tests.follow.receivers import HookServer, free_port
from wirewatch.errors import WirewatchError
from wirewatch.watch import webhook
from wirewatch.watch.follows import FeedEntry, Follow, Reason

ENTRY = FeedEntry(
    key="k" * 64,
    follow="hook",
    article_id="a" * 64,
    story_id="s",
    title="Turkey and Russia",
    url=None,
    published=None,
    matched=dt.datetime(2016, 7, 4, tzinfo=dt.UTC),
    reasons=(Reason("entity", "Islamic State (ORG)", "Islamic State was named.", 1),),
)
FOLLOW = Follow("hook", "entity", "Islamic State", "webhook", "http://127.0.0.1/")


def test_the_signature_is_an_hmac_sha256_of_the_body() -> None:
    body = webhook.body(FOLLOW, [ENTRY], base_url=None)
    header = webhook.signature(SECRET, body)
    assert header.startswith("sha256=") and len(header) == 7 + 64
    assert webhook.verify(SECRET, body, header)
    assert not webhook.verify("other", body, header)
    assert not webhook.verify(SECRET, body + b" ", header)
    assert not webhook.verify(SECRET, body, None)


def test_a_receiver_gets_the_alert_with_its_key_and_verifies_it(hooks: HookServer) -> None:
    body = webhook.body(FOLLOW, [ENTRY], base_url="https://ww.test")
    webhook.post(hooks.url, body, secret=SECRET, keys=[ENTRY.key], timeout=5)
    [got] = hooks.hooks.accepted
    assert got["schema"] == "wirewatch.alert/1"
    [alert] = got["alerts"]
    assert alert["key"] == ENTRY.key
    assert alert["link"] == f"https://ww.test/articles/{'a' * 64}"
    assert alert["reasons"][0]["sentence"] == "Islamic State was named."
    assert hooks.hooks.keys == [ENTRY.key]
    assert json.loads(body) == got


def test_a_wrong_secret_or_a_failing_receiver_is_ww756(hooks: HookServer) -> None:
    body = webhook.body(FOLLOW, [ENTRY], base_url=None)
    with pytest.raises(WirewatchError) as caught:
        webhook.post(hooks.url, body, secret="wrong", keys=[ENTRY.key], timeout=5)
    assert caught.value.code == "WW756" and "401" in caught.value.detail
    hooks.hooks.fail_first = 1
    with pytest.raises(WirewatchError):
        webhook.post(hooks.url, body, secret=SECRET, keys=[ENTRY.key], timeout=5)
    webhook.post(hooks.url, body, secret=SECRET, keys=[ENTRY.key], timeout=5)
    assert len(hooks.hooks.accepted) == 1 and hooks.hooks.bad_signatures == 1


def test_a_receiver_that_is_not_there_is_ww756() -> None:
    url = f"http://127.0.0.1:{free_port()}/hook"
    with pytest.raises(WirewatchError) as caught:
        webhook.post(url, b"{}", secret=SECRET, keys=["k"], timeout=2)
    assert caught.value.code == "WW756"
