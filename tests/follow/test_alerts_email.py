"""Alert and share e-mails through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.follow.receivers import SmtpServer, free_port
from wirewatch.cli import main
from wirewatch.errors import WirewatchError
from wirewatch.model import Analysis
from wirewatch.store import open_store
from wirewatch.watch import email
from wirewatch.watch.follows import FeedEntry, Follow, Reason

ENTRY = FeedEntry(
    key="k" * 64,
    follow="tr",
    article_id="a" * 64,
    story_id="s",
    title="Turkey & Russia <agree>",
    url="https://example.org/story",
    published=dt.date(2016, 7, 4),
    matched=dt.datetime(2016, 7, 4, 12, tzinfo=dt.UTC),
    reasons=(Reason("event", "Turkey -> 030 -> Russia", "Turkey said it would <cooperate>.", 0),),
    outlets=("https://other.example/copy",),
)
FOLLOW = Follow("tr", "actors", "TUR,RUS", "email", "analyst@example.org", id=1)


def _config(smtp: SmtpServer) -> email.SmtpConfig:
    return email.SmtpConfig("127.0.0.1", smtp.port, tls="none", sender="ww@example.org")


def test_an_alert_has_text_and_html_parts_with_the_evidence_and_other_outlets(
    smtp: SmtpServer,
) -> None:
    message = email.alert_message(FOLLOW, [ENTRY], sender="ww@example.org", base_url=None)
    email.send(_config(smtp), message)
    [got] = smtp.messages
    assert got["Subject"] == "[wirewatch] tr: Turkey & Russia <agree>"
    assert got["Message-ID"] == f"<{'k' * 64}.1@wirewatch>"
    text = got.get_body(("plain",))
    page = got.get_body(("html",))
    assert text is not None and page is not None
    assert "Turkey said it would <cooperate>." in text.get_content()
    assert "https://other.example/copy" in text.get_content()
    html = page.get_content()
    assert "&lt;cooperate&gt;" in html and "<cooperate>" not in html
    assert 'href="https://example.org/story"' in html
    assert smtp.handler.envelopes == [("ww@example.org", ["analyst@example.org"])]


def test_links_point_at_the_base_url_when_it_is_set() -> None:
    message = email.alert_message(FOLLOW, [ENTRY], sender="x@y.z", base_url="https://ww.test/")
    text = message.get_body(("plain",))
    assert text is not None
    assert f"https://ww.test/articles/{'a' * 64}" in text.get_content()


def test_a_digest_is_one_message_for_several_stories(smtp: SmtpServer) -> None:
    daily = Follow("tr", "actors", "TUR,RUS", "email", "analyst@example.org", mode="daily")
    second = FeedEntry(**{**_fields(ENTRY), "key": "m" * 64, "title": "Second story"})
    message = email.alert_message(daily, [ENTRY, second], sender="a@b.c", base_url=None)
    email.send(_config(smtp), message)
    [got] = smtp.messages
    assert "2 stories (daily digest)" in got["Subject"]
    assert got["X-Wirewatch-Key"] == f"{'k' * 64},{'m' * 64}"


def _fields(entry: FeedEntry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in entry.__slots__}  # type: ignore[attr-defined]


def test_a_server_that_cannot_be_reached_is_ww755() -> None:
    config = email.SmtpConfig("127.0.0.1", free_port(), tls="none", timeout=2)
    with pytest.raises(WirewatchError) as caught:
        email.send(config, email.share_message(ENTRY, "a@b.test", sender="c@d.test", base_url=None))
    assert caught.value.code == "WW755"


def test_starttls_to_a_server_without_it_fails_cleanly(smtp: SmtpServer) -> None:
    config = email.SmtpConfig("127.0.0.1", smtp.port, tls="starttls", timeout=5)
    with pytest.raises(WirewatchError) as caught:
        email.send(config, email.share_message(ENTRY, "a@b.test", sender="c@d.test", base_url=None))
    assert caught.value.code == "WW755"
    assert smtp.messages == []


def test_share_sends_one_stored_article(
    tmp_path: Path, alert_env: SmtpServer, seed_analysis_for_follows: Analysis
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(db) as store:
        store.add(seed_analysis_for_follows, story_id=seed_analysis_for_follows.id)
    prefix = seed_analysis_for_follows.id[:10]
    result = CliRunner().invoke(main, ["share", prefix, "--to", "friend@example.org", "--db", db])
    assert result.exit_code == 0, result.output
    [got] = alert_env.messages
    assert got["To"] == "friend@example.org"
    assert seed_analysis_for_follows.article.title in got["Subject"]
    result = CliRunner().invoke(main, ["share", "ffff", "--to", "friend@example.org", "--db", db])
    assert result.exit_code == 2 and "WW758" in result.output


def test_share_without_an_smtp_server_is_ww757(tmp_path: Path, alert_env: SmtpServer) -> None:
    env = {"WIREWATCH_SMTP_HOST": ""}
    result = CliRunner(env=env).invoke(main, ["share", "ab", "--to", "a@b.test", "--db", "x.db"])
    assert result.exit_code == 2 and "WW757" in result.output
