"""`wirewatch run` with follows, against real receivers on loopback: each alert
arrives exactly once, whatever brings its story again, and a receiver that fails
and recovers gets it once; imported watchlists are screened during the run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.follow.conftest import SECRET
from tests.follow.receivers import HookServer, SmtpServer
from wirewatch.cli import main
from wirewatch.store import open_store


def _cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture
def seed_page(tmp_path: Path, seed_text: bytes) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "reuters.txt").write_bytes(seed_text)
    return folder


def _follow_tur_rus(db: str, hooks: HookServer) -> None:
    status, output = _cli(
        "follow", "add", "--name", "tr-mail", "--actors", "TUR,RUS",
        "--email", "analyst@example.org", "--db", db,
    )  # fmt: skip
    assert status == 0, output
    status, output = _cli(
        "follow", "add", "--name", "tr-hook", "--actors", "TUR,RUS",
        "--webhook", hooks.url, "--secret", SECRET, "--db", db,
    )  # fmt: skip
    assert status == 0, output


def test_a_follow_on_tur_rus_sends_one_email_and_one_webhook_and_a_rerun_sends_nothing(
    seed_page: Path, store_url: str, alert_env: SmtpServer, hooks: HookServer
) -> None:
    _follow_tur_rus(store_url, hooks)
    status, output = _cli("run", seed_page, "--db", store_url, "--no-progress")
    assert status == 0, output
    assert len(alert_env.messages) == 1
    message = alert_env.messages[0]
    assert message["To"] == "analyst@example.org"
    assert "Turkey and Russia" in message["Subject"]
    text = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert text is not None and page is not None
    assert "Turkey said on Monday it wanted to cooperate with Moscow" in text.get_content()
    assert "<q>" in page.get_content()
    assert len(hooks.hooks.accepted) == 1
    assert hooks.hooks.bad_signatures == 0
    alert = hooks.hooks.accepted[0]["alerts"][0]
    assert alert["reasons"][0]["kind"] == "event"
    status, output = _cli("run", seed_page, "--db", store_url, "--no-progress")
    assert status == 0, output
    assert len(alert_env.messages) == 1
    assert hooks.hooks.attempts == 1
    with open_store(store_url) as store:
        assert [a.status for a in store.alerts()] == ["sent", "sent"]


def test_the_same_story_from_another_outlet_alerts_no_one_again(
    seed_page: Path, seed_text: bytes, store_url: str, alert_env: SmtpServer, hooks: HookServer
) -> None:
    _follow_tur_rus(store_url, hooks)
    assert _cli("run", seed_page, "--db", store_url, "--no-progress")[0] == 0
    edited = seed_text.replace(b"Turkey", b"Turkiye", 1) + b"\n\nEditing by another desk.\n"
    (seed_page / "other-outlet.txt").write_bytes(edited)
    status, output = _cli("run", seed_page, "--db", store_url, "--no-progress")
    assert status == 0, output
    assert "added      1 articles, 0 of them new stories" in output
    assert len(alert_env.messages) == 1
    assert len(hooks.hooks.accepted) == 1


def test_a_receiver_that_fails_and_recovers_gets_each_alert_exactly_once(
    seed_page: Path, store_url: str, alert_env: SmtpServer, hooks: HookServer
) -> None:
    hooks.hooks.fail_first = 2
    _follow_tur_rus(store_url, hooks)
    status, output = _cli("run", seed_page, "--db", store_url, "--no-progress")
    assert status == 0, output
    assert hooks.hooks.accepted == []
    with open_store(store_url) as store:
        pending = store.alerts(follow="tr-hook")[0]
        assert (pending.status, pending.attempts) == ("pending", 1)
        assert pending.last_error is not None and "HTTP 503" in pending.last_error
    status, output = _cli("alerts", "send", "--wait", "--db", store_url)
    assert status == 1, output  # the second attempt failed too; the third got through
    assert len(hooks.hooks.accepted) == 1
    assert hooks.hooks.attempts == 3
    assert len(set(hooks.hooks.keys)) == 1  # every attempt carried the same key
    assert _cli("alerts", "send", "--wait", "--db", store_url)[0] == 0
    assert _cli("run", seed_page, "--db", store_url, "--no-progress")[0] == 0
    assert len(hooks.hooks.accepted) == 1
    assert len(alert_env.messages) == 1
    with open_store(store_url) as store:
        sent = store.alerts(follow="tr-hook")[0]
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 3, None)
    assert hooks.hooks.accepted_keys() == [sent.key]


def test_a_receiver_that_never_recovers_leaves_a_failed_alert_with_its_reason(
    seed_page: Path, tmp_path: Path, alert_env: SmtpServer, hooks: HookServer
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    hooks.hooks.fail_first = 100
    _follow_tur_rus(db, hooks)
    _cli("run", seed_page, "--db", db, "--no-progress")
    status, _output = _cli("alerts", "send", "--wait", "--db", db)
    assert status == 1
    assert hooks.hooks.attempts == 4  # WIREWATCH_ALERT_ATTEMPTS
    status, output = _cli("alerts", "status", "--status", "failed", "--db", db)
    assert status == 0
    assert "failed 1" in output and "HTTP 503" in output
    hooks.hooks.fail_first = 0
    assert _cli("alerts", "send", "--retry-failed", "--db", db)[0] == 0
    assert len(hooks.hooks.accepted) == 1


def test_run_screens_against_an_imported_watchlist_and_alerts_its_follow(
    seed_page: Path, store_url: str, alert_env: SmtpServer, un_list: Path
) -> None:
    status, output = _cli("watchlist", "import", un_list, "--name", "un", "--db", store_url)
    assert status == 0, output
    status, output = _cli(
        "follow", "add", "--name", "sanctioned", "--watchlist", "un",
        "--email", "desk@example.org", "--db", store_url,
    )  # fmt: skip
    assert status == 0, output
    assert _cli("run", seed_page, "--db", store_url, "--no-progress")[0] == 0
    with open_store(store_url) as store:
        hits = store.watchlist_hits()
    assert [(h.entity_name, h.ref) for h in hits] == [("Akhmed Chatayev", "QDi.365")]
    assert hits[0].sentence is not None and "Chatayev" in hits[0].sentence
    assert len(alert_env.messages) == 1
    body = alert_env.messages[0].get_body(("plain",))
    assert body is not None and "QDi.365" in body.get_content()


def test_no_alerts_enqueues_without_sending(
    seed_page: Path, tmp_path: Path, alert_env: SmtpServer, hooks: HookServer
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    _follow_tur_rus(db, hooks)
    assert _cli("run", seed_page, "--db", db, "--no-progress", "--no-alerts")[0] == 0
    assert alert_env.messages == [] and hooks.hooks.attempts == 0
    assert _cli("alerts", "send", "--db", db)[0] == 0
    assert len(alert_env.messages) == 1 and len(hooks.hooks.accepted) == 1
