"""`wirewatch follow`, `alerts`, `feed` and `share`: saved queries, their outbox,
their Atom feeds, and one article sent by e-mail. See docs/follows.md."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import click

from wirewatch import settings
from wirewatch.cli._app import EXIT_OK, EXIT_SOME_FAILED, main, print_json, set_up_streams
from wirewatch.cli.store import db_option, json_option
from wirewatch.errors import WirewatchError
from wirewatch.store import open_store
from wirewatch.watch import email
from wirewatch.watch.feed import render_atom
from wirewatch.watch.follows import MODES, STATUSES, Alert, Follow, validate
from wirewatch.watch.outbox import AlertConfig, SendReport, send_all, send_due

# The query options of `follow add`: option name -> the follow's kind.
QUERY_KINDS = {
    "entity": "entity",
    "actors": "actors",
    "root": "root",
    "plover": "plover",
    "query": "query",
    "country": "country",
    "watchlist": "watchlist",
}


@main.group("follow")
def follow_group() -> None:
    """Save, list and remove follows: queries whose new matches are sent to you.

    A follow names an entity, an actor pair, a CAMEO root, a PLOVER event, search
    words, a country or an imported watchlist, and a channel (e-mail, webhook or
    an Atom feed). `wirewatch run` matches every new article against the follows
    and puts one alert per follow and story in the outbox. See docs/follows.md.

    Exit status: 0 on success, 2 for a follow that cannot be added or found.
    """


@follow_group.command("add")
@click.option("--name", required=True, help="The follow's name, unique in the store.")
@click.option("--entity", metavar="NAME|ID", help="Follow an entity, by name or stored id.")
@click.option("--actors", metavar="A[,B]", help="Follow events between actors (TUR,RUS).")
@click.option("--root", metavar="NN", help="Follow events of a CAMEO root code (01-20).")
@click.option("--plover", metavar="EVENT", help="Follow events of a PLOVER type (COOPERATE).")
@click.option("--query", metavar="TEXT", help="Follow articles matching search words.")
@click.option("--country", metavar="ISO3", help="Follow events and entities of a country.")
@click.option("--watchlist", metavar="NAME", help="Follow hits of an imported watchlist.")
@click.option("--email", "email_to", metavar="ADDRESS", help="Send alerts to this address.")
@click.option("--webhook", metavar="URL", help="POST alerts as signed JSON to this URL.")
@click.option("--feed", is_flag=True, help="Keep alerts for the follow's Atom feed only.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="immediate",
    show_default=True,
    help="Send each alert as it comes, or a daily or weekly digest.",
)
@click.option(
    "--one-way",
    is_flag=True,
    help="With --actors A,B: only A acting on B (default: either direction).",
)
@click.option("--secret", help="The webhook's signing secret (default: a random one).")
@db_option
def follow_add(
    name: str,
    email_to: str | None,
    webhook: str | None,
    feed: bool,
    mode: str,
    one_way: bool,
    secret: str | None,
    db_url: str | None,
    **queries: str | None,
) -> None:
    """Save a follow: one query option and one channel option.

    The webhook's signing secret is printed once, here; keep it to verify the
    X-Wirewatch-Signature of what wirewatch POSTs (docs/follows.md).

    Exit status: 0 when the follow was saved, 2 when it is not valid (WW751,
    WW752) or its name is taken (WW750).
    """
    kind, value = _one_query(queries)
    channel, target = _one_channel(email_to, webhook, feed)
    if channel == "webhook" and secret is None:
        secret = secrets.token_hex(32)
    follow = Follow(name, kind, value, channel, target, mode=mode, either=not one_way)
    with open_store(db_url) as store:
        saved = store.add_follow(follow, secret=secret if channel == "webhook" else None)
    click.echo(f"follow {saved.name!r} added: {saved.describe()} -> {_channel(saved)}")
    if channel == "webhook":
        click.echo(f"webhook secret (shown once): {secret}")


def _one_query(queries: dict[str, str | None]) -> tuple[str, str]:
    given = [(QUERY_KINDS[k], v) for k, v in queries.items() if v is not None]
    if len(given) != 1:
        options = ", ".join(f"--{k}" for k in QUERY_KINDS)
        raise click.UsageError(f"give exactly one of {options}")
    return given[0]


def _one_channel(email_to: str | None, webhook: str | None, feed: bool) -> tuple[str, str | None]:
    given = [
        (channel, target)
        for channel, target, on in (
            ("email", email_to, email_to is not None),
            ("webhook", webhook, webhook is not None),
            ("feed", None, feed),
        )
        if on
    ]
    if len(given) != 1:
        raise click.UsageError("give exactly one of --email, --webhook, --feed")
    return given[0]


def _channel(follow: Follow) -> str:
    where = f" {follow.target}" if follow.target else ""
    mode = "" if follow.mode == "immediate" else f" ({follow.mode} digest)"
    return f"{follow.channel}{where}{mode}"


@follow_group.command("list")
@json_option
@db_option
def follow_list(as_json: bool, db_url: str | None) -> None:
    """List the follows, oldest first: name, query and channel.

    Exit status: 0, or 2 when the store cannot be opened.
    """
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        follows = store.follows()
    for follow in follows:
        if as_json:
            print_json(follow.to_json())
        else:
            click.echo(f"{follow.name}\t{follow.describe()}\t{_channel(follow)}")


@follow_group.command("remove")
@click.argument("name")
@db_option
def follow_remove(name: str, db_url: str | None) -> None:
    """Remove the follow NAME, with its matches and its alerts in the outbox.

    Exit status: 0 when it was removed, 2 when there is no such follow (WW753).
    """
    with open_store(db_url, create=False) as store:
        if not store.remove_follow(name):
            raise WirewatchError("WW753", name)
    click.echo(f"follow {name!r} removed")


@main.group("alerts")
def alerts_group() -> None:
    """Deliver the outbox's alerts and show how delivery went.

    `wirewatch run` delivers due alerts itself; `alerts send` delivers what is due
    (retries after a failure, digests at their hour), and `alerts status` shows
    what is pending, sent and failed, with the reasons.

    Exit status: 0 when nothing failed, 1 when a delivery failed, 2 when the
    store cannot be opened.
    """


@alerts_group.command("send")
@click.option("--follow", "follow_name", metavar="NAME", help="Only this follow's alerts.")
@click.option(
    "--wait",
    is_flag=True,
    help="Wait for each retry to fall due and try it, until every immediate alert is "
    "sent or has failed WIREWATCH_ALERT_ATTEMPTS times.",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="First put alerts that failed back in the queue with fresh attempts.",
)
@db_option
def alerts_send(
    follow_name: str | None, wait: bool, retry_failed: bool, db_url: str | None
) -> None:
    """Deliver the alerts that are due: by e-mail (WIREWATCH_SMTP_*), or as signed
    webhook POSTs, each once; a failure is retried with exponential backoff
    (WIREWATCH_ALERT_BACKOFF) up to WIREWATCH_ALERT_ATTEMPTS times.

    Exit status: 0 when no delivery failed, 1 when one did (the reasons are on
    standard error and in `wirewatch alerts status`), 2 when the store cannot be
    opened.
    """
    config = AlertConfig.from_settings(settings.load())
    with open_store(db_url, create=False) as store:
        if follow_name is not None and store.follow(follow_name) is None:
            raise WirewatchError("WW753", follow_name)
        if retry_failed:
            store.retry_failed(follow_name)
        if wait:
            report = send_all(store, config, follow=follow_name)
        else:
            report = send_due(store, config, follow=follow_name)
        counts = store.alert_counts()
    _report(report, counts)
    sys.exit(EXIT_SOME_FAILED if report.failed_attempts else EXIT_OK)


def _report(report: SendReport, counts: dict[str, int]) -> None:
    for line in report.errors:
        click.echo(f"wirewatch: {line}", err=True)
    click.echo(
        f"alerts: {report.sent} sent, {report.failed_attempts} failed attempts, "
        f"{report.gave_up} given up; outbox: {counts['pending']} pending, "
        f"{counts['sent']} sent, {counts['failed']} failed",
        err=True,
    )


@alerts_group.command("status")
@click.option("--follow", "follow_name", metavar="NAME", help="Only this follow's alerts.")
@click.option("--status", type=click.Choice(STATUSES), help="Only alerts of this status.")
@click.option(
    "--limit",
    type=click.IntRange(1, 10_000),
    default=50,
    show_default=True,
    help="How many alerts to list, newest first.",
)
@json_option
@db_option
def alerts_status(
    follow_name: str | None, status: str | None, limit: int, as_json: bool, db_url: str | None
) -> None:
    """Show the outbox: how many alerts are pending, sent and failed, then the
    newest alerts with their attempts and last error.

    Exit status: 0, or 2 when the store cannot be opened.
    """
    set_up_streams(as_json)
    with open_store(db_url, create=False) as store:
        counts = store.alert_counts()
        alerts = store.alerts(follow_name, status, limit)
    if as_json:
        for alert in alerts:
            print_json(alert.to_json())
        return
    click.echo(f"pending {counts['pending']}  sent {counts['sent']}  failed {counts['failed']}")
    for alert in alerts:
        click.echo(_alert_line(alert))


def _alert_line(alert: Alert) -> str:
    when = (alert.sent or alert.created).isoformat(timespec="seconds")
    error = f"  [{alert.last_error}]" if alert.last_error else ""
    return (
        f"{alert.status:<8} {when}  {alert.follow}  {alert.title}  "
        f"(attempts {alert.attempts}, key {alert.key[:12]}){error}"
    )


@main.command("feed")
@click.argument("name")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the feed to this file (default: standard output).",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=50,
    show_default=True,
    help="How many of the newest stories the feed holds.",
)
@db_option
def feed_command(name: str, output: str | None, limit: int, db_url: str | None) -> None:
    """Print the Atom feed of the follow NAME: the newest stories it matched, each
    with why. Links point at WIREWATCH_BASE_URL when it is set.

    Exit status: 0, or 2 when there is no such follow (WW753) or no store.
    """
    config = settings.load()
    with open_store(db_url, create=False) as store:
        follow = store.follow(name)
        if follow is None:
            raise WirewatchError("WW753", name)
        entries = store.feed_entries(name, limit)
    document = render_atom(follow, entries, base_url=str(config.base_url) or None)
    if output is None:
        click.echo(document.decode("utf-8"), nl=False)
    else:
        Path(output).write_bytes(document)


@main.command("share")
@click.argument("article")
@click.option("--to", "to", required=True, metavar="ADDRESS", help="The address to send to.")
@click.option("--note", default="", help="A line to put above the article.")
@db_option
def share_command(article: str, to: str, note: str, db_url: str | None) -> None:
    """Send one stored article by e-mail: its headline, date, link and the story's
    other outlets. ARTICLE is an article id or a unique prefix of one (`wirewatch
    search` prints them).

    Exit status: 0 when the message was sent, 2 when the article is unknown
    (WW758), e-mail is not configured (WW757) or the server refused it (WW755).
    """
    config = settings.load()
    smtp = email.SmtpConfig.from_settings(config)
    _check_address(to)
    with open_store(db_url, create=False) as store:
        entry = store.article_entry(article)
    base_url = str(config.base_url) or None
    message = email.share_message(entry, to, sender=smtp.sender, base_url=base_url, note=note)
    email.send(smtp, message)
    click.echo(f"sent {entry.title!r} to {to}")


def _check_address(address: str) -> None:
    """WW752 for what is not an e-mail address: the same check a follow's gets."""
    validate(Follow("share", "entity", "share", "email", address))
